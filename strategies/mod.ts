/**
 * Strategy plug-ins: each is a policy (which tokens cycles start from, how many hops, the
 * least profit worth a signal, the strategy number) on top of the arbitrage detector's stage,
 * {@linkcode ScanProcessor}. A plug-in is a `FrameProcessor`: it forwards every frame and adds
 * ArbitrageSignal frames, so it runs as `torq arb-scan --strategy NAME` or in-process through
 * `chainProcessors`. See strategies/README.md.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nativeCycles, stableTriangles, strategyByName } from "./mod.ts";
 * const market = {
 *   chainId: 1,
 *   nativeToken: "0x" + "0a".repeat(20),
 *   stablecoins: ["0x" + "0b".repeat(20)],
 * };
 * assert.equal(stableTriangles(market).detector.graph.maxHops, 3);
 * assert.equal(nativeCycles(market).detector.graph.maxHops, 4);
 * assert.equal(strategyByName("stable-triangles").create(market).stats.signals, 0);
 * ```
 *
 * @module
 */
export { StrategyError, type StrategyErrorCode } from "./errors.ts";
export type { StrategyParams, StrategyPlugin, StrategyStageOptions } from "./strategy.ts";
export {
  STABLE_TRIANGLES_ID,
  STABLE_TRIANGLES_MIN_USD,
  stableTriangles,
  type StableTrianglesOptions,
} from "./stable_triangles.ts";
export {
  NATIVE_CYCLES_ID,
  NATIVE_CYCLES_MIN_NET,
  nativeCycles,
  type NativeCyclesOptions,
} from "./native_cycles.ts";
export { STRATEGIES, strategyByName } from "./registry.ts";
