// strategies/stable_triangles.ts — one job: the stable-triangles strategy: cycles of at most
// three hops that start and end in a stablecoin, kept only above a USD profit floor.
import { ScanProcessor, USD_ONE } from "../lib/arbitrage/mod.ts";
import { amountAtLeast, hopLimit } from "./_check.ts";
import { StrategyError } from "./errors.ts";
import type { StrategyStageOptions } from "./strategy.ts";

/** Strategy number of stable-triangles signals. */
export const STABLE_TRIANGLES_ID = 2;

/** Options of {@linkcode stableTriangles}: the market, plus the strategy's policy. */
export interface StableTrianglesOptions extends StrategyStageOptions {
  /** Longest cycle, 2 or 3 hops (default 3). */
  readonly maxHops?: number;
  /** Least net profit in USD, 8 decimals (default 5 USD). Always on: this is the guard. */
  readonly minNetProfitUsd?: bigint;
  /** Strategy number written into signals (default {@linkcode STABLE_TRIANGLES_ID}). */
  readonly strategyId?: number;
  /** Where the strategy was chosen (e.g. `--strategy`): its option errors start with it. */
  readonly chosenBy?: string;
}

/** Default USD floor of stable-triangles: 5 USD net of gas. */
export const STABLE_TRIANGLES_MIN_USD: bigint = 5n * USD_ONE;

/**
 * The stable-triangles stage: a {@linkcode ScanProcessor} whose cycles start and end in one of
 * the stablecoins (they are its only base tokens, so profit is counted in dollars held), have at
 * most three hops, and net at least `minNetProfitUsd` after gas. Stablecoins are taken at 1 USD,
 * so the guard is exact in the input token. Frames are forwarded like `arb-scan`'s.
 *
 * @throws {StrategyError} `INVALID_OPTION` without a stablecoin, for `maxHops` outside 2–3 or a
 *   negative USD floor
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../lib/instrument/mod.ts";
 * import {
 *   type ArbitrageSignal, buildFrame, bytesToHex, decodeTlvs, type Hex, parseFrame, type PoolState, RelayDomain,
 *   TlvType,
 * } from "../lib/protocol/mod.ts";
 * import { OutputQueue } from "../lib/transport/stage_contract.ts";
 * import { STABLE_TRIANGLES_ID, stableTriangles } from "./stable_triangles.ts";
 * const weth: Hex = `0x${"0a".repeat(20)}`, usdc: Hex = `0x${"0b".repeat(20)}`;
 * const seen: ArbitrageSignal[] = [];
 * const scan = stableTriangles({
 *   chainId: 1, nativeToken: weth, stablecoins: [usdc], onDetection: (d) => seen.push(d.signal),
 * });
 * const pool = (venue: string, n: number, usdcPerWeth: bigint): PoolState => ({
 *   pool: bytesToHex(instrumentToBytes(dexPool("ethereum", venue, "0x" + String(n).repeat(40)))),
 *   protocol: 1, token0: usdc, token1: weth, decimals0: 6, decimals1: 18, fee: 3000,
 *   tickSpacing: 0, reserve0: 1000n * usdcPerWeth * 10n ** 6n, reserve1: 1000n * 10n ** 18n,
 *   sqrtPriceX96: 0n, liquidity: 0n, tick: 0, blockNumber: 1n,
 * });
 * const frame = buildFrame(RelayDomain.MarketData, 1, 1n, [
 *   [TlvType.GasPrice, { chainId: 1, blockNumber: 1n, blockTimestamp: 0n,
 *     baseFeeWei: 10n ** 10n, priorityFeeWei: 0n }],
 *   [TlvType.PoolState, pool("uniswap_v2", 1, 3000n)],
 *   [TlvType.PoolState, pool("sushiswap", 2, 3060n)],
 * ]);
 * const out = new OutputQueue();
 * scan.process(parseFrame(frame), out);
 * const [, signal] = out.take();
 * assert(decodeTlvs(parseFrame(signal!)).some((t) => t.name === "ArbitrageSignal"));
 * const [found] = seen;
 * assert.equal(found?.tokenIn, usdc); // bought WETH with USDC, sold it back for more USDC
 * assert.equal(found.strategyId, STABLE_TRIANGLES_ID);
 * ```
 */
export function stableTriangles(options: StableTrianglesOptions): ScanProcessor {
  const name = "stable-triangles";
  const { maxHops, minNetProfitUsd, strategyId, chosenBy, ...stage } = options;
  const label = chosenBy === undefined ? name : `${chosenBy}: ${name}`;
  if (stage.stablecoins.length === 0) {
    throw new StrategyError(
      "INVALID_OPTION",
      `${label}: needs at least one stablecoin to start from, got none`,
      { strategy: name, stablecoins: [] },
    );
  }
  return new ScanProcessor({
    ...stage,
    baseTokens: stage.stablecoins,
    maxHops: hopLimit(name, maxHops ?? 3, 2, 3, label),
    minNetProfitUsd: amountAtLeast(
      name,
      "minNetProfitUsd",
      minNetProfitUsd ?? STABLE_TRIANGLES_MIN_USD,
      0n,
      label,
    ),
    strategyId: strategyId ?? STABLE_TRIANGLES_ID,
  });
}
