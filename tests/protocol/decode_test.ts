// tests/protocol/decode_test.ts — decodeTlvs and decodeTlvValue: typed values, raw pass-through,
// and the value errors (BAD_FIELD, list lengths), which parseFrame already raises so that every
// frame it accepts decodes.
import assert from "node:assert/strict";
import { decodeTlvs, decodeTlvValue, parseFrame, TlvType } from "../../lib/protocol/mod.ts";
import { assertThrowsCode } from "./_assert.ts";
import { concat, rawFrame, tlv } from "./_frames.ts";

// Error value: errorCode u16, source u8, relatedSequence u64, then UTF-8 text (offset 11).
function errorValue(text: Uint8Array): Uint8Array {
  return concat(new Uint8Array([0xf4, 0x01, 2, 77, 0, 0, 0, 0, 0, 0, 0]), text);
}

Deno.test("parseFrame rejects an Error TLV whose text is not UTF-8 with BAD_FIELD at the text", () => {
  const bytes = rawFrame(
    concat(tlv(230, [1]), tlv(102, errorValue(new Uint8Array([0x41, 0xc3, 0x28])))),
  );
  const e = assertThrowsCode(() => parseFrame(bytes), "BAD_FIELD", 32 + 3 + 2 + 11);
  assert.match(e.message, /message is not valid UTF-8/);
});

Deno.test("decodeTlvValue rejects Error text that is not UTF-8 with BAD_FIELD at the text", () => {
  const value = errorValue(new Uint8Array([0x41, 0xc3, 0x28]));
  const e = assertThrowsCode(
    () => decodeTlvValue(TlvType.Error, value, 0, value.length),
    "BAD_FIELD",
    11,
  );
  assert.equal(e.details.field, "message");
  assert.ok(e.cause instanceof TypeError);
});

Deno.test("parseFrame rejects overlong and surrogate UTF-8 in Error text with BAD_FIELD", () => {
  for (
    const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]]
  ) {
    const bytes = rawFrame(tlv(102, errorValue(new Uint8Array(bad))));
    assertThrowsCode(() => parseFrame(bytes), "BAD_FIELD", 32 + 2 + 11);
  }
});

Deno.test("decodeTlvs keeps a leading byte-order mark in Error text", () => {
  const text = new TextEncoder().encode("\uFEFFhi");
  const [t] = decodeTlvs(parseFrame(rawFrame(tlv(102, errorValue(text)))));
  assert.ok(t !== undefined && "value" in t);
  assert.equal((t.value as { message: string }).message, "\uFEFFhi");
});

Deno.test("parseFrame rejects a list whose count disagrees with its length with WRONG_TLV_LENGTH", () => {
  // OrderBook: 41 fixed bytes, count 2, but only one 25-byte level follows.
  const value = new Uint8Array(42 + 25);
  value[41] = 2;
  const e = assertThrowsCode(() => parseFrame(rawFrame(tlv(3, value))), "WRONG_TLV_LENGTH", 32);
  assert.match(e.message, /OrderBook \(type 3\): value is 67 bytes but its 2 levels take 92/);
  const d = assertThrowsCode(
    () => decodeTlvValue(TlvType.OrderBook, value, 0, value.length),
    "WRONG_TLV_LENGTH",
    0,
  );
  assert.match(d.message, /OrderBook value is 67 bytes, expected 92/);
});

Deno.test("decodeTlvValue decodes a value at any offset of a buffer view", () => {
  const backing = new Uint8Array(64);
  const view = backing.subarray(5, 40); // byteOffset 5: the decoder must not read from 0
  view[3] = 7; // orderId = 7 at offset 3
  view[11] = 1; // reasonCode = 1
  const v = decodeTlvValue(TlvType.OrderCancel, view, 3, 10);
  assert.deepEqual(v, { orderId: 7n, reasonCode: 1 });
});

Deno.test("decodeTlvValue rejects a type without a layout with INVALID_TLV_TYPE", () => {
  assertThrowsCode(
    () => decodeTlvValue(230 as never, new Uint8Array(4), 1, 2),
    "INVALID_TLV_TYPE",
    1,
  );
});

Deno.test("decodeTlvValue rejects a fixed type of the wrong length with WRONG_TLV_LENGTH at the value", () => {
  assertThrowsCode(
    () => decodeTlvValue(TlvType.OrderCancel, new Uint8Array(20), 4, 9),
    "WRONG_TLV_LENGTH",
    4,
  );
  assertThrowsCode(
    () => decodeTlvValue(TlvType.Error, new Uint8Array(20), 2, 10),
    "WRONG_TLV_LENGTH",
    2,
  );
  assertThrowsCode(
    () => decodeTlvValue(TlvType.ArbitrageSignal, new Uint8Array(200), 0, 171),
    "WRONG_TLV_LENGTH",
    0,
  );
});

Deno.test("decodeTlvs returns raw TLVs as views of the frame, not copies", () => {
  const bytes = rawFrame(tlv(230, [1, 2, 3]));
  const [t] = decodeTlvs(parseFrame(bytes));
  assert.ok(t !== undefined && "raw" in t);
  assert.equal(t.raw.buffer, bytes.buffer);
  assert.equal(t.raw.byteOffset, 34);
});
