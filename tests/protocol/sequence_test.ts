// tests/protocol/sequence_test.ts — SequenceTracker and the strict reader's sequence errors.
import assert from "node:assert/strict";
import fc from "fast-check";
import { sequenceError, SequenceTracker } from "../../lib/protocol/mod.ts";
import { assertProtocolError } from "./_assert.ts";

Deno.test("SequenceTracker reports first then in order for consecutive sequences", () => {
  const t = new SequenceTracker();
  assert.deepEqual(t.observe(1, 1n), { kind: "first" });
  for (let s = 2n; s <= 100n; s++) assert.deepEqual(t.observe(1, s), { kind: "in_order" });
  assert.equal(t.lastSequence(1), 100n);
  assert.deepEqual(t.openGaps(1), []);
});

Deno.test("SequenceTracker counts sequences per source independently", () => {
  const t = new SequenceTracker();
  t.observe(1, 10n);
  t.observe(2, 500n);
  assert.equal(t.observe(1, 11n).kind, "in_order");
  assert.equal(t.observe(2, 501n).kind, "in_order");
  assert.equal(t.observe(2, 11n).kind, "duplicate");
  assert.equal(t.lastSequence(3), undefined);
  assert.deepEqual(t.openGaps(3), []);
});

Deno.test("SequenceTracker reports a gap with its first, last and count", () => {
  const t = new SequenceTracker();
  t.observe(7, 1n);
  assert.deepEqual(t.observe(7, 5n), { kind: "gap", from: 2n, to: 4n, count: 3n });
  assert.deepEqual(t.openGaps(7), [[2n, 4n]]);
  assert.equal(t.lastSequence(7), 5n);
  assert.equal(t.observe(7, 6n).kind, "in_order");
  const big = t.observe(7, 2n ** 64n - 1n);
  assert.deepEqual(big, { kind: "gap", from: 7n, to: 2n ** 64n - 2n, count: 2n ** 64n - 8n });
});

Deno.test("SequenceTracker reports a repeat of the last sequence as a duplicate", () => {
  const t = new SequenceTracker();
  t.observe(1, 1n);
  t.observe(1, 2n);
  assert.deepEqual(t.observe(1, 2n), { kind: "duplicate", expected: 3n });
  assert.deepEqual(t.observe(1, 1n), { kind: "duplicate", expected: 3n });
  assert.equal(t.observe(1, 3n).kind, "in_order"); // a duplicate does not move the stream
});

Deno.test("SequenceTracker reports a sequence older than the stream and no gap as a duplicate", () => {
  const t = new SequenceTracker();
  t.observe(1, 100n);
  assert.deepEqual(t.observe(1, 50n), { kind: "duplicate", expected: 101n });
});

Deno.test("SequenceTracker fills a gap piece by piece, splitting it, then calls repeats duplicates", () => {
  const t = new SequenceTracker();
  t.observe(1, 1n);
  t.observe(1, 10n); // gap 2..9
  assert.deepEqual(t.observe(1, 5n), { kind: "recovered" });
  assert.deepEqual(t.openGaps(1), [[2n, 4n], [6n, 9n]]);
  assert.equal(t.observe(1, 2n).kind, "recovered");
  assert.equal(t.observe(1, 9n).kind, "recovered");
  assert.deepEqual(t.openGaps(1), [[3n, 4n], [6n, 8n]]);
  assert.equal(t.observe(1, 5n).kind, "duplicate");
  for (const s of [3n, 4n, 6n, 7n, 8n]) assert.equal(t.observe(1, s).kind, "recovered");
  assert.deepEqual(t.openGaps(1), []);
  assert.equal(t.observe(1, 11n).kind, "in_order");
});

Deno.test("SequenceTracker keeps several gaps oldest first", () => {
  const t = new SequenceTracker();
  t.observe(1, 1n);
  t.observe(1, 4n); // 2..3
  t.observe(1, 8n); // 5..7
  assert.deepEqual(t.openGaps(1), [[2n, 3n], [5n, 7n]]);
  assert.equal(t.observe(1, 6n).kind, "recovered");
  assert.deepEqual(t.openGaps(1), [[2n, 3n], [5n, 5n], [7n, 7n]]);
});

