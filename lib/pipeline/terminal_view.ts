// lib/pipeline/terminal_view.ts — one job: show a running pipeline to a person: a status line
// and a table of the latest opportunities, redrawn in place on a terminal, as plain lines
// otherwise; and the summary at the end.
import { formatAmount, USD_DECIMALS } from "../market/mod.ts";
import { codeName, Decision, ExecutionMode, OrderState } from "../protocol/mod.ts";
import { amountText } from "./route_text.ts";
import type { PipelineSummary, SignalLedger, SignalRecord } from "./signal_ledger.ts";

/** Options of a {@linkcode TerminalView}. */
export interface TerminalViewOptions {
  /** Redraw in place with ANSI escapes (a terminal) or print plain lines (a pipe or file). */
  readonly tty: boolean;
  /** Where the view goes (stdout). */
  readonly write: (text: string) => void;
  /** Table rows (default 10). */
  readonly rows?: number;
  /** Terminal width; lines are cut to it so a redraw never wraps (default 120). */
  readonly columns?: number;
  /** Least time between two redraws, ms (default 250). */
  readonly refreshMs?: number;
  /** Time between two status lines in plain mode, ms (default 5000). */
  readonly plainStatusMs?: number;
  /** Clock, ms (default `performance.now`). */
  readonly clockMs?: () => number;
  /** What executes approved signals, for the summary wording (default `paper`). */
  readonly mode?: string;
}

const usd = (v: bigint, digits = 2) => {
  const t = amountText(v, USD_DECIMALS, digits);
  return t.startsWith("-") ? `-$${t.slice(1)}` : `$${t}`;
};
const count = (n: number) => n.toLocaleString("en-US");

/**
 * The decision column of a signal: `executed +$1.23` (`executed on chain +$1.23` when live),
 * `reverted on chain InsufficientProfit`, `rejected MaxNotional`, `approved`, `failed Slippage`,
 * `detected`, or `…` while waiting.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decisionText } from "./terminal_view.ts";
 * assert.equal(decisionText({ outcome: "pending", missed: undefined, decision: undefined,
 *   execution: undefined }), "…");
 * const reverted = { status: 7, mode: 2, realizedPnlUsd: -5n } as const;
 * assert.equal(decisionText({ outcome: "failed", missed: "execution:InsufficientProfit",
 *   decision: undefined, execution: reverted as never }), "reverted on chain InsufficientProfit");
 * ```
 */
export function decisionText(
  r: Pick<SignalRecord, "outcome" | "missed" | "decision" | "execution">,
): string {
  switch (r.outcome) {
    case "executed": {
      const pnl = r.execution?.realizedPnlUsd ?? 0n;
      const where = r.execution?.mode === ExecutionMode.Live ? "executed on chain" : "executed";
      return `${where} ${pnl >= 0n ? "+" : ""}${usd(pnl)}`;
    }
    case "rejected":
      return `rejected ${codeName("RiskReason", r.decision?.reasonCode ?? 0)}`;
    case "failed": {
      const why = (r.missed ?? "").replace(/^execution:/, "");
      return r.execution?.status === OrderState.Reverted
        ? `reverted on chain ${why}`
        : `failed ${why}`;
    }
    case "approved":
      return r.decision?.decision === Decision.Reduce ? "reduced" : "approved";
    case "detected":
      return "detected";
    case "pending":
      return r.missed === "pending" ? "pending at stop" : "…";
  }
}

/**
 * The table of the latest opportunities: id, route, size, expected profit, gas, net, decision.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opportunityTable } from "./terminal_view.ts";
 * const [header] = opportunityTable([]);
 * assert.match(header!, /route.*size.*profit.*gas.*net.*decision/);
 * ```
 */
