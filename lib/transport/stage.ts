// lib/transport/stage.ts — one job: run a stage's frame logic (stage_contract.ts) between a
// source and a sink, with ticks for time-driven work and a once-a-second health line on stderr.
import type { Frame } from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "./stage_contract.ts";
import { WRITTEN } from "./frame_writer.ts";
import type { FrameSink, FrameSource } from "./transport_types.ts";
import { StageReporter, type StageReporterOptions, type StageSummary } from "./stage_report.ts";

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
