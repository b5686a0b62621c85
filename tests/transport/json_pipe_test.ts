// tests/transport/json_pipe_test.ts — whole-stream conversions: frames to JSON lines (with
// sequence warnings and skipping) and JSON lines to frames (line splitting, numbering, batching).
import assert from "node:assert/strict";
import {
  buildFrame,
  FrameStream,
  parseFrame,
  type ProtocolError,
  RelayDomain,
  type SkipReport,
  TlvType,
} from "../../lib/protocol/mod.ts";
import {
  BatchedWriter,
  type DecodeOptions,
  framesToJsonLines,
  JsonLineError,
  jsonLinesToFrames,
  lines,
} from "../../lib/transport/mod.ts";
import { assertProtocolError } from "../protocol/_assert.ts";
import { concat, rawFrame, tlv } from "../protocol/_frames.ts";
import { withTimeout } from "../protocol/_stream.ts";
import { vectorBytes, VECTORS } from "../protocol/_vectors.ts";

const enc = new TextEncoder();

/** A BatchedWriter into memory. */
function memoryWriter(batchSize?: number) {
  const chunks: Uint8Array[] = [];
  const out = new BatchedWriter(
    { write: (c) => Promise.resolve(chunks.push(c.slice())) },
    batchSize,
  );
  return { out, bytes: () => concat(...chunks), chunks };
}

async function decode(chunks: Uint8Array[], options: DecodeOptions = {}) {
  const { out, bytes } = memoryWriter();
  const summary = await withTimeout(
    framesToJsonLines(ReadableStream.from(chunks), out, options),
    10_000,
    "framesToJsonLines",
  );
  await out.flush();
  const text = new TextDecoder().decode(bytes());
  return {
    summary,
    lines: text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)),
    text,
  };
}

async function encode(text: string | Uint8Array, source?: number, batchSize?: number) {
  const { out, bytes, chunks } = memoryWriter(batchSize);
  const input = typeof text === "string" ? enc.encode(text) : text;
  const n = await jsonLinesToFrames(ReadableStream.from([input]), out, source);
  await out.flush();
  return { n, bytes: bytes(), chunks };
}

function framesIn(bytes: Uint8Array) {
  const out = [];
  for (let at = 0; at < bytes.length;) {
    const f = parseFrame(bytes, at);
    out.push(f);
    at += f.size;
  }
  return out;
}

function cancel(source: number, seq: bigint): Uint8Array {
  return buildFrame(RelayDomain.Execution, source, seq, [[TlvType.OrderCancel, {
    orderId: seq,
    reasonCode: 0,
  }]], {
    timestampNs: 1n,
  });
}

Deno.test("framesToJsonLines writes one JSON line per frame of a recording", async () => {
  const all = concat(...VECTORS.map(vectorBytes));
  const { summary, lines: out, text } = await decode([all.subarray(0, 1000), all.subarray(1000)]);
  assert.equal(out.length, VECTORS.length);
  assert.ok(text.endsWith("}\n"));
  assert.deepEqual(
    out.map((l) => l.tlvs[0].type),
    VECTORS.map((v) => {
      const t = v.tlvs[0]!;
      return "name" in t ? t.name : t.type;
    }),
  );
  assert.equal(summary.frames, VECTORS.length);
  assert.equal(summary.skipped, 0);
});

Deno.test("framesToJsonLines reports sequence gaps and duplicates per source and still prints the frames", async () => {
  const problems: ProtocolError[] = [];
  const frames = [cancel(4, 1n), cancel(4, 2n), cancel(5, 7n), cancel(4, 5n), cancel(4, 5n)];
  const { summary, lines: out } = await decode([concat(...frames)], {
    onSequence: (p) => problems.push(p),
  });
  assert.equal(out.length, 5);
  assert.equal(summary.sequenceProblems, 2);
  assertProtocolError(problems[0], "SEQUENCE_GAP", 44 * 3);
  assert.deepEqual([problems[0]!.details.from, problems[0]!.details.to], [3n, 4n]);
  assertProtocolError(problems[1], "SEQUENCE_DUPLICATE", 44 * 4);
});

Deno.test("framesToJsonLines rejects with the first bad frame after writing the frames before it", async () => {
  const { out, bytes } = memoryWriter();
  const bad = rawFrame(tlv(43, new Uint8Array(10)), { version: 2 });
  const input = ReadableStream.from([concat(cancel(4, 1n), bad)]);
  await assert.rejects(framesToJsonLines(input, out), (e) => {
    assertProtocolError(e, "UNSUPPORTED_VERSION", 44 + 5);
    return true;
  });
  await out.flush();
  assert.equal(new TextDecoder().decode(bytes()).split("\n").length, 2); // one line and the end
});

Deno.test("framesToJsonLines with skipInvalid counts what it skipped", async () => {
  const skips: SkipReport[] = [];
  const input = concat(new Uint8Array([1, 2, 3]), cancel(4, 1n), new Uint8Array(40), cancel(4, 2n));
  const { summary, lines: out } = await decode([input], {
    skipInvalid: true,
    onSkip: (s) => skips.push(s),
  });
  assert.equal(out.length, 2);
  assert.deepEqual(summary, { frames: 2, skipped: 2, skippedBytes: 43, sequenceProblems: 0 });
  assert.deepEqual(skips.map((s) => [s.offset, s.bytes]), [[0, 3], [47, 40]]);
});

