// lib/transport/_relay_peer.ts — one job: one relay connection's side of things: who it is,
// its bounded outgoing queue of batches, and the loop that writes them.
import { setImmediate } from "node:timers";
import type { FrameMatcher } from "./topic_filter.ts";
import type { QueuePolicy } from "./hello.ts";
import { ControlFrames } from "./control.ts";
import { SourceType } from "../protocol/mod.ts";

const BATCH = 65536;
const POOL = 4;

/** What a peer said in its hello, once accepted. */
export interface PeerSetup {
  readonly name: string;
  readonly publishes: boolean;
  readonly subscribes: boolean;
  readonly echo: boolean;
  readonly policy: QueuePolicy;
  readonly capacity: number;
  readonly matcher: FrameMatcher | null;
  readonly sources: ReadonlySet<number> | null;
}

/**
 * A connected client. `push` copies a frame into the current batch (one copy per frame per
 * subscriber); a write loop sends batches one at a time, so while one write is in flight the
 * next batch fills. `queued` counts frames not yet handed to the socket, control frames
 * included; it is what the queue policy bounds.
 */
export class Peer {
  setup: PeerSetup | null = null;
  readonly control = new ControlFrames(SourceType.Relay);
  /** Frames queued and not yet written. */
  queued = 0;
  /** Data frames written to this peer. */
  framesOut = 0;
  /** Data frames read from this peer and accepted. */
  framesIn = 0;
  /** Sources this peer has published (its own frames are not sent back to it). */
  readonly published = new Set<number>();
  closed = false;
  /** The relay is closing this peer after a last Error frame. */
  closing = false;
  /** Retransmissions of this peer run one after another. */
  recovery: Promise<void> = Promise.resolve();
  private batches: Uint8Array[] = [];
  private batchFrames: number[] = [];
  private cur: Uint8Array = new Uint8Array(BATCH);
  private curPos = 0;
  private curFrames = 0;
  private writing = false;
  private kickScheduled = false;
  private waiters: Array<() => void> = [];
  private pool: Uint8Array[] = [];

  constructor(
    readonly id: number,
    readonly conn: Deno.UnixConn,
    private readonly onWriteError: (peer: Peer, error: unknown) => void,
  ) {}

  /** Name for log lines. */
  get label(): string {
    const s = this.setup;
    if (s === null) return `client #${this.id}`;
    const role = s.publishes && s.subscribes ? "client" : s.publishes ? "publisher" : "subscriber";
    return `${role} #${this.id}${s.name === "" ? "" : ` (${s.name})`}`;
  }

  /** Whether the queue is at its bound. */
  get full(): boolean {
    return this.queued >= (this.setup?.capacity ?? Infinity);
  }

  /** Copy one frame into the queue (the caller applied the policy). */
  push(buffer: Uint8Array, offset: number, size: number, data: boolean): void {
    if (this.closed) return;
    if (size > BATCH - this.curPos) {
      this.seal();
      if (size > BATCH) {
        this.batches.push(buffer.slice(offset, offset + size));
        this.batchFrames.push(1);
        this.queued++;
        if (data) this.framesOut++;
        this.kick(true);
        return;
      }
    }
    this.cur.set(buffer.subarray(offset, offset + size), this.curPos);
    this.curPos += size;
    this.curFrames++;
    this.queued++;
    if (data) this.framesOut++;
    if (this.curPos === BATCH) this.seal();
    this.kick(this.batches.length > 0);
  }

  /** Queue a control frame built by `control`. */
  pushControl(bytes: Uint8Array): void {
    this.push(bytes, 0, bytes.length, false);
  }

  /** Resolves when the queue is at or below half its bound, or the peer is closed. */
  drained(): Promise<void> {
    if (this.closed || this.queued <= (this.setup?.capacity ?? Infinity) / 2) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves when everything queued has been written (or the peer closed). */
  async settled(): Promise<void> {
    while (!this.closed && this.queued > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Start writing what is queued now (after a read was fanned out), unless a write runs. */
  flushNow(): void {
    if (this.writing || this.closed || (this.curPos === 0 && this.batches.length === 0)) return;
    this.seal();
    this.pump();
  }

  /** Drop every frame not yet being written; returns how many were dropped. */
  discardQueue(): number {
    let n = this.curFrames;
    for (const f of this.batchFrames) n += f;
    this.batches = [];
    this.batchFrames = [];
    this.curPos = 0;
    this.curFrames = 0;
    this.queued -= n;
    return n;
  }

  /** Stop writing and close the socket; queued frames are discarded (the caller says why). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.conn.close();
    } catch { /* already closed */ }
    this.wake();
  }

  private seal(): void {
    if (this.curPos === 0) return;
    this.batches.push(this.cur.subarray(0, this.curPos));
    this.batchFrames.push(this.curFrames);
    this.cur = this.pool.pop() ?? new Uint8Array(BATCH);
    this.curPos = 0;
    this.curFrames = 0;
  }

  // Start writing now when a batch is full, else on the next turn of the event loop (after
  // the rest of the read that queued this frame has been fanned out).
  private kick(now: boolean): void {
    if (this.writing) return;
    if (now) {
      this.pump();
      return;
    }
    if (this.kickScheduled) return;
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      if (!this.writing) {
        this.seal();
        this.pump();
      }
    });
  }

  // Write the sealed batches; a partial one waits for the next turn of the event loop (the
  // kick), so the writes stay large while frames keep coming.
  private async pump(): Promise<void> {
    this.writing = true;
    try {
      while (!this.closed) {
        const chunk = this.batches.shift();
        if (chunk === undefined) break;
        const frames = this.batchFrames.shift()!;
        let off = 0;
        while (off < chunk.length) off += await this.conn.write(chunk.subarray(off));
        this.queued -= frames;
        if (chunk.buffer.byteLength === BATCH && this.pool.length < POOL) {
          this.pool.push(new Uint8Array(chunk.buffer));
        }
        if (this.waiters.length > 0 && this.queued <= (this.setup?.capacity ?? 0) / 2) this.wake();
      }
    } catch (e) {
      if (!this.closed) this.onWriteError(this, e);
    } finally {
      this.writing = false;
      if (this.queued === 0 || this.closed) this.wake();
      else if (this.curPos > 0) this.kick(false);
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}
