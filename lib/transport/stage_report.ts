// lib/transport/stage_report.ts — one job: count what a stage reads, writes and drops, and say
// it on stderr at most once a second.
import type { Frame } from "../protocol/mod.ts";

/** Options of {@linkcode StageReporter}. */
export interface StageReporterOptions {
  /** Print nothing (counting goes on). */
  readonly quiet?: boolean;
  /** Where lines go (default stderr). */
  readonly write?: (line: string) => void;
  /** Minimum time between two lines, ms (default 1000). */
  readonly intervalMs?: number;
  /** Clock, ms (default `performance.now`). */
  readonly clockMs?: () => number;
}

/** A stage's totals. */
export interface StageSummary {
  /** Frames read. */
  readonly read: number;
  /** Byte runs written (one frame each, unless a stage emits several at once). */
  readonly written: number;
  /** Frames dropped: must stay 0; a stage that drops says why on stderr as well. */
  readonly dropped: number;
  /** Bytes read. */
  readonly bytesRead: number;
  /** Bytes written. */
  readonly bytesWritten: number;
  /** Lag of the last frame read (now minus its header timestamp), ms; 0 before any. */
  readonly lagMs: number;
  /** Run time, ms. */
  readonly elapsedMs: number;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * The health line of a stage: `torq NAME: read N (R/s) written N dropped 0 lag L ms`, printed
 * when a count changes, at most once per interval, and once more on `close`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { StageReporter } from "./stage_report.ts";
 * const lines: string[] = [];
 * const r = new StageReporter("risk", { write: (l) => lines.push(l) });
 * r.read(parseFrame(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]])));
 * r.close();
 * assert.equal(r.summary().read, 1);
 * assert.match(lines.at(-1)!, /^torq risk: done: read 1 .*dropped 0/);
 * ```
 */
export class StageReporter {
  #read = 0;
  #written = 0;
  #dropped = 0;
  #bytesRead = 0;
  #bytesWritten = 0;
  #lagMs = 0;
  #lastFrame: Frame | undefined;
  #lastLine = -Infinity;
  #lastRead = 0;
  #changed = false;
  readonly #start: number;
  readonly #clock: () => number;
  readonly #write: ((line: string) => void) | undefined;
  readonly #interval: number;

  constructor(readonly name: string, options: StageReporterOptions = {}) {
    this.#clock = options.clockMs ?? (() => performance.now());
    this.#start = this.#clock();
    this.#lastLine = this.#start;
    this.#interval = options.intervalMs ?? 1000;
    this.#write = options.quiet === true
      ? undefined
      : (options.write ?? ((line) => console.error(line)));
  }

  /** Count one frame read. */
  read(frame: Frame): void {
    this.#read++;
    this.#bytesRead += frame.size;
    // Read the (bigint) timestamp only when a line is printed.
    this.#lastFrame = frame;
    this.#tick();
  }
  /** Count bytes written (one run of whole frames). */
  wrote(bytes: Uint8Array): void {
    this.#written++;
    this.#bytesWritten += bytes.length;
    this.#tick();
  }
  /** Count frames dropped and say why, at once (a drop is never silent). */
  dropped(count: number, why: string): void {
    this.#dropped += count;
    this.#write?.(`torq ${this.name}: DROPPED ${count} frame(s): ${why}`);
    this.#tick();
  }

  /** The totals so far. */
  summary(): StageSummary {
    return {
      read: this.#read,
      written: this.#written,
      dropped: this.#dropped,
      bytesRead: this.#bytesRead,
      bytesWritten: this.#bytesWritten,
      lagMs: this.#lag(),
      elapsedMs: this.#clock() - this.#start,
    };
  }

  /** Print the final line. */
  close(): void {
    this.#line(this.#clock(), "done: ");
  }

  #lag(): number {
    if (this.#lastFrame === undefined || this.#lastFrame.timestampNs === 0n) return this.#lagMs;
    const nowNs = (performance.timeOrigin + performance.now()) * 1e6;
    this.#lagMs = Math.max(0, (nowNs - Number(this.#lastFrame.timestampNs)) / 1e6);
    return this.#lagMs;
  }

  #tick(): void {
    this.#changed = true;
    // Checking the clock on every frame would cost more than the counting.
    if ((this.#read + this.#written) % 256 !== 0 || this.#write === undefined) return;
    const now = this.#clock();
    if (now - this.#lastLine >= this.#interval) this.#line(now, "");
  }

  /** Print a line now if anything changed and the interval passed (for idle timers). */
  poll(): void {
    if (this.#write === undefined || !this.#changed) return;
    const now = this.#clock();
    if (now - this.#lastLine >= this.#interval) this.#line(now, "");
  }

  #line(now: number, prefix: string): void {
    if (this.#write === undefined) return;
    const seconds = Math.max((now - this.#lastLine) / 1000, 1e-3);
    const rate = prefix === ""
      ? (this.#read - this.#lastRead) / seconds
      : this.#read / Math.max((now - this.#start) / 1000, 1e-3);
    this.#write(
      `torq ${this.name}: ${prefix}read ${fmt(this.#read)} (${fmt(Math.round(rate))}/s) written ${
        fmt(this.#written)
      } dropped ${fmt(this.#dropped)} lag ${this.#lag().toFixed(1)} ms`,
    );
    this.#lastLine = now;
    this.#lastRead = this.#read;
    this.#changed = false;
  }
}
