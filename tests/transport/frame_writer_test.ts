// tests/transport/frame_writer_test.ts — batching under load, next-turn flush when light.
import assert from "node:assert/strict";
import fc from "fast-check";
import { FrameWriter } from "../../lib/transport/mod.ts";
import { concat, marketFrames } from "./_frames.ts";

function memorySink(delayMs = 0) {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    sink: {
      async write(c: Uint8Array) {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        chunks.push(c.slice());
      },
    },
  };
}

Deno.test("FrameWriter coalesces frames written back to back into 64 KiB writes", async () => {
  const { chunks, sink } = memorySink();
  const w = new FrameWriter(sink);
  const bytes = marketFrames(10_000);
  for (let o = 0; o < bytes.length; o += 86) await w.write(bytes.subarray(o, o + 86));
  await w.flush();
  assert.deepEqual(concat(...chunks), bytes);
  assert.ok(
    chunks.slice(0, -1).every((c) => c.length === 65536),
    chunks.map((c) => c.length).join(),
  );
  assert.equal(w.stats.writes, Math.ceil(bytes.length / 65536));
});

Deno.test("FrameWriter sends a lone frame on the next turn of the event loop, without flush", async () => {
  const { chunks, sink } = memorySink();
  const w = new FrameWriter(sink);
  const t0 = performance.now();
  await w.write(marketFrames(1));
  assert.equal(chunks.length, 0, "nothing is written synchronously");
  while (chunks.length === 0) await new Promise((r) => setTimeout(r, 0));
  assert.equal(chunks[0]!.length, 86);
  assert.ok(performance.now() - t0 < 50, "the frame waited for a timer");
});

Deno.test("FrameWriter keeps the byte order whatever the write sizes and the sink's pace", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
      async (sizes, delay, awaitEach) => {
        const { chunks, sink } = memorySink(delay);
        const w = new FrameWriter(sink);
        const parts = sizes.map((n, i) => new Uint8Array(n).fill(i + 1));
        const pending: Promise<void>[] = [];
        for (const p of parts) {
          if (awaitEach) await w.write(p);
          else pending.push(w.write(p));
        }
        await Promise.all(pending);
        await w.flush();
        assert.deepEqual(concat(...chunks), concat(...parts));
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("FrameWriter fails every later call once a write failed", async () => {
  const w = new FrameWriter({ write: () => Promise.reject(new Error("disk full")) });
  await w.write(new Uint8Array(10));
  await assert.rejects(w.flush(), /disk full/);
  await assert.rejects(w.write(new Uint8Array(1)), /disk full/);
});
