// tests/protocol/frame_test.ts — parseFrame, checkHeader, validateTlvs and TlvCursor: every
// reader error code with its byte offset, on frames written by hand.
import assert from "node:assert/strict";
import {
  checkHeader,
  decodeTlvs,
  MAX_PAYLOAD_SIZE,
  parseFrame,
  TlvCursor,
  validateTlvs,
} from "../../lib/protocol/mod.ts";
import { assertThrowsCode } from "./_assert.ts";
import { CANCEL_VALUE, concat, extendedTlv, rawFrame, tlv } from "./_frames.ts";

const CANCEL = tlv(43, CANCEL_VALUE);
const P = 32; // first payload byte of a frame at offset 0

Deno.test("parseFrame accepts a hand-made frame and reads every header field", () => {
  const bytes = rawFrame(CANCEL, {
    domain: 3,
    source: 4,
    sequence: 0x0102030405060708n,
    timestampNs: 2n ** 64n - 1n,
  });
  const f = parseFrame(bytes);
  assert.equal(f.domain, 3);
  assert.equal(f.version, 1);
  assert.equal(f.source, 4);
  assert.equal(f.flags, 1);
  assert.equal(f.hasChecksum, true);
  assert.equal(f.sequence, 0x0102030405060708n);
  assert.equal(f.timestampNs, 2n ** 64n - 1n);
  assert.equal(f.payloadSize, 12);
  assert.equal(f.size, 44);
  assert.equal(f.payloadOffset, 32);
  assert.equal(f.checksum, new DataView(bytes.buffer).getUint32(28, true));
  assert.deepEqual(f.payload, CANCEL);
  assert.deepEqual(f.bytes, bytes);
});

Deno.test("parseFrame reads a frame in the middle of a buffer as a view with stream offsets", () => {
  const one = rawFrame(CANCEL, { flags: 0 });
  const buf = concat(new Uint8Array(7), one, new Uint8Array(3));
  const f = parseFrame(buf, 7, undefined, 1000, 7 + one.length);
  assert.equal(f.offset, 7);
  assert.equal(f.streamOffset, 1007);
  assert.equal(f.buffer, buf);
  assert.deepEqual(f.bytes, one);
  assert.equal(f.bytes.buffer, buf.buffer); // zero copy
});

Deno.test("parseFrame accepts a frame with an empty payload", () => {
  const f = parseFrame(rawFrame(new Uint8Array(0)));
  assert.equal(f.payloadSize, 0);
  assert.deepEqual(decodeTlvs(f), []);
});

Deno.test("checkHeader returns the payload size without needing the payload", () => {
  const bytes = rawFrame(CANCEL);
  assert.equal(checkHeader(bytes.subarray(0, 32), 0), 12);
});

Deno.test("parseFrame rejects fewer than 32 header bytes with TRUNCATED_FRAME at the frame start", () => {
  const bytes = rawFrame(CANCEL);
  const e = assertThrowsCode(() => parseFrame(bytes.subarray(0, 31)), "TRUNCATED_FRAME", 0);
  assert.deepEqual([e.details.have, e.details.need], [31, 32]);
  // Even garbage is "need more bytes" until a whole header is there.
  assertThrowsCode(() => parseFrame(new Uint8Array(5)), "TRUNCATED_FRAME", 0);
  assertThrowsCode(
    () => parseFrame(bytes.subarray(0, 31), 0, undefined, 500),
    "TRUNCATED_FRAME",
    500,
  );
});

Deno.test("parseFrame rejects a payload cut short with TRUNCATED_FRAME at the frame start", () => {
  const bytes = concat(new Uint8Array(4), rawFrame(CANCEL));
  const e = assertThrowsCode(
    () => parseFrame(bytes.subarray(0, bytes.length - 1), 4, undefined, 100),
    "TRUNCATED_FRAME",
    104,
  );
  assert.deepEqual([e.details.have, e.details.need], [11, 12]);
});