export function opportunityTable(records: readonly SignalRecord[]): string[] {
  const rows = records.map((r) => {
    const s = r.signal;
    return [
      `#${s.signalId}`,
      r.route,
      `${amountText(s.amountIn, s.decimalsIn, 4)} ${r.symbolIn}`,
      `${amountText(s.expectedProfit, s.decimalsIn, 6)} ${r.symbolIn}`,
      usd(s.gasCostUsd, 4),
      usd(s.netProfitUsd),
      decisionText(r),
    ];
  });
  const header = ["id", "route", "size", "expected profit", "gas", "net", "decision"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (cells: string[]) =>
    cells.map((c, i) => right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)).join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * The summary a person reads at the end of a run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SignalLedger } from "./signal_ledger.ts";
 * import { summaryText } from "./terminal_view.ts";
 * const text = summaryText(new SignalLedger().summary());
 * assert.match(text, /opportunities seen\s+0/);
 * assert.match(text, /capture rate\s+0\.0%/);
 * ```
 */
export function summaryText(s: PipelineSummary, mode = "paper"): string {
  const missed = Object.entries(s.missed).sort((a, b) => b[1] - a[1]);
  return [
    `summary after ${(s.elapsedMs / 1000).toFixed(1)} s, blocks ${s.firstBlock}–${s.lastBlock}, ` +
    `${count(s.marketFrames)} market frames (${s.framesPerSecond.toFixed(1)}/s)`,
    `  opportunities seen   ${count(s.opportunities)}`,
    `  approved             ${count(s.approved)}`,
    `  rejected             ${count(s.rejected)}`,
    `  executed on ${mode.padEnd(9)}${count(s.executed)}`,
    `  theoretical P&L      ${formatAmount(s.theoreticalPnlUsd, USD_DECIMALS)} USD`,
    ...(mode === "chain"
      ? [
        `  reverted on chain    ${count(s.reverted)}`,
        `  realised P&L         ${formatAmount(s.realizedPnlUsd, USD_DECIMALS)} USD`,
        `  gas spent            ${formatAmount(s.gasSpentUsd, USD_DECIMALS)} USD`,
      ]
      : []),
    `  detected net profit  ${formatAmount(s.detectedPnlUsd, USD_DECIMALS)} USD`,
    `  capture rate         ${(s.captureRate * 100).toFixed(1)}%`,
    `  missed by reason     ${
      missed.length === 0 ? "none" : missed.map(([k, v]) => `${k} ${count(v)}`).join(", ")
    }`,
  ].join("\n");
}

/**
 * The live view of a {@linkcode SignalLedger}. On a terminal, `refresh` redraws the status
 * line, the table of the latest opportunities and the last notes in place (at most every
 * `refreshMs`); otherwise `resolved` prints one line per finished signal and `refresh` a status
 * line every `plainStatusMs`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SignalLedger } from "./signal_ledger.ts";
 * import { TerminalView } from "./terminal_view.ts";
 * let text = "";
 * const view = new TerminalView(new SignalLedger(), { tty: true, write: (t) => text += t });
 * view.refresh(true);
 * assert.match(text, /block 0 .* 0 opportunities/);
 * view.close();
 * assert(text.endsWith("\x1b[?25h"));
 * ```
 */
export class TerminalView {
  readonly #ledger: SignalLedger;
  readonly #o: TerminalViewOptions;
  readonly #clock: () => number;
  readonly #notes: string[] = [];
  #drawn = 0;
  #lastDraw = -Infinity;
  #lastStatus: number;
  #rateAt: number;
  #rateFrames = 0;
  #rate = 0;
  #closed = false;

  constructor(ledger: SignalLedger, options: TerminalViewOptions) {
    this.#ledger = ledger;
    this.#o = options;
    this.#clock = options.clockMs ?? (() => performance.now());
    this.#lastStatus = this.#clock();
    this.#rateAt = this.#lastStatus;
    if (options.tty) options.write("\x1b[?25l"); // hide the cursor while redrawing
  }

  /** A progress line from a component (devnet, collector): under the table, or as it is. */
  note(line: string): void {
    if (!this.#o.tty) {
      this.#o.write(`${line}\n`);
      return;
    }
    this.#notes.push(line);
    if (this.#notes.length > 3) this.#notes.shift();
  }

  /** A signal's outcome is final (plain mode prints it). */
  resolved(r: SignalRecord): void {
    if (this.#o.tty) return;
    const [, row] = opportunityTable([r]);
    this.#o.write(`${row}\n`);
  }

  /** The status line: block, frames per second (over the last few seconds), counts, P&L. */
  status(): string {
    const now = this.#clock();
    const s = this.#ledger.summary();
    if (now - this.#rateAt >= 1000) {
      this.#rate = (s.marketFrames - this.#rateFrames) / ((now - this.#rateAt) / 1000);
      this.#rateFrames = s.marketFrames;
      this.#rateAt = now;
    }
    return `torq pipeline  ${(s.elapsedMs / 1000).toFixed(0)} s  block ${s.lastBlock}  ` +
      `${this.#rate.toFixed(1)} frames/s  ${count(s.opportunities)} opportunities  ` +
      `${count(s.approved)} approved  ${count(s.executed)} executed  ` +
      `P&L ${usd(s.theoreticalPnlUsd)}`;
  }

  /** Redraw (terminal) or print a status line (plain), unless too soon; `force` skips the wait. */
  refresh(force = false): void {
    if (this.#closed) return;
    const now = this.#clock();
    if (!this.#o.tty) {
      if (force || now - this.#lastStatus >= (this.#o.plainStatusMs ?? 5000)) {
        this.#lastStatus = now;
        this.#o.write(`${this.status()}\n`);
      }
      return;
    }
    if (!force && now - this.#lastDraw < (this.#o.refreshMs ?? 250)) return;
    this.#lastDraw = now;
    const width = this.#o.columns ?? 120;
    const lines = [
      this.status(),
      "",
      ...opportunityTable(this.#ledger.latest(this.#o.rows ?? 10)),
      "",
      ...this.#notes,
    ].map((l) => l.length > width ? l.slice(0, width - 1) + "…" : l);
    // Up to the top of the last drawing, clear to the end of the screen, draw.
    const up = this.#drawn > 0 ? `\x1b[${this.#drawn}F` : "";
    this.#o.write(`${up}\x1b[J${lines.join("\n")}\n`);
    this.#drawn = lines.length;
  }

  /** Final redraw; gives the cursor back. */
  close(): void {
    if (this.#closed) return;
    if (this.#o.tty) this.refresh(true);
    this.#closed = true;
    if (this.#o.tty) this.#o.write("\x1b[?25h");
  }
}
