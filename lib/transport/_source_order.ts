// lib/transport/_source_order.ts — one job: a subscriber's per-source cursor: spot what it
// missed, ask for it, hold later frames back, and hand frames on in order per source.
import { type Frame, RecoveryStatus } from "../protocol/mod.ts";
import type { RelayControl } from "./control.ts";

/** A range of a source's frames that could not be recovered. */
export interface UnavailableRange {
  readonly source: number;
  readonly from: bigint;
  readonly to: bigint;
  /** `unavailable`: the relay does not hold them; `missing`: the retransmission lacked them. */
  readonly reason: "unavailable" | "missing";
}

/** What the cursor asks of its subscription. */
export interface OrderHooks {
  deliver(frame: Frame): void;
  request(requestId: number, source: number, from: bigint, to: bigint): void;
  unavailable(range: UnavailableRange): void;
}

/** Counts of a cursor. */
export interface OrderStats {
  /** Frames handed on. */
  delivered: number;
  /** Frames handed on that came by retransmission. */
  recovered: number;
  /** Frames dropped because they were already handed on. */
  duplicates: number;
  /** RecoveryRequests sent. */
  requests: number;
  /** Frames declared unavailable. */
  unavailable: bigint;
}

interface Request {
  readonly id: number;
  readonly from: bigint;
  readonly to: bigint;
  answered: boolean;
}

interface Source {
  next: bigint; // next sequence to hand on; 0n while unknown
  held: Frame[]; // live frames waiting behind a recovery, in sequence order
  heldAt: number;
  pending: Request[]; // recoveries in the order they were asked (the relay answers in order)
}

/**
 * In a full subscription (`filtered` false) every jump in a source's sequence is a gap to
 * recover; in a filtered one jumps are expected, and only the position a relay announces at
 * connect (SequenceSync) is compared with the checkpoint in `resume`. Retransmitted frames
 * are recognised by falling in the oldest open request; live frames after a gap wait until
 * the answer ends (the SequenceSync that closes it).
 */
export class SourceOrder {
  readonly stats: OrderStats = {
    delivered: 0,
    recovered: 0,
    duplicates: 0,
    requests: 0,
    unavailable: 0n,
  };
  private readonly sources = new Map<number, Source>();
  private nextId = 1;

  constructor(
    private readonly hooks: OrderHooks,
    private readonly filtered: boolean,
    resume?: ReadonlyMap<number, bigint>,
  ) {
    for (const [source, last] of resume ?? []) this.src(source).next = last + 1n;
  }

  /** The last sequence handed on per source. */
  positions(): Map<number, bigint> {
    const out = new Map<number, bigint>();
    for (const [source, s] of this.sources) if (s.next > 0n) out.set(source, s.next - 1n);
    return out;
  }

  /** Frames held back behind recoveries. */
  get held(): number {
    let n = 0;
    for (const s of this.sources.values()) n += s.held.length - s.heldAt;
    return n;
  }

  /** A data frame from the relay. */
  data(frame: Frame): void {
    const s = this.src(frame.source);
    const q = frame.sequence;
    if (s.next === 0n) {
      s.next = q + 1n;
      this.deliver(frame, false);
      return;
    }
    const head = s.pending[0];
    if (head !== undefined && q >= head.from && q <= head.to) {
      if (q < s.next) return this.duplicate();
      if (q > s.next && !this.filtered) this.lost(frame.source, s.next, q - 1n, "missing");
      s.next = q + 1n;
      this.deliver(frame, true);
      return;
    }
    if (q < s.next) return this.duplicate();
    const edge = this.edge(s);
    if (q < edge) {
      // Behind frames already held or asked for: a repeat, or part of a later answer.
      if (s.pending.some((r) => q >= r.from && q <= r.to)) this.insertHeld(s, frame);
      else this.duplicate();
      return;
    }
    if (q > edge && !this.filtered) this.ask(frame.source, s, edge, q - 1n);
    if (s.pending.length === 0 && s.heldAt === s.held.length) {
      s.next = q + 1n;
      this.deliver(frame, false);
    } else {
      s.held.push(frame);
    }
  }

