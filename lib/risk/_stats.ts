// lib/risk/_stats.ts — one job: input checks and moments shared by the VaR estimators.
import { RiskError } from "./errors.ts";

/** Throws BAD_RETURNS unless `returns` has at least `least` finite numbers. */
export function checkReturns(returns: readonly number[], least: number): void {
  if (returns.length < least) {
    throw new RiskError(
      "BAD_RETURNS",
      `Need at least ${least} returns, got ${returns.length}`,
      { count: returns.length, least },
    );
  }
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i])) {
      throw new RiskError("BAD_RETURNS", `Return ${i} is not a finite number: ${returns[i]}`, {
        index: i,
      });
    }
  }
}

/** Throws BAD_CONFIDENCE unless 0 < bps < 10000 is an integer; returns the tail 1 − α. */
export function tailOf(confidenceBps: number): number {
  if (!Number.isInteger(confidenceBps) || confidenceBps <= 0 || confidenceBps >= 10_000) {
    throw new RiskError(
      "BAD_CONFIDENCE",
      `Confidence must be an integer number of basis points from 1 to 9999, got ${confidenceBps}`,
      { confidenceBps },
    );
  }
  return (10_000 - confidenceBps) / 10_000;
}

/** Arithmetic mean. */
export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1 in the denominator), two-pass for accuracy. */
export function sampleStdDev(xs: readonly number[], mu: number): number {
  let s = 0;
  for (const x of xs) s += (x - mu) * (x - mu);
  return Math.sqrt(s / (xs.length - 1));
}
