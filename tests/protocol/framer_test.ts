// tests/protocol/framer_test.ts — FrameStream: framing by header whatever the chunk sizes,
// stream offsets in errors, truncated ends, and resynchronisation with skipInvalid.
import assert from "node:assert/strict";
import {
  buildFrame,
  decodeTlvs,
  MAX_PAYLOAD_SIZE,
  RelayDomain,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { assertProtocolError } from "./_assert.ts";
import { CANCEL_VALUE, concat, rawFrame, tlv } from "./_frames.ts";
import { cut, runFramer } from "./_stream.ts";

function cancel(seq: bigint, orderId = seq): Uint8Array {
  return buildFrame(RelayDomain.Execution, 4, seq, [[TlvType.OrderCancel, {
    orderId,
    reasonCode: 0,
  }]], {
    timestampNs: 1n,
  });
}

function snapshot(seq: bigint, stateBytes: number): Uint8Array {
  const state = ("0x" + "5a".repeat(stateBytes)) as `0x${string}`;
  return buildFrame(RelayDomain.System, 6, seq, [[TlvType.Snapshot, {
    source: 1,
    domain: 1,
    asOfSequence: seq,
    state,
  }]], { timestampNs: 1n });
}

const A = cancel(1n);
const B = snapshot(2n, 700);
const C = cancel(3n);
const STREAM = concat(A, B, C);

for (const how of ["whole", "bytes", [0, 1, 31, 32, 33, 43, 44, 45, 300, 700, 790]] as const) {
  Deno.test(`FrameStream yields every frame of a stream cut ${JSON.stringify(how)}`, async () => {
    const r = await runFramer(cut(STREAM, how as never));
    assert.equal(r.error, undefined);
    assert.deepEqual(r.frames.map((f) => f.bytes), [A, B, C]);
    assert.deepEqual(r.frames.map((f) => f.streamOffset), [0, A.length, A.length + B.length]);
    assert.deepEqual(r.stats, {
      frames: 3,
      frameBytes: STREAM.length,
      skipped: 0,
      skippedBytes: 0,
    });
  });
}

Deno.test("FrameStream hands out frames inside one chunk as views of that chunk", async () => {
  const r = await runFramer([STREAM]);
  assert.ok(r.frames.every((f) => f.buffer.buffer === STREAM.buffer));
});

Deno.test("FrameStream of an empty stream or only empty chunks yields nothing and no error", async () => {
  for (const chunks of [[], [new Uint8Array(0)], [new Uint8Array(0), new Uint8Array(0)]]) {
    const r = await runFramer(chunks);
    assert.equal(r.error, undefined);
    assert.equal(r.frames.length, 0);
  }
});

Deno.test("FrameStream errors at the stream offset of a bad magic after good frames", async () => {
  const bad = rawFrame(tlv(43, CANCEL_VALUE), { magic: 0x01020304 });
  const r = await runFramer(cut(concat(A, B, bad, C), [10, A.length + 5, A.length + B.length + 3]));
  assertProtocolError(r.error, "BAD_MAGIC", A.length + B.length);
  assert.deepEqual(r.frames.map((f) => f.bytes), [A, B]);
});

Deno.test("FrameStream yields the good frames of a chunk before erroring on a bad frame in it", async () => {
  // All in one chunk: the frames enqueued before the error must still reach the reader.
  const bad = rawFrame(tlv(43, CANCEL_VALUE), { magic: 0x01020304 });
  const r = await runFramer([concat(A, B, bad, C)], {}, true);
  assertProtocolError(r.error, "BAD_MAGIC", A.length + B.length);
  assert.deepEqual(r.frames.map((f) => f.bytes), [A, B]);
});

Deno.test("FrameStream yields every complete frame before reporting a cut end", async () => {
  const r = await runFramer([concat(A, B, C.subarray(0, 40))], {}, true);
  assertProtocolError(r.error, "TRUNCATED_FRAME", A.length + B.length);
  assert.deepEqual(r.frames.map((f) => f.bytes), [A, B]);
});

Deno.test("FrameStream errors at the stream offset of a TLV error inside a later chunk", async () => {
  const bad = rawFrame(concat(tlv(230, [1]), tlv(0, [])), { flags: 0 });
  const input = concat(A, bad);
  const r = await runFramer(cut(input, [A.length + 1, A.length + 20]));
  assertProtocolError(r.error, "INVALID_TLV_TYPE", A.length + 32 + 3);
});

Deno.test("FrameStream reports a stream ending inside a header as TRUNCATED_FRAME at the frame start", async () => {
  const r = await runFramer(cut(concat(A, C.subarray(0, 20)), "bytes"));
  assertProtocolError(r.error, "TRUNCATED_FRAME", A.length);
  assert.equal(r.frames.length, 1);
});

Deno.test("FrameStream reports a stream ending inside a payload as TRUNCATED_FRAME, not a hang", async () => {
  const input = concat(A, B.subarray(0, 100));
  for (const how of ["whole", "bytes", [40, 50]] as const) {
    const r = await runFramer(cut(input, how as never));
    assertProtocolError(r.error, "TRUNCATED_FRAME", A.length);
    assert.match((r.error as Error).message, /payload 68 of \d+ bytes/);
  }
});

Deno.test("FrameStream honours a lower payload cap and clamps a cap above 1 MiB", async () => {
  const low = await runFramer([B], { maxPayloadSize: 100 });
  assertProtocolError(low.error, "PAYLOAD_TOO_LARGE", 24);
  const huge = rawFrame(new Uint8Array(0), { payloadSize: MAX_PAYLOAD_SIZE + 1, flags: 0 });
  const high = await runFramer([huge], { maxPayloadSize: 8 * MAX_PAYLOAD_SIZE });
  assertProtocolError(high.error, "PAYLOAD_TOO_LARGE", 24);
});

Deno.test("FrameStream verifies CRCs by default and passes corrupted frames when told not to", async () => {
  const bad = C.slice();
  bad[40] = bad[40]! ^ 1;
  const strict = await runFramer([concat(A, bad)]);
  assertProtocolError(strict.error, "CHECKSUM_MISMATCH", A.length);
  const lax = await runFramer([concat(A, bad)], { verifyChecksum: false });
  assert.equal(lax.error, undefined);
  assert.equal(lax.frames.length, 2);
});

Deno.test("with skipInvalid FrameStream skips garbage between frames and reports each region", async () => {
  const g1 = new Uint8Array([1, 2, 3, 0xef, 0xbe, 9]);
  const g2 = new Uint8Array(50).fill(0xef);
  const input = concat(g1, A, g2, B, C);
  for (const how of ["whole", "bytes", [3, 7, 60, 61, 200]] as const) {
    const r = await runFramer(cut(input, how as never), { skipInvalid: true });
    assert.equal(r.error, undefined);
    assert.deepEqual(r.frames.map((f) => f.bytes), [A, B, C]);
    assert.deepEqual(r.skips.map((s) => [s.offset, s.bytes]), [[0, g1.length], [
      g1.length + A.length,
      g2.length,
    ]]);
    assert.ok(r.skips.every((s) => s.error.code === "BAD_MAGIC"));
    assert.deepEqual(r.stats, {
      frames: 3,
      frameBytes: A.length + B.length + C.length,
      skipped: 2,
      skippedBytes: g1.length + g2.length,
    });
  }
});

Deno.test("with skipInvalid a frame with a bad CRC is skipped and the next frame recovered", async () => {
  const bad = B.slice();
  bad[100] = bad[100]! ^ 0x40;
  const r = await runFramer([concat(A, bad, C)], { skipInvalid: true });
  assert.deepEqual(r.frames.map((f) => f.bytes), [A, C]);
  assert.equal(r.skips.length, 1);
  assert.equal(r.skips[0]!.error.code, "CHECKSUM_MISMATCH");
  assert.deepEqual([r.skips[0]!.offset, r.skips[0]!.bytes], [A.length, B.length]);
});

Deno.test("with skipInvalid trailing garbage and a cut frame at the end are counted as skipped", async () => {
  for (
    const tail of [new Uint8Array([0xef, 0xbe, 0xad]), new Uint8Array([7, 7]), C.subarray(0, 40)]
  ) {
    const input = concat(A, tail);
    const r = await runFramer(cut(input, "bytes"), { skipInvalid: true });
    assert.equal(r.error, undefined);
    assert.deepEqual(r.frames.map((f) => f.bytes), [A]);
    assert.equal(r.stats.skippedBytes + r.stats.frameBytes, input.length);
    assert.equal(r.skips.length, 1);
  }
});

Deno.test("with skipInvalid frames after a frame cut short are recovered even at the end of the stream", async () => {
  // A producer died mid-frame (B cut to 100 of its bytes), restarted and wrote A and C; what
  // follows the cut header is shorter than B's payload_size, so only the stream end tells.
  const input = concat(B.subarray(0, 100), A, C);
  const r = await runFramer([input], { skipInvalid: true });
  assert.equal(r.error, undefined);
  assert.deepEqual(r.frames.map((f) => f.bytes), [A, C]);
  assert.equal(r.stats.skippedBytes, 100);
});

Deno.test("FrameStream frames decode to the values written", async () => {
  const r = await runFramer(cut(STREAM, [5, 17, 400]));
  const [t] = decodeTlvs(r.frames[2]!);
  assert.deepEqual(t && "value" in t && t.value, { orderId: 3n, reasonCode: 0 });
});
