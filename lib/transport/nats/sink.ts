// lib/transport/nats/sink.ts — one job: publish frames to a JetStream subject, one message
// per frame, with acks pipelined through one inbox and a bounded number in flight.
import { createInbox, type Msg, type Subscription } from "@nats-io/transport-node";
import { checkHeader, type Frame, HEADER_SIZE, MAX_PAYLOAD_SIZE } from "../../protocol/mod.ts";
import { parseEndpoint } from "../endpoint.ts";
import { EndpointError, TransportError } from "../errors.ts";
import type { FrameWriterStats } from "../frame_writer.ts";
import type { FrameSink, FrameSinkOptions, UrlEndpoint } from "../transport_types.ts";
import { ensureStream, type NatsSession, openSession } from "./_connect.ts";
import { natsTarget } from "./subject.ts";

/** A JetStream publisher's sink. */
export interface NatsFrameSink extends FrameSink {
  /** The subject every frame goes to. */
  readonly subject: string;
  /** The stream that stores them. */
  readonly stream: string;
  /** Frames published and not yet acknowledged by the server. */
  readonly inFlight: number;
}

/** Options of {@linkcode openNatsSink}. */
export interface NatsSinkOptions extends FrameSinkOptions {
  /** Fail when the server acknowledges nothing for this long while frames wait (10,000 ms). */
  readonly ackTimeoutMs?: number;
}

const decoder = new TextDecoder();

/** Turn `endpoint` into a parsed `nats://` endpoint or say why it is not one. */
export function natsEndpoint(endpoint: string | UrlEndpoint): UrlEndpoint {
  const ep = typeof endpoint === "string" ? parseEndpoint(endpoint) : endpoint;
  if (ep.kind !== "url" || ep.scheme !== "nats") {
    throw new EndpointError("BAD_ENDPOINT", `Endpoint ${ep.text} is not nats://host:port/subject`, {
      endpoint: ep.text,
    });
  }
  return ep;
}

/**
 * Publish frames to the JetStream subject of `endpoint` (`nats://host:port/torq.market.x`):
 * each frame is one message whose body is the frame's bytes. Publishes are pipelined: up to
 * `?window=` (8,192) wait for their ack; `flush` and `close` wait for every ack, so a
 * resolved `close` means the server stored every frame. The stream is created when missing.
 * A subject whose second token names a domain (`torq.signal.…`) refuses frames of another
 * domain (WRONG_DOMAIN). An error ack, or no ack for `ackTimeoutMs`, fails the next call
 * with NOT_ACKNOWLEDGED.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openNatsSink } from "./sink.ts";
 * // No server listens on port 1: one clear error naming host:port and the fix.
 * await assert.rejects(openNatsSink("nats://127.0.0.1:1/torq.market"), /nats-server -js/);
 * ```
 */
export async function openNatsSink(
  endpoint: string | UrlEndpoint,
  options: NatsSinkOptions = {},
): Promise<NatsFrameSink> {
  const target = natsTarget(natsEndpoint(endpoint), true);
  const session = await openSession(target, options.name ?? "torq publisher");
  let stream: string;
  try {
    stream = await ensureStream(session, target);
  } catch (e) {
    await session.nc.close().catch(() => {});
    throw e;
  }
  return new Publisher(session, target.subject, stream, target.domain, target.window, options);
}

class Publisher implements NatsFrameSink {
  readonly stats: FrameWriterStats = { frames: 0, bytes: 0, writes: 0 };
  readonly #nc: NatsSession["nc"];
  readonly #inbox = createInbox();
  readonly #sub: Subscription;
  readonly #ackTimeoutMs: number;
  #published = 0;
  #acked = 0;
  #failure: TransportError | null = null;
  #waiters: Array<{ target: number; resolve: () => void }> = [];
  #closed = false;