// Error TLV whose text is not UTF-8: the frame passes parseFrame, its value does not decode.
const BAD_TEXT_FRAME = rawFrame(
  tlv(102, new Uint8Array([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0xc3, 0x28])),
  { domain: 4, source: 2, sequence: 2n },
);

Deno.test("a value that does not decode is reported at its stream offset", async () => {
  const first = cancel(4, 1n);
  const { out } = memoryWriter();
  const input = ReadableStream.from([first, BAD_TEXT_FRAME]); // the bad frame is a chunk of its own
  await assert.rejects(framesToJsonLines(input, out), (e) => {
    assertProtocolError(e, "BAD_FIELD", first.length + 32 + 2 + 11);
    return true;
  });
});

Deno.test("framesToJsonLines with skipInvalid skips a frame whose value does not decode", async () => {
  const input = concat(cancel(4, 1n), BAD_TEXT_FRAME, cancel(4, 2n));
  const { summary, lines: out } = await decode([input], { skipInvalid: true });
  assert.equal(out.length, 2);
  assert.equal(summary.skippedBytes, BAD_TEXT_FRAME.length);
});

Deno.test("lines splits on LF and CRLF, keeps a last line without newline and joins split UTF-8", async () => {
  const bytes = enc.encode("a\r\nbé\n\nc日本");
  const chunks = [
    bytes.subarray(0, 3),
    bytes.subarray(3, 5),
    bytes.subarray(5, 9),
    bytes.subarray(9),
  ];
  assert.deepEqual(await Array.fromAsync(lines(ReadableStream.from(chunks))), [
    "a",
    "bé",
    "",
    "c日本",
  ]);
  assert.deepEqual(await Array.fromAsync(lines(ReadableStream.from([enc.encode("x\n")]))), ["x"]);
  assert.deepEqual(await Array.fromAsync(lines(ReadableStream.from([]))), []);
});

Deno.test("jsonLinesToFrames turns JSON lines back into the frames they were printed from", async () => {
  const all = concat(...VECTORS.map(vectorBytes));
  const { text } = await decode([all]);
  const { n, bytes } = await encode(text);
  assert.equal(n, VECTORS.length);
  assert.deepEqual(bytes, all);
});

Deno.test("jsonLinesToFrames skips blank lines and numbers frames per source from 1", async () => {
  const text = [
    '{"domain":"system","tlvs":[]}',
    "",
    '{"domain":"signal","source":2,"tlvs":[]}',
    "   ",
    '{"domain":"system","tlvs":[]}',
    '{"domain":"signal","source":2,"tlvs":[]}',
  ].join("\r\n");
  const { n, bytes } = await encode(text, 11);
  assert.equal(n, 4);
  assert.deepEqual(framesIn(bytes).map((f) => [f.source, f.sequence]), [
    [11, 1n],
    [2, 1n],
    [11, 2n],
    [2, 2n],
  ]);
});

Deno.test("jsonLinesToFrames writes in batches of the writer's size", async () => {
  const line =
    '{"domain":"execution","tlvs":[{"type":"OrderCancel","orderId":"1","reasonCode":0}]}\n';
  const { n, bytes, chunks } = await encode(line.repeat(200), undefined, 1024);
  assert.equal(n, 200);
  assert.ok(chunks.length > 1);
  assert.deepEqual(
    framesIn(bytes).map((f) => f.sequence),
    Array.from({ length: 200 }, (_, i) => BigInt(i + 1)),
  );
});

Deno.test("jsonLinesToFrames names the line number of a bad line, counting blank lines", async () => {
  const text = '{"domain":"system","tlvs":[]}\n\n{"domain":"system","tlvs":[{"type":"Nope"}]}\n';
  await assert.rejects(encode(text), (e) => {
    assert.ok(e instanceof JsonLineError);
    assert.match(e.message, /^Line 3: /);
    return true;
  });
});

Deno.test("jsonLinesToFrames reports input that is not UTF-8 as a JsonLineError naming the line", async () => {
  const input = concat(
    enc.encode('{"domain":"system","tlvs":[]}\n'),
    new Uint8Array([0x7b, 0xff, 0x7d, 0x0a]),
  );
  await assert.rejects(encode(input), (e) => {
    assert.ok(e instanceof JsonLineError, `expected a JsonLineError, got ${e}`);
    assert.match(e.message, /^Line 2: /);
    return true;
  });
});

Deno.test("jsonLinesToFrames never repeats a sequence when lines name the default source", async () => {
  // Line 1 names source 9 (the default), line 2 leaves it out: both are source 9 frames.
  const text = '{"domain":"system","source":9,"tlvs":[]}\n{"domain":"system","tlvs":[]}\n';
  const { bytes } = await encode(text);
  const seqs = framesIn(bytes).map((f) => [f.source, f.sequence]);
  assert.deepEqual(seqs, [[9, 1n], [9, 2n]]);
});

Deno.test("framesToJsonLines output is accepted by a fresh FrameStream after encoding", async () => {
  const text =
    '{"domain":"market","tlvs":[{"type":"GasPrice","chainId":1,"blockNumber":"1","blockTimestamp":"2","baseFeeWei":"3","priorityFeeWei":"4"}]}\n';
  const { bytes } = await encode(text);
  const framer = new FrameStream();
  const frames = await Array.fromAsync(ReadableStream.from([bytes]).pipeThrough(framer));
  assert.equal(frames.length, 1);
  assert.equal(framer.stats.frameBytes, bytes.length);
});
