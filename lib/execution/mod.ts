/**
 * Execution: paper execution of approved signals against the pool states at execution time
 * (exact V2/V3 re-quotes, hop by hop), with OrderRequest, Fill, OrderStatus, ExecutionReport
 * and PositionUpdate frames, a run summary and JSON lines of every would-be execution. See
 * docs/EXECUTION.md.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PaperExecuteProcessor } from "./mod.ts";
 * const paper = new PaperExecuteProcessor({
 *   chainId: 31337, nativeToken: "0x" + "0a".repeat(20), stablecoins: [], latencyNs: 0n,
 * });
 * assert.equal(paper.summary().executed, 0);
 * ```
 *
 * @module
 */
export { PaperExecutionError, type PaperExecutionErrorCode } from "./paper_errors.ts";
export { fillRoute, type PaperHopFill, type PaperRouteFill } from "./paper_fill.ts";
export { type PaperLogEntry, paperLogLine, type PaperOutcome } from "./paper_log.ts";
export {
  emptySummary,
  type PaperMisses,
  type PaperSummary,
  summaryJson,
  withCaptureRate,
} from "./paper_summary.ts";
export { type PaperExecuteOptions, PaperExecuteProcessor } from "./paper_execute.ts";
export {
  type LoopExecutor,
  paperTradingLoop,
  type PaperTradingLoopStages,
  tradingLoop,
  type TradingLoopStages,
} from "./trading_loop.ts";
export * from "./live/mod.ts";
export {
  type OrderRoute,
  poolAmountOut,
  type RouteLeg,
  routeOrder,
  type RouteOrderOptions,
  RoutingError,
  type RoutingErrorCode,
  type RoutingPool,
  routingPools,
} from "./order_router.ts";
