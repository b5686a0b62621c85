// tests/protocol/_stream.ts — run bytes through a FrameStream in chosen chunks, with a guard
// that fails the test instead of hanging.
import fc from "fast-check";
import {
  type Frame,
  type FramerOptions,
  type FramerStats,
  FrameStream,
  type SkipReport,
} from "../../lib/protocol/mod.ts";

/** What a FrameStream produced from one input. */
export interface FramerRun {
  frames: Frame[];
  error: unknown;
  stats: FramerStats;
  skips: SkipReport[];
}

/** Reject with a clear message when `promise` does not settle within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Feed `chunks` through a new FrameStream and collect frames, the error and the skips. A
 * `slow` reader waits a timer tick after each frame, as a consumer doing I/O would.
 */
export function runFramer(
  chunks: readonly Uint8Array[],
  options: Omit<FramerOptions, "onSkip"> = {},
  slow = false,
): Promise<FramerRun> {
  const skips: SkipReport[] = [];
  const framer = new FrameStream({ ...options, onSkip: (s) => skips.push(s) });
  const frames: Frame[] = [];
  const run = (async () => {
    let error: unknown;
    try {
      for await (const f of ReadableStream.from(chunks).pipeThrough(framer)) {
        frames.push(f);
        if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } catch (e) {
      error = e;
    }
    return { frames, error, stats: { ...framer.stats }, skips };
  })();
  return withTimeout(run, 10_000, "FrameStream");
}

/** How to cut an input: one byte per chunk, all in one chunk, or at chosen points. */
export type Chunking = "bytes" | "whole" | number[];

/** Chunkings, weighted towards random cuts. */
export const chunkingArb: fc.Arbitrary<Chunking> = fc.oneof(
  fc.constant("bytes" as const),
  fc.constant("whole" as const),
  { weight: 3, arbitrary: fc.array(fc.nat(), { maxLength: 12 }) },
);

/** `bytes` cut as `how` says (cut points are taken modulo the length). */
export function cut(bytes: Uint8Array, how: Chunking): Uint8Array[] {
  if (how === "whole") return [bytes];
  if (how === "bytes") return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
  const points = [...new Set(how.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(at, p)); // empty chunks included: a reader must cope with them
    at = p;
  }
  return out;
}
