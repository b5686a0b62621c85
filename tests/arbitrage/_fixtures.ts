// tests/arbitrage/_fixtures.ts — independent reference computations and pool-update builders.
import {
  createV3PoolState,
  getSqrtRatioAtTick,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  v2AmountOut,
  v3ApplyMint,
  type V3PoolState,
  v3Swap,
} from "../../lib/amm/mod.ts";
import type { RouteHop } from "../../lib/arbitrage/mod.ts";
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import {
  bytesToHex,
  type GasPrice,
  type Hex,
  type PoolState,
  type PoolTick,
  TlvType,
} from "../../lib/protocol/mod.ts";

/**
 * Output of one hop computed straight from the AMM library (v2AmountOut / v3Swap), or undefined
 * when the pool cannot take the whole input — the reference the arbitrage code is checked against.
 */
export function referenceOut(hop: RouteHop, amountIn: bigint): bigint | undefined {
  if (amountIn === 0n) return 0n;
  if (hop.protocol === "v2") {
    const s = hop.state;
    const [rIn, rOut] = hop.zeroForOne ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
    try {
      return v2AmountOut(amountIn, rIn, rOut, s.feeBps);
    } catch {
      return undefined;
    }
  }
  const limit = hop.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
  try {
    const r = v3Swap(hop.state, hop.zeroForOne, amountIn, limit);
    const used = hop.zeroForOne ? r.amount0 : r.amount1;
    if (used !== amountIn) return undefined;
    return hop.zeroForOne ? -r.amount1 : -r.amount0;
  } catch {
    return undefined;
  }
}

/** Profit of a cycle route at `x` from the reference outputs; undefined when infeasible. */
export function referenceProfit(route: readonly RouteHop[], x: bigint): bigint | undefined {
  let v: bigint | undefined = x;
  for (const hop of route) {
    v = referenceOut(hop, v);
    if (v === undefined) return undefined;
  }
  return v - x;
}

/** The best profit over every input 1..max by brute force, and the least input reaching it. It
 * stops at the first input the route cannot take: every larger one fails too (each hop's output
 * is non-decreasing in its input). */
export function bruteForce(
  route: readonly RouteHop[],
  max: bigint,
): { profit: bigint; x: bigint } {
  let profit = 0n;
  let x = 0n;
  for (let i = 1n; i <= max; i++) {
    const p = referenceProfit(route, i);
    if (p === undefined) break;
    if (p > profit) {
      profit = p;
      x = i;
    }
  }
  return { profit, x };
}

/** A V3 pool at `tick` with the given positions minted. */
export function v3PoolAt(
  tick: number,
  fee: number,
  tickSpacing: number,
  positions: readonly { lower: number; upper: number; liquidity: bigint }[],
  priceOffset = 0n,
): V3PoolState {
  const pool = createV3PoolState({
    sqrtPriceX96: getSqrtRatioAtTick(tick) + priceOffset,
    fee,
    tickSpacing,
  });
  for (const p of positions) v3ApplyMint(pool, p.lower, p.upper, p.liquidity);
  return pool;
}

/** A distinct 20-byte address. */
export function address(n: number): Hex {
  return `0x${n.toString(16).padStart(40, "0")}`;
}

/** The 32-byte InstrumentId hex of pool number `n` on `venue` (ethereum). */
export function poolId(venue: string, n: number): Hex {
  return bytesToHex(instrumentToBytes(dexPool("ethereum", venue, address(0x100000 + n))));
}

/** A token of the synthetic markets. */
export interface TestToken {
  readonly address: Hex;
  readonly decimals: number;
}

export const WETH: TestToken = { address: address(0xe1), decimals: 18 };
export const USDC: TestToken = { address: address(0xe2), decimals: 6 };
export const DAI: TestToken = { address: address(0xe4), decimals: 18 };
export const LINK: TestToken = { address: address(0xf1), decimals: 18 };

/** A V2 PoolState value; the token with the lower address is token0, as on chain. */
export function v2State(
  id: Hex,
  a: TestToken,
  amountA: bigint,
  b: TestToken,
  amountB: bigint,
  feePips = 3000,
  blockNumber = 1n,
): PoolState {
  const [t0, r0, t1, r1] = a.address < b.address
    ? [a, amountA, b, amountB]
    : [b, amountB, a, amountA];
  return {
    pool: id,
    protocol: 1,
    token0: t0.address,
    token1: t1.address,
    decimals0: t0.decimals,
    decimals1: t1.decimals,
    fee: feePips,
    tickSpacing: 0,
    reserve0: r0,
    reserve1: r1,
    sqrtPriceX96: 0n,
    liquidity: 0n,
    tick: 0,
    blockNumber,
  };
}

/** A V3 PoolState value and its PoolTick values, from a pool state. */
export function v3Updates(
  id: Hex,
  token0: TestToken,
  token1: TestToken,
  pool: V3PoolState,
  blockNumber = 1n,
): { state: PoolState; ticks: PoolTick[] } {
  return {
    state: {
      pool: id,
      protocol: 2,
      token0: token0.address,
      token1: token1.address,
      decimals0: token0.decimals,
      decimals1: token1.decimals,
      fee: pool.fee,
      tickSpacing: pool.tickSpacing,
      reserve0: 0n,
      reserve1: 0n,
      sqrtPriceX96: pool.sqrtPriceX96,
      liquidity: pool.liquidity,
      tick: pool.tick,
      blockNumber,
    },
    ticks: [...pool.ticks.entries()].map((t) => ({ pool: id, ...t, blockNumber })),
  };
}

/** A GasPrice value on chain 1. */
export function gasPrice(wei: bigint): { type: typeof TlvType.GasPrice; value: GasPrice } {
  return {
    type: TlvType.GasPrice,
    value: { chainId: 1, blockNumber: 1n, blockTimestamp: 0n, baseFeeWei: wei, priorityFeeWei: 0n },
  };
}
