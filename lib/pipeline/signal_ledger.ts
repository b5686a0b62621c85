// lib/pipeline/signal_ledger.ts — one job: follow every signal of a stream to its end (risk
// decision, execution report, or the reason it was missed) and keep the run's totals.
import {
  type ArbitrageSignal,
  codeName,
  codeRow,
  Decision,
  decodeTlvs,
  decodeTlvValue,
  ExecutionMode,
  type ExecutionReport,
  type Frame,
  orderOutcome,
  orderReasonName,
  OrderState,
  RelayDomain,
  type RiskDecision,
  TlvType,
} from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../transport/stage_contract.ts";
import { routeText, tokenName } from "./route_text.ts";

/** Which stages run before the ledger: it waits for what they add before closing a signal. */
export type LedgerStages = "scan" | "risk" | "execute";

/** How a signal ended. */
export type SignalOutcome =
  | "detected"
  | "approved"
  | "rejected"
  | "executed"
  | "failed"
  | "pending";

/** One signal and what became of it. */
export interface SignalRecord {
  readonly signal: ArbitrageSignal;
  /** The route in words (`WETH >sushiswap> USDC >uniswap_v3/500> WETH`). */
  readonly route: string;
  /** Symbol of the input token (or its short address). */
  readonly symbolIn: string;
  decision: RiskDecision | undefined;
  execution: ExecutionReport | undefined;
  /** The OrderStatus reason code that came with the report (see lib/execution). */
  executionReason: number | undefined;
  outcome: SignalOutcome;
  /** Why it was not executed (`risk:MaxNotional`, `execution:Slippage`, `pending`). */
  missed: string | undefined;
}

/** The totals of a run. */
export interface PipelineSummary {
  /** Run time, ms. */
  readonly elapsedMs: number;
  /** Market-data frames seen. */
  readonly marketFrames: number;
  /** Market-data frames per second over the run. */
  readonly framesPerSecond: number;
  /** First and last block seen in GasPrice values (0 before any). */
  readonly firstBlock: bigint;
  readonly lastBlock: bigint;
  /** Signals seen. */
  readonly opportunities: number;
  /** Approved or reduced by risk. */
  readonly approved: number;
  /** Rejected by risk. */
  readonly rejected: number;
  /** Filled (in full or in part), paper or live. */
  readonly executed: number;
  /** Approved but not filled (cancelled, rejected, reverted, expired). */
  readonly failed: number;
  /** Of the failed: sent and reverted on chain (gas spent). */
  readonly reverted: number;
  /** Still waiting for a decision or a report when the run ended. */
  readonly pending: number;
  /** Σ net profit in USD the detector expected over all signals (8 decimals, exact). */
  readonly detectedPnlUsd: bigint;
  /** Σ realised P&L in USD of the executed signals (8 decimals, exact). */
  readonly theoreticalPnlUsd: bigint;
  /** Σ realised P&L in USD of the executed and the reverted signals: a reverted transaction
   * reports its gas as a loss (8 decimals, exact). */
  readonly realizedPnlUsd: bigint;
  /** Σ gas paid in USD by live executions, filled or reverted (8 decimals, exact). */
  readonly gasSpentUsd: bigint;
  /** `theoreticalPnlUsd / detectedPnlUsd` (0 when nothing was detected); display only. */
  readonly captureRate: number;
  /** Signals not executed, by reason. */
  readonly missed: Readonly<Record<string, number>>;
}

/** Options of a {@linkcode SignalLedger}. */
export interface SignalLedgerOptions {
  /** Stages in front of it (default `"execute"`: a decision, then a report when approved). */
  readonly stages?: LedgerStages;
  /** Token symbols by lower-case address, for the route text. */
  readonly symbols?: ReadonlyMap<string, string>;
  /** Called once per signal when its outcome is final (or at `finish` for pending ones). */
  readonly onResolved?: (record: SignalRecord) => void;
  /** Signals kept for {@linkcode SignalLedger.latest} (default 50). */
  readonly keep?: number;
  /** Clock, ms (default `performance.now`). */
  readonly clockMs?: () => number;
}

const snakeCase = (name: string) => name.replace(/(?<=.)[A-Z]/g, (c) => `_${c}`).toLowerCase();

/**
 * The name of an OrderStatus / ExecutionReport status code (`3` → `filled`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { statusName } from "./signal_ledger.ts";
 * assert.equal(statusName(7), "reverted");
 * assert.equal(statusName(42), "status_42");
 * ```
 */
export function statusName(status: number): string {
  if (status === 0) return "none";
  const row = codeRow("OrderState", status);
  return row === undefined ? `status_${status}` : snakeCase(row.name);
}

