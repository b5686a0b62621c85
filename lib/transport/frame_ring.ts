// lib/transport/frame_ring.ts — one job: keep a source's recent frames for retransmission.
import { EndpointError } from "./errors.ts";

/** Bounds of a {@linkcode FrameRing}. */
export interface FrameRingOptions {
  /** Most frames kept (default 131,072). */
  readonly frames?: number;
  /** Most bytes kept, roughly (default 64 MiB; whole 4 MiB slabs are dropped). */
  readonly bytes?: number;
}

/** What appending a frame meant for the source's stream. */
export type RingAppend = "in_order" | "first" | "gap" | "old";

const SLAB = 4 << 20;
const MAX_FRAMES = 1 << 24; // its index costs 12 bytes a frame per source

interface Slab {
  readonly id: number;
  readonly bytes: Uint8Array;
  /** First sequence stored in the slab. */
  readonly firstSequence: number;
}

/**
 * The recent frames of one source, by sequence, copied into 4 MiB slabs (no allocation per
 * frame, and nothing kept alive for the old-generation GC to trace per frame). Holds at most
 * `frames` sequences and about `bytes` bytes; the oldest go first. Frames that skip ahead
 * leave holes (they were never seen); frames at or below the newest are not stored.
 * Sequences are numbers: streams past 2^53 frames are not kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameRing } from "./frame_ring.ts";
 * const ring = new FrameRing({ frames: 2 });
 * ring.append(1, new Uint8Array([1]));
 * ring.append(2, new Uint8Array([2]));
 * ring.append(3, new Uint8Array([3]));
 * assert.equal(ring.first, 2);
 * assert.deepEqual([...ring.get(3)!], [3]);
 * assert.equal(ring.get(1), undefined);
 * ```
 */
export class FrameRing {
  private readonly capacity: number;
  private readonly maxBytes: number;
  private readonly slabAt: Int32Array;
  private readonly offsetAt: Int32Array;
  private readonly sizeAt: Int32Array; // 0 marks a hole
  private slabs: Slab[] = [];
  private slabBytes = 0;
  private fill = 0; // write position in the newest slab
  private nextSlabId = 0;
  /** Oldest sequence held (0 when empty). */
  first = 0;
  /** Newest sequence held (0 when empty). */
  last = 0;

  constructor(options: FrameRingOptions = {}) {
    this.capacity = options.frames ?? 131_072;
    this.maxBytes = options.bytes ?? 64 << 20;
    if (!Number.isInteger(this.capacity) || this.capacity < 1 || this.capacity > MAX_FRAMES) {
      throw new EndpointError(
        "BAD_OPTION",
        `Ring size must be 1 to ${MAX_FRAMES} frames, got ${this.capacity}`,
        {
          frames: this.capacity,
        },
      );
    }
    this.slabAt = new Int32Array(this.capacity);
    this.offsetAt = new Int32Array(this.capacity);
    this.sizeAt = new Int32Array(this.capacity);
  }

  /** Frames held (holes not counted). */
  get size(): number {
    let n = 0;
    if (this.last === 0) return 0;
    for (let s = this.first; s <= this.last; s++) if (this.sizeAt[s % this.capacity]! > 0) n++;
    return n;
  }

  /** Copy `bytes` in as frame `sequence`; says how it relates to the newest frame held. */
  append(sequence: number, bytes: Uint8Array): RingAppend {
    if (!Number.isSafeInteger(sequence) || sequence < 1) return "old";
    let kind: RingAppend = "in_order";
    if (this.last === 0) {
      kind = "first";
      this.first = sequence;
    } else if (sequence <= this.last) {
      return "old";
    } else if (sequence > this.last + 1) {
      kind = "gap";
      if (sequence - this.last > this.capacity) {
        this.first = sequence; // the whole ring would be holes
      } else {
        for (let s = this.last + 1; s < sequence; s++) this.sizeAt[s % this.capacity] = 0;
      }
    }
    const slab = this.room(bytes.length, sequence);
    slab.bytes.set(bytes, this.fill);
    const i = sequence % this.capacity;
    this.slabAt[i] = slab.id;
    this.offsetAt[i] = this.fill;
    this.sizeAt[i] = bytes.length;
    this.fill += bytes.length;
    this.last = sequence;
    if (sequence - this.first >= this.capacity) this.first = sequence - this.capacity + 1;
    return kind;
  }

  /** The frame with `sequence` (a view; valid until the ring is dropped), or undefined. */
  get(sequence: number): Uint8Array | undefined {
    if (this.last === 0 || sequence < this.first || sequence > this.last) return undefined;
    const i = sequence % this.capacity;
    const size = this.sizeAt[i]!;
    if (size === 0) return undefined;
    const slab = this.slabs[this.slabAt[i]! - this.slabs[0]!.id];
    if (slab === undefined) return undefined;
    const o = this.offsetAt[i]!;
    return slab.bytes.subarray(o, o + size);
  }

  // The slab to write `size` bytes into, opening a new one (and dropping old ones over the
  // byte bound) when the current one is full. Old slabs are never reused: a retransmission
  // may still hold views into them.
  private room(size: number, sequence: number): Slab {
    const cur = this.slabs[this.slabs.length - 1];
    if (cur !== undefined && this.fill + size <= cur.bytes.length) return cur;
    const slab: Slab = {
      id: this.nextSlabId++,
      bytes: new Uint8Array(Math.max(SLAB, size)),
      firstSequence: sequence,
    };
    this.slabs.push(slab);
    this.slabBytes += slab.bytes.length;
    this.fill = 0;
    while (this.slabs.length > 1 && this.slabBytes > this.maxBytes) this.dropOldestSlab();
    // Slabs whose frames all left the ring by count go too.
    while (this.slabs.length > 1 && this.slabs[1]!.firstSequence <= this.first) {
      this.dropOldestSlab();
    }
    return slab;
  }

  private dropOldestSlab(): void {
    const old = this.slabs.shift()!;
    this.slabBytes -= old.bytes.length;
    const next = this.slabs[0]!;
    if (this.first < next.firstSequence) this.first = next.firstSequence;
  }
}
