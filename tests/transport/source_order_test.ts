// tests/transport/source_order_test.ts — a subscriber's per-source cursor: gaps asked for,
// later frames held back, answers merged in, everything handed on once and in order.
import assert from "node:assert/strict";
import fc from "fast-check";
import { type Frame, parseFrame, RelayDomain, TlvType } from "../../lib/protocol/mod.ts";
import type { RelayControl } from "../../lib/transport/mod.ts";
import { SourceOrder, type UnavailableRange } from "../../lib/transport/_source_order.ts";
import { cancel, oneFrame } from "./_frames.ts";

const f = (source: number, seq: number): Frame =>
  parseFrame(oneFrame(RelayDomain.Execution, source, BigInt(seq), TlvType.OrderCancel, cancel(1n)));

function cursor(filtered = false, resume?: Map<number, bigint>) {
  const out: string[] = [];
  const requests: Array<{ id: number; source: number; from: bigint; to: bigint }> = [];
  const lost: UnavailableRange[] = [];
  const order = new SourceOrder(
    {
      deliver: (frame) => out.push(`${frame.source}:${frame.sequence}`),
      request: (id, source, from, to) => requests.push({ id, source, from, to }),
      unavailable: (r) => lost.push(r),
    },
    filtered,
    resume,
  );
  const sync = (source: number, last: number): RelayControl => ({
    kind: "sync",
    source,
    lastSequence: BigInt(last),
  });
  const response = (
    r: { id: number; source: number },
    from: number,
    to: number,
    status = 1,
  ): RelayControl => ({
    kind: "response",
    requestId: r.id,
    source: r.source,
    fromSequence: BigInt(from),
    toSequence: BigInt(to),
    status,
  });
  return { order, out, requests, lost, sync, response };
}

Deno.test("a gap is asked for once, later frames wait, and the answer is merged in order", () => {
  const c = cursor();
  for (const s of [1, 2, 5, 6]) c.order.data(f(1, s));
  c.order.data(f(2, 1)); // another source is not held up
  assert.deepEqual(c.out, ["1:1", "1:2", "2:1"]);
  assert.deepEqual(c.requests, [{ id: 1, source: 1, from: 3n, to: 4n }]);
  c.order.control(c.response(c.requests[0]!, 3, 4));
  c.order.data(f(1, 3));
  c.order.data(f(1, 7)); // live, still behind the answer
  c.order.data(f(1, 4));
  c.order.control(c.sync(1, 4)); // the end of the answer
  assert.deepEqual(c.out, ["1:1", "1:2", "2:1", "1:3", "1:4", "1:5", "1:6", "1:7"]);
  assert.equal(c.order.stats.recovered, 2);
  assert.equal(c.order.held, 0);
});

Deno.test("a checkpoint older than the relay's position at connect is recovered before live frames", () => {
  const c = cursor(false, new Map([[1, 10n]]));
  c.order.control(c.sync(1, 15));
  c.order.control(c.sync(2, 3)); // a source with no checkpoint starts live
  assert.deepEqual(c.requests, [{ id: 1, source: 1, from: 11n, to: 15n }]);
  c.order.data(f(1, 16));
  c.order.data(f(2, 4));
  c.order.control(c.response(c.requests[0]!, 11, 15));
  for (let s = 11; s <= 15; s++) c.order.data(f(1, s));
  c.order.control(c.sync(1, 15));
  assert.deepEqual(c.out, ["2:4", "1:11", "1:12", "1:13", "1:14", "1:15", "1:16"]);
  assert.deepEqual(c.order.positions(), new Map([[1, 16n], [2, 4n]]));
});

Deno.test("an unavailable part is reported once and the cursor moves past it", () => {
  const c = cursor(false, new Map([[1, 1n]]));
  c.order.control(c.sync(1, 10));
  const r = c.requests[0]!;
  c.order.control(c.response(r, 2, 6, 3)); // too old
  c.order.control(c.response(r, 7, 10));
  for (let s = 7; s <= 10; s++) if (s !== 9) c.order.data(f(1, s)); // 9 is a hole
  c.order.control(c.sync(1, 10));
  assert.deepEqual(c.lost, [
    { source: 1, from: 2n, to: 6n, reason: "unavailable" },
    { source: 1, from: 9n, to: 9n, reason: "missing" },
  ]);
  assert.deepEqual(c.out, ["1:7", "1:8", "1:10"]);
  assert.equal(c.order.stats.unavailable, 6n);
});

Deno.test("a filtered subscription takes jumps as expected and asks only at connect", () => {
  const c = cursor(true, new Map([[1, 3n]]));
  c.order.control(c.sync(1, 40));
  c.order.data(f(1, 50)); // held: the answer for 4..40 comes first
  c.order.control(c.response(c.requests[0]!, 4, 40));
  c.order.data(f(1, 12));
  c.order.data(f(1, 30));
  c.order.control(c.sync(1, 40));
  c.order.data(f(1, 70));
  assert.equal(c.requests.length, 1);
  assert.deepEqual(c.out, ["1:12", "1:30", "1:50", "1:70"]);
  assert.deepEqual(c.lost, []);
});

Deno.test("repeats are dropped and counted", () => {
  const c = cursor();
  for (const s of [1, 2, 2, 3, 1]) c.order.data(f(1, s));
  assert.deepEqual(c.out, ["1:1", "1:2", "1:3"]);
  assert.equal(c.order.stats.duplicates, 2);
});

Deno.test("whatever is lost and whenever answers arrive, each source comes out complete and in order", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 60 }),
      fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), // which live frames are lost
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 120, maxLength: 120 }), // answer delays
      (n, lossy, delays) => {
        const c = cursor();
        // A relay in miniature: live frames of two sources, some lost on the way; each request
        // is answered a few live frames later (status 1, the frames, the closing sync).
        const live: Frame[] = [];
        for (let s = 1; s <= n; s++) for (const src of [1, 2]) live.push(f(src, s));
        const answers: Array<{ at: number; run: () => void }> = [];
        let seen = 0;
        const pump = (i: number) => {
          while (c.requests.length > seen) {
            const r = c.requests[seen++]!;
            // A relay answers one peer's requests in the order they came.
            const after = answers[answers.length - 1]?.at ?? 0;
            answers.push({
              at: Math.max(after, i + delays[seen % delays.length]!),
              run: () => {
                c.order.control(c.response(r, Number(r.from), Number(r.to)));
                for (let s = r.from; s <= r.to; s++) c.order.data(f(r.source, Number(s)));
                c.order.control(c.sync(r.source, Number(r.to)));
              },
            });
          }
          while (answers.length > 0 && answers[0]!.at <= i) answers.shift()!.run();
        };
        live.forEach((frame, i) => {
          // The first and last frame of each source always arrive, so every gap is seen.
          const keep = !lossy[i % lossy.length] || Number(frame.sequence) === 1 ||
            Number(frame.sequence) === n;
          if (keep) c.order.data(frame);
          pump(i);
        });
        for (let i = live.length; answers.length > 0 || c.requests.length > seen; i++) pump(i);
        for (const src of [1, 2]) {
          const got = c.out.filter((x) => x.startsWith(`${src}:`));
          assert.deepEqual(got, Array.from({ length: n }, (_, k) => `${src}:${k + 1}`));
        }
        assert.deepEqual(c.lost, []);
        assert.equal(c.order.held, 0);
      },
    ),
  );
});
