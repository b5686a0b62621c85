// lib/risk/returns.ts — one job: period returns of a NAV series, the input of the VaR
// estimators (floats: statistics only).
import { RiskError } from "./errors.ts";

/**
 * Simple returns `navₜ / navₜ₋₁ − 1` of a series of NAV marks (USD fixed point), computed as
 * `(navₜ − navₜ₋₁) / navₜ₋₁` with the exact bigint difference.
 *
 * @throws {RiskError} `BAD_RETURNS` when a NAV before the last is not positive
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { returnsFromNavs } from "./returns.ts";
 * assert.deepEqual(returnsFromNavs([100n, 110n, 99n]), [0.1, -0.1]);
 * ```
 */
export function returnsFromNavs(navs: readonly bigint[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < navs.length; i++) {
    const prev = navs[i - 1]!;
    if (prev <= 0n) {
      throw new RiskError(
        "BAD_RETURNS",
        `NAV ${i - 1} must be positive to take a return, got ${prev}`,
        {
          index: i - 1,
          navUsd: prev,
        },
      );
    }
    out.push(Number(navs[i]! - prev) / Number(prev));
  }
  return out;
}
