// tests/transport/merge_sources_test.ts — mergeFrameSources: several sources read as one.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildFrame,
  type Frame,
  parseFrame,
  RelayDomain,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { type FrameSource, mergeFrameSources, openFrameSource } from "../../lib/transport/mod.ts";

const frame = (source: number, sequence: bigint) =>
  buildFrame(RelayDomain.Execution, source, sequence, [[TlvType.OrderCancel, {
    orderId: sequence,
    reasonCode: 0,
  }]]);

// A source fed by hand: frames pushed when the test says, ended when it says.
function handSource(): FrameSource & { push(f: Frame): void; end(): void; closed: boolean } {
  let ctrl!: ReadableStreamDefaultController<Frame>;
  const frames = new ReadableStream<Frame>({ start: (c) => void (ctrl = c) });
  const s = {
    endpoint: { kind: "stdio" } as FrameSource["endpoint"],
    frames,
    closed: false,
    positions: () => undefined,
    close: async () => {
      s.closed = true;
      await frames.cancel().catch(() => {});
    },
    push: (f: Frame) => ctrl.enqueue(f),
    end: () => ctrl.close(),
  };
  return s;
}

Deno.test("mergeFrameSources yields every frame of every source once, in each source's order, with its origin", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), async (counts) => {
      const paths: string[] = [];
      for (const [i, n] of counts.entries()) {
        const p = await Deno.makeTempFile();
        const bytes = Array.from({ length: n }, (_, k) => [...frame(i + 1, BigInt(k + 1))]);
        await Deno.writeFile(p, new Uint8Array(bytes.flat()));
        paths.push(p);
      }
      const merged = mergeFrameSources(await Promise.all(paths.map((p) => openFrameSource(p))));
      const seen: bigint[][] = counts.map(() => []);
      for await (const f of merged.frames) {
        const from = merged.originOf(f)!;
        assert.equal(f.source, from + 1);
        seen[from]!.push(f.sequence);
      }
      await merged.close();
      for (const p of paths) await Deno.remove(p);
      assert.deepEqual(seen, counts.map((n) => Array.from({ length: n }, (_, k) => BigInt(k + 1))));
    }),
    { numRuns: 15 },
  );
});

Deno.test("mergeFrameSources hands frames on as they arrive, whichever source they come from", async () => {
  const a = handSource();
  const b = handSource();
  const merged = mergeFrameSources([a, b]);
  const reader = merged.frames.getReader();
  b.push(parseFrame(frame(2, 1n)));
  assert.equal((await reader.read()).value?.source, 2);
  a.push(parseFrame(frame(1, 1n)));
  assert.equal((await reader.read()).value?.source, 1);
  a.end();
  b.push(parseFrame(frame(2, 2n)));
  assert.equal((await reader.read()).value?.sequence, 2n);
  b.end();
  assert.equal((await reader.read()).done, true);
  reader.releaseLock();
  await merged.close();
});

Deno.test("mergeFrameSources with ending first ends when the first source ends, though the other never does", async () => {
  const main = handSource();
  const side = handSource();
  const merged = mergeFrameSources([main, side], { ending: "first" });
  main.push(parseFrame(frame(1, 1n)));
  side.push(parseFrame(frame(2, 1n)));
  main.end();
  const got = await Array.fromAsync(merged.frames);
  assert(got.some((f) => f.source === 1));
  await merged.close();
  assert(main.closed && side.closed);
});

Deno.test("mergeFrameSources passes a source's error on", async () => {
  const a = handSource();
  let fail!: (e: unknown) => void;
  const b: FrameSource = {
    ...handSource(),
    frames: new ReadableStream<Frame>({ start: (c) => void (fail = (e) => c.error(e)) }),
  };
  const merged = mergeFrameSources([a, b]);
  fail(new RangeError("broken"));
  await assert.rejects(Array.fromAsync(merged.frames), /broken/);
  await merged.close();
});
