// tests/transport/frame_ring_test.ts — the per-source ring a relay retransmits from.
import assert from "node:assert/strict";
import fc from "fast-check";
import { EndpointError, FrameRing } from "../../lib/transport/mod.ts";

const frame = (seq: number, size = 40) => new Uint8Array(size).fill(seq & 0xff);

Deno.test("FrameRing holds exactly the newest frames up to its size", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 1, max: 1000 }),
      (cap, n, start) => {
        const ring = new FrameRing({ frames: cap });
        for (let s = start; s < start + n; s++) ring.append(s, frame(s, 1 + (s % 7)));
        const last = start + n - 1;
        const first = Math.max(start, last - cap + 1);
        assert.equal(ring.first, first);
        assert.equal(ring.last, last);
        for (let s = start - 1; s <= last + 1; s++) {
          const got = ring.get(s);
          if (s >= first && s <= last) assert.deepEqual(got, frame(s, 1 + (s % 7)));
          else assert.equal(got, undefined);
        }
      },
    ),
  );
});

Deno.test("FrameRing leaves holes where a source skipped ahead and refuses old sequences", () => {
  const ring = new FrameRing({ frames: 10 });
  assert.equal(ring.append(5, frame(5)), "first");
  assert.equal(ring.append(6, frame(6)), "in_order");
  assert.equal(ring.append(9, frame(9)), "gap");
  assert.equal(ring.append(7, frame(7)), "old");
  assert.deepEqual([5, 6, 7, 8, 9].map((s) => ring.get(s) !== undefined), [
    true,
    true,
    false,
    false,
    true,
  ]);
  assert.equal(ring.size, 3);
  assert.equal(ring.append(100, frame(100)), "gap");
  assert.equal(ring.first, 100);
  assert.equal(ring.get(9), undefined);
});

Deno.test("FrameRing drops whole old slabs past its byte bound", () => {
  const ring = new FrameRing({ frames: 100_000, bytes: 8 << 20 });
  const big = 64 * 1024;
  for (let s = 1; s <= 400; s++) ring.append(s, frame(s, big)); // 25 MiB through a 8 MiB bound
  assert.equal(ring.last, 400);
  assert.ok(ring.first > 300, `first ${ring.first}`);
  assert.ok((400 - ring.first + 1) * big <= 12 << 20);
  assert.deepEqual(ring.get(400), frame(400, big));
  assert.equal(ring.get(ring.first - 1), undefined);
});

Deno.test("FrameRing names a size below one frame", () => {
  assert.throws(
    () => new FrameRing({ frames: 0 }),
    (e) => e instanceof EndpointError && /1 to 16777216 frames, got 0/.test(e.message),
  );
});
