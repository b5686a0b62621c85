// lib/protocol/sequence.ts — one job: per-source sequence tracking and the recovery decision.
import { ProtocolError } from "./errors.ts";

/** What one observed sequence number means for its source's stream. */
export type SequenceResult =
  | { readonly kind: "first" }
  | { readonly kind: "in_order" }
  /** Frames `from`..`to` (inclusive, `count` of them) never arrived before this one. */
  | { readonly kind: "gap"; readonly from: bigint; readonly to: bigint; readonly count: bigint }
  /** A frame that filled part of an earlier gap (a retransmission). */
  | { readonly kind: "recovered" }
  /** Seen before, or older than the stream and not part of a known gap. */
  | { readonly kind: "duplicate"; readonly expected: bigint };

/** How to get missing frames back: replay them, or rebuild from a snapshot. */
export type RecoveryAction = "retransmit" | "snapshot";

/** Options of a {@linkcode SequenceTracker}. */
export interface SequenceTrackerOptions {
  /** Gaps of at least this many frames are recovered by snapshot (default 10,000). */
  readonly snapshotThreshold?: bigint;
}

const FIRST = { kind: "first" } as const;
const IN_ORDER = { kind: "in_order" } as const;
const RECOVERED = { kind: "recovered" } as const;

interface SourceState {
  next: bigint;
  gaps: Array<[bigint, bigint]>; // open gaps, inclusive ranges, oldest first
}

/**
 * Tracks the sequence of every source in one stream: in order, gap (with its size), duplicate
 * or old, and fills of known gaps by retransmission. Recovery is a decision the transport takes
 * through {@linkcode SequenceTracker.recoveryFor}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SequenceTracker } from "./sequence.ts";
 * const t = new SequenceTracker({ snapshotThreshold: 100n });
 * t.observe(1, 1n);
 * const r = t.observe(1, 5n);
 * assert(r.kind === "gap" && r.count === 3n);
 * assert(t.recoveryFor(3n) === "retransmit");
 * assert(t.observe(1, 3n).kind === "recovered");
 * assert(t.observe(1, 3n).kind === "duplicate");
 * ```
 */
export class SequenceTracker {
  private readonly sources = new Map<number, SourceState>();
  private readonly threshold: bigint;

  constructor(options: SequenceTrackerOptions = {}) {
    this.threshold = options.snapshotThreshold ?? 10_000n;
  }

  /** Record `sequence` from `source` and say what it means. */
  observe(source: number, sequence: bigint): SequenceResult {
    const s = this.sources.get(source);
    if (s === undefined) {
      this.sources.set(source, { next: sequence + 1n, gaps: [] });
      return FIRST;
    }
    if (sequence === s.next) {
      s.next = sequence + 1n;
      return IN_ORDER;
    }
    if (sequence > s.next) {
      const from = s.next;
      const to = sequence - 1n;
      s.gaps.push([from, to]);
      s.next = sequence + 1n;
      return { kind: "gap", from, to, count: to - from + 1n };
    }
    for (let i = 0; i < s.gaps.length; i++) {
      const g = s.gaps[i]!;
      if (sequence < g[0] || sequence > g[1]) continue;
      const pieces: Array<[bigint, bigint]> = [];
      if (g[0] < sequence) pieces.push([g[0], sequence - 1n]);
      if (sequence < g[1]) pieces.push([sequence + 1n, g[1]]);
      s.gaps.splice(i, 1, ...pieces);
      return RECOVERED;
    }
    return { kind: "duplicate", expected: s.next };
  }

  /** Retransmit gaps below the snapshot threshold, snapshot at or above it. */
  recoveryFor(count: bigint): RecoveryAction {
    return count >= this.threshold ? "snapshot" : "retransmit";
  }

  /** The gaps of `source` not filled yet (inclusive ranges, oldest first). */
  openGaps(source: number): ReadonlyArray<readonly [bigint, bigint]> {
    return this.sources.get(source)?.gaps ?? [];
  }

  /** The last sequence seen from `source` in stream order, or undefined. */
  lastSequence(source: number): bigint | undefined {
    const s = this.sources.get(source);
    return s === undefined ? undefined : s.next - 1n;
  }

  /** Forget open gaps of `source` below `sequence` (after a snapshot covered them). */
  resetTo(source: number, sequence: bigint): void {
    const s = this.sources.get(source);
    if (s === undefined) {
      this.sources.set(source, { next: sequence + 1n, gaps: [] });
      return;
    }
    s.gaps = s.gaps.filter(([, to]) => to > sequence).map(([from, to]) =>
      [from > sequence ? from : sequence + 1n, to] as [bigint, bigint]
    );
    if (s.next <= sequence) s.next = sequence + 1n;
  }
}

/**
 * The error a strict reader raises for a gap or a duplicate (codes SEQUENCE_GAP and
 * SEQUENCE_DUPLICATE), or `undefined` for an in-order, first or recovered frame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sequenceError } from "./sequence.ts";
 * const e = sequenceError({ kind: "gap", from: 2n, to: 4n, count: 3n }, 7, 5n, 640);
 * assert(e?.code === "SEQUENCE_GAP" && e.offset === 640);
 * ```
 */
export function sequenceError(
  result: SequenceResult,
  source: number,
  sequence: bigint,
  offset: number,
): ProtocolError | undefined {
  if (result.kind === "gap") {
    return new ProtocolError(
      "SEQUENCE_GAP",
      `Source ${source} skipped ${result.count} frame(s) (${result.from} to ${result.to}) before sequence ${sequence} at byte ${offset}`,
      offset,
      { source, sequence, from: result.from, to: result.to, missing: result.count },
    );
  }
  if (result.kind === "duplicate") {
    return new ProtocolError(
      "SEQUENCE_DUPLICATE",
      `Source ${source} repeated or went back to sequence ${sequence} at byte ${offset}; expected ${result.expected}`,
      offset,
      { source, sequence, expected: result.expected },
    );
  }
  return undefined;
}