  constructor(
    session: NatsSession,
    readonly subject: string,
    readonly stream: string,
    private readonly domain: number | undefined,
    private readonly window: number,
    options: NatsSinkOptions,
  ) {
    this.#nc = session.nc;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.#sub = this.#nc.subscribe(`${this.#inbox}.*`, {
      callback: (err, m) => this.#onAck(err, m),
    });
  }

  get inFlight(): number {
    return this.#published - this.#acked;
  }

  #fail(message: string, details: Record<string, unknown> = {}): void {
    this.#failure ??= new TransportError("NOT_ACKNOWLEDGED", message, {
      subject: this.subject,
      stream: this.stream,
      ...details,
    });
    this.#wake(true);
  }

  #onAck(err: Error | null, m: Msg): void {
    if (err !== null) return this.#fail(`Acks for ${this.subject} stopped: ${err.message}`);
    if (m.headers?.hasError === true || m.data.length === 0) {
      return this.#fail(
        `JetStream refused a frame on ${this.subject}: ${m.headers?.code ?? ""} ${
          m.headers?.description ?? "no stream takes the subject"
        }`,
      );
    }
    let ack: { error?: { description?: string } };
    try {
      ack = JSON.parse(decoder.decode(m.data));
    } catch {
      return this.#fail(`JetStream sent an ack that is not JSON on ${this.subject}`);
    }
    if (ack.error !== undefined) {
      return this.#fail(`JetStream refused a frame on ${this.subject}: ${ack.error.description}`);
    }
    this.#acked++;
    this.#wake(false);
  }

  #wake(always: boolean): void {
    if (this.#waiters.length === 0) return;
    const keep = [];
    for (const w of this.#waiters) {
      if (always || this.#acked >= w.target) w.resolve();
      else keep.push(w);
    }
    this.#waiters = keep;
  }

  // Wait until `target` frames are acked; fail when nothing is acked for ackTimeoutMs.
  async #until(target: number): Promise<void> {
    let last = this.#acked;
    let still = 0;
    const timer = setInterval(() => {
      if (this.#acked !== last) {
        last = this.#acked;
        still = 0;
      } else if ((still += 200) >= this.#ackTimeoutMs) {
        this.#fail(
          `${this.inFlight} frame(s) published to ${this.subject} were not acknowledged within ${this.#ackTimeoutMs} ms`,
          { inFlight: this.inFlight },
        );
      }
    }, 200);
    try {
      while (this.#failure === null && this.#acked < target) {
        await new Promise<void>((resolve) => this.#waiters.push({ target, resolve }));
      }
    } finally {
      clearInterval(timer);
    }
    if (this.#failure !== null) throw this.#failure;
  }

  #publish(bytes: Uint8Array, at: number, size: number): Promise<void> | undefined {
    if (this.domain !== undefined && bytes[at + 4] !== this.domain) {
      throw new TransportError(
        "WRONG_DOMAIN",
        `Frame of source ${bytes[at + 6]} is on domain ${
          bytes[at + 4]
        }; subject ${this.subject} carries domain ${this.domain}`,
        { subject: this.subject, domain: bytes[at + 4], subjectDomain: this.domain },
      );
    }
    // The client keeps a reference until its socket write: give it its own copy.
    this.#nc.publish(this.subject, bytes.slice(at, at + size), {
      reply: `${this.#inbox}.${this.#published}`,
    });
    this.#published++;
    this.stats.writes++;
    this.stats.bytes += size;
    // A full window: resume at half, so waits are rare and acks keep flowing.
    if (this.inFlight >= this.window) {
      return this.#until(this.#published - (this.window >> 1));
    }
    return undefined;
  }

  #check(): void {
    if (this.#failure !== null) throw this.#failure;
    if (this.#closed) {
      throw new TransportError("CLOSED", `Publisher to ${this.subject} is closed`, {
        subject: this.subject,
      });
    }
  }

  writeFrame(frame: Frame): Promise<void> {
    try {
      this.#check();
      this.stats.frames++;
      return this.#publish(frame.buffer, frame.offset, frame.size) ?? Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.#check();
    // Whole frames, cut by header: each is one message.
    for (let at = 0; at < bytes.length;) {
      const size = HEADER_SIZE + checkHeader(bytes, at, bytes.length, MAX_PAYLOAD_SIZE, 0);
      if (at + size > bytes.length) {
        throw new TransportError("BAD_MESSAGE", `write() got a frame cut short at byte ${at}`, {
          at,
        });
      }
      const wait = this.#publish(bytes, at, size);
      if (wait !== undefined) await wait;
      at += size;
    }
  }

  async flush(): Promise<void> {
    this.#check();
    await this.#until(this.#published);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      if (this.#failure === null) await this.#until(this.#published);
    } finally {
      this.#closed = true;
      this.#sub.unsubscribe();
      await this.#nc.close().catch(() => {});
    }
    if (this.#failure !== null) throw this.#failure;
  }
}
