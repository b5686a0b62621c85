// tests/amm_chain/_v3_plans.ts — one job: random V3 swap plans, and the same plan quoted by the
// local math and by QuoterV2.
import assert from "node:assert/strict";
import { type Address, BaseError, ContractFunctionRevertedError, type PublicClient } from "viem";
import {
  AmmError,
  getSqrtRatioAtTick,
  type V3PoolState,
  type V3Quote,
  v3QuoteExactInput,
  v3QuoteExactOutput,
  v3Swap,
} from "../../lib/amm/mod.ts";
import { quoterV2Abi } from "../../lib/devnet/mod.ts";
import type { Rng } from "./_rng.ts";
import type { V3PoolFixture } from "./_v3_world.ts";

/** A swap to quote or execute on one pool. */
export interface SwapPlan {
  readonly zeroForOne: boolean;
  readonly exactInput: boolean;
  /** The input (exact input) or the output (exact output), native units. */
  readonly amount: bigint;
  /** 0 for none, as QuoterV2 and SwapRouter take it. */
  readonly limit: bigint;
}

/** The V3 Swap event fields the local swap must reproduce. */
export interface SwapFields {
  readonly amount0: bigint;
  readonly amount1: bigint;
  readonly sqrtPriceX96: bigint;
  readonly liquidity: bigint;
  readonly tick: number;
}

/** One line naming a plan, for assertion messages. */
export function describePlan(p: SwapPlan): string {
  return `${p.exactInput ? "exact-in" : "exact-out"} ${p.amount} ${
    p.zeroForOne ? "token0→token1" : "token1→token0"
  }${p.limit === 0n ? "" : ` limit ${p.limit}`}`;
}

/**
 * A random swap aimed at a random price within `window` spacings of the pool's starting tick
 * (now and then exactly at a tick, mostly an initialized one): exact input or output, with or
 * without that price as the limit, sized from a fraction of what reaching it takes (so many
 * cross several narrow positions) up to several times it (so limited swaps stop at the limit);
 * now and then a tiny one.
 */
export function planSwap(pool: V3PoolFixture, state: V3PoolState, rng: Rng, window = 55): SwapPlan {
  const s = pool.tickSpacing;
  let target: number;
  do target = pool.centerTick + rng.int(-window * s, window * s); while (target === state.tick);
  const onTick = rng.chance(0.15);
  if (onTick) {
    // exactly on a tick, mostly an initialized one: where the tick bookkeeping is subtle
    const near = state.ticks.ticks().filter((t) =>
      t !== state.tick && Math.abs(t - pool.centerTick) <= window * s
    );
    target = near.length > 0 && rng.chance(0.7) ? rng.pick(near) : Math.round(target / s) * s;
    if (target === state.tick) target += s;
  }
  const zeroForOne = target < state.tick;
  const lowEdge = getSqrtRatioAtTick(target);
  let limit = onTick ? lowEdge : lowEdge + rng.below(getSqrtRatioAtTick(target + 1) - lowEdge);
  if (!zeroForOne && limit <= state.sqrtPriceX96) limit = state.sqrtPriceX96 + 1n;
  const reach = v3Swap(state, zeroForOne, 1n << 200n, limit);
  const needIn = zeroForOne ? reach.amount0 : reach.amount1;
  const outAt = -(zeroForOne ? reach.amount1 : reach.amount0);
  const roll = rng.float();
  if (roll < 0.05) {
    return { zeroForOne, exactInput: rng.chance(0.5), amount: BigInt(rng.int(1, 1000)), limit: 0n };
  }
  if (roll < 0.35) {
    return { zeroForOne, exactInput: true, amount: rng.scale(needIn, -12, 0), limit: 0n };
  }
  if (roll < 0.55) return { zeroForOne, exactInput: true, amount: rng.scale(needIn, -1, 3), limit };
  if (roll < 0.85) {
    return { zeroForOne, exactInput: false, amount: rng.scale(outAt, -12, 0), limit: 0n };
  }
  return { zeroForOne, exactInput: false, amount: rng.scale(outAt, -1, 3), limit };
}

