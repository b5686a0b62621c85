// lib/pipeline/pipeline_json.ts — one job: the JSON lines `torq pipeline --json` prints: one
// object per signal with its decision and execution outcome, and the run's summary last.
import { formatAmount, USD_DECIMALS } from "../market/mod.ts";
import type { PipelineSummary, SignalRecord } from "./signal_ledger.ts";
import { statusName } from "./signal_ledger.ts";
import { codeName, codeRow, orderReasonName } from "../protocol/mod.ts";

const usd = (v: bigint) => formatAmount(v, USD_DECIMALS);
const decisionName = (d: number) =>
  d === 0 ? "none" : codeRow("Decision", d)?.name.toLowerCase() ?? `decision_${d}`;

/**
 * One signal as a JSON-ready object: native amounts as integer strings, USD as exact decimal
 * strings, the risk decision and the execution report (null when absent), the outcome and
 * the reason it was missed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { signalJson } from "./pipeline_json.ts";
 * const token = `0x${"0a".repeat(20)}` as const;
 * const o = signalJson({
 *   signal: { signalId: 7n, strategyId: 1, chainId: 1, tokenIn: token, decimalsIn: 18,
 *     amountIn: 10n, expectedOut: 12n, expectedProfit: 2n, gasUnits: 1n, gasPriceWei: 0n,
 *     gasCostIn: 0n, netProfit: 2n, netProfitUsd: 150_000_000n, gasCostUsd: 0n,
 *     blockNumber: 5n, detectedNs: 1n, hops: [] },
 *   route: "", symbolIn: "WETH", decision: undefined, execution: undefined, executionReason: undefined,
 *   outcome: "pending", missed: "pending",
 * });
 * assert.equal(o.netProfitUsd, "1.5");
 * assert.equal(o.decision, null);
 * ```
 */
export function signalJson(r: SignalRecord): Record<string, unknown> {
  const s = r.signal;
  const d = r.decision;
  const e = r.execution;
  return {
    type: "signal",
    signalId: s.signalId.toString(),
    strategyId: s.strategyId,
    chainId: s.chainId,
    blockNumber: s.blockNumber.toString(),
    route: r.route,
    tokenIn: s.tokenIn,
    symbolIn: r.symbolIn,
    decimalsIn: s.decimalsIn,
    amountIn: s.amountIn.toString(),
    expectedProfit: s.expectedProfit.toString(),
    gasUnits: s.gasUnits.toString(),
    gasPriceWei: s.gasPriceWei.toString(),
    gasCostIn: s.gasCostIn.toString(),
    netProfit: s.netProfit.toString(),
    netProfitUsd: usd(s.netProfitUsd),
    gasCostUsd: usd(s.gasCostUsd),
    decision: d === undefined ? null : {
      decision: decisionName(d.decision),
      reason: codeName("RiskReason", d.reasonCode),
      approvedAmount: d.approvedAmount.toString(),
    },
    execution: e === undefined ? null : {
      orderId: e.orderId.toString(),
      status: statusName(e.status),
      reason: r.executionReason === undefined ? null : orderReasonName(r.executionReason),
      mode: codeRow("ExecutionMode", e.mode)?.name.toLowerCase() ?? `mode_${e.mode}`,
      expectedProfit: e.expectedProfit.toString(),
      realizedProfit: e.realizedProfit.toString(),
      expectedPnlUsd: usd(e.expectedPnlUsd),
      realizedPnlUsd: usd(e.realizedPnlUsd),
      gasCostUsd: usd(e.gasCostUsd),
      txHash: e.txHash,
      blockNumber: e.blockNumber.toString(),
      latencyNs: e.latencyNs.toString(),
    },
    outcome: r.outcome,
    missed: r.missed ?? null,
  };
}

/**
 * The run's summary as a JSON-ready object (`type: "summary"`): counts, exact USD totals as
 * decimal strings, the capture rate as a number, blocks and frame rate. With `live` (the run
 * executed on chain) it also carries `reverted`, `realizedPnlUsd` (executed and reverted,
 * gas included) and `gasSpentUsd`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SignalLedger } from "./signal_ledger.ts";
 * import { summaryJson } from "./pipeline_json.ts";
 * const o = summaryJson(new SignalLedger().summary());
 * assert.equal(o.opportunities, 0);
 * assert.equal(o.theoreticalPnlUsd, "0");
 * assert.equal(summaryJson(new SignalLedger().summary(), { live: true }).gasSpentUsd, "0");
 * ```
 */
export function summaryJson(
  s: PipelineSummary,
  options: { readonly live?: boolean } = {},
): Record<string, unknown> {
  const live = options.live !== true ? {} : {
    reverted: s.reverted,
    realizedPnlUsd: usd(s.realizedPnlUsd),
    gasSpentUsd: usd(s.gasSpentUsd),
  };
  return {
    type: "summary",
    opportunities: s.opportunities,
    approved: s.approved,
    rejected: s.rejected,
    executed: s.executed,
    failed: s.failed,
    pending: s.pending,
    theoreticalPnlUsd: usd(s.theoreticalPnlUsd),
    detectedPnlUsd: usd(s.detectedPnlUsd),
    captureRate: s.captureRate,
    ...live,
    missed: s.missed,
    elapsedMs: Math.round(s.elapsedMs),
    marketFrames: s.marketFrames,
    framesPerSecond: Math.round(s.framesPerSecond * 10) / 10,
    firstBlock: s.firstBlock.toString(),
    lastBlock: s.lastBlock.toString(),
  };
}