Deno.test("recoveryFor retransmits below the snapshot threshold and snapshots at or above it", () => {
  const t = new SequenceTracker({ snapshotThreshold: 100n });
  assert.equal(t.recoveryFor(1n), "retransmit");
  assert.equal(t.recoveryFor(99n), "retransmit");
  assert.equal(t.recoveryFor(100n), "snapshot");
  assert.equal(t.recoveryFor(10n ** 9n), "snapshot");
  const d = new SequenceTracker();
  assert.equal(d.recoveryFor(9_999n), "retransmit");
  assert.equal(d.recoveryFor(10_000n), "snapshot");
});

Deno.test("resetTo forgets the gaps a snapshot covers and trims the one it cuts", () => {
  const t = new SequenceTracker();
  t.observe(1, 1n);
  t.observe(1, 5n); // 2..4
  t.observe(1, 10n); // 6..9
  t.resetTo(1, 7n); // the snapshot includes everything up to 7
  assert.deepEqual(t.openGaps(1), [[8n, 9n]]);
  assert.equal(t.lastSequence(1), 10n); // the stream itself is past the snapshot
  assert.equal(t.observe(1, 11n).kind, "in_order");
  assert.equal(t.observe(1, 8n).kind, "recovered");
  assert.equal(t.observe(1, 3n).kind, "duplicate");
});

Deno.test("resetTo beyond the stream moves it forward", () => {
  const t = new SequenceTracker();
  t.observe(1, 1n);
  t.observe(1, 3n);
  t.resetTo(1, 50n);
  assert.deepEqual(t.openGaps(1), []);
  assert.equal(t.lastSequence(1), 50n);
  assert.equal(t.observe(1, 51n).kind, "in_order");
  t.resetTo(2, 9n); // a source never seen starts after the snapshot
  assert.equal(t.observe(2, 10n).kind, "in_order");
});

Deno.test("sequenceError raises SEQUENCE_GAP with the missing range at the frame's offset", () => {
  const e = sequenceError({ kind: "gap", from: 2n, to: 4n, count: 3n }, 7, 5n, 640);
  assertProtocolError(e, "SEQUENCE_GAP", 640);
  assert.deepEqual(
    {
      from: e!.details.from,
      to: e!.details.to,
      missing: e!.details.missing,
      source: e!.details.source,
    },
    { from: 2n, to: 4n, missing: 3n, source: 7 },
  );
  assert.match(
    e!.message,
    /Source 7 skipped 3 frame\(s\) \(2 to 4\) before sequence 5 at byte 640/,
  );
});

Deno.test("sequenceError raises SEQUENCE_DUPLICATE with the expected sequence at the frame's offset", () => {
  const t = new SequenceTracker();
  t.observe(3, 8n);
  const e = sequenceError(t.observe(3, 8n), 3, 8n, 1234);
  assertProtocolError(e, "SEQUENCE_DUPLICATE", 1234);
  assert.equal(e!.details.expected, 9n);
});

Deno.test("sequenceError is undefined for first, in-order and recovered frames", () => {
  for (const kind of ["first", "in_order", "recovered"] as const) {
    assert.equal(sequenceError({ kind }, 1, 1n, 0), undefined);
  }
});

Deno.test("SequenceTracker accounts for every sequence of a shuffled stream exactly once", () => {
  fc.assert(
    fc.property(
      fc.shuffledSubarray(Array.from({ length: 60 }, (_, i) => BigInt(i + 1)), { minLength: 1 }),
      fc.array(fc.nat(59)),
      (order, repeats) => {
        const t = new SequenceTracker();
        const seen = new Set<bigint>();
        const stream = [...order, ...repeats.map((i) => order[i % order.length]!)];
        let max = 0n;
        for (const s of stream) {
          const r = t.observe(1, s);
          if (seen.has(s)) assert.equal(r.kind, "duplicate");
          else if (seen.size === 0) assert.equal(r.kind, "first");
          else if (s === max + 1n) assert.equal(r.kind, "in_order");
          else if (s > max) assert.equal(r.kind, "gap");
          else assert.ok(r.kind === "recovered" || r.kind === "duplicate");
          seen.add(s);
          if (s > max) max = s;
        }
        // Open gaps are exactly the sequences between the first and the last never seen...
        const first = order[0]!;
        const open = t.openGaps(1).flatMap(([a, b]) => {
          const out: bigint[] = [];
          for (let s = a; s <= b; s++) out.push(s);
          return out;
        });
        const missing: bigint[] = [];
        for (let s = first + 1n; s < max; s++) if (!seen.has(s)) missing.push(s);
        assert.deepEqual(open, missing);
        assert.equal(t.lastSequence(1), max);
      },
    ),
    { numRuns: 300 },
  );
});
