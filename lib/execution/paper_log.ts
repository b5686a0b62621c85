// lib/execution/paper_log.ts — one job: one JSON line per would-be execution, for analysis.
import type { ArbitrageSignal } from "../protocol/mod.ts";
import type { PaperHopFill } from "./paper_fill.ts";

/** How a would-be execution ended. */
export type PaperOutcome = "filled" | "stale" | "belowGuard" | "slippage" | "noPoolState";

/** What a log line records. */
export interface PaperLogEntry {
  readonly outcome: PaperOutcome;
  /** OrderStatus.status written (3 filled, 6 rejected, 8 expired). */
  readonly status: number;
  /** Reason name (`None`, `Slippage`, …). */
  readonly reason: string;
  readonly orderId: bigint;
  readonly signal: ArbitrageSignal;
  readonly approvedAmount: bigint;
  /** Net profit expected at the approved amount, native units of tokenIn. */
  readonly expectedProfit: bigint;
  readonly expectedPnlUsd: bigint;
  /** Net profit the fill makes (or would make) at execution time; undefined when not quoted. */
  readonly realizedProfit: bigint | undefined;
  readonly realizedPnlUsd: bigint | undefined;
  /** Highest block of the market state used. */
  readonly blockNumber: bigint;
  readonly executedNs: bigint;
  /** The hops as filled (empty when not quoted). */
  readonly hops: readonly PaperHopFill[];
}

/**
 * One JSON object (no newline) for a would-be execution; bigints as decimal strings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ArbitrageSignal } from "../protocol/mod.ts";
 * import { paperLogLine } from "./paper_log.ts";
 * const signal: ArbitrageSignal = {
 *   signalId: 4n, strategyId: 1, chainId: 31337, tokenIn: `0x${"0a".repeat(20)}`, decimalsIn: 18,
 *   amountIn: 10n, expectedOut: 12n, expectedProfit: 2n, gasUnits: 0n, gasPriceWei: 0n,
 *   gasCostIn: 0n, netProfit: 2n, netProfitUsd: 0n, gasCostUsd: 0n, blockNumber: 5n,
 *   detectedNs: 1n, hops: [],
 * };
 * const line = paperLogLine({
 *   outcome: "stale", status: 8, reason: "StaleSignal", orderId: 1n, signal,
 *   approvedAmount: 10n, expectedProfit: 2n, expectedPnlUsd: 0n, realizedProfit: undefined,
 *   realizedPnlUsd: undefined, blockNumber: 5n, executedNs: 9n, hops: [],
 * });
 * assert.equal(JSON.parse(line).signalId, "4");
 * ```
 */
export function paperLogLine(e: PaperLogEntry): string {
  const s = e.signal;
  return JSON.stringify({
    outcome: e.outcome,
    status: e.status,
    reason: e.reason,
    orderId: e.orderId,
    signalId: s.signalId,
    tokenIn: s.tokenIn,
    decimals: s.decimalsIn,
    amountIn: s.amountIn,
    approvedAmount: e.approvedAmount,
    expectedProfit: e.expectedProfit,
    realizedProfit: e.realizedProfit ?? null,
    expectedPnlUsd: e.expectedPnlUsd,
    realizedPnlUsd: e.realizedPnlUsd ?? null,
    detectedBlock: s.blockNumber,
    blockNumber: e.blockNumber,
    detectedNs: s.detectedNs,
    executedNs: e.executedNs,
    hops: e.hops.map((h, i) => ({
      pool: h.pool,
      tokenIn: h.tokenIn,
      tokenOut: h.tokenOut,
      amountIn: h.amountIn,
      amountOut: h.amountOut,
      expectedAmountOut: s.hops[i]?.amountOut ?? null,
      ticksCrossed: h.ticksCrossed,
    })),
  }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
