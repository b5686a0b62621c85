// lib/portfolio/drawdown.ts — one job: drawdown from a peak NAV, exactly in basis points.

const U32_MAX = 0xffff_ffff;

/**
 * Drawdown of `navUsd` from `peakNavUsd` in basis points, rounded down (the wire's u32): 0 at
 * or above the peak or when the peak is not positive; more than 10000 when NAV is negative.
 * Limit checks compare exactly with `drawdownReaches` instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawdownBps } from "./drawdown.ts";
 * assert.equal(drawdownBps(95_00000000n, 100_00000000n), 500);
 * assert.equal(drawdownBps(99_99999999n, 100_00000000n), 0); // 0.0000001 bps, floored
 * assert.equal(drawdownBps(101n, 100n), 0);
 * ```
 */
export function drawdownBps(navUsd: bigint, peakNavUsd: bigint): number {
  if (peakNavUsd <= 0n || navUsd >= peakNavUsd) return 0;
  const bps = ((peakNavUsd - navUsd) * 10_000n) / peakNavUsd;
  return bps > BigInt(U32_MAX) ? U32_MAX : Number(bps);
}

/**
 * Whether the drawdown of `navUsd` from `peakNavUsd` is at least `bps` basis points, exactly
 * (`(peak − nav) · 10000 ≥ bps · peak`, no rounding). False when the peak is not positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawdownReaches } from "./drawdown.ts";
 * assert(drawdownReaches(95_00000000n, 100_00000000n, 500));
 * assert(!drawdownReaches(95_00000001n, 100_00000000n, 500));
 * ```
 */
export function drawdownReaches(navUsd: bigint, peakNavUsd: bigint, bps: number): boolean {
  if (peakNavUsd <= 0n) return false;
  return (peakNavUsd - navUsd) * 10_000n >= BigInt(bps) * peakNavUsd;
}
