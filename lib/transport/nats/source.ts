// lib/transport/nats/source.ts — one job: read frames from a JetStream durable consumer, in
// order, without duplicates, acknowledging only what was handed on.
import type { NatsConnection } from "@nats-io/transport-node";
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  jetstream,
  type JsMsg,
} from "@nats-io/jetstream";
import { type Frame, parseFrame, ProtocolError } from "../../protocol/mod.ts";
import { EndpointError, TransportError } from "../errors.ts";
import { compileTopics } from "../topic_filter.ts";
import type { FrameSource, FrameSourceOptions, UrlEndpoint } from "../transport_types.ts";
import { ensureStream, type NatsSession, openSession } from "./_connect.ts";
import { natsEndpoint } from "./sink.ts";
import { durableFromName, natsTarget } from "./subject.ts";

/** Counts of a {@linkcode NatsFrameSource}. */
export interface NatsSourceStats {
  /** Frames handed on. */
  frames: number;
  /** Messages dropped as already seen: (domain, source) at or below the last sequence. */
  duplicates: number;
  /** Messages the server delivered again (after a restart or an ack timeout). */
  redelivered: number;
  /** Messages left out by `topics`. */
  filtered: number;
  /** Bad messages skipped (only with `skipInvalid`). */
  skipped: number;
}

/** A JetStream durable consumer's frames. */
export interface NatsFrameSource extends FrameSource {
  /** The stream read. */
  readonly stream: string;
  /** The durable consumer's name: a restart with the same name resumes after its last ack. */
  readonly durable: string;
  /** Live counts. */
  readonly stats: Readonly<NatsSourceStats>;
  /** See {@linkcode FrameSource.mark}: here it is always present. */
  mark(): () => Promise<void>;
}

/** Options of {@linkcode openNatsSource}. */
export interface NatsSourceOptions extends FrameSourceOptions {
  /** Until `mark` is first called, acknowledge frames handed on this long ago (200 ms). */
  readonly autoAckMs?: number;
}

/**
 * Read the frames of `endpoint` (`nats://host:port/torq.market.>?durable=NAME`) through a
 * durable pull consumer (name from `?durable=`, else from `options.name`: "torq cat" →
 * `torq_cat`), created when missing with cumulative acks. A restart with the same name
 * resumes after the last acknowledged frame. Frames whose (domain, source) sequence is at or
 * below one already handed on, or below `options.resume` of their source, are dropped and
 * acknowledged, so the reader never sees a duplicate. Each message must hold exactly one
 * valid frame (else the stream errors, or with `skipInvalid` the message is skipped and
 * counted). `topics` filters by TLV type, source, venue and strategy on the client.
 *
 * Acknowledgement: a caller that writes what it made of the frames calls `mark()` (taking
 * the frames handed on so far), writes them out, then calls the function it returned; from
 * the first `mark` on, only that acknowledges. Until then frames are acknowledged
 * `autoAckMs` after they were handed on, and on `close`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openNatsSource } from "./source.ts";
 * await assert.rejects(openNatsSource("nats://127.0.0.1:1/torq.market.>"), /Cannot reach NATS/);
 * ```
 */
export async function openNatsSource(
  endpoint: string | UrlEndpoint,
  options: NatsSourceOptions = {},
): Promise<NatsFrameSource> {
  const ep = natsEndpoint(endpoint);
  const target = natsTarget(ep, false);
  const durable = target.durable ?? durableFromName(options.name);
  const session = await openSession(target, options.name ?? "torq consumer");
  try {
    const stream = await ensureStream(session, target);
    await ensureConsumer(session, stream, durable, target.subject, target.text);
    const consumer = await jetstream(session.nc).consumers.get(stream, durable);
    const messages = await consumer.consume({ max_messages: 2048 });
    return new Consumer(ep, session.nc, stream, durable, messages, options);
  } catch (e) {
    await session.nc.close().catch(() => {});
    throw e;
  }
}

async function ensureConsumer(
  session: NatsSession,
  stream: string,
  durable: string,
  subject: string,
  text: string,
): Promise<void> {
  const have = await session.jsm.consumers.info(stream, durable).catch((e) => {
    if (/consumer not found/i.test((e as Error).message)) return null;
    throw e;
  });
  let after = 0;
  if (have !== null) {
    const c = have.config;
    if ((c.filter_subject ?? "") !== subject || c.ack_policy !== AckPolicy.All) {
      throw new EndpointError(
        "BAD_OPTION",
        `Durable consumer ${durable} of stream ${stream} reads "${
          c.filter_subject ?? ""
        }" (ack ${c.ack_policy}), not "${subject}"; pick another ?durable=NAME`,
        { endpoint: text, durable, stream },
      );
    }
    // Messages delivered to a reader that died come back only after ack_wait, behind newer
    // ones; starting the consumer again right after its ack floor keeps the order exact.
    after = have.ack_floor.stream_seq;
    await session.jsm.consumers.delete(stream, durable);
  }
  await session.jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.All,
    filter_subject: subject,
    ack_wait: 30_000_000_000,
    max_ack_pending: 1 << 18,
    ...(after > 0
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 }
      : { deliver_policy: DeliverPolicy.All }),
  });
}