/**
 * A stage that forwards everything and follows each ArbitrageSignal to its RiskDecision and
 * ExecutionReport (matched by signal id), counting market-data frames and blocks on the way.
 * A signal is closed when it is rejected, when its report arrives, or (with fewer stages in
 * front) as soon as what they add has arrived; `finish` closes the rest as `pending`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { OutputQueue } from "../transport/mod.ts";
 * import { SignalLedger } from "./signal_ledger.ts";
 * const ledger = new SignalLedger({ stages: "risk" });
 * const token = `0x${"0a".repeat(20)}` as const;
 * const q = new OutputQueue();
 * ledger.process(parseFrame(buildFrame(RelayDomain.Signal, 2, 1n, [[TlvType.ArbitrageSignal, {
 *   signalId: 7n, strategyId: 1, chainId: 1, tokenIn: token, decimalsIn: 18, amountIn: 10n,
 *   expectedOut: 12n, expectedProfit: 2n, gasUnits: 1n, gasPriceWei: 0n, gasCostIn: 0n,
 *   netProfit: 2n, netProfitUsd: 100n, gasCostUsd: 0n, blockNumber: 5n, detectedNs: 1n, hops: [],
 * }]])), q);
 * ledger.process(parseFrame(buildFrame(RelayDomain.Signal, 3, 1n, [[TlvType.RiskDecision, {
 *   signalId: 7n, decision: 2, reasonCode: 30, approvedAmount: 0n, tradingState: 1,
 * }]])), q);
 * assert.equal(q.take().length, 2);
 * assert.deepEqual(ledger.summary().missed, { "risk:MaxNotional": 1 });
 * ```
 */
export class SignalLedger implements FrameProcessor {
  readonly #stages: LedgerStages;
  readonly #symbols: ReadonlyMap<string, string>;
  readonly #poolFees = new Map<string, number>();
  readonly #onResolved: ((r: SignalRecord) => void) | undefined;
  readonly #keep: number;
  readonly #clock: () => number;
  readonly #start: number;
  readonly #open = new Map<bigint, SignalRecord>();
  readonly #latest: SignalRecord[] = [];
  readonly #missed: Record<string, number> = {};
  #marketFrames = 0;
  #firstBlock = 0n;
  #lastBlock = 0n;
  #opportunities = 0;
  #approved = 0;
  #rejected = 0;
  #executed = 0;
  #failed = 0;
  #reverted = 0;
  #pending = 0;
  #detectedUsd = 0n;
  #pnlUsd = 0n;
  #realizedUsd = 0n;
  #gasSpentUsd = 0n;
  #endMs: number | undefined;

  constructor(options: SignalLedgerOptions = {}) {
    this.#stages = options.stages ?? "execute";
    this.#symbols = options.symbols ?? new Map();
    this.#onResolved = options.onResolved;
    this.#keep = options.keep ?? 50;
    this.#clock = options.clockMs ?? (() => performance.now());
    this.#start = this.#clock();
  }

  /** Last block seen (0 before any). */
  get blockNumber(): bigint {
    return this.#lastBlock;
  }

  /** Signals still waiting for a decision or a report. */
  get openSignals(): number {
    return this.#open.size;
  }

  /** The latest signals, newest first (their records update as decisions arrive). */
  latest(count: number = this.#keep): readonly SignalRecord[] {
    return this.#latest.slice(0, count);
  }

  /** Forward the frame; note what it says about signals, blocks and pools. */
  process(frame: Frame, out: FrameOutput): void {
    out.forward(frame);
    if (frame.domain === RelayDomain.MarketData) {
      this.#marketFrames++;
      this.#market(frame);
      return;
    }
    let signal: ArbitrageSignal | undefined;
    let decision: RiskDecision | undefined;
    const reports: ExecutionReport[] = [];
    const reasons = new Map<bigint, number>();
    for (const t of decodeTlvs(frame)) {
      if (!("value" in t)) continue;
      if (t.type === TlvType.ArbitrageSignal) signal = t.value;
      else if (t.type === TlvType.RiskDecision) decision = t.value;
      else if (t.type === TlvType.ExecutionReport) reports.push(t.value);
      else if (t.type === TlvType.OrderStatus) reasons.set(t.value.orderId, t.value.reasonCode);
    }
    // Risk sends an approval with a copy of its signal: the same signal, not a new one.
    if (signal !== undefined && decision === undefined) this.#signal(signal);
    if (decision !== undefined) this.#decision(decision);
    for (const r of reports) this.#report(r, reasons.get(r.orderId));
  }

