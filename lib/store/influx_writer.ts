// lib/store/influx_writer.ts — one job: batch lines of line protocol into InfluxDB writes,
// one write in flight while the next batch fills, bounded, failing loudly.
import type { InfluxClient } from "./influx_client.ts";

/** Options of {@linkcode InfluxBatchWriter}. */
export interface InfluxBatchWriterOptions {
  /** Lines per write (default 5000). At most two batches are held: then `add` waits. */
  readonly batchLines?: number;
  /** A partial batch is written once its oldest line is this old, ms (default 1000). */
  readonly flushMs?: number;
  /** Clock, ms (default `performance.now`). */
  readonly clockMs?: () => number;
}

/** Counts of an {@linkcode InfluxBatchWriter}. */
export interface InfluxWriteStats {
  /** Lines InfluxDB accepted. */
  written: number;
  /** Lines that could not be written (a failed batch and what was queued behind it). */
  unwritten: number;
  /** Successful write requests. */
  batches: number;
}

/**
 * Batches lines for {@linkcode InfluxClient.write}: a full batch goes out at once while the
 * next one fills; `add` waits when both are full (back-pressure, never a drop). Once a write
 * fails (after the client's retries) every later call throws that error, and `stats.unwritten`
 * counts every line that did not reach InfluxDB.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InfluxClient } from "./influx_client.ts";
 * import { InfluxBatchWriter } from "./influx_writer.ts";
 * const client = new InfluxClient({ url: "http://127.0.0.1:1", db: "x", attempts: 1 });
 * const w = new InfluxBatchWriter(client);
 * await w.add(["m v=1i 1"]);
 * await assert.rejects(w.flush(), /Cannot reach InfluxDB/);
 * assert.deepEqual(w.stats, { written: 0, unwritten: 1, batches: 0 });
 * ```
 */
export class InfluxBatchWriter {
  readonly stats: InfluxWriteStats = { written: 0, unwritten: 0, batches: 0 };
  #pending: string[] = [];
  #pendingSince = 0;
  #inflight: Promise<void> | null = null;
  #failure: unknown = undefined;
  readonly #batch: number;
  readonly #flushMs: number;
  readonly #clock: () => number;

  constructor(private readonly client: InfluxClient, options: InfluxBatchWriterOptions = {}) {
    this.#batch = options.batchLines ?? 5000;
    this.#flushMs = options.flushMs ?? 1000;
    this.#clock = options.clockMs ?? (() => performance.now());
  }

  /** Lines not yet accepted by InfluxDB (queued or in flight). */
  get pending(): number {
    return this.#pending.length;
  }

  /** Queue lines; starts a write when a batch is full, waiting for the previous one first. */
  async add(lines: readonly string[]): Promise<void> {
    this.#check(lines.length);
    if (this.#pending.length === 0) this.#pendingSince = this.#clock();
    for (const l of lines) this.#pending.push(l);
    while (this.#pending.length >= this.#batch) {
      await this.#idle();
      this.#start(this.#batch);
    }
  }

  /** Write a partial batch whose oldest line waited `flushMs` (call it from a timer). */
  async flushIfDue(): Promise<void> {
    this.#check(0);
    if (this.#pending.length === 0 || this.#inflight !== null) return;
    if (this.#clock() - this.#pendingSince < this.#flushMs) return;
    this.#start(this.#batch);
    await this.#idle();
  }

  /** Write everything queued and wait until InfluxDB has it (or throw why it cannot). */
  async flush(): Promise<void> {
    for (;;) {
      await this.#idle();
      if (this.#pending.length === 0) return;
      this.#start(this.#batch);
    }
  }

  #check(more: number): void {
    if (this.#failure === undefined) return;
    this.stats.unwritten += more;
    throw this.#failure;
  }

  async #idle(): Promise<void> {
    while (this.#inflight !== null) await this.#inflight;
    if (this.#failure !== undefined) throw this.#failure;
  }

  #start(max: number): void {
    const lines = this.#pending.splice(0, max);
    this.#pendingSince = this.#clock();
    const write = this.client.write(lines).then(
      () => {
        this.stats.written += lines.length;
        this.stats.batches++;
      },
      (e) => {
        this.#failure ??= e;
        // This batch and everything queued behind it will not be written.
        this.stats.unwritten += lines.length + this.#pending.length;
        this.#pending = [];
      },
    ).finally(() => {
      if (this.#inflight === write) this.#inflight = null;
    });
    this.#inflight = write;
  }
}