class Consumer implements NatsFrameSource {
  readonly frames: ReadableStream<Frame>;
  readonly stats: NatsSourceStats = {
    frames: 0,
    duplicates: 0,
    redelivered: 0,
    filtered: 0,
    skipped: 0,
  };
  readonly #last = new Map<number, bigint>(); // (domain << 8 | source) → last sequence handed on
  readonly #resume: ReadonlyMap<number, bigint> | undefined;
  #settled: JsMsg | null = null; // the newest message handed on or dropped
  #settledCount = 0;
  #ackedCount = 0;
  #auto: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(
    readonly endpoint: UrlEndpoint,
    private readonly nc: NatsConnection,
    readonly stream: string,
    readonly durable: string,
    private readonly messages: ConsumerMessages,
    options: NatsSourceOptions,
  ) {
    this.#resume = options.resume;
    const it = messages[Symbol.asyncIterator]();
    const match = options.topics !== undefined ? compileTopics(options.topics) : null;
    const readOptions = {
      ...(options.verifyChecksum !== undefined ? { verifyChecksum: options.verifyChecksum } : {}),
      ...(options.maxPayloadSize !== undefined ? { maxPayloadSize: options.maxPayloadSize } : {}),
    };
    this.frames = new ReadableStream<Frame>({
      pull: async (controller) => {
        for (;;) {
          let next: IteratorResult<JsMsg>;
          try {
            next = await it.next();
          } catch (e) {
            if (this.#closed) return controller.close();
            throw new TransportError(
              "CLOSED",
              `Consumer ${durable} stopped: ${(e as Error).message}`,
              {
                stream,
                durable,
              },
              { cause: e },
            );
          }
          if (next.done === true || this.#closed) return controller.close();
          const m = next.value;
          if (m.info.redelivered) this.stats.redelivered++;
          const frame = this.#frameOf(m, readOptions, options);
          this.#settle(m);
          if (frame === null) continue;
          if (match !== null && !match(frame.buffer, frame.offset, frame.size)) {
            this.stats.filtered++;
            continue;
          }
          const key = (frame.domain << 8) | frame.source;
          const last = this.#last.get(key) ?? this.#resume?.get(frame.source);
          if (last !== undefined && frame.sequence <= last) {
            this.stats.duplicates++;
            continue;
          }
          this.#last.set(key, frame.sequence);
          this.stats.frames++;
          controller.enqueue(frame);
          return;
        }
      },
      cancel: () => this.#stop(),
    }, { highWaterMark: 0 });
    const autoMs = options.autoAckMs ?? 200;
    let due: (() => Promise<void>) | null = null;
    this.#auto = setInterval(() => {
      const now = this.#take();
      due?.().catch(() => {}); // a lost ack only means a redelivery, dropped as a duplicate
      due = now;
    }, autoMs);
  }

  #frameOf(
    m: JsMsg,
    readOptions: { verifyChecksum?: boolean; maxPayloadSize?: number },
    options: NatsSourceOptions,
  ): Frame | null {
    const where = `message ${m.seq} of stream ${this.stream} (${m.subject})`;
    try {
      const frame = parseFrame(m.data, 0, readOptions);
      if (frame.size !== m.data.length) {
        throw new TransportError(
          "BAD_MESSAGE",
          `${where} holds ${m.data.length} bytes, not one frame of ${frame.size}`,
          { stream: this.stream, streamSequence: m.seq },
        );
      }
      return frame;
    } catch (e) {
      if (options.skipInvalid !== true) {
        if (e instanceof ProtocolError) {
          throw new TransportError("BAD_MESSAGE", `${where} is not a valid frame: ${e.message}`, {
            stream: this.stream,
            streamSequence: m.seq,
            code: e.code,
          }, { cause: e });
        }
        throw e;
      }
      this.stats.skipped++;
      if (e instanceof ProtocolError) {
        options.onSkip?.({ error: e, offset: 0, bytes: m.data.length });
      }
      return null;
    }
  }

  #settle(m: JsMsg): void {
    this.#settled = m;
    this.#settledCount++;
  }

  // The frames handed on so far, and the function that acknowledges them.
  #take(): () => Promise<void> {
    const m = this.#settled;
    const n = this.#settledCount;
    return async () => {
      if (m === null || n <= this.#ackedCount || this.#closedNc) return;
      this.#ackedCount = n;
      await m.ackAck({ timeout: 5000 });
    };
  }

  #closedNc = false;

  mark(): () => Promise<void> {
    if (this.#auto !== undefined) {
      clearInterval(this.#auto);
      this.#auto = undefined;
    }
    return this.#take();
  }

  positions(): Map<number, bigint> {
    const out = new Map<number, bigint>();
    for (const [key, seq] of this.#last) {
      const source = key & 0xff;
      const have = out.get(source);
      if (have === undefined || seq > have) out.set(source, seq);
    }
    return out;
  }

  #stop(): void {
    this.#closed = true;
    // Not close(): it waits until the reader drained what the client holds; those messages
    // stay unacknowledged and come again, in order, to the next reader (ensureConsumer).
    this.messages.stop();
  }

  async close(): Promise<void> {
    if (this.#closedNc) return;
    const auto = this.#auto !== undefined;
    if (auto) {
      clearInterval(this.#auto);
      this.#auto = undefined;
      // Without marks, close means everything handed on is done with.
      await this.#take()().catch(() => {});
    }
    this.#closed = true;
    await this.frames.cancel().catch(() => {});
    this.#stop();
    this.#closedNc = true;
    await this.nc.close().catch(() => {});
  }
}
