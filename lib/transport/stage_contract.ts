// lib/transport/stage_contract.ts — one job: the contract of a stage's logic (FrameProcessor,
// its FrameOutput, the OutputQueue, chaining in one process). Stages import this file only:
// no I/O, no transport; `runStage` (stage.ts) runs a processor between a source and a sink.
import { type Frame, parseFrame } from "../protocol/mod.ts";

/** Where a {@linkcode FrameProcessor} puts its output; written in call order. */
export interface FrameOutput {
  /** Pass an input frame downstream unchanged (its source and sequence are kept). */
  forward(frame: Frame): void;
  /** Write the bytes of one or more whole frames the stage built (copied before return). */
  emit(bytes: Uint8Array): void;
}

/**
 * A stage's logic with no I/O: frames in, frames out. The same processor runs behind a pipe,
 * a relay or NATS (`runStage` in stage.ts) or chained in one process ({@linkcode chainProcessors}).
 */
export interface FrameProcessor {
  /** Handle one input frame. The frame's bytes are only valid until this call returns. */
  process(frame: Frame, out: FrameOutput): void | Promise<void>;
  /** Time passed: called about every `tickMs` (and never during `process`) with the clock. */
  tick?(nowNs: bigint, out: FrameOutput): void | Promise<void>;
  /** The input ended: write what is left (pending work, summaries). */
  finish?(out: FrameOutput): void | Promise<void>;
}

/**
 * Collects a processor's output in order; `frames` are copies, safe to keep.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { OutputQueue } from "./stage_contract.ts";
 * const q = new OutputQueue();
 * const bytes = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * q.emit(bytes);
 * q.forward(parseFrame(bytes));
 * assert.equal(q.take().length, 2);
 * assert.equal(q.take().length, 0);
 * ```
 */
export class OutputQueue implements FrameOutput {
  #items: Uint8Array[] = [];
  forward(frame: Frame): void {
    this.#items.push(frame.bytes.slice());
  }
  emit(bytes: Uint8Array): void {
    this.#items.push(bytes.slice());
  }
  /** The queued byte runs, oldest first; the queue is empty afterwards. */
  take(): Uint8Array[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }
  /** How many byte runs are queued. */
  get length(): number {
    return this.#items.length;
  }
}

/**
 * Chain processors in one process: each one's output is the next one's input, with no
 * serialising between them beyond the frame bytes (the detector's lowest-latency path).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { chainProcessors, OutputQueue } from "./stage_contract.ts";
 * let seen = 0;
 * const both = chainProcessors([
 *   { process: (f, out) => out.forward(f) },
 *   { process: (f, out) => { seen++; out.forward(f); } },
 * ]);
 * const q = new OutputQueue();
 * await both.process(parseFrame(buildFrame(RelayDomain.Execution, 4, 1n,
 *   [[TlvType.OrderCancel, { orderId: 1n, reasonCode: 0 }]])), q);
 * assert.equal(seen, 1);
 * assert.equal(q.take().length, 1);
 * ```
 */
export function chainProcessors(processors: readonly FrameProcessor[]): FrameProcessor {
  if (processors.length === 0) return { process: (frame, out) => out.forward(frame) };
  // Feed each stage's output to the next, stage by stage.
  const pass = async (
    from: number,
    items: Uint8Array[],
    out: FrameOutput,
  ): Promise<void> => {
    for (let i = from; i < processors.length; i++) {
      if (items.length === 0) return;
      const q = new OutputQueue();
      for (const bytes of items) {
        for (const frame of splitFrames(bytes)) await processors[i]!.process(frame, q);
      }
      items = q.take();
    }
    for (const bytes of items) out.emit(bytes);
  };
  const runEach = async (
    out: FrameOutput,
    call: (p: FrameProcessor, q: OutputQueue) => void | Promise<void>,
  ): Promise<void> => {
    for (let i = 0; i < processors.length; i++) {
      const q = new OutputQueue();
      await call(processors[i]!, q);
      await pass(i + 1, q.take(), out);
    }
  };
  return {
    async process(frame, out) {
      const q = new OutputQueue();
      await processors[0]!.process(frame, q);
      await pass(1, q.take(), out);
    },
    tick: (now, out) => runEach(out, (p, q) => p.tick?.(now, q)),
    finish: (out) => runEach(out, (p, q) => p.finish?.(q)),
  };
}

// Emitted runs may hold several frames; the next stage gets them one at a time.
function* splitFrames(bytes: Uint8Array): Generator<Frame> {
  let at = 0;
  while (at < bytes.length) {
    const frame = parseFrame(bytes, at);
    yield frame;
    at += frame.size;
  }
}
