// tests/protocol/crc32_test.ts — the slice-by-8 CRC-32 against node:zlib, and the frame checksum.
import assert from "node:assert/strict";
import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { crc32, frameChecksum } from "../../lib/protocol/mod.ts";
import { concat } from "./_frames.ts";

Deno.test("crc32 gives the published check values", () => {
  const enc = new TextEncoder();
  assert.equal(crc32(enc.encode("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
  assert.equal(crc32(enc.encode("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  assert.equal(crc32(new Uint8Array(32)), 0x190a55ad);
  assert.equal(crc32(new Uint8Array(32).fill(0xff)), 0xff6cab0b);
});

Deno.test("crc32 equals zlib's CRC-32 for any bytes of 0 to 4096", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
      assert.equal(crc32(bytes), zlibCrc32(bytes) >>> 0);
    }),
    { numRuns: 300 },
  );
});

Deno.test("crc32 continues across a split exactly as over the whole range", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 4096 }).chain((b) =>
        fc.tuple(fc.constant(b), fc.nat(b.length), fc.nat(b.length))
      ),
      ([bytes, x, y]) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const first = crc32(bytes, 0, 0, lo);
        const second = crc32(bytes, first, lo, hi);
        assert.equal(crc32(bytes, second, hi), zlibCrc32(bytes) >>> 0);
        // A sub-range alone equals zlib over that slice; zlib continues from our value too.
        assert.equal(crc32(bytes, 0, lo, hi), zlibCrc32(bytes.subarray(lo, hi)) >>> 0);
        assert.equal(zlibCrc32(bytes.subarray(lo), first) >>> 0, zlibCrc32(bytes) >>> 0);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("frameChecksum covers header bytes 0..28 and the payload but not the checksum field", () => {
  fc.assert(
    fc.property(
      fc.nat(40),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ maxLength: 600 }), // both sides of the native-CRC threshold
      fc.uint8Array({ maxLength: 8 }),
      (lead, header, payload, trail) => {
        const buf = concat(new Uint8Array(lead).fill(0x5a), header, payload, trail);
        const want = zlibCrc32(concat(header.subarray(0, 28), payload)) >>> 0;
        assert.equal(frameChecksum(buf, lead, payload.length), want);
        buf[lead + 28] = buf[lead + 28]! ^ 0xff; // the checksum field itself is not covered
        assert.equal(frameChecksum(buf, lead, payload.length), want);
      },
    ),
    { numRuns: 300 },
  );
});
