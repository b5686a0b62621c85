// lib/transport/relay_stats.ts — one job: a relay's counters and its one-line health report.

/** Everything a relay counts. `dropped` counts frames lost without a logged reason: 0. */
export interface RelayStats {
  /** Data frames accepted from publishers. */
  framesIn: number;
  /** Bytes of those frames. */
  bytesIn: number;
  /** Data frames handed to subscribers' queues (one per subscriber per frame). */
  framesOut: number;
  /** Connected publishers (a client that does both counts in both). */
  publishers: number;
  /** Connected subscribers. */
  subscribers: number;
  /** Frames refused, by reason; each is logged. */
  rejected: {
    checksum: number;
    missingChecksum: number;
    invalid: number;
    wrongDomain: number;
    notPublisher: number;
  };
  /** Frames a publisher skipped ahead over (never seen by the relay, so not recoverable). */
  publisherGaps: number;
  /** Frames at or below their source's newest sequence (forwarded; subscribers drop repeats). */
  publisherRepeats: number;
  /** Frames lost without a logged reason. The design keeps it 0; it is reported to prove it. */
  dropped: number;
  /** Connections closed: by the relay (slow, bad stream, bad hello) or by subscribers (left). */
  disconnects: { slow: number; left: number; badStream: number; badHello: number };
  /** Frames that were queued for a subscriber when it was disconnected or went away. */
  undelivered: number;
  /** Recovery traffic. */
  recovery: { requests: number; retransmitted: number; unavailable: number };
}

/**
 * Fresh counters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newRelayStats } from "./relay_stats.ts";
 * assert.equal(newRelayStats().dropped, 0);
 * ```
 */
export function newRelayStats(): RelayStats {
  return {
    framesIn: 0,
    bytesIn: 0,
    framesOut: 0,
    publishers: 0,
    subscribers: 0,
    rejected: { checksum: 0, missingChecksum: 0, invalid: 0, wrongDomain: 0, notPublisher: 0 },
    publisherGaps: 0,
    publisherRepeats: 0,
    dropped: 0,
    disconnects: { slow: 0, left: 0, badStream: 0, badHello: 0 },
    undelivered: 0,
    recovery: { requests: 0, retransmitted: 0, unavailable: 0 },
  };
}

function rate(n: number, ms: number): string {
  const r = ms > 0 ? (n * 1000) / ms : 0;
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)}M/s`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(1)}k/s`;
  return `${Math.round(r)}/s`;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/**
 * The report line: totals, rates since `previous` (taken `elapsedMs` ago), queue depths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRelayReport, newRelayStats } from "./relay_stats.ts";
 * const s = newRelayStats();
 * s.framesIn = 2000;
 * const line = formatRelayReport("market", s, newRelayStats(), 1000, [0, 5]);
 * assert.match(line, /in 2000 \(2\.0k\/s\)/);
 * assert.match(line, /dropped 0/);
 * ```
 */
export function formatRelayReport(
  domain: string,
  stats: RelayStats,
  previous: RelayStats,
  elapsedMs: number,
  queues: readonly number[],
): string {
  const r = stats.rejected;
  const rejected = sum(r);
  const rej = rejected === 0
    ? "rejected 0"
    : `rejected ${rejected} (crc ${r.checksum}, no crc ${r.missingChecksum}, invalid ${r.invalid}, wrong domain ${r.wrongDomain}, not a publisher ${r.notPublisher})`;
  const d = stats.disconnects;
  return `torq relay ${domain}: in ${stats.framesIn} (${
    rate(stats.framesIn - previous.framesIn, elapsedMs)
  }), out ${stats.framesOut} (${rate(stats.framesOut - previous.framesOut, elapsedMs)}), ` +
    `${stats.publishers} pub, ${stats.subscribers} sub, queues [${queues.join(" ")}], ` +
    `dropped ${stats.dropped}, ${rej}, disconnects ${sum(d)} (slow ${d.slow}, left ${d.left}, ` +
    `bad stream ${d.badStream}, bad hello ${d.badHello}), undelivered ${stats.undelivered}, ` +
    `recovery ${stats.recovery.requests} req / ${stats.recovery.retransmitted} frames / ${stats.recovery.unavailable} unavailable, ` +
    `publisher gaps ${stats.publisherGaps}, repeats ${stats.publisherRepeats}`;
}
