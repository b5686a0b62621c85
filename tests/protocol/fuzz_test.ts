// tests/protocol/fuzz_test.ts — random and mutated input: readers either return frames or throw
// a ProtocolError (the right code for each targeted mutation), never another error, never hang.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildFrame,
  decodeTlvs,
  type Frame,
  MAX_PAYLOAD_SIZE,
  parseFrame,
  ProtocolError,
  type TlvEntry,
  TlvType,
  validateTlvs,
} from "../../lib/protocol/mod.ts";
import { frameArgsArb, headerArb, type HeaderArgs, knownEntryArb } from "./_arbitraries.ts";
import { assertThrowsCode } from "./_assert.ts";
import { concat, extendedTlv, rawFrame, tlv } from "./_frames.ts";
import { type Chunking, chunkingArb, cut, runFramer } from "./_stream.ts";

const MAGIC = [0xef, 0xbe, 0xad, 0xde];

function build(h: HeaderArgs, tlvs: readonly TlvEntry[]): Uint8Array {
  return buildFrame(h.domain, h.source, h.sequence, tlvs, {
    timestampNs: h.timestampNs,
    checksum: h.checksum,
  });
}

/** Parse and decode; returns the frame, or the ProtocolError (anything else fails the test). */
function readOrError(bytes: Uint8Array): Frame | ProtocolError {
  try {
    const f = parseFrame(bytes);
    // Bounded walk: every TLV takes at least two bytes.
    assert.ok(validateTlvs(bytes, 32, f.size) <= f.payloadSize / 2);
    decodeTlvs(f);
    return f;
  } catch (e) {
    assert.ok(e instanceof ProtocolError, `not a ProtocolError: ${e}`);
    assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= bytes.length, e.message);
    return e;
  }
}

const validFrameArb = frameArgsArb.map(({ header, tlvs }) => build(header, tlvs));

/** Payload bytes of 0..3 valid TLVs, to put a targeted fault after. */
const prefixArb = fc.array(
  fc.oneof(knownEntryArb, fc.constant<TlvEntry>([230, new Uint8Array(3)])),
  {
    maxLength: 3,
  },
).map((tlvs) => buildFrame(2, 1, 1n, tlvs, { timestampNs: 0n, checksum: false }).subarray(32));

const mutationsArb = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), {
  minLength: 1,
  maxLength: 4,
});

function mutate(bytes: Uint8Array, mutations: Array<[number, number]>): Uint8Array {
  const out = bytes.slice();
  for (const [at, x] of mutations) out[at % out.length] = out[at % out.length]! ^ x;
  return out;
}

Deno.test("parseFrame of random bytes returns a frame or throws a ProtocolError", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, withMagic) => {
      if (withMagic && bytes.length >= 4) bytes.set(MAGIC);
      readOrError(bytes);
    }),
    { numRuns: 500 },
  );
});

Deno.test("parseFrame of a valid header over a random payload returns a frame or a ProtocolError", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (payload, crc) => {
      readOrError(rawFrame(payload, { flags: crc ? 1 : 0 }));
    }),
    { numRuns: 500 },
  );
});

Deno.test("parseFrame of a valid frame with random byte flips returns a frame or a ProtocolError", () => {
  fc.assert(
    fc.property(validFrameArb, mutationsArb, (bytes, mutations) => {
      readOrError(mutate(bytes, mutations));
    }),
    { numRuns: 400 },
  );
});

