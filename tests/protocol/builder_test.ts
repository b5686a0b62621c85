// tests/protocol/builder_test.ts — FrameBuilder: back-to-back frames, buffer growth, sequences,
// checksum policy, abort and rollback, and the builder-side error codes.
import assert from "node:assert/strict";
import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import {
  buildFrame,
  decodeTlvs,
  type Frame,
  FrameBuilder,
  MAX_PAYLOAD_SIZE,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { assertThrowsCode } from "./_assert.ts";
import { concat } from "./_frames.ts";

const CANCEL = { orderId: 1n, reasonCode: 0 };
const SYNC = { source: 1, domain: 1, lastSequence: 5n };

/** Every frame of a chunk, in order (throws on any bad byte). */
function framesOf(chunk: Uint8Array): Frame[] {
  const out: Frame[] = [];
  for (let at = 0; at < chunk.length;) {
    const f = parseFrame(chunk, at);
    out.push(f);
    at += f.size;
  }
  return out;
}

Deno.test("FrameBuilder writes many frames back to back and take hands them over as one chunk", () => {
  const b = new FrameBuilder({ source: SourceType.Executor, initialSize: 128 });
  for (let i = 0; i < 500; i++) {
    b.begin(RelayDomain.Execution).add(TlvType.OrderCancel, {
      orderId: BigInt(i),
      reasonCode: i % 7,
    }).end();
  }
  assert.equal(b.pending, 500 * 44);
  const chunk = b.take();
  assert.equal(chunk.length, 500 * 44);
  assert.equal(b.pending, 0);
  const frames = framesOf(chunk);
  assert.deepEqual(
    frames.map((f) => f.sequence),
    Array.from({ length: 500 }, (_, i) => BigInt(i + 1)),
  );
  frames.forEach((f, i) => {
    const [t] = decodeTlvs(f);
    assert.deepEqual(t && "value" in t && t.value, { orderId: BigInt(i), reasonCode: i % 7 });
    assert.equal(f.source, SourceType.Executor);
  });
});

Deno.test("a chunk from take stays intact while the builder writes more frames", () => {
  const b = new FrameBuilder({ source: 1, initialSize: 64 });
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  const chunk = b.take();
  const copy = chunk.slice();
  for (let i = 0; i < 50; i++) b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  assert.deepEqual(chunk, copy);
});

Deno.test("take returns an empty array when no frame is finished", () => {
  const b = new FrameBuilder({ source: 1 });
  assert.equal(b.take().length, 0);
  b.begin(RelayDomain.System);
  assert.equal(b.take().length, 0);
});

Deno.test("take hands over finished frames and keeps the frame still being built", () => {
  const b = new FrameBuilder({ source: 1, initialSize: 64 });
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, { ...SYNC, lastSequence: 6n });
  const first = b.take();
  assert.deepEqual(framesOf(first).map((f) => f.sequence), [1n]);
  b.add(TlvType.OrderCancel, CANCEL).end();
  const [second] = framesOf(b.take());
  assert.equal(second!.sequence, 2n);
  assert.deepEqual(decodeTlvs(second!).map((t) => t.type), [
    TlvType.SequenceSync,
    TlvType.OrderCancel,
  ]);
});

Deno.test("FrameBuilder grows its buffer for a frame far larger than its initial size", () => {
  const b = new FrameBuilder({ source: 6, initialSize: 16 });
  const state = "0x" + "ab".repeat(60_000);
  b.begin(RelayDomain.System, { timestampNs: 1n })
    .add(TlvType.Snapshot, {
      source: 1,
      domain: 1,
      asOfSequence: 9n,
      state: state as `0x${string}`,
    })
    .addRaw(231, new Uint8Array(65_535).fill(3))
    .end();
  const [f] = framesOf(b.take());
  const [snap, raw] = decodeTlvs(f!);
  assert.ok(snap && "value" in snap && raw && "raw" in raw);
  assert.equal((snap.value as { state: string }).state, state);
  assert.equal(raw.raw.length, 65_535);
  assert.equal(f!.payloadSize, 5 + 60_010 + 5 + 65_535);
});

Deno.test("each FrameBuilder counts its own sequence from 1 or from firstSequence", () => {
  const a = new FrameBuilder({ source: 1 });
  const b = new FrameBuilder({ source: 1, firstSequence: 1000 });
  for (let i = 0; i < 3; i++) {
    a.begin(RelayDomain.System).end();
    b.begin(RelayDomain.System).end();
  }
  assert.deepEqual(framesOf(a.take()).map((f) => f.sequence), [1n, 2n, 3n]);
  assert.deepEqual(framesOf(b.take()).map((f) => f.sequence), [1000n, 1001n, 1002n]);
  assert.equal(a.nextSequence, 4);
});