  /** The input ended: signals still open are closed as `pending`. */
  finish(): void {
    this.#endMs ??= this.#clock();
    for (const r of [...this.#open.values()]) this.#close(r, "pending", "pending");
  }

  /** The totals so far. */
  summary(): PipelineSummary {
    const elapsedMs = (this.#endMs ?? this.#clock()) - this.#start;
    const detected = this.#detectedUsd;
    return {
      elapsedMs,
      marketFrames: this.#marketFrames,
      framesPerSecond: this.#marketFrames / Math.max(elapsedMs / 1000, 1e-3),
      firstBlock: this.#firstBlock,
      lastBlock: this.#lastBlock,
      opportunities: this.#opportunities,
      approved: this.#approved,
      rejected: this.#rejected,
      executed: this.#executed,
      failed: this.#failed,
      reverted: this.#reverted,
      pending: this.#pending,
      detectedPnlUsd: detected,
      theoreticalPnlUsd: this.#pnlUsd,
      realizedPnlUsd: this.#realizedUsd,
      gasSpentUsd: this.#gasSpentUsd,
      // A ratio for display; both sums stay exact above.
      captureRate: detected > 0n ? Number(this.#pnlUsd * 1_000_000n / detected) / 1e6 : 0,
      missed: { ...this.#missed },
    };
  }

  #market(frame: Frame): void {
    const c = frame.tlvs();
    while (c.next()) {
      if (c.type === TlvType.GasPrice) {
        const g = decodeTlvValue(TlvType.GasPrice, frame.buffer, c.valueOffset, c.length);
        if (this.#firstBlock === 0n) this.#firstBlock = g.blockNumber;
        if (g.blockNumber > this.#lastBlock) this.#lastBlock = g.blockNumber;
      } else if (c.type === TlvType.PoolState) {
        const s = decodeTlvValue(TlvType.PoolState, frame.buffer, c.valueOffset, c.length);
        this.#poolFees.set(s.pool.toLowerCase(), s.fee);
      }
    }
  }

  #signal(s: ArbitrageSignal): void {
    if (this.#open.has(s.signalId)) return;
    const record: SignalRecord = {
      signal: s,
      route: routeText(s, { symbols: this.#symbols, poolFees: this.#poolFees }),
      symbolIn: tokenName(s.tokenIn, this.#symbols),
      decision: undefined,
      execution: undefined,
      executionReason: undefined,
      outcome: "pending",
      missed: undefined,
    };
    this.#opportunities++;
    this.#detectedUsd += s.netProfitUsd;
    this.#latest.unshift(record);
    if (this.#latest.length > this.#keep) this.#latest.length = this.#keep;
    if (this.#stages === "scan") {
      this.#close(record, "detected", undefined);
      return;
    }
    this.#open.set(s.signalId, record);
  }

  #decision(d: RiskDecision): void {
    const r = this.#open.get(d.signalId);
    if (r === undefined || r.decision !== undefined) return;
    r.decision = d;
    if (d.decision === Decision.Reject || d.approvedAmount <= 0n) {
      this.#rejected++;
      this.#close(r, "rejected", `risk:${codeName("RiskReason", d.reasonCode)}`);
      return;
    }
    this.#approved++;
    if (this.#stages === "risk") this.#close(r, "approved", undefined);
    else if (r.execution !== undefined) this.#report(r.execution, r.executionReason);
  }

  #report(e: ExecutionReport, reasonCode: number | undefined): void {
    const r = this.#open.get(e.signalId);
    if (r === undefined) return;
    r.execution = e;
    r.executionReason = reasonCode;
    if (r.decision === undefined) return; // the decision is still on its way
    const filled = orderOutcome(e.status) === "success";
    const mined = filled || e.status === OrderState.Reverted; // landed on chain (or paper filled)
    if (mined) this.#realizedUsd += e.realizedPnlUsd;
    if (mined && e.mode === ExecutionMode.Live) this.#gasSpentUsd += e.gasCostUsd;
    if (filled) {
      this.#executed++;
      this.#pnlUsd += e.realizedPnlUsd;
      this.#close(r, "executed", undefined);
    } else {
      this.#failed++;
      if (e.status === OrderState.Reverted) this.#reverted++;
      const why = reasonCode === undefined ? statusName(e.status) : orderReasonName(reasonCode);
      this.#close(r, "failed", `execution:${why}`);
    }
  }

  #close(r: SignalRecord, outcome: SignalOutcome, missed: string | undefined): void {
    this.#open.delete(r.signal.signalId);
    r.outcome = outcome;
    r.missed = missed;
    if (missed !== undefined) {
      this.#missed[missed] = (this.#missed[missed] ?? 0) + 1;
      if (missed === "pending") this.#pending++;
    }
    this.#onResolved?.(r);
  }
}