Deno.test("any single byte flip of a checksummed frame is rejected", () => {
  fc.assert(
    fc.property(
      frameArgsArb.map(({ header, tlvs }) => build({ ...header, checksum: true }, tlvs)),
      fc.nat(),
      fc.integer({ min: 1, max: 255 }),
      (bytes, at, x) => {
        const r = readOrError(mutate(bytes, [[at, x]]));
        assert.ok(r instanceof ProtocolError, `flip at ${at % bytes.length} went unnoticed`);
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("every truncation of a valid frame is TRUNCATED_FRAME at byte 0", () => {
  fc.assert(
    fc.property(validFrameArb, (bytes) => {
      for (let n = 0; n < bytes.length; n++) {
        assertThrowsCode(() => parseFrame(bytes.subarray(0, n)), "TRUNCATED_FRAME", 0);
      }
      assert.equal(parseFrame(bytes).size, bytes.length);
    }),
    { numRuns: 60 },
  );
});

Deno.test("a payload size over the cap is PAYLOAD_TOO_LARGE at byte 24", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: MAX_PAYLOAD_SIZE + 1, max: 2 ** 32 - 1 }),
      fc.boolean(),
      (size, crc) => {
        assertThrowsCode(
          () => parseFrame(rawFrame(new Uint8Array(8), { payloadSize: size, flags: crc ? 1 : 0 })),
          "PAYLOAD_TOO_LARGE",
          24,
        );
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("a wrong magic, version, domain or reserved flag is reported at its own byte", () => {
  const payload = tlv(43, new Uint8Array(10));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }).filter((m) => m !== 0xdeadbeef),
      fc.integer({ min: 0, max: 255 }).filter((v) => v !== 1),
      fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 255 })),
      fc.integer({ min: 2, max: 255 }),
      (magic, version, domain, flags) => {
        assertThrowsCode(() => parseFrame(rawFrame(payload, { magic })), "BAD_MAGIC", 0);
        assertThrowsCode(
          () => parseFrame(rawFrame(payload, { version })),
          "UNSUPPORTED_VERSION",
          5,
        );
        assertThrowsCode(() => parseFrame(rawFrame(payload, { domain })), "INVALID_DOMAIN", 4);
        assertThrowsCode(() => parseFrame(rawFrame(payload, { flags })), "RESERVED_FLAGS", 7);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("an extended TLV with a non-zero reserved byte is EXTENDED_RESERVED after any valid TLVs", () => {
  fc.assert(
    fc.property(
      prefixArb,
      fc.integer({ min: 1, max: 255 }),
      fc.integer({ min: 256, max: 600 }),
      (prefix, reserved, n) => {
        const payload = concat(prefix, extendedTlv(230, new Uint8Array(n), reserved));
        assertThrowsCode(
          () => parseFrame(rawFrame(payload)),
          "EXTENDED_RESERVED",
          32 + prefix.length + 1,
        );
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("an extended TLV of 255 bytes or less is NON_CANONICAL_TLV after any valid TLVs", () => {
  fc.assert(
    fc.property(
      prefixArb,
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 1, max: 254 }),
      (prefix, n, type) => {
        const payload = concat(prefix, extendedTlv(type, new Uint8Array(n)));
        assertThrowsCode(
          () => parseFrame(rawFrame(payload)),
          "NON_CANONICAL_TLV",
          32 + prefix.length,
        );
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("a TLV of type 0 is INVALID_TLV_TYPE after any valid TLVs", () => {
  fc.assert(
    fc.property(prefixArb, fc.uint8Array({ maxLength: 20 }), (prefix, value) => {
      const payload = concat(prefix, tlv(0, value));
      assertThrowsCode(() => parseFrame(rawFrame(payload)), "INVALID_TLV_TYPE", 32 + prefix.length);
    }),
    { numRuns: 200 },
  );
});

Deno.test("a walk of a 1 MiB payload of empty TLVs is bounded by its size", () => {
  const payload = new Uint8Array(MAX_PAYLOAD_SIZE);
  for (let i = 0; i < payload.length; i += 2) payload[i] = 230;
  const f = parseFrame(rawFrame(payload, { flags: 0 }));
  assert.equal(decodeTlvs(f).length, MAX_PAYLOAD_SIZE / 2);
});

// Streams: small frames so that one-byte chunking stays fast.
const smallFrameArb = fc.record({
  header: headerArb,
  tlvs: fc.array(
    fc.oneof(
      fc.constantFrom<TlvEntry>(
        [TlvType.OrderCancel, { orderId: 5n, reasonCode: 1 }],
        [TlvType.SequenceSync, { source: 1, domain: 1, lastSequence: 9n }],
      ),
      fc.uint8Array({ maxLength: 40 }).map((v) => [231, v] as TlvEntry),
    ),
    { maxLength: 2 },
  ),
}).map(({ header, tlvs }) => build(header, tlvs));

/** Random bytes with any full magic broken, so garbage never holds a frame start. */
const garbageArb = fc.uint8Array({ maxLength: 60 }).map((g) => {
  for (let i = 0; i + 3 < g.length; i++) {
    if (g[i] === 0xef && g[i + 1] === 0xbe && g[i + 2] === 0xad && g[i + 3] === 0xde) g[i + 3] = 0;
  }
  return g;
});

Deno.test("FrameStream yields exactly the frames of a valid stream under any chunking", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(smallFrameArb, { maxLength: 4 }),
      chunkingArb,
      fc.boolean(),
      async (frames, how, skip) => {
        const input = concat(...frames);
        const r = await runFramer(cut(input, how), { skipInvalid: skip });
        assert.equal(r.error, undefined);
        assert.deepEqual(r.frames.map((f) => f.bytes), frames);
        assert.deepEqual(r.stats, {
          frames: frames.length,
          frameBytes: input.length,
          skipped: 0,
          skippedBytes: 0,
        });
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("with skipInvalid every valid frame after garbage is recovered and every byte accounted for", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(garbageArb, smallFrameArb), { minLength: 1, maxLength: 4 }),
      garbageArb,
      chunkingArb,
      async (pairs, trailing, how: Chunking) => {
        const input = concat(...pairs.flat(), trailing);
        const r = await runFramer(cut(input, how), { skipInvalid: true });
        assert.equal(r.error, undefined);
        assert.deepEqual(r.frames.map((f) => f.bytes), pairs.map(([, f]) => f));
        assert.equal(r.stats.skippedBytes + r.stats.frameBytes, input.length);
        assert.equal(r.skips.reduce((n, s) => n + s.bytes, 0), r.stats.skippedBytes);
        assert.ok(r.skips.every((s) => s.error instanceof ProtocolError));
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("a corrupted stream either fails with a ProtocolError or yields valid frames", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(smallFrameArb, { minLength: 1, maxLength: 4 }),
      mutationsArb,
      chunkingArb,
      async (frames, mutations, how) => {
        const input = mutate(concat(...frames), mutations);
        const strict = await runFramer(cut(input, how));
        if (strict.error === undefined) assert.equal(strict.stats.frameBytes, input.length);
        else {assert.ok(
            strict.error instanceof ProtocolError,
            `not a ProtocolError: ${strict.error}`,
          );}
        const skipping = await runFramer(cut(input, how), { skipInvalid: true });
        assert.equal(skipping.error, undefined);
        assert.equal(skipping.stats.skippedBytes + skipping.stats.frameBytes, input.length);
        for (const run of [strict, skipping]) {
          for (const f of run.frames) assert.equal(parseFrame(f.bytes.slice()).size, f.size);
        }
        // Skipping never yields fewer frames than failing fast did before its error.
        assert.ok(skipping.frames.length >= strict.frames.length);
      },
    ),
    { numRuns: 150 },
  );
});
