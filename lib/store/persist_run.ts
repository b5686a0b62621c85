// lib/store/persist_run.ts — one job: the persist stage: frames in, their signals, decisions,
// reports, metrics and gas prices written to InfluxDB, with a health line and a loud end.
import type { Frame } from "../protocol/mod.ts";
import {
  type FrameOutput,
  type FrameProcessor,
  type FrameSink,
  type FrameSource,
  runStage,
  type StageSummary,
} from "../transport/mod.ts";
import type { InfluxClient } from "./influx_client.ts";
import { formatPoint } from "./influx_line.ts";
import { InfluxMapper } from "./influx_schema.ts";
import {
  InfluxBatchWriter,
  type InfluxBatchWriterOptions,
  type InfluxWriteStats,
} from "./influx_writer.ts";

/**
 * A {@linkcode FrameProcessor} that maps frames to points (see influx_schema.ts) and writes
 * them through `writer`; it forwards every frame when `forward` is set (persist inside a pipe).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { OutputQueue } from "../transport/mod.ts";
 * import { InfluxClient } from "./influx_client.ts";
 * import { InfluxMapper } from "./influx_schema.ts";
 * import { InfluxBatchWriter } from "./influx_writer.ts";
 * import { persistProcessor } from "./persist_run.ts";
 * const writer = new InfluxBatchWriter(new InfluxClient({ url: "http://127.0.0.1:1", db: "x" }));
 * const p = persistProcessor(new InfluxMapper(), writer, { forward: true });
 * const q = new OutputQueue();
 * await p.process(parseFrame(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]])), q);
 * assert.equal(writer.pending, 0); // nothing persisted from an OrderCancel
 * assert.equal(q.take().length, 1); // but forwarded
 * ```
 */
export function persistProcessor(
  mapper: InfluxMapper,
  writer: InfluxBatchWriter,
  options: { readonly forward?: boolean } = {},
): FrameProcessor {
  return {
    async process(frame: Frame, out: FrameOutput) {
      const points = mapper.pointsOf(frame);
      if (points.length > 0) await writer.add(points.map(formatPoint));
      if (options.forward === true) out.forward(frame);
    },
    tick: () => writer.flushIfDue(),
    finish: () => writer.flush(),
  };
}

/** Options of {@linkcode runPersist}. */
export interface PersistOptions extends InfluxBatchWriterOptions {
  readonly source: FrameSource;
  readonly client: InfluxClient;
  /** Prefix of every measurement name. */
  readonly measurementPrefix?: string;
  /** Where to forward the input frames (none when absent). */
  readonly sink?: FrameSink;
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
  /** Lines of news (default stderr). */
  readonly log?: (line: string) => void;
}

/** What {@linkcode runPersist} did. */
export interface PersistSummary extends StageSummary {
  readonly points: InfluxWriteStats;
}

// A sink for a stage that forwards nothing.
function noSink(): FrameSink {
  const refuse = () => Promise.reject(new Error("persist forwards nothing without --out"));
  return {
    stats: { frames: 0, bytes: 0, writes: 0 },
    writeFrame: refuse,
    write: refuse,
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/**
 * Run `torq persist`: create the database if needed, then write the points of every frame
 * of `source` until it ends or `signal` aborts, flushing at the end. When InfluxDB cannot
 * take a batch (after the client's retries), it says how many points were written and how
 * many were not, and throws the client's error (naming the URL): never a silent loss.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openFrameSource } from "../transport/mod.ts";
 * import { InfluxClient } from "./influx_client.ts";
 * import { runPersist } from "./persist_run.ts";
 * const path = await Deno.makeTempFile();
 * const client = new InfluxClient({ url: "http://127.0.0.1:1", db: "torq", attempts: 1 });
 * await assert.rejects(runPersist({ source: await openFrameSource(path), client, quiet: true,
 *   log: () => {} }), /Cannot reach InfluxDB at http:\/\/127\.0\.0\.1:1/);
 * await Deno.remove(path);
 * ```
 */
export async function runPersist(o: PersistOptions): Promise<PersistSummary> {
  const log = o.log ?? ((line: string) => console.error(`torq persist: ${line}`));
  const writer = new InfluxBatchWriter(o.client, o);
  const mapper = new InfluxMapper(
    o.measurementPrefix !== undefined ? { prefix: o.measurementPrefix } : {},
  );
  try {
    await o.client.createDatabase();
    log(`writing to database ${o.client.db} at ${o.client.url}`);
    const summary = await runStage(
      "persist",
      o.source,
      o.sink ?? noSink(),
      persistProcessor(mapper, writer, { forward: o.sink !== undefined }),
      {
        ...(o.quiet !== undefined ? { quiet: o.quiet } : {}),
        ...(o.signal !== undefined ? { signal: o.signal } : {}),
      },
    );
    log(`${writer.stats.written} point(s) written in ${writer.stats.batches} batch(es)`);
    return { ...summary, points: { ...writer.stats } };
  } catch (e) {
    const s = writer.stats;
    log(
      `${s.written} point(s) written; ${s.unwritten + writer.pending} point(s) NOT written`,
    );
    throw e;
  } finally {
    await o.source.close();
  }
}
