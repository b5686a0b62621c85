// lib/transport/json_pipe.ts — one job: whole-stream conversions between frames and JSON lines.
import {
  FrameBuilder,
  FrameStream,
  type ReadOptions,
  sequenceError,
  SequenceTracker,
  type SkipReport,
  SourceType,
} from "../protocol/mod.ts";
import type { ProtocolError } from "../protocol/mod.ts";
import type { BatchedWriter } from "./batched_writer.ts";
import { appendJsonLine, frameToJson, JsonLineError } from "./json_lines.ts";

/** Options of {@linkcode framesToJsonLines}. */
export interface DecodeOptions extends ReadOptions {
  /** Resynchronise past bad frames instead of stopping. */
  readonly skipInvalid?: boolean;
  /** Told about each skipped region. */
  readonly onSkip?: (report: SkipReport) => void;
  /** Told about each sequence gap or duplicate (the frame is still printed). */
  readonly onSequence?: (problem: ProtocolError) => void;
}

/** Counts of a finished conversion. */
export interface ConversionSummary {
  /** Frames converted. */
  frames: number;
  /** Bad regions skipped. */
  skipped: number;
  /** Bytes skipped. */
  skippedBytes: number;
  /** Sequence gaps and duplicates seen. */
  sequenceProblems: number;
}

/**
 * Read frames from `input`, write one JSON line per frame to `out`. Rejects with the first
 * ProtocolError unless `skipInvalid`; what was converted before is already written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { BatchedWriter } from "./batched_writer.ts";
 * import { framesToJsonLines } from "./json_pipe.ts";
 * let text = "";
 * const out = new BatchedWriter({ write: async (c) => { text += new TextDecoder().decode(c); } });
 * const bytes = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * const s = await framesToJsonLines(ReadableStream.from([bytes]), out);
 * await out.flush();
 * assert(s.frames === 1 && text.endsWith("}\n"));
 * ```
 */
export async function framesToJsonLines(
  input: ReadableStream<Uint8Array>,
  out: BatchedWriter,
  options: DecodeOptions = {},
): Promise<ConversionSummary> {
  const framer = new FrameStream(options);
  const tracker = new SequenceTracker();
  let sequenceProblems = 0;
  for await (const frame of input.pipeThrough(framer)) {
    const seq = frame.sequence;
    const problem = sequenceError(
      // a sequence counts per (source, stream): each domain is a stream of its own
      tracker.observe(frame.domain * 256 + frame.source, seq),
      frame.source,
      seq,
      frame.streamOffset,
    );
    if (problem !== undefined) {
      sequenceProblems++;
      options.onSequence?.(problem);
    }
    await out.writeText(JSON.stringify(frameToJson(frame)) + "\n");
  }
  return {
    frames: framer.stats.frames,
    skipped: framer.stats.skipped,
    skippedBytes: framer.stats.skippedBytes,
    sequenceProblems,
  };
}

/**
 * Split a byte stream into lines (LF or CRLF), decoding UTF-8 strictly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lines } from "./json_pipe.ts";
 * const enc = new TextEncoder();
 * const got = await Array.fromAsync(lines(ReadableStream.from([enc.encode("a\nb"), enc.encode("c\n")])));
 * assert(got.join("|") === "a|bc");
 * ```
 */
export async function* lines(input: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  let count = 0;
  // A newline byte is never inside a UTF-8 sequence, so bytes split into lines before decoding
  // and a decoding error belongs to the line being built.
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      const line = count + 1;
      throw new JsonLineError("BAD_JSON_LINE", `Line ${line}: not valid UTF-8 text`, { line });
    }
  };
  for await (const chunk of input) {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      rest += decode(chunk.subarray(start, nl));
      rest += decode();
      count++;
      yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
      rest = "";
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    rest += decode(chunk.subarray(start));
  }
  rest += decode();
  if (rest.length > 0) yield rest;
}

/**
 * Read JSON lines from `input` (blank lines ignored), write one binary frame per line to
 * `out`. Frames without a sequence are numbered per source by the builder. Rejects with a
 * JsonLineError naming the line on the first malformed one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BatchedWriter } from "./batched_writer.ts";
 * import { jsonLinesToFrames } from "./json_pipe.ts";
 * const chunks: Uint8Array[] = [];
 * const out = new BatchedWriter({ write: async (c) => { chunks.push(c); } });
 * const line = '{"domain":"system","tlvs":[{"type":"SequenceSync","source":1,"domain":1,"lastSequence":"9"}]}\n';
 * const n = await jsonLinesToFrames(ReadableStream.from([new TextEncoder().encode(line)]), out);
 * await out.flush();
 * assert(n === 1 && chunks[0]!.length === 32 + 12);
 * ```
 */
export async function jsonLinesToFrames(
  input: ReadableStream<Uint8Array>,
  out: BatchedWriter,
  source: number = SourceType.Encoder,
): Promise<number> {
  const builder = new FrameBuilder({ source });
  const sequences = new Map<number, bigint>();
  let lineNo = 0;
  let frames = 0;
  for await (const line of lines(input)) {
    lineNo++;
    if (line.trim() === "") continue;
    appendJsonLine(builder, line, lineNo, sequences);
    frames++;
    if (builder.pending >= out.batchSize) await out.write(builder.take());
  }
  await out.write(builder.take());
  return frames;
}
