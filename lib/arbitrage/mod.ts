/**
 * Arbitrage across Uniswap V2 and V3 style pools: exact integer sizing of routes (closed form for
 * V2 chains, certified integer optimum), the pool graph and its 2–4 hop cycles, net profit after
 * gas in the input token and in USD, and the detector that turns pool updates into
 * ArbitrageSignal frames. See docs/ARBITRAGE.md.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { optimalAmountIn, routeProfit, v2Hop } from "./mod.ts";
 * const cheap = createV2PoolState(10n ** 21n, 3_000n * 10n ** 9n); // 3000 units per token0
 * const dear = createV2PoolState(10n ** 21n, 3_100n * 10n ** 9n); // 3100 units per token0
 * const route = [v2Hop(dear, true), v2Hop(cheap, false)];
 * const best = optimalAmountIn(route)!;
 * assert(best.certified && best.profit === routeProfit(route, best.amountIn));
 * ```
 *
 * @module
 */
export { ArbitrageError, type ArbitrageErrorCode } from "./errors.ts";
export { isqrt } from "./isqrt.ts";
export {
  assertRoute,
  MAX_ROUTE_HOPS,
  routeAmounts,
  type RouteHop,
  routeProfit,
  type V2Hop,
  v2Hop,
  type V3Hop,
  v3Hop,
} from "./route.ts";
export {
  closedFormOptimum,
  composeMobius,
  IDENTITY_MOBIUS,
  type Mobius,
  relaxedProfitBound,
  routeMobius,
} from "./relaxation.ts";
export { optimalAmountIn, type SizedRoute, type SizingOptions } from "./sizing.ts";
export { profitUpperBound } from "./profit_bound.ts";
export {
  CYCLE_STRIDE,
  type CycleGroup,
  GROUP_STRIDE,
  PoolGraph,
  type PoolGraphOptions,
  RECORD_STRIDE,
} from "./pool_graph.ts";
export {
  convertAmount,
  I64_MAX,
  I64_MIN,
  pathUsdValue,
  type Rounding,
  USD_DECIMALS,
  USD_ONE,
  type UsdPath,
  v2SpotRate,
  v3SpotRate,
} from "./valuation.ts";
export {
  assertGasModel,
  DEFAULT_GAS_MODEL,
  type GasHop,
  type GasModel,
  routeGasUnits,
} from "./gas.ts";
export { type NetProfit, netProfit, type NetProfitInput } from "./net_profit.ts";
export { DEFAULT_PROFIT_GUARD, guardAllows, type ProfitGuard, profitGuard } from "./guard.ts";
export type { ArbitrageDetection, DetectorStats } from "./detection.ts";
export { ArbitrageDetector, type DetectorOptions } from "./detector.ts";
export {
  type SignalFrameOptions,
  UNCERTIFIED_CONFIDENCE,
  writeArbitrageSignal,
} from "./signal_frame.ts";
export { ScanProcessor, type ScanProcessorOptions, type ScanStats } from "./scan_stage.ts";
