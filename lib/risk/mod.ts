/**
 * The risk engine: pre-trade checks on every ArbitrageSignal (→ RiskDecision), trading states
 * and circuit breakers (→ CircuitBreaker, RiskAlert), a kill switch (API and file), and VaR /
 * CVaR by historical, parametric and EWMA methods (→ RiskMetrics). Decisions are exact
 * (bigint); floats appear only in the statistics. No I/O except the kill-switch file helpers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TradingState } from "../protocol/mod.ts";
 * import { RiskEngine } from "./mod.ts";
 * const engine = new RiskEngine({ limits: { maxNotionalUsd: 50_00000000n } }, { clock: () => 0n });
 * engine.kill();
 * assert.equal(engine.tradingState, TradingState.Halted);
 * ```
 *
 * @module
 */
export { RiskError, type RiskErrorCode } from "./errors.ts";
export {
  type BreakerAction,
  type BreakerLimits,
  DEFAULT_RISK_CONFIG,
  resolveRiskConfig,
  type RiskConfig,
  type RiskConfigInput,
  type RiskLimits,
} from "./config.ts";
export {
  type MarketView,
  type OpenExecution,
  preTradeCheck,
  type PreTradeOutcome,
  type PreTradeState,
} from "./pre_trade.ts";
export { mergeEvents, NO_EVENTS, type RiskEvents } from "./events.ts";
export {
  type BreakerMeasures,
  type BreakerTrip,
  CircuitBreakers,
  DAY_NS,
  PORTFOLIO_SUBJECT,
} from "./breakers.ts";
export { RiskEngine, type RiskEngineOptions, type RiskVerdict } from "./engine.ts";
export {
  engageKillSwitch,
  type KillSwitchRecord,
  readKillSwitch,
  releaseKillSwitch,
} from "./kill_switch_file.ts";
export { normalCdf, normalInverseCdf, normalPdf } from "./normal.ts";
export { normalVar, type VarEstimate } from "./var_estimate.ts";
export { empiricalQuantile, historicalVar } from "./historical_var.ts";
export { parametricVar } from "./parametric_var.ts";
export { ewmaVar, ewmaVolatility, RISKMETRICS_LAMBDA } from "./ewma_var.ts";
export { usdFromFraction } from "./usd_from_fraction.ts";
export { returnsFromNavs } from "./returns.ts";
export { computeRiskMetrics, estimateVar, type RiskMetricsInput } from "./risk_metrics.ts";
export { type RiskCounters, RiskProcessor, type RiskProcessorOptions } from "./risk_stage.ts";
export { parseStageConfig, type StageConfig } from "./stage_config.ts";
export { type FeedbackCounters, type FeedbackProcessor, withFeedback } from "./feedback_input.ts";
