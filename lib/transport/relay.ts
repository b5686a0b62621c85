// lib/transport/relay.ts — one job: a domain's relay: accept clients on a Unix socket, fan
// each publisher's frames out to the subscribers that want them, keep rings for recovery.
import {
  decodeTlvValue,
  DEFAULT_CHECKSUM_POLICY,
  DOMAIN_NAMES,
  FLAG_CHECKSUM,
  frameChecksum,
  HEADER_SIZE,
  parseFrame,
  ProtocolError,
  type RelayDomain,
  TlvCursor,
  TlvType,
} from "../protocol/mod.ts";
import { firstTlvType, RelayErrorCode } from "./control.ts";
import { EndpointError } from "./errors.ts";
import { FrameCutter } from "./_frame_cutter.ts";
import { FrameRing } from "./frame_ring.ts";
import { addHelloFrame, helloOf, type QueuePolicy, Role } from "./hello.ts";
import { Peer } from "./_relay_peer.ts";
import { serveRecovery } from "./_relay_recovery.ts";
import { listenRelaySocket } from "./relay_socket.ts";
import { formatRelayReport, newRelayStats, type RelayStats } from "./relay_stats.ts";
import { defaultSocketPath } from "./socket_path.ts";
import { compileTopics } from "./topic_filter.ts";

/** What a relay does with CRCs: verify those present, require them, or ignore them. */
export type ChecksumMode = "verify" | "required" | "off";

/** Options of {@linkcode Relay.start}. */
export interface RelayOptions {
  /** The domain the relay carries; frames of other domains are rejected. */
  readonly domain: RelayDomain;
  /** Socket path (default: {@linkcode defaultSocketPath} of the domain). */
  readonly path?: string;
  /** Frames kept per source for recovery (default 131,072). */
  readonly ringFrames?: number;
  /** Bytes kept per source for recovery, roughly (default 64 MiB). */
  readonly ringBytes?: number;
  /**
   * Queue bound of subscribers that do not choose one, in frames (default 65,536). Under the
   * `disconnect` policy choose more than one read's worth (the relay reads up to 256 KiB at a
   * time, about 3,000 small frames), or a burst alone disconnects the subscriber.
   */
  readonly queueFrames?: number;
  /** Policy of subscribers that do not choose one (default `backpressure`). */
  readonly policy?: QueuePolicy;
  /** CRC handling (default: `verify` on signal, execution and system; `off` on market). */
  readonly checksum?: ChecksumMode;
  /** Where log lines go (default stderr). */
  readonly log?: (line: string) => void;
  /** Health report period in ms; 0 turns the report off (default 1000). */
  readonly reportEveryMs?: number;
  /** How long a new connection has to send its hello (default 5000 ms). */
  readonly helloTimeoutMs?: number;
}

const MAX_LOG_PER_REPORT = 5;