Deno.test("a sequence given to begin is written as is and does not advance the counter", () => {
  const b = new FrameBuilder({ source: 1 });
  b.begin(RelayDomain.System, { sequence: 2n ** 64n - 1n }).end();
  b.begin(RelayDomain.System).end();
  assert.deepEqual(framesOf(b.take()).map((f) => f.sequence), [2n ** 64n - 1n, 1n]);
});

Deno.test("a counter sequence above 2^32 is written whole", () => {
  const b = new FrameBuilder({ source: 1, firstSequence: 2 ** 40 + 3 });
  b.begin(RelayDomain.System).end();
  assert.equal(parseFrame(b.take()).sequence, 2n ** 40n + 3n);
});

Deno.test("frames are stamped with the current time unless a timestamp is given", () => {
  const b = new FrameBuilder({ source: 1 });
  const before = BigInt(Date.now() - 1) * 1_000_000n;
  b.begin(RelayDomain.System).end();
  const after = BigInt(Date.now() + 1) * 1_000_000n;
  b.begin(RelayDomain.System, { timestampNs: 2n ** 64n - 1n }).end();
  const [now, fixed] = framesOf(b.take());
  assert.ok(now!.timestampNs >= before && now!.timestampNs <= after, String(now!.timestampNs));
  assert.equal(fixed!.timestampNs, 2n ** 64n - 1n);
});

Deno.test("the default checksum policy leaves market data without a CRC and flags the rest", () => {
  const b = new FrameBuilder({ source: 1 });
  for (const d of [1, 2, 3, 4] as const) b.begin(d).add(TlvType.SequenceSync, SYNC).end();
  const frames = framesOf(b.take());
  assert.deepEqual(frames.map((f) => f.hasChecksum), [false, true, true, true]);
  assert.equal(frames[0]!.checksum, 0);
  assert.notEqual(frames[1]!.checksum, 0);
});

Deno.test("a custom checksum policy and a per-frame override decide the CRC flag", () => {
  const b = new FrameBuilder({
    source: 1,
    checksumPolicy: { 1: true, 2: false, 3: true, 4: false },
  });
  b.begin(1).end();
  b.begin(2).end();
  b.begin(2, { checksum: true }).end();
  b.begin(1, { checksum: false }).end();
  assert.deepEqual(framesOf(b.take()).map((f) => f.hasChecksum), [true, false, true, false]);
});

Deno.test("a source given to begin overrides the builder's source for that frame", () => {
  const b = new FrameBuilder({ source: 9 });
  b.begin(RelayDomain.System, { source: 200 }).end();
  b.begin(RelayDomain.System).end();
  assert.deepEqual(framesOf(b.take()).map((f) => f.source), [200, 9]);
});

Deno.test("abort drops the frame being built and its sequence stays used", () => {
  const b = new FrameBuilder({ source: 1 });
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC);
  b.abort();
  b.abort(); // harmless when nothing is open
  b.begin(RelayDomain.System).end();
  assert.deepEqual(framesOf(b.take()).map((f) => f.sequence), [1n, 3n]);
});

Deno.test("a failed add rolls its partial TLV back so the frame stays well formed", () => {
  const b = new FrameBuilder({ source: 1 });
  b.begin(RelayDomain.Signal).add(TlvType.OrderCancel, CANCEL);
  // The bad field is the last hop's last amount, after most of the value is written.
  const hop = {
    pool: ("0x" + "11".repeat(32)) as `0x${string}`,
    tokenIn: ("0x" + "22".repeat(20)) as `0x${string}`,
    tokenOut: ("0x" + "33".repeat(20)) as `0x${string}`,
    amountIn: 1n,
    amountOut: 2n,
  };
  const signal = {
    signalId: 1n,
    strategyId: 1,
    chainId: 1,
    tokenIn: hop.tokenIn,
    decimalsIn: 18,
    amountIn: 1n,
    expectedOut: 2n,
    expectedProfit: 1n,
    gasUnits: 1n,
    gasPriceWei: 1n,
    gasCostIn: 0n,
    netProfit: 1n,
    netProfitUsd: 1n,
    gasCostUsd: 0n,
    blockNumber: 1n,
    detectedNs: 1n,
    hops: [hop, hop, { ...hop, amountOut: -1n }],
  };
  const e = assertThrowsCode(() => b.add(TlvType.ArbitrageSignal, signal), "FIELD_OUT_OF_RANGE", 0);
  assert.equal(e.details.field, "amountOut");
  b.add(TlvType.OrderCancel, { orderId: 2n, reasonCode: 1 }).end();
  const [f] = framesOf(b.take());
  assert.deepEqual(
    decodeTlvs(f!).map((t) => "value" in t && t.value),
    [CANCEL, { orderId: 2n, reasonCode: 1 }],
  );
});

