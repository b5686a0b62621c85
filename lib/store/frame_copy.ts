// lib/store/frame_copy.ts — one job: copy frames from one endpoint to another with a
// health line: `torq cat`, and `torq record` (a restartable recorder) on top of it.
import { ProtocolError } from "../protocol/mod.ts";
import {
  type Endpoint,
  openFrameSink,
  openFrameSource,
  type QueuePolicy,
  StageReporter,
  type StageSummary,
  type Topics,
  WRITTEN,
} from "../transport/mod.ts";
import { prepareAppend } from "./recording.ts";

/** What to copy, from where to where. */
export interface CopyOptions {
  readonly input: Endpoint;
  readonly output: Endpoint;
  /** Stage name in the health line (`torq NAME: read …`) and the log lines. */
  readonly stage: string;
  /** Name in the relay's log lines. */
  readonly clientName?: string;
  /**
   * File output: append instead of truncating, after cutting a partial last frame; with a
   * relay input the file's last sequence per source is the checkpoint: what was missed while
   * the recorder was down is recovered from the relay.
   */
  readonly append?: boolean;
  /** Stop after this many frames. */
  readonly limit?: number;
  /** Relay input: report ranges the relay cannot recover and go on (default: stop). */
  readonly allowGaps?: boolean;
  readonly topics?: Topics;
  readonly policy?: QueuePolicy;
  readonly queueFrames?: number;
  readonly skipInvalid?: boolean;
  readonly verifyChecksum?: boolean;
  /** No health line and no summary. */
  readonly quiet?: boolean;
  /** Stop reading (Ctrl-C); what was read is written. */
  readonly signal?: AbortSignal;
  /** Lines for stderr (default `console.error` with a `torq STAGE: ` prefix). */
  readonly log?: (line: string) => void;
}

/** What {@linkcode runCopy} did. */
export interface CopySummary extends StageSummary {
  /** Frames copied. */
  readonly frames: number;
  /** Frames the relay could not recover (only with `allowGaps`). */
  readonly gaps: bigint;
  /** Last sequence per source read from a relay. */
  readonly positions: ReadonlyMap<number, bigint> | undefined;
  /** False when a bad frame stopped the copy (its line was logged; what came before was written). */
  readonly ok: boolean;
}

/**
 * Copy frames from `input` to `output`, validated on the way, with the stage health line
 * (read, written, dropped, lag) at most once a second, and a summary at the end. A bad frame
 * stops the copy after writing everything before it (`ok` false, reason logged); a relay
 * that disconnects us throws its error after the same.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { parseEndpoint } from "../transport/mod.ts";
 * import { runCopy } from "./frame_copy.ts";
 * const a = await Deno.makeTempFile();
 * const b = await Deno.makeTempFile();
 * await Deno.writeFile(a, buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]));
 * const s = await runCopy({ input: parseEndpoint(a), output: parseEndpoint(b), stage: "cat",
 *   quiet: true });
 * assert.equal(s.frames, 1);
 * assert.deepEqual(await Deno.readFile(b), await Deno.readFile(a));
 * await Deno.remove(a);
 * await Deno.remove(b);
 * ```
 */
export async function runCopy(o: CopyOptions): Promise<CopySummary> {
  const log = o.log ?? ((line: string) => console.error(`torq ${o.stage}: ${line}`));
  const { input, output } = o;
  let resume: Map<number, bigint> | undefined;
  if (o.append === true && output.kind === "file") {
    const tail = await prepareAppend(output.path, log);
    if ((input.kind === "unix" || input.kind === "url") && tail.frames > 0) {
      resume = tail.positions;
    }
  }
  const name = o.clientName ?? `torq ${o.stage}`;
  let gaps = 0n;
  const source = await openFrameSource(input, {
    ...(o.skipInvalid !== undefined ? { skipInvalid: o.skipInvalid } : {}),
    ...(o.verifyChecksum !== undefined ? { verifyChecksum: o.verifyChecksum } : {}),
    onSkip: (s) =>
      log(`skipped ${s.bytes} bytes at byte ${s.offset}: ${s.error.code}: ${s.error.message}`),
    ...(o.topics !== undefined ? { topics: o.topics } : {}),
    name,
    ...(o.policy !== undefined ? { policy: o.policy } : {}),
    ...(o.queueFrames !== undefined ? { queueFrames: o.queueFrames } : {}),
    ...(resume !== undefined ? { resume } : {}),
    ...(o.allowGaps === true
      ? {
        onUnavailable: (r) => {
          gaps += r.to - r.from + 1n;
          log(
            `warning: frames ${r.from} to ${r.to} of source ${r.source} cannot be recovered (${r.reason})`,
          );
        },
      }
      : {}),
  });
  if (input.kind === "unix") {
    log(
      `subscribed to ${input.path}${
        resume !== undefined ? ` (resuming ${resume.size} source(s))` : ""
      }`,
    );
  }
  let sink;
  try {
    sink = await openFrameSink(output, { name, append: o.append === true });
  } catch (e) {
    await source.close();
    throw e;
  }
  if (output.kind === "unix") log(`publishing to ${output.path}`);
  if (input.kind === "url") log(`consuming ${input.text}`);
  // NATS: acknowledge only frames whose copies were written (mark, flush, ack), every 100 ms.
  const mark = source.mark?.bind(source);
  mark?.();
  let ackDue = false;
  const ackTimer = mark === undefined ? undefined : setInterval(() => ackDue = true, 100);
  const report = new StageReporter(o.stage, o.quiet === true ? { quiet: true } : {});
  const health = setInterval(() => report.poll(), 1000);
  Deno.unrefTimer(health);
  const reader = source.frames.getReader();
  const onAbort = () => reader.cancel().catch(() => {});
  o.signal?.addEventListener("abort", onAbort, { once: true });
  const limit = o.limit ?? Infinity;
  let frames = 0;
  let failure: unknown = null;
  try {
    while (frames < limit) {
      const next = await reader.read();
      if (next.done) break;
      const frame = next.value;
      report.read(frame);
      const bytes = frame.bytes;
      const written = sink.write(bytes);
      if (written !== WRITTEN) await written; // taken at once: no microtask turn per frame
      report.wrote(bytes);
      frames++;
      if (ackDue && mark !== undefined) {
        ackDue = false;
        const ack = mark();
        await sink.flush();
        await ack();
      }
    }
  } catch (e) {
    failure = e;
  } finally {
    o.signal?.removeEventListener("abort", onAbort);
    clearInterval(health);
    clearInterval(ackTimer);
    reader.releaseLock();
  }
  try {
    const ack = mark?.();
    await sink.close();
    await ack?.();
  } finally {
    await source.close();
  }
  report.close();
  const pos = source.positions();
  if (o.quiet !== true) {
    log(
      `${frames} frame(s) copied` + (gaps > 0n ? `, ${gaps} could not be recovered` : "") +
        (pos !== undefined && pos.size > 0
          ? `; last sequence per source: ${[...pos].map(([s, q]) => `${s}:${q}`).join(" ")}`
          : ""),
    );
  }
  if (failure instanceof ProtocolError) {
    log(
      `${failure.code} at byte ${failure.offset}: ${failure.message} (use --skip-invalid to resynchronise past bad frames)`,
    );
  } else if (failure !== null) throw failure;
  return { ...report.summary(), frames, gaps, positions: pos, ok: failure === null };
}
