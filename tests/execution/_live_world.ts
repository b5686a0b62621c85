// tests/execution/_live_world.ts — a small real market on Anvil (WETH, USDC, USDT on two
// Uniswap V2 venues and Uniswap V3), an ArbitrageExecutor owned by a fresh account, and the
// helpers the live-execution tests share. Anvil is always stopped.
import { type Address, type Hex, parseAbi } from "viem";
import { createReadClient, PoolFrames, readPool } from "../../lib/chain/mod.ts";
import {
  type AnvilHandle,
  createDevnetClient,
  deployScenario,
  type DevnetClient,
  type ScenarioDeployment,
  type ScenarioPool,
  type ScenarioSpec,
  startAnvil,
  swapV2ExactIn,
  swapV3ExactInSingle,
  v2Venue,
  v3Venue,
} from "../../lib/devnet/mod.ts";
import {
  type ArbitrageDetection,
  ArbitrageDetector,
  type RouteHop,
  v2Hop,
  v3Hop,
} from "../../lib/arbitrage/mod.ts";
import { decodeTlvs, parseFrame } from "../../lib/protocol/mod.ts";
import { deployArbitrageExecutor } from "../../lib/devnet/mod.ts";

/** Three tokens, three pairs on both V2 venues, two V3 pools; no skew between venues. */
export const SPEC: ScenarioSpec = {
  tokens: [
    { symbol: "USDC", name: "USD Coin", decimals: 6, usdMicro: 1_000_000n },
    { symbol: "USDT", name: "Tether USD", decimals: 6, usdMicro: 1_000_000n },
  ],
  wethUsdMicro: 3_000_000_000n,
  v2Pairs: [
    { a: "WETH", b: "USDC", usdPerSide: 1_000_000n },
    { a: "USDC", b: "USDT", usdPerSide: 800_000n },
    { a: "WETH", b: "USDT", usdPerSide: 600_000n },
  ],
  v3Pools: [
    { a: "WETH", b: "USDC", fee: 500, usdPerSide: 600_000n },
    { a: "USDC", b: "USDT", fee: 500, usdPerSide: 500_000n },
  ],
  maxSkewPpm: 0,
};

/** The Anvil dev account (index) that owns the executor: only ether, no tokens. */
export const OWNER_INDEX = 9;

export interface World {
  readonly anvil: AnvilHandle;
  readonly scenario: ScenarioDeployment;
  /** Trader: moves prices through the routers. */
  readonly trader: DevnetClient;
  /** The executor's owner. */
  readonly owner: DevnetClient;
  readonly ownerKey: Hex;
  readonly executor: Address;
  readonly deployGas: bigint;
  token(symbol: string): Address;
  pool(venue: string, pair: string): ScenarioPool;
}

/** Runs `fn` on a fresh world, then stops Anvil. */
export async function withWorld<T>(fn: (w: World) => Promise<T>): Promise<T> {
  const anvil = await startAnvil();
  try {
    const scenario = await deployScenario(anvil, { spec: SPEC, traders: 1 });
    const ownerAccount = anvil.accounts[OWNER_INDEX]!;
    const owner = createDevnetClient(anvil, { account: ownerAccount });
    const deployed = await deployArbitrageExecutor(owner);
    const world: World = {
      anvil,
      scenario,
      trader: createDevnetClient(anvil, { account: scenario.accounts.traders[0]! }),
      owner,
      ownerKey: ownerAccount.privateKey,
      executor: deployed.address,
      deployGas: deployed.gasUsed,
      token: (symbol) => {
        const t = scenario.tokens.find((x) => x.symbol === symbol);
        if (t === undefined) throw new Error(`no token ${symbol}`);
        return t.address;
      },
      pool: (venue, pair) => {
        const p = scenario.pools.find((x) => x.venue === venue && x.pair === pair);
        if (p === undefined) throw new Error(`no pool ${venue} ${pair}`);
        return p;
      },
    };
    return await fn(world);
  } finally {
    await anvil.stop();
  }
}

/** Sells `amountIn` of `from` for `to` on a V2 venue through its router. */
export async function swapV2(
  w: World,
  venue: string,
  from: string,
  to: string,
  amountIn: bigint,
): Promise<void> {
  await swapV2ExactIn(w.trader, v2Venue(w.scenario.deployment, venue), {
    path: [w.token(from), w.token(to)],
    amountIn,
    amountOutMin: 0n,
  });
}

/** Sells `amountIn` of `from` for `to` on the V3 500 pool through SwapRouter. */
export async function swapV3(w: World, from: string, to: string, amountIn: bigint): Promise<void> {
  await swapV3ExactInSingle(w.trader, v3Venue(w.scenario.deployment, "uniswap_v3"), {
    tokenIn: w.token(from),
    tokenOut: w.token(to),
    fee: 500,
    amountIn,
    amountOutMin: 0n,
  });
}

/** A route hop on a pool as it is on chain now (exact state read through the RPC). */
export async function hopOn(w: World, pool: ScenarioPool, tokenIn: string): Promise<RouteHop> {
  const snap = await readPool(createReadClient(w.anvil.rpcUrl), pool.address);
  const zeroForOne = w.token(tokenIn).toLowerCase() === pool.token0.toLowerCase();
  return snap.protocol === "v2" ? v2Hop(snap.state, zeroForOne) : v3Hop(snap.state, zeroForOne);
}

/**
 * Feeds every pool's current on-chain state and the latest fees to a fresh ArbitrageDetector
 * (WETH native, USDC and USDT at 1 USD, cycles from USDC) and returns what it detects.
 */
export async function detect(
  w: World,
  options: { baseToken?: string; maxHops?: number } = {},
): Promise<readonly ArbitrageDetection[]> {
  const client = createReadClient(w.anvil.rpcUrl);
  const detector = new ArbitrageDetector({
    chainId: w.anvil.chainId,
    nativeToken: w.token("WETH"),
    stablecoins: [w.token("USDC"), w.token("USDT")],
    baseTokens: [w.token(options.baseToken ?? "USDC")],
    maxHops: options.maxHops ?? 3,
    minNetProfitUsd: 100_000_000n,
    sizingBudget: 64,
  });
  const frames = new PoolFrames(w.anvil.chainId);
  const block = await client.getBlock();
  const tip = await client.estimateMaxPriorityFeePerGas();
  frames.gasPrice({
    number: block.number,
    timestamp: block.timestamp,
    baseFeePerGas: block.baseFeePerGas ?? 0n,
    priorityFeePerGas: tip,
  });
  for (const pool of w.scenario.pools) {
    frames.state(pool, await readPool(client, pool.address, { blockNumber: block.number }));
  }
  const bytes = frames.take();
  const tlvs = [];
  for (let at = 0; at < bytes.length;) {
    const frame = parseFrame(bytes, at);
    tlvs.push(...decodeTlvs(frame));
    at += frame.size;
  }
  return detector.onTlvs(tlvs);
}

const erc20 = parseAbi(["function balanceOf(address) view returns (uint256)"]);

/** A token balance on chain now. */
export function balanceOf(w: World, symbol: string, who: Address): Promise<bigint> {
  return w.owner.readContract({
    address: w.token(symbol),
    abi: erc20,
    functionName: "balanceOf",
    args: [who],
  });
}
