// lib/risk/risk_metrics.ts — one job: the RiskMetrics value (NAV, peak, drawdown, VaR and CVaR
// at 95% and 99% by one method, gross exposure) from a window of returns.
import { drawdownBps } from "../portfolio/mod.ts";
import type { RiskMetrics } from "../protocol/mod.ts";
import { VarMethod } from "../protocol/mod.ts";
import { RiskError } from "./errors.ts";
import { ewmaVar, RISKMETRICS_LAMBDA } from "./ewma_var.ts";
import { historicalVar } from "./historical_var.ts";
import { parametricVar } from "./parametric_var.ts";
import { usdFromFraction } from "./usd_from_fraction.ts";
import type { VarEstimate } from "./var_estimate.ts";

/** Inputs of `computeRiskMetrics`. USD figures are fixed point with 8 decimals. */
export interface RiskMetricsInput {
  /** Period returns of the portfolio (e.g. `returnsFromNavs`), oldest first. */
  readonly returns: readonly number[];
  readonly navUsd: bigint;
  readonly peakNavUsd: bigint;
  /** Sum of absolute position values (`PortfolioRiskView.grossExposureUsd`). */
  readonly grossExposureUsd: bigint;
  readonly method: VarMethod;
  /** EWMA decay; default 0.94. */
  readonly lambda?: number;
}

/**
 * VaR and CVaR of the returns at `confidenceBps` by a method.
 *
 * @throws {RiskError} `BAD_METHOD`, `BAD_RETURNS`, `BAD_CONFIDENCE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { estimateVar } from "./risk_metrics.ts";
 * assert.equal(estimateVar(3, [0.01, -0.01], 9900).valueAtRisk, 0.023263478740408408);
 * ```
 */
export function estimateVar(
  method: VarMethod,
  returns: readonly number[],
  confidenceBps: number,
  lambda: number = RISKMETRICS_LAMBDA,
): VarEstimate {
  switch (method) {
    case VarMethod.Historical:
      return historicalVar(returns, confidenceBps);
    case VarMethod.Parametric:
      return parametricVar(returns, confidenceBps);
    case VarMethod.Ewma:
      return ewmaVar(returns, confidenceBps, lambda);
    default:
      throw new RiskError("BAD_METHOD", `Unknown VaR method ${method}`, { method });
  }
}

/**
 * The RiskMetrics value: VaR and CVaR at 95% and 99% as fractions of NAV (by `method`),
 * converted to USD with `usdFromFraction(navUsd, …)`; drawdown in basis points, floored.
 *
 * @throws {RiskError} `BAD_METHOD`, `BAD_RETURNS` (fewer than 2, not finite),
 * `VALUE_OUT_OF_RANGE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeRiskMetrics } from "./risk_metrics.ts";
 * const returns = Array.from({ length: 101 }, (_, i) => (i - 50) / 100);
 * const m = computeRiskMetrics({
 *   returns, navUsd: 1000_00000000n, peakNavUsd: 1000_00000000n,
 *   grossExposureUsd: 1000_00000000n, method: 1,
 * });
 * assert.equal(m.var95Usd, 450_00000000n);
 * assert.equal(m.window, 101);
 * ```
 */
export function computeRiskMetrics(input: RiskMetricsInput): RiskMetrics {
  const { returns, navUsd, method } = input;
  if (returns.length < 2) {
    throw new RiskError("BAD_RETURNS", `Need at least 2 returns, got ${returns.length}`, {
      count: returns.length,
    });
  }
  const lambda = input.lambda ?? RISKMETRICS_LAMBDA;
  const v95 = estimateVar(method, returns, 9_500, lambda);
  const v99 = estimateVar(method, returns, 9_900, lambda);
  return {
    navUsd,
    peakNavUsd: input.peakNavUsd,
    drawdownBps: drawdownBps(navUsd, input.peakNavUsd),
    var95Usd: usdFromFraction(navUsd, v95.valueAtRisk),
    cvar95Usd: usdFromFraction(navUsd, v95.expectedShortfall),
    var99Usd: usdFromFraction(navUsd, v99.valueAtRisk),
    cvar99Usd: usdFromFraction(navUsd, v99.expectedShortfall),
    grossExposureUsd: input.grossExposureUsd,
    method,
    window: returns.length,
  };
}