Deno.test("parseFrame rejects a bad magic with BAD_MAGIC at byte 0 of the frame", () => {
  const e = assertThrowsCode(
    () => parseFrame(rawFrame(CANCEL, { magic: 0xdeadbeee })),
    "BAD_MAGIC",
    0,
  );
  assert.match(e.message, /0xdeadbeee/);
  const big = concat(new Uint8Array(10), rawFrame(CANCEL, { magic: 0xefbeadde }));
  assertThrowsCode(() => parseFrame(big, 10, undefined, 90), "BAD_MAGIC", 100);
});

Deno.test("parseFrame rejects a version other than 1 with UNSUPPORTED_VERSION at byte 5", () => {
  for (const version of [0, 2, 255]) {
    const e = assertThrowsCode(
      () => parseFrame(rawFrame(CANCEL, { version })),
      "UNSUPPORTED_VERSION",
      5,
    );
    assert.equal(e.details.version, version);
  }
});

Deno.test("parseFrame rejects relay domain 0 and above 4 with INVALID_DOMAIN at byte 4", () => {
  for (const domain of [0, 5, 255]) {
    const e = assertThrowsCode(() => parseFrame(rawFrame(CANCEL, { domain })), "INVALID_DOMAIN", 4);
    assert.equal(e.details.domain, domain);
  }
  for (const domain of [1, 2, 3, 4]) {
    assert.equal(parseFrame(rawFrame(CANCEL, { domain })).domain, domain);
  }
});

Deno.test("parseFrame rejects each reserved flag bit with RESERVED_FLAGS at byte 7", () => {
  for (let bit = 1; bit < 8; bit++) {
    assertThrowsCode(
      () => parseFrame(rawFrame(CANCEL, { flags: 1 | (1 << bit) })),
      "RESERVED_FLAGS",
      7,
    );
    assertThrowsCode(() => parseFrame(rawFrame(CANCEL, { flags: 1 << bit })), "RESERVED_FLAGS", 7);
  }
});

Deno.test("parseFrame rejects sequence 0 with INVALID_SEQUENCE at byte 8", () => {
  assertThrowsCode(() => parseFrame(rawFrame(CANCEL, { sequence: 0n })), "INVALID_SEQUENCE", 8);
  // Only the whole u64 being zero is invalid.
  assert.equal(parseFrame(rawFrame(CANCEL, { sequence: 1n << 32n })).sequence, 1n << 32n);
});

Deno.test("parseFrame rejects a payload size over 1 MiB with PAYLOAD_TOO_LARGE at byte 24", () => {
  const header = rawFrame(new Uint8Array(0), { payloadSize: MAX_PAYLOAD_SIZE + 1, flags: 0 });
  const e = assertThrowsCode(() => parseFrame(header), "PAYLOAD_TOO_LARGE", 24);
  assert.equal(e.details.payloadSize, MAX_PAYLOAD_SIZE + 1);
  // Exactly 1 MiB is allowed: the header passes and the reader waits for the payload.
  const ok = rawFrame(new Uint8Array(0), { payloadSize: MAX_PAYLOAD_SIZE, flags: 0 });
  assert.equal(checkHeader(ok, 0), MAX_PAYLOAD_SIZE);
  assertThrowsCode(() => parseFrame(ok), "TRUNCATED_FRAME", 0);
});

Deno.test("parseFrame honours a lower reader cap with PAYLOAD_TOO_LARGE", () => {
  const bytes = rawFrame(CANCEL);
  assert.equal(parseFrame(bytes, 0, { maxPayloadSize: 12 }).payloadSize, 12);
  const e = assertThrowsCode(
    () => parseFrame(bytes, 0, { maxPayloadSize: 11 }),
    "PAYLOAD_TOO_LARGE",
    24,
  );
  assert.equal(e.details.cap, 11);
});

Deno.test("parseFrame never accepts a payload over 1 MiB, even with a reader cap above it", () => {
  // ReadOptions.maxPayloadSize is documented as "default and maximum: 1 MiB".
  const header = rawFrame(new Uint8Array(0), { payloadSize: MAX_PAYLOAD_SIZE + 1, flags: 0 });
  assertThrowsCode(
    () => parseFrame(header, 0, { maxPayloadSize: 4 * MAX_PAYLOAD_SIZE }),
    "PAYLOAD_TOO_LARGE",
    24,
  );
});

