// lib/risk/var_estimate.ts — one job: what a VaR estimator returns, and VaR and expected
// shortfall of a normal distribution (shared by the parametric and EWMA estimators).
import { normalInverseCdf, normalPdf } from "./normal.ts";
import { tailOf } from "./_stats.ts";

/**
 * Value at risk and expected shortfall (CVaR) over one period, as fractions of NAV; positive
 * means a loss (a negative VaR means even the tail is a gain).
 */
export interface VarEstimate {
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
}

/**
 * VaR and CVaR at `confidenceBps` (9500 = 95%) of returns distributed N(μ, σ²):
 * VaR = z·σ − μ and CVaR = σ·φ(z)/(1 − α) − μ, with z = Φ⁻¹(α).
 *
 * @throws {RiskError} `BAD_CONFIDENCE` unless 1 ≤ confidenceBps ≤ 9999
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalVar } from "./var_estimate.ts";
 * const v = normalVar(0, 0.01, 9900);
 * assert(Math.abs(v.valueAtRisk - 0.023263478740408408) < 1e-15);
 * assert(Math.abs(v.expectedShortfall - 0.026652142203458048) < 1e-15);
 * ```
 */
export function normalVar(mu: number, sigma: number, confidenceBps: number): VarEstimate {
  const tail = tailOf(confidenceBps);
  const z = normalInverseCdf(confidenceBps / 10_000);
  return {
    valueAtRisk: z * sigma - mu,
    expectedShortfall: (sigma * normalPdf(z)) / tail - mu,
  };
}