/** A local quote (QuoterV2-shaped) or the AmmError that stands for QuoterV2's revert. */
export type LocalQuote = { ok: true; quote: V3Quote } | { ok: false; error: AmmError };

/** `v3QuoteExactInput/Output` on `state` for the plan. */
export function quoteLocal(state: V3PoolState, plan: SwapPlan): LocalQuote {
  try {
    const quote = plan.exactInput
      ? v3QuoteExactInput(state, plan.zeroForOne, plan.amount, plan.limit)
      : v3QuoteExactOutput(state, plan.zeroForOne, plan.amount, plan.limit);
    return { ok: true, quote };
  } catch (e) {
    if (e instanceof AmmError) return { ok: false, error: e };
    throw e;
  }
}

/** QuoterV2's answer, or its revert reason. */
export type ChainQuote =
  | { ok: true; amount: bigint; sqrtPriceX96After: bigint; initializedTicksCrossed: number }
  | { ok: false; reason: string };

/** QuoterV2 `quoteExactInputSingle` / `quoteExactOutputSingle` via eth_call, at a block. */
export async function quoteChain(
  client: PublicClient,
  quoter: Address,
  pool: V3PoolFixture,
  plan: SwapPlan,
  blockNumber?: bigint,
): Promise<ChainQuote> {
  const [tokenIn, tokenOut] = plan.zeroForOne
    ? [pool.token0.address, pool.token1.address]
    : [pool.token1.address, pool.token0.address];
  const at = blockNumber === undefined ? {} : { blockNumber };
  try {
    const result = plan.exactInput
      ? (await client.simulateContract({
        address: quoter,
        abi: quoterV2Abi,
        functionName: "quoteExactInputSingle",
        args: [{
          tokenIn,
          tokenOut,
          amountIn: plan.amount,
          fee: pool.fee,
          sqrtPriceLimitX96: plan.limit,
        }],
        ...at,
      })).result
      : (await client.simulateContract({
        address: quoter,
        abi: quoterV2Abi,
        functionName: "quoteExactOutputSingle",
        args: [{
          tokenIn,
          tokenOut,
          amount: plan.amount,
          fee: pool.fee,
          sqrtPriceLimitX96: plan.limit,
        }],
        ...at,
      })).result;
    return {
      ok: true,
      amount: result[0],
      sqrtPriceX96After: result[1],
      initializedTicksCrossed: result[2],
    };
  } catch (e) {
    const reverted = e instanceof BaseError &&
      e.walk((x) => x instanceof ContractFunctionRevertedError) !== null;
    if (!reverted) throw e;
    return { ok: false, reason: (e as BaseError).shortMessage };
  }
}

/** Asserts the local quote equals QuoterV2's to the last unit (or both revert). */
export function assertQuotesEqual(
  plan: SwapPlan,
  local: LocalQuote,
  chain: ChainQuote,
  where: string,
): void {
  if (!local.ok || !chain.ok) {
    assert.equal(
      local.ok,
      chain.ok,
      `${where}: ${
        local.ok ? "local quoted" : `local threw ${local.error.code} (${local.error.message})`
      } but QuoterV2 ${chain.ok ? `quoted ${chain.amount}` : `reverted (${chain.reason})`}`,
    );
    return;
  }
  const q = local.quote;
  assert.deepEqual(
    {
      amount: chain.amount,
      sqrtPriceX96After: chain.sqrtPriceX96After,
      initializedTicksCrossed: chain.initializedTicksCrossed,
    },
    {
      amount: plan.exactInput ? q.amountOut : q.amountIn,
      sqrtPriceX96After: q.sqrtPriceX96After,
      initializedTicksCrossed: q.initializedTicksCrossed,
    },
    `${where}: QuoterV2 (left) differs from the local quote`,
  );
}

/** The Swap event fields of a local swap result. */
export function swapFields(q: V3Quote): SwapFields {
  const { amount0, amount1, sqrtPriceX96, liquidity, tick } = q.swap;
  return { amount0, amount1, sqrtPriceX96, liquidity, tick };
}