Deno.test("begin before end of the previous frame is refused with BUILDER_STATE", () => {
  const b = new FrameBuilder({ source: 1 });
  b.begin(RelayDomain.System);
  assertThrowsCode(() => b.begin(RelayDomain.System), "BUILDER_STATE", 0);
  b.end();
  assert.equal(framesOf(b.take()).length, 1);
});

Deno.test("end, add and addRaw without begin are refused with BUILDER_STATE", () => {
  const b = new FrameBuilder({ source: 1 });
  assertThrowsCode(() => b.end(), "BUILDER_STATE", 0);
  assertThrowsCode(() => b.add(TlvType.OrderCancel, CANCEL), "BUILDER_STATE", 0);
  assertThrowsCode(() => b.addRaw(230, new Uint8Array(1)), "BUILDER_STATE", 0);
  b.begin(RelayDomain.System).end();
  assertThrowsCode(() => b.end(), "BUILDER_STATE", 0);
});

Deno.test("add of a type without a layout is refused with INVALID_TLV_TYPE", () => {
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.System);
  const e = assertThrowsCode(() => b.add(230 as never, {} as never), "INVALID_TLV_TYPE", 0);
  assert.equal(e.details.type, 230);
});

Deno.test("addRaw refuses type 0, 255 and non-bytes type numbers with INVALID_TLV_TYPE", () => {
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.System);
  for (const t of [0, 255, 256, -1, 1.5]) {
    assertThrowsCode(() => b.addRaw(t, new Uint8Array(1)), "INVALID_TLV_TYPE", 0);
  }
});

Deno.test("addRaw refuses a fixed-size type of the wrong length with WRONG_TLV_LENGTH", () => {
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.Execution);
  const e = assertThrowsCode(
    () => b.addRaw(TlvType.OrderCancel, new Uint8Array(9)),
    "WRONG_TLV_LENGTH",
    0,
  );
  assert.deepEqual([e.details.type, e.details.length], [43, 9]);
  b.addRaw(TlvType.OrderCancel, new Uint8Array(10)).end();
  assert.equal(framesOf(b.take()).length, 1);
});

Deno.test("addRaw refuses a variable-size value a reader would reject", () => {
  // OrderBook needs at least 42 bytes; a shorter raw value makes a frame parseFrame rejects.
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.MarketData);
  assertThrowsCode(() => b.addRaw(TlvType.OrderBook, new Uint8Array(3)), "WRONG_TLV_LENGTH", 0);
});

Deno.test("a TLV value over 65535 bytes is refused with TLV_TOO_LARGE and the frame stays usable", () => {
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.System);
  const e = assertThrowsCode(() => b.addRaw(230, new Uint8Array(65_536)), "TLV_TOO_LARGE", 0);
  assert.deepEqual([e.details.type, e.details.size], [230, 65_536]);
  const state = ("0x" + "00".repeat(65_526)) as `0x${string}`; // 10 + 65526 = 65536
  assertThrowsCode(
    () => b.add(TlvType.Snapshot, { source: 1, domain: 1, asOfSequence: 1n, state }),
    "TLV_TOO_LARGE",
    0,
  );
  b.add(TlvType.SequenceSync, SYNC).end();
  assert.deepEqual(decodeTlvs(framesOf(b.take())[0]!).map((t) => t.type), [TlvType.SequenceSync]);
});

Deno.test("a payload over 1 MiB is refused at end with FRAME_TOO_LARGE and earlier frames survive", () => {
  const b = new FrameBuilder({ source: 1 });
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  b.begin(RelayDomain.System);
  const value = new Uint8Array(65_535);
  let size = 0;
  while (size <= MAX_PAYLOAD_SIZE) {
    b.addRaw(230, value);
    size += 5 + value.length;
  }
  const e = assertThrowsCode(() => b.end(), "FRAME_TOO_LARGE", 0);
  assert.equal(e.details.payloadSize, size);
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  // Sequence 2 went to the refused frame and is not reused.
  assert.deepEqual(framesOf(b.take()).map((f) => f.sequence), [1n, 3n]);
});

Deno.test("begin refuses a relay domain outside 1 to 4 with INVALID_DOMAIN", () => {
  const b = new FrameBuilder({ source: 1 });
  for (const d of [0, 5, 1.5]) {
    assertThrowsCode(() => b.begin(d as RelayDomain), "INVALID_DOMAIN", 0);
  }
  b.begin(RelayDomain.System).end(); // the builder is not left half-open
  assert.equal(framesOf(b.take()).length, 1);
});

