// lib/execution/paper_summary.ts — one job: what a paper run achieved, counted and in USD.

/** Signals approved by risk that were not executed, by cause. */
export interface PaperMisses {
  /** Past their expiry when their turn came. */
  stale: number;
  /** Realised net profit positive but below the minimum-profit guard. */
  belowGuard: number;
  /** Rejected by the risk stage (never executed). */
  rejectedByRisk: number;
  /** Realised net profit zero or negative, or a hop that could not fill at all. */
  slippage: number;
  /** A pool of the route had no usable state (or the approval came without its signal). */
  noPoolState: number;
}

/** The totals of a paper run. USD figures are bigint fixed point with 8 decimals. */
export interface PaperSummary {
  /** Signals seen (each signal id once). */
  opportunities: number;
  /** Approved or reduced by risk. */
  approved: number;
  /** Rejected by risk. */
  rejectedByRisk: number;
  /** Filled on paper. */
  executed: number;
  missed: PaperMisses;
  /** Sum of the opportunities' netProfitUsd: what the detector promised. */
  expectedPnlUsd: bigint;
  /** Sum of the realised net profit of the paper fills, valued at execution time. */
  theoreticalPnlUsd: bigint;
  /** theoreticalPnlUsd / expectedPnlUsd (0 when nothing was expected); for display only. */
  captureRate: number;
}

/**
 * A summary with every count at zero.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emptySummary } from "./paper_summary.ts";
 * assert.equal(emptySummary().theoreticalPnlUsd, 0n);
 * ```
 */
export function emptySummary(): PaperSummary {
  return {
    opportunities: 0,
    approved: 0,
    rejectedByRisk: 0,
    executed: 0,
    missed: { stale: 0, belowGuard: 0, rejectedByRisk: 0, slippage: 0, noPoolState: 0 },
    expectedPnlUsd: 0n,
    theoreticalPnlUsd: 0n,
    captureRate: 0,
  };
}

/**
 * A copy of `s` with `captureRate` computed from its two P&L figures.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emptySummary, withCaptureRate } from "./paper_summary.ts";
 * const s = { ...emptySummary(), expectedPnlUsd: 400n, theoreticalPnlUsd: 300n };
 * assert.equal(withCaptureRate(s).captureRate, 0.75);
 * ```
 */
export function withCaptureRate(s: PaperSummary): PaperSummary {
  const rate = s.expectedPnlUsd > 0n ? Number(s.theoreticalPnlUsd) / Number(s.expectedPnlUsd) : 0;
  return { ...s, missed: { ...s.missed }, captureRate: rate };
}

/**
 * The summary as JSON text, bigints as decimal strings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emptySummary, summaryJson } from "./paper_summary.ts";
 * assert.equal(JSON.parse(summaryJson(emptySummary())).theoreticalPnlUsd, "0");
 * ```
 */
export function summaryJson(s: PaperSummary): string {
  return JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
