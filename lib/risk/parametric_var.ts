// lib/risk/parametric_var.ts — one job: parametric (normal) VaR and CVaR from the sample mean
// and standard deviation of the returns.
import { checkReturns, mean, sampleStdDev, tailOf } from "./_stats.ts";
import { normalVar, type VarEstimate } from "./var_estimate.ts";

/**
 * Parametric VaR and CVaR at `confidenceBps`, assuming normal returns with the sample mean μ
 * and sample standard deviation σ (n − 1): VaR = z·σ − μ, CVaR = σ·φ(z)/(1 − α) − μ.
 *
 * @throws {RiskError} `BAD_RETURNS` (fewer than 2, or not finite), `BAD_CONFIDENCE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parametricVar } from "./parametric_var.ts";
 * const v = parametricVar([0.01, -0.01, 0.01, -0.01], 9500); // μ 0, σ = 0.01·√(4/3)
 * assert(Math.abs(v.valueAtRisk - 1.6448536269514722 * 0.01 * Math.sqrt(4 / 3)) < 1e-15);
 * ```
 */
export function parametricVar(returns: readonly number[], confidenceBps: number): VarEstimate {
  tailOf(confidenceBps);
  checkReturns(returns, 2);
  const mu = mean(returns);
  return normalVar(mu, sampleStdDev(returns, mu), confidenceBps);
}
