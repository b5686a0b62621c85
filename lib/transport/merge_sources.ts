// lib/transport/merge_sources.ts — one job: read several frame sources as one, frames
// interleaved in the order they arrive, each frame's origin known.
import type { Frame } from "../protocol/mod.ts";
import type { Endpoint } from "./endpoint.ts";
import type { FrameSource } from "./transport_types.ts";

/** Options of {@linkcode mergeFrameSources}. */
export interface MergeOptions {
  /**
   * When the merged stream ends: `all` (default) once every source has ended; `first` once the
   * first source ends (the others are then cancelled: a stage's main input with a side input
   * such as feedback from a relay, which never ends by itself).
   */
  readonly ending?: "all" | "first";
}

/** A {@linkcode FrameSource} reading several sources; `originOf` tells where a frame came from. */
export interface MergedFrameSource extends FrameSource {
  /** The sources merged, in the order given. */
  readonly sources: readonly FrameSource[];
  /** Index in `sources` of a frame this source yielded (undefined for any other frame). */
  originOf(frame: Frame): number | undefined;
}

/**
 * Read `sources` as one stream: each frame is handed on as soon as its source yields it, with
 * at most one frame read ahead per source, so a frame's bytes stay valid until the reader asks
 * for the next one (as for a single source). Order within each source is kept; between sources
 * it is arrival order. An error from any source errors the stream. `endpoint` is the first
 * source's; `positions()` joins the sources' positions; `close()` closes them all.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { openFrameSource } from "./frame_source.ts";
 * import { mergeFrameSources } from "./merge_sources.ts";
 * const file = async (sequence: bigint) => {
 *   const path = await Deno.makeTempFile();
 *   await Deno.writeFile(path, buildFrame(RelayDomain.Execution, 4, sequence,
 *     [[TlvType.OrderCancel, { orderId: sequence, reasonCode: 0 }]]));
 *   return path;
 * };
 * const paths = [await file(1n), await file(2n)];
 * const merged = mergeFrameSources(await Promise.all(paths.map((p) => openFrameSource(p))));
 * const origins: number[] = [];
 * for await (const f of merged.frames) origins.push(merged.originOf(f)!);
 * assert.deepEqual(origins.sort(), [0, 1]);
 * await merged.close();
 * for (const p of paths) await Deno.remove(p);
 * ```
 */
export function mergeFrameSources(
  sources: readonly FrameSource[],
  options: MergeOptions = {},
): MergedFrameSource {
  if (sources.length === 0) throw new RangeError("mergeFrameSources needs at least one source");
  const ending = options.ending ?? "all";
  const origin = new WeakMap<Frame, number>();
  const readers = sources.map((s) => s.frames.getReader());
  // Per source: a read in flight (at most one), or done.
  const inFlight: Array<Promise<void> | null> = sources.map(() => null);
  const done = sources.map(() => false);
  const ready: Array<{ frame: Frame; from: number }> = [];
  let failure: unknown;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const startRead = (i: number) => {
    if (inFlight[i] !== null || done[i]) return;
    inFlight[i] = readers[i]!.read().then(
      (r) => {
        inFlight[i] = null;
        if (r.done) done[i] = true;
        else ready.push({ frame: r.value, from: i });
        notify();
      },
      (e) => {
        inFlight[i] = null;
        done[i] = true;
        failure ??= e;
        notify();
      },
    );
  };
  const ended = () => ending === "first" ? done[0]! : done.every((d) => d);
  const cancelAll = async () => {
    await Promise.all(readers.map((r) => r.cancel().catch(() => {})));
  };

  const frames = new ReadableStream<Frame>({
    async pull(controller) {
      for (;;) {
        if (failure !== undefined) {
          await cancelAll();
          controller.error(failure);
          return;
        }
        const next = ready.shift();
        if (next !== undefined) {
          origin.set(next.frame, next.from);
          controller.enqueue(next.frame);
          return;
        }
        if (ended()) {
          await cancelAll();
          controller.close();
          return;
        }
        // Only sources with nothing waiting read on: one frame ahead each at most.
        for (let i = 0; i < sources.length; i++) {
          if (!ready.some((r) => r.from === i)) startRead(i);
        }
        await new Promise<void>((resolve) => wake = resolve);
      }
    },
    async cancel() {
      await cancelAll();
    },
  }, { highWaterMark: 0 });

  return {
    endpoint: sources[0]!.endpoint as Endpoint,
    frames,
    sources,
    originOf: (frame) => origin.get(frame),
    positions() {
      let all: Map<number, bigint> | undefined;
      for (const s of sources) {
        const p = s.positions();
        if (p === undefined) continue;
        all ??= new Map();
        for (const [k, v] of p) if ((all.get(k) ?? -1n) < v) all.set(k, v);
      }
      return all;
    },
    async close() {
      await frames.cancel().catch(() => {});
      for (const r of readers) {
        try {
          r.releaseLock();
        } catch { /* a read still pending: cancelled above */ }
      }
      await Promise.all(sources.map((s) => s.close()));
    },
  };
}