/**
 * One relay: a Unix-socket server for one domain. Publishers' frames are framed by header
 * (never by read size), checked (domain, TLV structure, CRC per the checksum mode), stored in
 * the source's ring and copied into the bounded queue of every subscriber whose topics match
 * — never back to the client that sent them unless it asked. A full `backpressure` queue
 * pauses reading from publishers; a full `disconnect` queue disconnects that subscriber with
 * a logged reason and a final Error TLV. Subscribers recover gaps with RecoveryRequest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RelayDomain } from "../protocol/mod.ts";
 * import { Relay } from "./relay.ts";
 * const dir = await Deno.makeTempDir();
 * const relay = await Relay.start({ domain: RelayDomain.Signal, path: `${dir}/signal.sock`,
 *   log: () => {} });
 * assert.equal(relay.stats.subscribers, 0);
 * await relay.stop();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class Relay {
  /** Live counters. */
  readonly stats: RelayStats = newRelayStats();
  /** Whether a stale socket file was removed at start. */
  readonly removedStale: boolean;
  private readonly rings = new Map<number, FrameRing>();
  private subs: Peer[] = [];
  private readonly peers = new Set<Peer>();
  private readonly serving = new Set<Promise<void>>();
  private nextId = 1;
  private stopping = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private lastReport: RelayStats = newRelayStats();
  private lastReportAt = performance.now();
  private logged = 0;
  private logWindow = 0;
  private readonly log: (line: string) => void;
  private readonly mode: ChecksumMode;
  private readonly name: string;
  private readonly accepting: Promise<void>;

  private constructor(
    readonly domain: RelayDomain,
    readonly path: string,
    private readonly listener: Deno.Listener<Deno.UnixConn, Deno.UnixAddr>,
    removedStale: boolean,
    private readonly options: RelayOptions,
  ) {
    this.removedStale = removedStale;
    this.log = options.log ?? ((line) => console.error(line));
    this.mode = options.checksum ?? (DEFAULT_CHECKSUM_POLICY[domain] ? "verify" : "off");
    this.name = DOMAIN_NAMES[domain];
    const every = options.reportEveryMs ?? 1000;
    if (every > 0) this.timer = setInterval(() => this.report(false), every);
    this.accepting = this.accept();
  }

  /**
   * Take the socket (clearing a stale one, refusing a live one) and start serving.
   * @throws {TransportError} RELAY_ALIVE, NOT_A_SOCKET or CANNOT_LISTEN.
   */
  static async start(options: RelayOptions): Promise<Relay> {
    const q = options.queueFrames ?? 65536;
    if (!Number.isInteger(q) || q < 1) {
      throw new EndpointError("BAD_OPTION", `Queue size must be at least 1 frame, got ${q}`);
    }
    new FrameRing({ frames: options.ringFrames ?? 1, bytes: 1 }); // validates the ring size
    const path = options.path ?? defaultSocketPath(options.domain);
    const { listener, removedStale } = await listenRelaySocket(path);
    const relay = new Relay(options.domain, path, listener, removedStale, options);
    if (removedStale) relay.log(`torq relay ${relay.name}: removed stale socket ${path}`);
    return relay;
  }

  /** Frames queued for each subscriber, in connection order. */
  queueDepths(): number[] {
    return this.subs.map((s) => s.queued);
  }

  /** Print the health line now (`final` prints it even when nothing changed). */
  report(final: boolean): void {
    const now = performance.now();
    const s = this.stats;
    const changed = JSON.stringify(s) !== JSON.stringify(this.lastReport);
    if (changed || final) {
      this.log(
        formatRelayReport(
          this.name,
          s,
          this.lastReport,
          now - this.lastReportAt,
          this.queueDepths(),
        ),
      );
    }
    this.lastReport = structuredClone(s);
    this.lastReportAt = now;
  }

  /** Tell every client the relay is stopping, close the socket and wait for the loops. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    try {
      this.listener.close();
    } catch { /* already closed */ }
    await this.accepting;
    const closing = [...this.peers].map(async (p) => {
      p.discardQueue();
      p.pushControl(p.control.error(RelayErrorCode.RelayStopping, "Relay is stopping"));
      await settleOrTimeout(p, 500);
      p.close();
    });
    await Promise.all(closing);
    await Promise.all([...this.serving]);
    if ((this.options.reportEveryMs ?? 1000) > 0) this.report(true);
  }

  private async accept(): Promise<void> {
    try {
      for await (const conn of this.listener) {
        if (this.stopping) {
          conn.close();
          break;
        }
        const peer = new Peer(this.nextId++, conn, (p, e) => this.writeFailed(p, e));
        this.peers.add(peer);
        const done = this.serve(peer).finally(() => this.serving.delete(done));
        this.serving.add(done);
      }
    } catch (e) {
      if (!this.stopping) {
        this.log(`torq relay ${this.name}: accept failed: ${(e as Error).message}`);
      }
    }
  }

  // Per-frame complaints: a few lines a second at most; the counters have the rest.
  private say(line: string): void {
    const now = performance.now();
    if (now - this.logWindow > 1000) {
      this.logWindow = now;
      this.logged = 0;
    }
    if (this.logged++ < MAX_LOG_PER_REPORT) this.log(`torq relay ${this.name}: ${line}`);
  }

  private async serve(peer: Peer): Promise<void> {
    const cutter = new FrameCutter();
    const helloTimer = setTimeout(() => {
      if (peer.setup === null) {
        this.stats.disconnects.badHello++;
        this.refuse(peer, RelayErrorCode.BadHello, "No hello within the time limit");
      }
    }, this.options.helloTimeoutMs ?? 5000);
    let why = "left";
    try {
      for (;;) {
        const n = await peer.conn.read(cutter.space());
        if (n === null || peer.closed || peer.closing) break;
        cutter.commit(n);
        for (;;) {
          const size = cutter.next();
          if (size === 0 || peer.closed || peer.closing) break;
          const wait = this.fullFor(peer, cutter.buffer, cutter.start, size);
          if (wait !== null) {
            await wait;
            continue;
          }
          this.handle(peer, cutter.buffer, cutter.start, size);
          cutter.skip(size);
        }
        // The read is fanned out: start the writes now rather than a turn later (latency).
        for (const s of this.subs) s.flushNow();
      }
    } catch (e) {
      if (e instanceof ProtocolError) {
        why = "bad stream";
        this.stats.disconnects.badStream++;
        this.refuse(
          peer,
          RelayErrorCode.BadStream,
          `Cannot frame the stream: ${e.code}: ${e.message}`,
        );
      } else if (!peer.closed) {
        why = `left (${(e as Error).message})`;
      }
    } finally {
      clearTimeout(helloTimer);
      this.remove(peer, why);
    }
  }

  // A promise to wait on when a backpressure subscriber that would get this data frame is
  // full (the relay stops reading this publisher until it drains), else null.
  private fullFor(from: Peer, b: Uint8Array, off: number, size: number): Promise<void> | null {
    if (from.setup === null || !from.setup.publishes) return null;
    for (const s of this.subs) {
      if (!s.full || s.setup!.policy !== "backpressure") continue;
      if (s === from && !s.setup!.echo) continue;
      if (s.setup!.matcher !== null && !s.setup!.matcher(b, off, size)) continue;
      if (firstTlvType(b, off, size) === TlvType.RecoveryRequest) return null;
      return s.drained();
    }
    return null;
  }

  private handle(peer: Peer, b: Uint8Array, off: number, size: number): void {
    const setup = peer.setup;
    if (setup === null) return this.hello(peer, b, off, size);
    const first = firstTlvType(b, off, size);
    if (first === TlvType.RecoveryRequest && b[off + 4] === 4) {
      const req = this.recoveryRequest(b, off, size);
      if (req !== undefined && setup.subscribes) {
        serveRecovery({ domain: this.domain, rings: this.rings, stats: this.stats }, peer, req);
        return;
      }
    }
    if (!setup.publishes) {
      this.stats.rejected.notPublisher++;
      this.say(`rejected a frame from ${peer.label}: it did not say it publishes`);
      return;
    }
    const domain = b[off + 4]!;
    const source = b[off + 6]!;
    const seq = sequenceAt(b, off);
    if (domain !== this.domain) {
      this.stats.rejected.wrongDomain++;
      this.say(
        `rejected source ${source} sequence ${seq} from ${peer.label}: domain ${domain} on the ${this.name} relay`,
      );
      return;
    }
    try {
      parseFrame(b, off, { verifyChecksum: false }, 0, off + size);
    } catch (e) {
      this.stats.rejected.invalid++;
      this.say(
        `rejected source ${source} sequence ${seq} from ${peer.label}: ${
          (e as ProtocolError).code
        }: ${(e as Error).message}`,
      );
      return;
    }
    if (this.mode !== "off") {
      if ((b[off + 7]! & FLAG_CHECKSUM) !== 0) {
        const want =
          (b[off + 28]! | (b[off + 29]! << 8) | (b[off + 30]! << 16) | (b[off + 31]! << 24)) >>> 0;
        if (frameChecksum(b, off, size - HEADER_SIZE) !== want) {
          this.stats.rejected.checksum++;
          this.say(`rejected source ${source} sequence ${seq} from ${peer.label}: CRC mismatch`);
          return;
        }
      } else if (this.mode === "required") {
        this.stats.rejected.missingChecksum++;
        this.say(`rejected source ${source} sequence ${seq} from ${peer.label}: no CRC`);
        return;
      }
    }
    let ring = this.rings.get(source);
    if (ring === undefined) {
      ring = new FrameRing({
        ...(this.options.ringFrames !== undefined ? { frames: this.options.ringFrames } : {}),
        ...(this.options.ringBytes !== undefined ? { bytes: this.options.ringBytes } : {}),
      });
      this.rings.set(source, ring);
    }
    const before = ring.last;
    const kind = ring.append(seq, b.subarray(off, off + size));
    if (kind === "gap") {
      this.stats.publisherGaps += seq - before - 1;
      this.say(
        `source ${source} from ${peer.label} skipped ${
          seq - before - 1
        } frame(s) before sequence ${seq}`,
      );
    } else if (kind === "old") this.stats.publisherRepeats++;
    if (!peer.published.has(source)) peer.published.add(source);
    peer.framesIn++;
    this.stats.framesIn++;
    this.stats.bytesIn += size;
    for (const s of this.subs) {
      const st = s.setup!;
      if (s === peer && !st.echo) continue;
      if (st.matcher !== null && !st.matcher(b, off, size)) continue;
      if (st.policy === "disconnect" && s.full) {
        this.disconnectSlow(s, source, seq);
        continue;
      }
      s.push(b, off, size, true);
      this.stats.framesOut++;
    }
  }

  private recoveryRequest(b: Uint8Array, off: number, size: number) {
    const c = new TlvCursor(b, off + HEADER_SIZE, off + size);
    if (!c.next() || c.length !== 22) return undefined;
    return decodeTlvValue(TlvType.RecoveryRequest, b, c.valueOffset, c.length);
  }

  private hello(peer: Peer, b: Uint8Array, off: number, size: number): void {
    let hello;
    try {
      hello = helloOf(parseFrame(b, off, undefined, 0, off + size));
    } catch (e) {
      this.stats.disconnects.badHello++;
      return this.refuse(peer, RelayErrorCode.BadHello, `Bad hello: ${(e as Error).message}`);
    }
    if (hello === undefined || hello.role === Role.Relay) {
      this.stats.disconnects.badHello++;
      return this.refuse(
        peer,
        RelayErrorCode.BadHello,
        "The first frame must be a RelayHello (TLV 250); see docs/TRANSPORT.md",
      );
    }
    if (hello.domain !== 0 && hello.domain !== this.domain) {
      this.stats.disconnects.badHello++;
      return this.refuse(
        peer,
        RelayErrorCode.WrongDomain,
        `This relay carries the ${this.name} domain, not ${DOMAIN_NAMES[hello.domain]}`,
      );
    }
    const subscribes = hello.role === Role.Subscriber || hello.role === Role.Both;
    const publishes = hello.role === Role.Publisher || hello.role === Role.Both;
    const sources = hello.topics.sources ?? [];
    peer.setup = {
      name: hello.name,
      publishes,
      subscribes,
      echo: hello.echo,
      policy: hello.policy ?? this.options.policy ?? "backpressure",
      capacity: hello.queueFrames > 0 ? hello.queueFrames : this.options.queueFrames ?? 65536,
      matcher: compileTopics(hello.topics),
      sources: sources.length > 0 ? new Set(sources) : null,
    };
    const st = peer.setup;
    peer.pushControl(peer.control.custom((builder) =>
      addHelloFrame(builder, {
        role: Role.Relay,
        echo: false,
        policy: st.policy,
        queueFrames: st.capacity,
        domain: this.domain,
        topics: {},
        name: `torq relay ${this.name}`,
      })
    ));
    if (publishes) this.stats.publishers++;
    if (subscribes) {
      // Where each source stands, before any live frame: a restarted subscriber compares it
      // with its checkpoint and asks for what it missed.
      for (const [source, ring] of this.rings) {
        if (ring.last === 0 || (st.sources !== null && !st.sources.has(source))) continue;
        peer.pushControl(peer.control.sequenceSync(source, this.domain, BigInt(ring.last)));
      }
      this.subs = [...this.subs, peer];
      this.stats.subscribers++;
    }
    this.log(
      `torq relay ${this.name}: ${peer.label} connected (${
        st.subscribes ? `${st.policy}, queue ${st.capacity}` : "publishing"
      })`,
    );
  }

  private disconnectSlow(s: Peer, source: number, seq: number): void {
    const st = s.setup!;
    s.closing = true;
    this.stats.disconnects.slow++;
    this.subs = this.subs.filter((p) => p !== s);
    this.stats.subscribers--;
    const dropped = s.discardQueue();
    this.stats.undelivered += dropped;
    const reason =
      `Queue full (${st.capacity} frames) under the disconnect policy at source ${source} sequence ${seq}; ${dropped} queued frame(s) not sent`;
    this.log(`torq relay ${this.name}: disconnected ${s.label}: ${reason}`);
    s.pushControl(s.control.error(RelayErrorCode.SlowSubscriber, reason, source, BigInt(seq)));
    settleOrTimeout(s, 2000).then(() => s.close());
  }

  private refuse(peer: Peer, code: RelayErrorCode, message: string): void {
    if (peer.closing) return;
    peer.closing = true;
    this.log(`torq relay ${this.name}: refused ${peer.label}: ${message}`);
    peer.discardQueue();
    peer.pushControl(peer.control.error(code, message));
    settleOrTimeout(peer, 1000).then(() => peer.close());
  }

  private writeFailed(peer: Peer, error: unknown): void {
    if (!peer.closed) {
      this.log(`torq relay ${this.name}: ${peer.label} write failed: ${(error as Error).message}`);
    }
    peer.close();
  }

  private remove(peer: Peer, why: string): void {
    if (!this.peers.delete(peer)) return;
    const st = peer.setup;
    if (st !== null && st.publishes) this.stats.publishers--;
    if (st !== null && st.subscribes && this.subs.includes(peer)) {
      this.subs = this.subs.filter((p) => p !== peer);
      this.stats.subscribers--;
      const left = peer.discardQueue() + (peer.queued > 0 ? peer.queued : 0);
      this.stats.undelivered += left;
      if (!this.stopping) {
        this.stats.disconnects.left++;
        this.log(
          `torq relay ${this.name}: ${peer.label} ${why}${
            left > 0 ? ` with ${left} frame(s) undelivered` : ""
          }`,
        );
      }
    } else if (st !== null && !this.stopping && !peer.closing) {
      this.log(`torq relay ${this.name}: ${peer.label} ${why} after ${peer.framesIn} frame(s)`);
    }
    if (!peer.closing) peer.close();
  }
}

// A frame's sequence as a number (exact below 2^53).
function sequenceAt(b: Uint8Array, off: number): number {
  return b[off + 8]! + b[off + 9]! * 256 + b[off + 10]! * 65536 + b[off + 11]! * 16777216 +
    (b[off + 12]! + b[off + 13]! * 256 + b[off + 14]! * 65536 + b[off + 15]! * 16777216) *
      4294967296;
}

async function settleOrTimeout(peer: Peer, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    peer.settled(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}