  /** A control frame from the relay (SequenceSync or RecoveryResponse). */
  control(c: RelayControl): void {
    if (c.kind === "sync") {
      const s = this.src(c.source);
      const head = s.pending[0];
      if (head !== undefined && head.answered) {
        // The end of the oldest answer.
        if (s.next <= head.to) {
          if (!this.filtered) this.lost(c.source, s.next, head.to, "missing");
          s.next = head.to + 1n;
        }
        s.pending.shift();
        this.release(s);
        return;
      }
      // Where the source stood when this connection started.
      if (s.next === 0n) {
        s.next = c.lastSequence + 1n;
        return;
      }
      const edge = this.edge(s);
      if (c.lastSequence >= edge) this.ask(c.source, s, edge, c.lastSequence);
      return;
    }
    if (c.kind === "response") {
      const s = this.src(c.source);
      const req = s.pending.find((r) => r.id === c.requestId);
      if (req === undefined) return;
      req.answered = true;
      if (c.status !== RecoveryStatus.Retransmit && c.toSequence >= s.next) {
        this.lost(
          c.source,
          c.fromSequence > s.next ? c.fromSequence : s.next,
          c.toSequence,
          "unavailable",
        );
        s.next = c.toSequence + 1n;
      }
    }
  }

  private src(source: number): Source {
    let s = this.sources.get(source);
    if (s === undefined) {
      s = { next: 0n, held: [], heldAt: 0, pending: [] };
      this.sources.set(source, s);
    }
    return s;
  }

  // The first sequence after everything handed on, held or asked for.
  private edge(s: Source): bigint {
    let e = s.next;
    const last = s.held[s.held.length - 1];
    if (s.heldAt < s.held.length && last !== undefined && last.sequence + 1n > e) {
      e = last.sequence + 1n;
    }
    const req = s.pending[s.pending.length - 1];
    if (req !== undefined && req.to + 1n > e) e = req.to + 1n;
    return e;
  }

  private ask(source: number, s: Source, from: bigint, to: bigint): void {
    const id = this.nextId++;
    s.pending.push({ id, from, to, answered: false });
    this.stats.requests++;
    this.hooks.request(id, source, from, to);
  }

  private release(s: Source): void {
    while (s.heldAt < s.held.length) {
      const f = s.held[s.heldAt]!;
      const q = f.sequence;
      const head = s.pending[0];
      if (head !== undefined && q >= head.from) break;
      s.heldAt++;
      if (q < s.next) {
        this.duplicate();
        continue;
      }
      if (q > s.next && !this.filtered) this.lost(f.source, s.next, q - 1n, "missing");
      s.next = q + 1n;
      this.deliver(f, false);
    }
    if (s.heldAt === s.held.length) {
      s.held = [];
      s.heldAt = 0;
    } else if (s.heldAt > 1024 && s.heldAt * 2 > s.held.length) {
      s.held = s.held.slice(s.heldAt);
      s.heldAt = 0;
    }
  }

  private insertHeld(s: Source, frame: Frame): void {
    const q = frame.sequence;
    let i = s.held.length;
    while (i > s.heldAt && s.held[i - 1]!.sequence > q) i--;
    if (i > s.heldAt && s.held[i - 1]!.sequence === q) return this.duplicate();
    s.held.splice(i, 0, frame);
  }

  private deliver(frame: Frame, recovered: boolean): void {
    this.stats.delivered++;
    if (recovered) this.stats.recovered++;
    this.hooks.deliver(frame);
  }

  private duplicate(): void {
    this.stats.duplicates++;
  }

  private lost(source: number, from: bigint, to: bigint, reason: UnavailableRange["reason"]): void {
    this.stats.unavailable += to - from + 1n;
    this.hooks.unavailable({ source, from, to, reason });
  }
}
