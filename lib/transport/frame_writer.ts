// lib/transport/frame_writer.ts — one job: write frames in batches that fill up under load
// and go out on the next turn of the event loop when traffic is light.
import { setImmediate } from "node:timers";
import type { Frame } from "../protocol/mod.ts";
import type { ByteSink } from "./batched_writer.ts";

/** Counts of a {@linkcode FrameWriter}. */
export interface FrameWriterStats {
  /** Frames written with `writeFrame`. */
  frames: number;
  /** Bytes accepted. */
  bytes: number;
  /** Writes made to the sink. */
  writes: number;
}

/**
 * What {@linkcode FrameWriter.write} returns when the bytes were taken at once (copied into the
 * batch): a caller on a hot path may skip awaiting it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameWriter, WRITTEN } from "./frame_writer.ts";
 * const w = new FrameWriter({ write: async () => {} });
 * assert.equal(w.write(new Uint8Array(8)), WRITTEN);
 * await w.flush();
 * ```
 */
export const WRITTEN: Promise<void> = Promise.resolve();
const READY = WRITTEN;

/**
 * Coalesces frames into batches of `batchSize` bytes (64 KiB): a full batch is written at
 * once; a partial one goes out on the next turn of the event loop (`setImmediate`, after
 * pending I/O), so one frame alone waits microseconds, not a timer's millisecond. One write
 * is in flight at a time while the next batch fills (order is kept; a producer waits only
 * when both are full). The two batch buffers are reused, so a sink must be done with a chunk
 * when its write resolves. A failed write fails every later call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameWriter } from "./frame_writer.ts";
 * const chunks: Uint8Array[] = [];
 * const w = new FrameWriter({ write: async (c) => { chunks.push(c.slice()); } });
 * await w.write(new Uint8Array([1, 2]));
 * await w.write(new Uint8Array([3]));
 * await new Promise((r) => setTimeout(r, 0)); // a tick later the batch has gone out
 * assert.deepEqual(chunks.map((c) => [...c]), [[1, 2, 3]]);
 * await w.flush();
 * ```
 */
export class FrameWriter {
  private buf: Uint8Array;
  private pos = 0;
  private inflight: Promise<void> | null = null;
  private scheduled = false;
  private failure: unknown = null;
  private slow: Promise<void> | null = null;
  private spare: Uint8Array | null = null; // a write that waits; later ones queue behind it
  /** Live counts. */
  readonly stats: FrameWriterStats = { frames: 0, bytes: 0, writes: 0 };

  constructor(private readonly sink: ByteSink, readonly batchSize = 65536) {
    this.buf = new Uint8Array(batchSize);
  }

  /** Queue a frame's bytes. */
  writeFrame(frame: Frame): Promise<void> {
    this.stats.frames++;
    return this.write(frame.bytes);
  }

  /** Queue bytes (whole frames). Resolves at once unless both batches are full. */
  write(bytes: Uint8Array): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.slow === null && bytes.length < this.batchSize - this.pos) {
      this.stats.bytes += bytes.length;
      this.buf.set(bytes, this.pos);
      this.pos += bytes.length;
      this.schedule();
      return READY;
    }
    // Writes that must wait run one after another, and later fast ones queue behind them.
    const slow = (this.slow ?? READY).then(() => this.writeSlow(bytes));
    const clear = () => {
      if (this.slow === slow) this.slow = null;
    };
    slow.then(clear, clear);
    this.slow = slow;
    return slow;
  }

  /** Write everything queued and wait until the sink has it. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.failure !== null) throw this.failure;
      if (this.slow !== null) await this.slow.catch(() => {});
      else if (this.inflight !== null) await this.inflight.catch(() => {});
      else if (this.pos > 0) this.start();
      else return;
    }
  }

  private async writeSlow(bytes: Uint8Array): Promise<void> {
    if (this.failure !== null) throw this.failure;
    this.stats.bytes += bytes.length;
    let off = 0;
    while (off < bytes.length) {
      if (this.pos === 0 && bytes.length - off >= this.batchSize) {
        await this.waitIdle();
        this.send(bytes.subarray(off)); // a big frame: no point copying it
        return;
      }
      const n = Math.min(this.batchSize - this.pos, bytes.length - off);
      this.buf.set(bytes.subarray(off, off + n), this.pos);
      this.pos += n;
      off += n;
      if (this.pos === this.batchSize) await this.pushBatch();
    }
    this.schedule();
  }

  // A full batch: wait for the write in flight, then start this one.
  private async pushBatch(): Promise<void> {
    await this.waitIdle();
    if (this.pos > 0) this.start();
  }

  private async waitIdle(): Promise<void> {
    while (this.inflight !== null) await this.inflight.catch(() => {});
    if (this.failure !== null) throw this.failure;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inflight === null && this.pos > 0 && this.failure === null) this.start();
    });
  }

  private start(): void {
    const out = this.buf.subarray(0, this.pos);
    this.buf = this.spare ?? new Uint8Array(this.batchSize);
    this.spare = null;
    this.pos = 0;
    this.send(out);
  }

  private send(chunk: Uint8Array): void {
    this.stats.writes++;
    const done = this.sink.write(chunk).then(
      () => {
        this.inflight = null;
        // The sink is done with the chunk: its buffer takes the next batch.
        if (chunk.byteOffset === 0 && chunk.buffer.byteLength === this.batchSize) {
          this.spare = new Uint8Array(chunk.buffer as ArrayBuffer);
        }
        // What piled up meanwhile goes on the next turn, so writes stay large under load.
        if (this.pos > 0 && this.failure === null) this.schedule();
      },
      (e) => {
        this.inflight = null;
        this.failure = e;
      },
    );
    this.inflight = done;
  }
}
