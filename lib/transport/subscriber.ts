// lib/transport/subscriber.ts — one job: a relay subscription that recovers what it missed
// and yields frames in order per source.
import type { Frame } from "../protocol/mod.ts";
import { isRelayControl, readControl } from "./control.ts";
import { TransportError } from "./errors.ts";
import type { FrameWriter } from "./frame_writer.ts";
import { FrameSplitter } from "./_frame_splitter.ts";
import { connectRelay, type RelayClientOptions, type RelayInfo } from "./relay_client.ts";
import { type OrderStats, SourceOrder, type UnavailableRange } from "./_source_order.ts";

export type { OrderStats, UnavailableRange } from "./_source_order.ts";

// Frames a subscription reads ahead of its consumer.
const QUEUE = 1024;

/** Options of {@linkcode subscribe}. */
export interface SubscribeOptions extends Omit<RelayClientOptions, "role"> {
  /** Also publish on this connection (its own frames are not sent back unless `echo`). */
  readonly publish?: boolean;
  /**
   * Last sequence handled per source before this connection (a checkpoint): what the relay
   * still holds after it is recovered first.
   */
  readonly resume?: ReadonlyMap<number, bigint>;
  /**
   * Told about each range that cannot be recovered (the stage must resync, e.g. from a
   * snapshot of its own). Without it such a range errors the stream with
   * RECOVERY_UNAVAILABLE: nothing is skipped silently.
   */
  readonly onUnavailable?: (range: UnavailableRange) => void;
  /** Verify CRCs of frames that carry one (default true). */
  readonly verifyChecksum?: boolean;
  /** Reject payloads above this size (default 1 MiB). */
  readonly maxPayloadSize?: number;
}

/** A live subscription. */
export interface Subscription {
  /** The relay's answer to the hello. */
  readonly info: RelayInfo;
  /** Data frames, in order per source, without duplicates; errors name why they stopped. */
  readonly frames: ReadableStream<Frame>;
  /** Recovery counts. */
  readonly stats: Readonly<OrderStats>;
  /** Writer to publish on (only with `publish`). */
  readonly writer: FrameWriter | undefined;
  /** The last sequence handed on per source: the checkpoint to resume from. */
  positions(): Map<number, bigint>;
  /** Stop: the frame stream ends without an error. */
  close(): Promise<void>;
}

/**
 * Subscribe to the relay at `path`. Gaps (a jump in a source's sequence, or a checkpoint
 * older than where the relay stands at connect) are asked for with RecoveryRequest and
 * filled from the relay's ring before later frames are handed on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { Relay } from "./relay.ts";
 * import { subscribe } from "./subscriber.ts";
 * import { connectPublisher } from "./publisher.ts";
 * const dir = await Deno.makeTempDir();
 * const relay = await Relay.start({ domain: RelayDomain.Execution, path: `${dir}/e.sock`,
 *   log: () => {}, reportEveryMs: 0 });
 * const sub = await subscribe(relay.path, { name: "doc" });
 * const pub = await connectPublisher(relay.path);
 * await pub.write(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]));
 * await pub.flush();
 * const reader = sub.frames.getReader();
 * const { value } = await reader.read();
 * assert.equal(value?.sequence, 1n);
 * reader.releaseLock();
 * await pub.close();
 * await sub.close();
 * await relay.stop();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function subscribe(
  path: string,
  options: SubscribeOptions = {},
): Promise<Subscription> {
  const rc = await connectRelay(path, { ...options, role: options.publish ? "both" : "subscribe" });
  const t = options.topics ?? {};
  const filtered = [t.types, t.sources, t.venues, t.strategies].some((l) =>
    l !== undefined && l.length > 0
  );
  let closing = false;
  let out: ReadableStreamDefaultController<Frame> | null = null;
  let failed: unknown = null;
  let cancelled = false;
  // Stop at once, but error the stream only after the frames already queued were read:
  // erroring a stream discards its queue, and those frames arrived before the failure.
  const fail = (e: unknown) => {
    if (failed !== null) return;
    failed = e;
    rc.close();
    (async () => {
      while (!cancelled && out !== null && (out.desiredSize ?? 0) < QUEUE) {
        await new Promise((r) => setTimeout(r, 1));
      }
      if (!cancelled) out?.error(e);
    })();
  };
  const order = new SourceOrder(
    {
      deliver: (frame) => {
        if (failed === null) out!.enqueue(frame);
      },
      request: (id, source, from, to) => {
        rc.writer.write(rc.control.recoveryRequest(id, source, rc.info.domain, from, to)).catch(
          fail,
        );
      },
      unavailable: (range) => {
        if (options.onUnavailable !== undefined) return options.onUnavailable(range);
        fail(
          new TransportError(
            "RECOVERY_UNAVAILABLE",
            `Frames ${range.from} to ${range.to} of source ${range.source} cannot be recovered (${range.reason}); resync the stage or pass onUnavailable`,
            { ...range },
          ),
        );
      },
    },
    filtered,
    options.resume,
  );
  const splitter = new FrameSplitter({
    ...(options.verifyChecksum !== undefined ? { verifyChecksum: options.verifyChecksum } : {}),
    ...(options.maxPayloadSize !== undefined ? { maxPayloadSize: options.maxPayloadSize } : {}),
  });
  const onFrame = (frame: Frame) => {
    if (failed !== null) return;
    if (!isRelayControl(frame)) return order.data(frame);
    const c = readControl(frame);
    if (c.kind === "error") {
      fail(
        new TransportError(
          "DISCONNECTED_BY_RELAY",
          `Relay at ${path} disconnected this subscriber: ${c.message}`,
          { path, errorCode: c.errorCode, source: c.source, relatedSequence: c.relatedSequence },
        ),
      );
      return;
    }
    order.control(c);
  };
  const bytes = rc.readable.getReader();
  // One promise per read, not per frame: a read's frames are cut, ordered and queued at once.
  const frames = new ReadableStream<Frame>({
    start(controller) {
      out = controller;
    },
    async pull() {
      const before = order.stats.delivered;
      while (order.stats.delivered === before && failed === null) {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await bytes.read();
        } catch (e) {
          if (closing) return;
          return fail(e);
        }
        if (r.done) {
          if (closing) return;
          return fail(
            new TransportError("CLOSED", `Relay at ${path} closed the connection`, { path }),
          );
        }
        try {
          splitter.push(r.value, onFrame);
        } catch (e) {
          return fail(e);
        }
      }
    },
    async cancel() {
      closing = true;
      cancelled = true;
      await rc.close();
    },
  }, { highWaterMark: QUEUE });
  return {
    info: rc.info,
    frames,
    stats: order.stats,
    writer: options.publish ? rc.writer : undefined,
    positions: () => order.positions(),
    async close() {
      closing = true;
      cancelled = true;
      try {
        out?.close(); // frames already queued stay readable
      } catch { /* already closed or errored */ }
      await rc.close();
    },
  };
}
