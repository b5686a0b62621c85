// lib/transport/stage.ts — one job: run a stage's frame logic between a source and a sink,
// with ticks for time-driven work and a once-a-second health line on stderr.
import { type Frame, parseFrame } from "../protocol/mod.ts";
import type { FrameSink } from "./frame_sink.ts";
import { WRITTEN } from "./frame_writer.ts";
import type { FrameSource } from "./frame_source.ts";
import { StageReporter, type StageReporterOptions, type StageSummary } from "./stage_report.ts";

/** Where a {@linkcode FrameProcessor} puts its output; written in call order. */
export interface FrameOutput {
  /** Pass an input frame downstream unchanged (its source and sequence are kept). */
  forward(frame: Frame): void;
  /** Write the bytes of one or more whole frames the stage built (copied before return). */
  emit(bytes: Uint8Array): void;
}

/**
 * A stage's logic with no I/O: frames in, frames out. The same processor runs behind a pipe,
 * a relay or NATS ({@linkcode runStage}) or chained in one process ({@linkcode chainProcessors}).
 */
export interface FrameProcessor {
  /** Handle one input frame. The frame's bytes are only valid until this call returns. */
  process(frame: Frame, out: FrameOutput): void | Promise<void>;
  /** Time passed: called about every `tickMs` (and never during `process`) with the clock. */
  tick?(nowNs: bigint, out: FrameOutput): void | Promise<void>;
  /** The input ended: write what is left (pending work, summaries). */
  finish?(out: FrameOutput): void | Promise<void>;
}

/** Options of {@linkcode runStage}. */
export interface RunStageOptions extends StageReporterOptions {
  /** Period of `tick` calls, ms (default 10). */
  readonly tickMs?: number;
  /** Stop reading when aborted (Ctrl-C); the processor still finishes and the sink flushes. */
  readonly signal?: AbortSignal;
}

/** Wall clock, ns since the Unix epoch. */
export function nowNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

/**
 * Collects a processor's output in order; `frames` are copies, safe to keep.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { OutputQueue } from "./stage.ts";
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

// runStage's output: forwarded frames are kept as views (runStage writes them before it reads
// the next frame, while they are valid); emitted bytes are copied, as the contract says.
class StageOutput implements FrameOutput {
  readonly items: Uint8Array[] = [];
  forward(frame: Frame): void {
    this.items.push(frame.bytes);
  }
  emit(bytes: Uint8Array): void {
    this.items.push(bytes.slice());
  }
}

/**
 * Run `processor` on every frame of `source`, writing its output to `sink`, reporting read,
 * written, dropped and lag on stderr at most once a second (unless `quiet`). Ends when the
 * source ends or `signal` aborts; then `finish` runs, the sink is flushed (not closed) and the
 * totals are returned. A processor error stops the stage after flushing what was written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { openFrameSink } from "./frame_sink.ts";
 * import { openFrameSource } from "./frame_source.ts";
 * import { runStage } from "./stage.ts";
 * const input = await Deno.makeTempFile();
 * const output = await Deno.makeTempFile();
 * await Deno.writeFile(input, buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]));
 * const source = await openFrameSource(input);
 * const sink = await openFrameSink(output);
 * const summary = await runStage("copy", source, sink, {
 *   process: (frame, out) => out.forward(frame),
 * }, { quiet: true });
 * await sink.close();
 * assert.deepEqual([summary.read, summary.written, summary.dropped], [1, 1, 0]);
 * assert.equal((await Deno.readFile(output)).length, 44);
 * await Deno.remove(input);
 * await Deno.remove(output);
 * ```
 */
export async function runStage(
  name: string,
  source: FrameSource,
  sink: FrameSink,
  processor: FrameProcessor,
  options: RunStageOptions = {},
): Promise<StageSummary> {
  const report = new StageReporter(name, options);
  const out = new StageOutput();
  const reader = source.frames.getReader();
  // `busy` covers a process or tick call and the writes that follow it, so ticks never run
  // during `process` (a tick the timer finds busy runs right after) and writes keep order.
  let busy = false;
  let tickDue = false;
  let ticking: Promise<void> | null = null;
  let failure: unknown;

  const write = async (): Promise<void> => {
    const items = out.items;
    for (let i = 0; i < items.length; i++) {
      const bytes = items[i]!;
      const written = sink.write(bytes);
      // Taken at once (the usual case): no turn of the microtask queue per frame.
      if (written !== WRITTEN) await written;
      report.wrote(bytes);
    }
    items.length = 0;
  };
  const runTick = async (): Promise<void> => {
    busy = true;
    try {
      await processor.tick!(nowNs(), out);
      await write();
    } finally {
      busy = false;
    }
  };
  const timer = processor.tick === undefined ? undefined : setInterval(() => {
    if (busy || ticking !== null) {
      tickDue = true;
      return;
    }
    ticking = runTick().catch((e) => {
      failure ??= e;
      reader.cancel().catch(() => {});
    }).finally(() => ticking = null);
  }, options.tickMs ?? 10);
  // Sources that acknowledge (NATS): ack only frames whose output reached the sink, so a
  // restart resumes exactly after what was written. `mark()` is taken between frames only.
  const mark = source.mark?.bind(source);
  mark?.();
  let acking: Promise<void> | null = null;
  const acknowledge = (): Promise<void> => {
    if (mark === undefined) return Promise.resolve();
    const ack = mark();
    acking = (async () => {
      await sink.flush();
      await ack();
    })().finally(() => acking = null);
    return acking;
  };
  const ackTimer = mark === undefined ? undefined : setInterval(() => {
    if (busy || acking !== null) return;
    acknowledge().catch((e) => {
      failure ??= e;
      reader.cancel().catch(() => {});
    });
  }, 100);
  const health = setInterval(() => report.poll(), 1000);
  Deno.unrefTimer(health);
  const onAbort = () => reader.cancel().catch(() => {});
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (failure === undefined) {
      const next = await reader.read();
      if (ticking !== null) await ticking;
      if (next.done || failure !== undefined) break;
      const frame = next.value;
      report.read(frame);
      busy = true;
      try {
        // A synchronous processor costs no turn of the microtask queue per frame.
        const pending = processor.process(frame, out);
        if (pending !== undefined) await pending;
        // Forwarded frames are views: written before the next read, while they are valid.
        if (out.items.length > 0) await write();
      } finally {
        busy = false;
      }
      if (tickDue) {
        tickDue = false;
        await runTick();
      }
    }
    if (timer !== undefined) clearInterval(timer);
    if (ticking !== null) await ticking;
    if (failure !== undefined) throw failure;
    if (processor.tick !== undefined) await runTick();
    await processor.finish?.(out);
    await write();
    if (acking !== null) await acking;
    await acknowledge();
  } finally {
    if (ackTimer !== undefined) clearInterval(ackTimer);
    if (timer !== undefined) clearInterval(timer);
    clearInterval(health);
    options.signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
    await sink.flush();
    report.close();
  }
  return report.summary();
}

/**
 * Chain processors in one process: each one's output is the next one's input, with no
 * serialising between them beyond the frame bytes (the detector's lowest-latency path).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { chainProcessors, OutputQueue } from "./stage.ts";
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
