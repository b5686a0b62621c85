// lib/transport/stage_io.ts — one job: open what a stage command reads and writes (inputs
// merged, an optional feedback input, the output), and run the stage until its input ends or
// the process is told to stop.
import type { Frame } from "../protocol/mod.ts";
import { type DomainSink, domainSink } from "./domain_sink.ts";
import { parseEndpoint } from "./endpoint.ts";
import { openFrameSink } from "./frame_sink.ts";
import { openFrameSource } from "./frame_source.ts";
import type { FrameSink, FrameSource } from "./transport_types.ts";
import { mergeFrameSources } from "./merge_sources.ts";
import type { RelayPublisher } from "./publisher.ts";
import { runStage } from "./stage.ts";
import type { FrameProcessor } from "./stage_contract.ts";
import type { StageSummary } from "./stage_report.ts";
import type { Topics } from "./topic_filter.ts";

/** Options of {@linkcode openStageIo}. */
export interface StageIoOptions {
  /** Endpoints to read, merged as frames arrive (default `["-"]`). */
  readonly inputs?: readonly string[];
  /** Endpoint to write (default `-`). A relay gets only frames of its own domain. */
  readonly output?: string;
  /** A second input whose frames the stage consumes (for example the executor's reports). */
  readonly feedback?: { readonly endpoint: string; readonly topics?: Topics };
}

/** What a stage command reads and writes. */
export interface StageIo {
  readonly source: FrameSource;
  /** The output; a relay output is a {@linkcode DomainSink} that counts what it skipped. */
  readonly sink: FrameSink | DomainSink;
  /** Whether a frame came from the feedback input. */
  isFeedback(frame: Frame): boolean;
  /** Close the output (flushing it) and every input. */
  close(): Promise<void>;
}

/**
 * Open a stage's inputs and output for `torq NAME`: several inputs are merged as their frames
 * arrive (ending with the last), a feedback input ends with the main ones, and a relay output
 * publishes only its own domain (the frames of other domains a stage forwards are on their
 * relays already). On an error everything opened so far is closed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { openStageIo, runStageUntilStopped } from "./stage_io.ts";
 * const a = await Deno.makeTempFile();
 * const b = await Deno.makeTempFile();
 * const out = await Deno.makeTempFile();
 * const frame = (seq: bigint) => buildFrame(RelayDomain.Execution, 4, seq,
 *   [[TlvType.OrderCancel, { orderId: seq, reasonCode: 0 }]]);
 * await Deno.writeFile(a, frame(1n));
 * await Deno.writeFile(b, frame(2n));
 * const io = await openStageIo("copy", { inputs: [a, b], output: out });
 * const summary = await runStageUntilStopped("copy", io, {
 *   process: (f, o) => o.forward(f),
 * }, { quiet: true });
 * assert.equal(summary.read, 2);
 * assert.equal((await Deno.readFile(out)).length, 88);
 * for (const p of [a, b, out]) await Deno.remove(p);
 * ```
 */
export async function openStageIo(name: string, options: StageIoOptions = {}): Promise<StageIo> {
  const opened: FrameSource[] = [];
  let sink: FrameSink | DomainSink | undefined;
  try {
    for (const e of options.inputs ?? ["-"]) {
      opened.push(await openFrameSource(parseEndpoint(e), { name: `torq ${name}` }));
    }
    let source: FrameSource = opened.length === 1 ? opened[0]! : mergeFrameSources(opened);
    let isFeedback = (_: Frame) => false;
    if (options.feedback !== undefined) {
      const back = await openFrameSource(parseEndpoint(options.feedback.endpoint), {
        name: `torq ${name} feedback`,
        ...(options.feedback.topics !== undefined ? { topics: options.feedback.topics } : {}),
      });
      opened.push(back);
      const merged = mergeFrameSources([source, back], { ending: "first" });
      isFeedback = (f) => merged.originOf(f) === 1;
      source = merged;
    }
    const out = parseEndpoint(options.output ?? "-");
    sink = await openFrameSink(out, { name: `torq ${name}` });
    if (out.kind === "unix") sink = domainSink(sink, (sink as RelayPublisher).info.domain);
    const io: StageIo = {
      source,
      sink,
      isFeedback,
      async close() {
        try {
          await io.sink.close();
        } finally {
          await source.close();
        }
      },
    };
    return io;
  } catch (e) {
    await sink?.close().catch(() => {});
    await Promise.all(opened.map((s) => s.close().catch(() => {})));
    throw e;
  }
}

/**
 * Run `processor` between the stage's input and output ({@linkcode runStage}) until the input
 * ends or the process gets SIGINT or SIGTERM; then the processor finishes, the output is flushed
 * and everything is closed.
 */
export async function runStageUntilStopped(
  name: string,
  io: StageIo,
  processor: FrameProcessor,
  options: { readonly quiet?: boolean } = {},
): Promise<StageSummary> {
  try {
    return await untilStopped((signal) =>
      runStage(name, io.source, io.sink, processor, { quiet: options.quiet === true, signal })
    );
  } finally {
    await io.close();
  }
}

/**
 * Run `work` with a signal that aborts when the process gets SIGINT (Ctrl-C) or SIGTERM, so a
 * stage ends cleanly (what it read is written, its summary printed) instead of dying.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { untilStopped } from "./stage_io.ts";
 * assert.equal(await untilStopped(async (signal) => signal.aborted), false);
 * ```
 */
export async function untilStopped<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  try {
    return await work(ctrl.signal);
  } finally {
    Deno.removeSignalListener("SIGINT", stop);
    Deno.removeSignalListener("SIGTERM", stop);
  }
}

/**
 * One line naming what a relay output did not publish (other domains), or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { skippedText } from "./stage_io.ts";
 * const sink = { skipped: new Map([[1, 12]]) } as unknown as Parameters<typeof skippedText>[0];
 * assert.equal(skippedText(sink, "unix:signal"),
 *   "not published to the unix:signal relay (other domains): 12 of domain 1");
 * ```
 */
export function skippedText(sink: FrameSink | DomainSink, output: string): string | undefined {
  if (!("skipped" in sink) || sink.skipped.size === 0) return undefined;
  const parts = [...sink.skipped].map(([d, n]) => `${n} of domain ${d}`).join(", ");
  return `not published to the ${output} relay (other domains): ${parts}`;
}
