// lib/risk/historical_var.ts — one job: historical VaR and CVaR from the empirical quantile
// function of the returns (linear interpolation between order statistics).
import { checkReturns, tailOf } from "./_stats.ts";
import type { VarEstimate } from "./var_estimate.ts";

/**
 * The empirical quantile at probability `p` of ascending `sorted` returns, interpolated
 * linearly between order statistics (Hyndman–Fan type 7, R's default): with h = (n − 1)·p,
 * Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based. On an evenly spaced grid it
 * returns the grid's exact quantile.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { empiricalQuantile } from "./historical_var.ts";
 * assert.equal(empiricalQuantile([0, 1, 2, 3, 4], 0.25), 1);
 * assert(Math.abs(empiricalQuantile([0, 1, 2, 3, 4], 0.3) - 1.2) < 1e-15);
 * ```
 */
export function empiricalQuantile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * p;
  const j = Math.min(Math.floor(h), n - 2);
  const f = h - j;
  return sorted[j]! + f * (sorted[j + 1]! - sorted[j]!);
}

/**
 * Historical VaR and CVaR at `confidenceBps` (9500 = 95%), as fractions of NAV: VaR = −Q(1−α)
 * with Q the type-7 empirical quantile function, and CVaR = −(1/(1−α))·∫₀^(1−α) Q(u) du, the
 * exact integral of that same piecewise-linear Q (so VaR and CVaR agree on the
 * interpolation, and a linear grid gives the exact uniform-distribution figures).
 *
 * @throws {RiskError} `BAD_RETURNS` (fewer than 2, or not finite), `BAD_CONFIDENCE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { historicalVar } from "./historical_var.ts";
 * // 101 returns evenly spaced over [-0.5, 0.5]: uniform, 5% quantile -0.45
 * const r = Array.from({ length: 101 }, (_, i) => (i - 50) / 100);
 * const v = historicalVar(r, 9500);
 * assert(Math.abs(v.valueAtRisk - 0.45) < 1e-15 && Math.abs(v.expectedShortfall - 0.475) < 1e-15);
 * ```
 */
export function historicalVar(returns: readonly number[], confidenceBps: number): VarEstimate {
  const tail = tailOf(confidenceBps);
  checkReturns(returns, 2);
  const x = [...returns].sort((a, b) => a - b);
  const n = x.length;
  // h computed from integers so that a grid point is hit exactly
  const h = ((n - 1) * (10_000 - confidenceBps)) / 10_000;
  const j = Math.min(Math.floor(h), n - 2);
  const f = h - j;
  const q = x[j]! + f * (x[j + 1]! - x[j]!);
  let area = 0; // ∫ Q over [0, u_j] in units of 1/(n−1): trapezoids of the full segments
  for (let k = 0; k < j; k++) area += (x[k]! + x[k + 1]!) / 2;
  area += (f * (x[j]! + q)) / 2;
  return { valueAtRisk: -q, expectedShortfall: -(area / (n - 1)) / tail };
}