Deno.test("parseFrame rejects a corrupted payload byte with CHECKSUM_MISMATCH at the frame start", () => {
  const bytes = rawFrame(CANCEL);
  bytes[40] = bytes[40]! ^ 0x10;
  const e = assertThrowsCode(() => parseFrame(bytes), "CHECKSUM_MISMATCH", 0);
  assert.notEqual(e.details.expected, e.details.actual);
  // The corruption is only caught by the CRC: without verification the frame parses.
  assert.equal(parseFrame(bytes, 0, { verifyChecksum: false }).payloadSize, 12);
});

Deno.test("parseFrame detects a corrupted header byte covered by the CRC", () => {
  const bytes = rawFrame(CANCEL, { sequence: 5n });
  bytes[9] = 1; // sequence 5 -> 261
  assertThrowsCode(() => parseFrame(bytes), "CHECKSUM_MISMATCH", 0);
  const wrong = rawFrame(CANCEL, { checksum: 0x12345678 });
  assertThrowsCode(
    () => parseFrame(concat(new Uint8Array(3), wrong), 3, undefined, 7),
    "CHECKSUM_MISMATCH",
    10,
  );
});

Deno.test("parseFrame rejects a non-zero checksum without the flag with CHECKSUM_NOT_ZERO at byte 28", () => {
  assertThrowsCode(
    () => parseFrame(rawFrame(CANCEL, { flags: 0, checksum: 1 })),
    "CHECKSUM_NOT_ZERO",
    28,
  );
  assert.equal(parseFrame(rawFrame(CANCEL, { flags: 0 })).hasChecksum, false);
});

Deno.test("parseFrame rejects a standard TLV header cut by the payload end with TRUNCATED_TLV", () => {
  const payload = concat(CANCEL, new Uint8Array([230]));
  assertThrowsCode(() => parseFrame(rawFrame(payload)), "TRUNCATED_TLV", P + 12);
});

Deno.test("parseFrame rejects an extended TLV header cut by the payload end with TRUNCATED_TLV", () => {
  for (const cut of [[0xff], [0xff, 0], [0xff, 0, 230], [0xff, 0, 230, 0]]) {
    assertThrowsCode(() => parseFrame(rawFrame(new Uint8Array(cut))), "TRUNCATED_TLV", P);
  }
});

Deno.test("parseFrame rejects a TLV longer than the rest of the payload with TLV_LENGTH_OVERFLOW", () => {
  const payload = concat(CANCEL, new Uint8Array([230, 10, 1, 2, 3]));
  const e = assertThrowsCode(() => parseFrame(rawFrame(payload)), "TLV_LENGTH_OVERFLOW", P + 12);
  assert.deepEqual([e.details.type, e.details.length], [230, 10]);
  const ext = concat(extendedTlv(230, new Uint8Array(300)).subarray(0, 200));
  assertThrowsCode(() => parseFrame(rawFrame(ext)), "TLV_LENGTH_OVERFLOW", P);
});

Deno.test("parseFrame rejects TLV type 0 with INVALID_TLV_TYPE at the type byte", () => {
  assertThrowsCode(
    () => parseFrame(rawFrame(concat(CANCEL, tlv(0, [1])))),
    "INVALID_TLV_TYPE",
    P + 12,
  );
  // A lone type-0 byte is invalid, not merely cut short.
  assertThrowsCode(() => parseFrame(rawFrame(new Uint8Array([0]))), "INVALID_TLV_TYPE", P);
});

Deno.test("parseFrame rejects type 0 or 255 inside an extended TLV with INVALID_TLV_TYPE at its type byte", () => {
  for (const type of [0, 255]) {
    const e = assertThrowsCode(
      () => parseFrame(rawFrame(extendedTlv(type, new Uint8Array(256)))),
      "INVALID_TLV_TYPE",
      P + 2,
    );
    assert.equal(e.details.type, type);
  }
});