Deno.test("begin refuses sequence 0 and sequences over 2^64-1 with FIELD_OUT_OF_RANGE", () => {
  const b = new FrameBuilder({ source: 1 });
  assertThrowsCode(() => b.begin(RelayDomain.System, { sequence: 0n }), "FIELD_OUT_OF_RANGE", 0);
  assertThrowsCode(
    () => b.begin(RelayDomain.System, { sequence: 2n ** 64n }),
    "FIELD_OUT_OF_RANGE",
    0,
  );
  b.begin(RelayDomain.System).end();
  assert.equal(framesOf(b.take()).length, 1);
});

Deno.test("FrameBuilder refuses a source outside 0 to 255 with FIELD_OUT_OF_RANGE", () => {
  for (const source of [-1, 256, 1.5]) {
    assertThrowsCode(() => new FrameBuilder({ source }), "FIELD_OUT_OF_RANGE", 0);
  }
});

Deno.test("begin refuses a per-frame source outside 0 to 255 instead of truncating it", () => {
  const b = new FrameBuilder({ source: 1 });
  assertThrowsCode(() => b.begin(RelayDomain.System, { source: 300 }), "FIELD_OUT_OF_RANGE", 0);
});

Deno.test("FrameBuilder refuses a first sequence a reader would reject", () => {
  // Sequences start at 1: a builder counting from 0 writes frames every reader rejects.
  assertThrowsCode(
    () => new FrameBuilder({ source: 1, firstSequence: 0 }),
    "FIELD_OUT_OF_RANGE",
    0,
  );
});

Deno.test("begin refuses a timestamp outside u64 instead of wrapping it", () => {
  const b = new FrameBuilder({ source: 1 });
  assertThrowsCode(
    () => b.begin(RelayDomain.System, { timestampNs: -1n }),
    "FIELD_OUT_OF_RANGE",
    0,
  );
});

Deno.test("last returns the most recently ended frame and reset forgets finished frames", () => {
  const b = new FrameBuilder({ source: 1 });
  b.begin(RelayDomain.System).add(TlvType.SequenceSync, SYNC).end();
  const size = b.begin(RelayDomain.Execution).add(TlvType.OrderCancel, CANCEL).end();
  const last = parseFrame(b.last(size));
  assert.equal(last.sequence, 2n);
  assert.equal(last.domain, RelayDomain.Execution);
  b.reset();
  assert.equal(b.pending, 0);
  assert.equal(b.take().length, 0);
  b.begin(RelayDomain.System).end();
  assert.equal(parseFrame(b.take()).sequence, 3n);
});

Deno.test("buildFrame mixes typed and raw TLVs in one frame", () => {
  const bytes = buildFrame(RelayDomain.System, 6, 7n, [
    [TlvType.SequenceSync, SYNC],
    [230, new Uint8Array([1, 2])],
    [TlvType.OrderCancel, new Uint8Array(10)],
  ], { timestampNs: 3n, checksum: false });
  const f = parseFrame(bytes);
  assert.deepEqual([f.source, f.sequence, f.timestampNs, f.hasChecksum], [6, 7n, 3n, false]);
  assert.deepEqual(decodeTlvs(f).map((t) => t.type), [112, 230, 43]);
});

Deno.test("a checksummed frame of any payload size at any offset carries zlib's CRC and an intact header", () => {
  // Payloads from 96 bytes take the builder's one-call CRC, which moves header bytes and back.
  fc.assert(
    fc.property(
      fc.nat(7),
      fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 3 }),
      fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      (lead, values, sequence, timestampNs) => {
        const b = new FrameBuilder({ source: 7, initialSize: 64 });
        b.begin(RelayDomain.Signal, { checksum: false, timestampNs: 0n });
        if (lead > 0) b.addRaw(250, new Uint8Array(lead - 1)); // misaligns the next frame
        b.end();
        b.begin(RelayDomain.Execution, { checksum: true, sequence, timestampNs });
        for (const v of values) b.addRaw(251, v);
        const size = b.end();
        const frame = b.last(size);
        const want = zlibCrc32(concat(frame.subarray(0, 28), frame.subarray(32))) >>> 0;
        const f = parseFrame(frame);
        assert.equal(f.checksum, want);
        assert.equal(f.sequence, sequence);
        assert.equal(f.timestampNs, timestampNs);
        assert.equal(f.source, 7);
        assert.equal(f.domain, RelayDomain.Execution);
        assert.equal(f.payloadSize, size - 32);
      },
    ),
    { numRuns: 300 },
  );
});
