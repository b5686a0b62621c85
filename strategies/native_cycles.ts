// strategies/native_cycles.ts — one job: the native-cycles strategy: 2–4 hop cycles that start
// and end in the wrapped native token, kept only above a floor in that token's native units.
import { ScanProcessor } from "../lib/arbitrage/mod.ts";
import { amountAtLeast, hopLimit } from "./_check.ts";
import type { StrategyStageOptions } from "./strategy.ts";

/** Strategy number of native-cycles signals. */
export const NATIVE_CYCLES_ID = 3;

/** Default floor of native-cycles: 0.001 of the native token (10^15 wei) net of gas. */
export const NATIVE_CYCLES_MIN_NET: bigint = 10n ** 15n;

/** Options of {@linkcode nativeCycles}: the market, plus the strategy's policy. */
export interface NativeCyclesOptions extends StrategyStageOptions {
  /** Longest cycle, 2 to 4 hops (default 4). */
  readonly maxHops?: number;
  /** Least net profit in the native token's units, wei (default {@linkcode NATIVE_CYCLES_MIN_NET}). */
  readonly minNetProfitNative?: bigint;
  /** An extra floor in USD, 8 decimals (default `null`: off; the guard is in native units). */
  readonly minNetProfitUsd?: bigint | null;
  /** Strategy number written into signals (default {@linkcode NATIVE_CYCLES_ID}). */
  readonly strategyId?: number;
  /** Where the strategy was chosen (e.g. `--strategy`): its option errors start with it. */
  readonly chosenBy?: string;
}

/**
 * The native-cycles stage: a {@linkcode ScanProcessor} whose cycles start and end in the
 * wrapped native token (its only base token), have 2 to `maxHops` hops, and net at least
 * `minNetProfitNative` wei after gas (gas is paid in that token, so the floor needs no price).
 * Stablecoins are still used to put a USD figure on each signal. Frames are forwarded like
 * `arb-scan`'s.
 *
 * @throws {StrategyError} `INVALID_OPTION` for `maxHops` outside 2–4, a floor that is not a
 *   positive bigint, or a negative USD floor
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../lib/instrument/mod.ts";
 * import {
 *   type ArbitrageSignal, buildFrame, bytesToHex, decodeTlvs, type Hex, parseFrame, type PoolState, RelayDomain,
 *   TlvType,
 * } from "../lib/protocol/mod.ts";
 * import { OutputQueue } from "../lib/transport/stage_contract.ts";
 * import { NATIVE_CYCLES_ID, nativeCycles } from "./native_cycles.ts";
 * const weth: Hex = `0x${"0a".repeat(20)}`, usdc: Hex = `0x${"0b".repeat(20)}`;
 * const seen: ArbitrageSignal[] = [];
 * const scan = nativeCycles({
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
 * assert.equal(found?.tokenIn, weth); // sold WETH where it is dear, bought it back cheaper
 * assert.equal(found.strategyId, NATIVE_CYCLES_ID);
 * ```
 */
export function nativeCycles(options: NativeCyclesOptions): ScanProcessor {
  const name = "native-cycles";
  const { maxHops, minNetProfitNative, minNetProfitUsd, strategyId, chosenBy, ...stage } = options;
  const label = chosenBy === undefined ? name : `${chosenBy}: ${name}`;
  const floor = amountAtLeast(
    name,
    "minNetProfitNative",
    minNetProfitNative ?? NATIVE_CYCLES_MIN_NET,
    1n,
    label,
  );
  const usd = minNetProfitUsd ?? null;
  return new ScanProcessor({
    ...stage,
    baseTokens: [stage.nativeToken],
    maxHops: hopLimit(name, maxHops ?? 4, 2, 4, label),
    minNetProfit: { [stage.nativeToken]: floor },
    minNetProfitUsd: usd === null ? null : amountAtLeast(name, "minNetProfitUsd", usd, 0n, label),
    strategyId: strategyId ?? NATIVE_CYCLES_ID,
  });
}