Deno.test("parseFrame rejects an extended TLV with a non-zero reserved byte with EXTENDED_RESERVED", () => {
  for (const reserved of [1, 0x80, 0xff]) {
    assertThrowsCode(
      () => parseFrame(rawFrame(concat(CANCEL, extendedTlv(230, new Uint8Array(300), reserved)))),
      "EXTENDED_RESERVED",
      P + 12 + 1,
    );
  }
});

Deno.test("parseFrame rejects an extended TLV of 255 bytes or less with NON_CANONICAL_TLV", () => {
  for (const length of [0, 1, 10, 255]) {
    const e = assertThrowsCode(
      () => parseFrame(rawFrame(extendedTlv(230, new Uint8Array(length)))),
      "NON_CANONICAL_TLV",
      P,
    );
    assert.equal(e.details.length, length);
  }
  assert.equal(parseFrame(rawFrame(extendedTlv(230, new Uint8Array(256)))).payloadSize, 261);
});

Deno.test("parseFrame rejects a fixed-size type of the wrong length with WRONG_TLV_LENGTH", () => {
  for (const length of [0, 9, 11]) {
    const payload = concat(tlv(230, [1]), tlv(43, new Uint8Array(length)));
    const e = assertThrowsCode(() => parseFrame(rawFrame(payload)), "WRONG_TLV_LENGTH", P + 3);
    assert.deepEqual([e.details.type, e.details.length], [43, length]);
  }
  // A fixed type written in extended form has the wrong length too.
  const ext = extendedTlv(43, new Uint8Array(300));
  assertThrowsCode(() => parseFrame(rawFrame(ext)), "WRONG_TLV_LENGTH", P);
});

Deno.test("parseFrame rejects a variable type below its minimum size with WRONG_TLV_LENGTH", () => {
  // OrderBook: 41 fixed bytes plus the level count.
  assertThrowsCode(() => parseFrame(rawFrame(tlv(3, new Uint8Array(41)))), "WRONG_TLV_LENGTH", P);
  assert.equal(parseFrame(rawFrame(tlv(3, new Uint8Array(42)))).payloadSize, 44);
});

Deno.test("TLV error offsets count from the stream position passed as base", () => {
  const frame = rawFrame(concat(CANCEL, tlv(0, [])));
  const buf = concat(new Uint8Array(20), frame);
  assertThrowsCode(
    () => parseFrame(buf, 20, undefined, 1_000_000),
    "INVALID_TLV_TYPE",
    1_000_000 + 20 + 32 + 12,
  );
  assertThrowsCode(
    () => validateTlvs(new Uint8Array([9, 9, 0, 1]), 2, 4, 50),
    "INVALID_TLV_TYPE",
    52,
  );
});

Deno.test("unknown and vendor TLVs pass validation and come back raw", () => {
  const payload = concat(
    tlv(230, [1, 2, 3]),
    tlv(150, []),
    tlv(4, [9]),
    extendedTlv(254, new Uint8Array(256).fill(7)),
  );
  const frame = parseFrame(rawFrame(payload));
  const decoded = decodeTlvs(frame);
  assert.deepEqual(decoded.map((d) => d.type), [230, 150, 4, 254]);
  assert.deepEqual(decoded.map((d) => "raw" in d ? d.raw.length : -1), [3, 0, 1, 256]);
  assert.ok(decoded.every((d) => d.name === undefined));
});

Deno.test("TlvCursor walks standard and extended TLVs and reports their form", () => {
  const payload = concat(tlv(230, [5, 6]), extendedTlv(231, new Uint8Array(256)), tlv(232, []));
  const c = new TlvCursor(payload, 0, payload.length);
  const seen: Array<[number, number, number, boolean]> = [];
  while (c.next()) seen.push([c.type, c.valueOffset, c.length, c.extended]);
  assert.deepEqual(seen, [[230, 2, 2, false], [231, 9, 256, true], [232, 267, 0, false]]);
  assert.equal(c.next(), false);
  assert.equal(validateTlvs(payload, 0, payload.length), 3);
});
