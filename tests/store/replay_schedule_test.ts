// tests/store/replay_schedule_test.ts — when replay sends each frame: the pure schedule, and
// the replay stage driven by a clock the test controls (no wall-clock timing asserted).
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildFrame, parseFrame, RelayDomain, TlvType } from "../../lib/protocol/mod.ts";
import { parseSpeed, replayDueNs, replayProcessor } from "../../lib/store/mod.ts";
import { OutputQueue } from "../../lib/transport/mod.ts";

const ts = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n });
const speed = fc.bigInt({ min: 1n, max: 1_000_000_000_000n });

Deno.test("replayDueNs at recorded speed is the time since the first frame, and 0 for earlier frames", () => {
  fc.assert(
    fc.property(ts, ts, (first, t) => {
      assert.equal(replayDueNs(first, t, 1_000_000n), t > first ? t - first : 0n);
    }),
  );
});

Deno.test("replayDueNs never decreases as timestamps grow, at any speed", () => {
  fc.assert(
    fc.property(ts, ts, ts, speed, (first, a, b, s) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(replayDueNs(first, lo, s) <= replayDueNs(first, hi, s));
    }),
  );
});

Deno.test("replayDueNs at speed k is the recorded offset divided by k, rounded down", () => {
  fc.assert(
    fc.property(ts, fc.bigInt({ min: 0n, max: 1n << 60n }), fc.bigInt({ min: 1n, max: 1000n }), (
      first,
      offset,
      k,
    ) => {
      const due = replayDueNs(first, first + offset, k * 1_000_000n);
      assert.equal(due, offset / k);
      assert.ok(due * k <= offset && offset < (due + 1n) * k);
    }),
  );
});

Deno.test("parseSpeed reads factors in millionths and refuses zero, negatives and text", () => {
  assert.equal(parseSpeed("1"), 1_000_000n);
  assert.equal(parseSpeed("0.5"), 500_000n);
  assert.equal(parseSpeed("1000000"), 1_000_000_000_000n);
  for (const bad of ["0", "-1", "abc", "1e3", "", "0.0000001", "1000001", "Infinity"]) {
    assert.throws(() => parseSpeed(bad), /Speed must be a number/, bad);
  }
});

function frameAt(t: bigint) {
  return parseFrame(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel, {
    orderId: 1n,
    reasonCode: 0,
  }]], { timestampNs: t }));
}

Deno.test("the replay stage waits for each frame exactly until it is due by the schedule", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.bigInt({ min: 0n, max: 10_000_000_000n }), { minLength: 1, maxLength: 30 }),
      fc.bigInt({ min: 100_000n, max: 100_000_000n }),
      fc.array(fc.bigInt({ min: 0n, max: 5_000_000n }), { minLength: 30, maxLength: 30 }),
      async (stamps, s, work) => {
        // The clock advances by `work` per frame (processing time) and by whatever is slept.
        let now = 0n;
        const sentAt: bigint[] = [];
        const p = replayProcessor({
          speedMicros: s,
          clockNs: () => now,
          sleep: (ms) => {
            now += BigInt(Math.round(ms * 1e6));
            return Promise.resolve();
          },
        });
        const q = new OutputQueue();
        const base = 1_700_000_000_000_000_000n;
        for (const [i, t] of stamps.entries()) {
          await p.process(frameAt(base + t), q);
          sentAt.push(now);
          now += work[i]!;
        }
        assert.equal(q.take().length, stamps.length);
        const start = sentAt[0]!;
        for (const [i, t] of stamps.entries()) {
          const due = replayDueNs(base + stamps[0]!, base + t, s);
          const elapsed = sentAt[i]! - start;
          // Never more than 1 ms early; late only when earlier work already took the time.
          assert.ok(elapsed >= due - 1_000_000n, `frame ${i} sent at ${elapsed}, due ${due}`);
          if (elapsed > due) {
            assert.ok(
              i > 0 && sentAt[i]! === sentAt[i - 1]! + work[i - 1]!,
              `frame ${i} slept late`,
            );
          }
        }
      },
    ),
  );
});

Deno.test("the replay stage with no speed sends every frame at once", async () => {
  let slept = 0;
  const p = replayProcessor({
    sleep: () => {
      slept++;
      return Promise.resolve();
    },
  });
  const q = new OutputQueue();
  for (const t of [1n, 10_000_000_000n, 20_000_000_000n]) await p.process(frameAt(t), q);
  assert.equal(slept, 0);
  assert.equal(q.take().length, 3);
});
