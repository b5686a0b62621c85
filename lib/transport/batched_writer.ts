// lib/transport/batched_writer.ts — one job: coalesce many small writes into few large ones.

/** Where a {@linkcode BatchedWriter} sends its batches. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<unknown>;
}

const encoder = new TextEncoder();

/**
 * Collects bytes and text into a buffer and writes it to the sink in batches of about
 * `batchSize` bytes (64 KiB by default): per-frame writes to stdout are far too slow. Call
 * `flush()` before exiting. Only one write is in flight at a time, so order is kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BatchedWriter } from "./batched_writer.ts";
 * const chunks: Uint8Array[] = [];
 * const w = new BatchedWriter({ write: async (c) => { chunks.push(c.slice()); } }, 8);
 * await w.write(new Uint8Array([1, 2, 3, 4, 5]));
 * await w.writeText("abcdef");
 * await w.flush();
 * assert(chunks.length === 2 && chunks[0]!.length === 8);
 * ```
 */
export class BatchedWriter {
  private buf: Uint8Array;
  private pos = 0;
  /** Bytes handed to the sink so far. */
  written = 0;

  constructor(private readonly sink: ByteSink, readonly batchSize = 65536) {
    this.buf = new Uint8Array(batchSize);
  }

  /** Queue `bytes`; writes a batch when the buffer fills. */
  async write(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      if (this.pos === 0 && bytes.length - off >= this.batchSize) {
        await this.emit(bytes.subarray(off)); // big chunk: no point copying it
        return;
      }
      const n = Math.min(this.batchSize - this.pos, bytes.length - off);
      this.buf.set(bytes.subarray(off, off + n), this.pos);
      this.pos += n;
      off += n;
      if (this.pos === this.batchSize) await this.flush();
    }
  }

  /** Queue UTF-8 text. */
  async writeText(text: string): Promise<void> {
    if (text.length * 3 <= this.batchSize - this.pos) {
      this.pos += encoder.encodeInto(text, this.buf.subarray(this.pos)).written;
      return;
    }
    await this.write(encoder.encode(text));
  }

  /** Write whatever is buffered. */
  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.batchSize); // the sink may hold `out` after write resolves
    this.pos = 0;
    await this.emit(out);
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    this.written += chunk.length;
    await this.sink.write(chunk);
  }
}

/**
 * A sink that writes to a Deno file-like resource (stdout, a file) completely.
 *
 * @example
 * ```ts
 * import { BatchedWriter, resourceSink } from "./batched_writer.ts";
 * const w = new BatchedWriter(resourceSink(Deno.stderr));
 * await w.writeText("");
 * await w.flush();
 * ```
 */
export function resourceSink(resource: { write(p: Uint8Array): Promise<number> }): ByteSink {
  return {
    async write(chunk: Uint8Array) {
      let off = 0;
      while (off < chunk.length) off += await resource.write(chunk.subarray(off));
    },
  };
}
