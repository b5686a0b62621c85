// tests/protocol/layout_test.ts — the compiled layouts refuse every out-of-range value with
// FIELD_OUT_OF_RANGE naming the field, and the hex helpers.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  bytesToHex,
  FIELD_SIZES,
  type FieldKind,
  FrameBuilder,
  hexToBytes,
  RelayDomain,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { compileLayout } from "../../lib/protocol/layout.ts";
import { assertThrowsCode } from "./_assert.ts";

// One layout with a field of every kind, so each kind's checks are exercised alone.
const KINDS = Object.keys(FIELD_SIZES) as FieldKind[];
const ALL = compileLayout({
  type: 200,
  name: "AllKinds",
  doc: "",
  fields: KINDS.map((k) => ({ name: k, kind: k, doc: "" })),
});

const VALID: Record<FieldKind, unknown> = {
  u8: 255,
  u16: 65535,
  u32: 2 ** 32 - 1,
  i32: -(2 ** 31),
  u64: 2n ** 64n - 1n,
  i64: -(2n ** 63n),
  u128: 2n ** 128n - 1n,
  i128: -(2n ** 127n),
  u160: 2n ** 160n - 1n,
  address: "0x" + "Ab".repeat(20),
  bytes32: "0x" + "cd".repeat(32),
  instrument: "0x" + "EF".repeat(32),
};

const INVALID: Record<FieldKind, unknown[]> = {
  u8: [-1, 256, 1.5, "1", null, undefined, NaN],
  u16: [-1, 65536, 0.5],
  u32: [-1, 2 ** 32, 2.5, Infinity],
  i32: [-(2 ** 31) - 1, 2 ** 31, 0.1],
  u64: [-1n, 2n ** 64n, 1, "1"],
  i64: [-(2n ** 63n) - 1n, 2n ** 63n, 1],
  u128: [-1n, 2n ** 128n, 1, undefined],
  i128: [-(2n ** 127n) - 1n, 2n ** 127n, 1],
  u160: [-1n, 2n ** 160n, 1],
  address: [
    "0x" + "ab".repeat(19),
    "0x" + "ab".repeat(21),
    "ab".repeat(21),
    "0x" + "zz".repeat(20),
    1,
    null,
  ],
  bytes32: [
    "0x" + "ab".repeat(31),
    "0x" + "ab".repeat(20),
    "0X" + "ab".repeat(32),
    "0x" + "g".repeat(64),
  ],
  instrument: ["0x", "0x" + "ab".repeat(33), 0n],
};

function encodeAll(value: Record<string, unknown>): Uint8Array {
  const buf = new Uint8Array(ALL.fixedSize);
  ALL.encode(new DataView(buf.buffer), buf, 0, value);
  return buf;
}

Deno.test("every field kind accepts its extreme values and reads them back", () => {
  const buf = encodeAll(VALID);
  const back = ALL.decode(new DataView(buf.buffer), buf, 0, buf.length) as Record<string, unknown>;
  for (const k of KINDS) {
    const want = typeof VALID[k] === "string" ? (VALID[k] as string).toLowerCase() : VALID[k];
    assert.equal(back[k], want, k);
  }
});

for (const kind of KINDS) {
  Deno.test(`a ${kind} field outside its range is refused with FIELD_OUT_OF_RANGE naming it`, () => {
    for (const bad of INVALID[kind]) {
      const e = assertThrowsCode(
        () => encodeAll({ ...VALID, [kind]: bad }),
        "FIELD_OUT_OF_RANGE",
        0,
      );
      assert.equal(e.details.field, kind);
      assert.match(e.message, new RegExp(`^Field ${kind} must be a ${kind}`));
    }
  });
}

Deno.test("a number field given a bigint is refused with FIELD_OUT_OF_RANGE, not a TypeError", () => {
  for (const kind of ["u8", "u16", "u32", "i32"] as const) {
    const e = assertThrowsCode(() => encodeAll({ ...VALID, [kind]: 1n }), "FIELD_OUT_OF_RANGE", 0);
    assert.equal(e.details.field, kind);
  }
});

Deno.test("a hex string cached for one size is not accepted for another", () => {
  const address = "0x" + "12".repeat(20);
  encodeAll({ ...VALID, address }); // caches the 20-byte form
  assertThrowsCode(() => encodeAll({ ...VALID, bytes32: address }), "FIELD_OUT_OF_RANGE", 0);
});

// Each wide kind: bits, and whether it is two's complement.
const WIDE: Record<"u64" | "i64" | "u128" | "i128" | "u160", readonly [number, boolean]> = {
  u64: [64, false],
  i64: [64, true],
  u128: [128, false],
  i128: [128, true],
  u160: [160, false],
};

/** Little-endian bytes of x in `bits`, written one byte at a time, or undefined when out of range. */
function referenceBytes(x: bigint, bits: number, signed: boolean): Uint8Array | undefined {
  const lo = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const hi = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (x < lo || x > hi) return undefined;
  let u = BigInt.asUintN(bits, x);
  const out = new Uint8Array(bits / 8);
  for (let i = 0; i < out.length; i++, u >>= 8n) out[i] = Number(u & 255n);
  return out;
}

// Values near every limb edge the encoder branches on (2^53, 2^63, 2^64, 2^127, 2^128, 2^160).
const edgyBigint = fc.oneof(
  fc.bigInt({ min: -(2n ** 170n), max: 2n ** 170n }),
  fc.tuple(
    fc.constantFrom(0, 32, 53, 63, 64, 96, 127, 128, 159, 160, 161),
    fc.bigInt({ min: -3n, max: 3n }),
    fc.boolean(),
  ).map(([e, d, neg]) => (neg ? -1n : 1n) * (2n ** BigInt(e)) + d),
);

Deno.test("every bigint kind writes the reference two's complement bytes or refuses the value", () => {
  const codecs = Object.fromEntries(
    Object.keys(WIDE).map((
      k,
    ) => [
      k,
      compileLayout({
        type: 201,
        name: k,
        doc: "",
        fields: [{ name: "x", kind: k as FieldKind, doc: "" }],
      }),
    ]),
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...Object.keys(WIDE) as (keyof typeof WIDE)[]),
      edgyBigint,
      (kind, x) => {
        const [bits, signed] = WIDE[kind];
        const codec = codecs[kind]!;
        const buf = new Uint8Array(bits / 8 + 4).fill(0xa5); // stale bytes must all be overwritten
        const want = referenceBytes(x, bits, signed);
        if (want === undefined) {
          const e = assertThrowsCode(
            () => codec.encode(new DataView(buf.buffer), buf, 2, { x }),
            "FIELD_OUT_OF_RANGE",
            0,
          );
          assert.equal(e.details.field, "x");
          return;
        }
        codec.encode(new DataView(buf.buffer), buf, 2, { x });
        assert.deepEqual(buf.subarray(2, 2 + bits / 8), want, `${kind} ${x}`);
        assert.equal(buf[0], 0xa5);
        assert.equal(buf[bits / 8 + 2], 0xa5);
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("a hex field given different values in turn writes each one, and refuses a bad one after a good one", () => {
  const values = ["0x" + "01".repeat(20), "0x" + "Fe".repeat(20), "0x" + "01".repeat(20)];
  for (const address of values) {
    const back = ALL.decode(...decodeArgs(encodeAll({ ...VALID, address }))) as { address: string };
    assert.equal(back.address, address.toLowerCase());
  }
  for (const bad of INVALID.address) {
    encodeAll({ ...VALID, address: values[0] });
    assertThrowsCode(() => encodeAll({ ...VALID, address: bad }), "FIELD_OUT_OF_RANGE", 0);
  }
});

Deno.test("hex fields read every digit in either case and refuse any other character", () => {
  // Every byte value, upper- and lower-case digits, eight 32-byte values.
  for (let start = 0; start < 256; start += 32) {
    const bytes = Array.from({ length: 32 }, (_, i) => start + i);
    const lower = "0x" + bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
    for (const bytes32 of [lower, "0x" + lower.slice(2).toUpperCase()]) {
      const buf = encodeAll({ ...VALID, bytes32 });
      const back = ALL.decode(...decodeArgs(buf)) as { bytes32: string };
      assert.equal(back.bytes32, lower);
    }
  }
  for (const c of ["g", "G", "/", ":", "@", "`", " ", "\u0660", "\u{1d7ce}", "\u0130"]) {
    const bytes32 = ("0x" + "ab".repeat(32)).slice(0, 64) + c + "0".repeat(2 - c.length);
    assert.equal(bytes32.length, 66); // right length, one bad character (an astral one is two units)
    assertThrowsCode(() => encodeAll({ ...VALID, bytes32 }), "FIELD_OUT_OF_RANGE", 0);
  }
});

Deno.test("a remembered hex value stays right after other values refill the whole hex cache", () => {
  const address = "0x" + "5a".repeat(20);
  const first = ALL.decode(...decodeArgs(encodeAll({ ...VALID, address }))) as { address: string };
  assert.equal(first.address, address);
  // More distinct values than the cache holds, through another layout: the cache recycles.
  const other = compileLayout({
    type: 202,
    name: "OneHash",
    doc: "",
    fields: [{ name: "h", kind: "bytes32", doc: "" }],
  });
  const buf = new Uint8Array(32);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < 70_000; i++) {
    const h = `0x${i.toString(16).padStart(64, "0")}`;
    other.encode(view, buf, 0, { h });
    if (i % 9_999 === 0) assert.equal(bytesToHex(buf), h);
  }
  const again = ALL.decode(...decodeArgs(encodeAll({ ...VALID, address }))) as { address: string };
  assert.equal(again.address, address);
});

function decodeArgs(buf: Uint8Array): [DataView, Uint8Array, number, number] {
  return [new DataView(buf.buffer), buf, 0, buf.length];
}

Deno.test("a list tail must be an array of at most 255 items", () => {
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.MarketData);
  const book = {
    instrument: VALID.bytes32 as `0x${string}`,
    exchangeTimestampNs: 0n,
    sizeDecimals: 0,
  };
  for (const levels of [null, "x", Array(256).fill(0)]) {
    const e = assertThrowsCode(
      () => b.add(TlvType.OrderBook, { ...book, levels } as never),
      "FIELD_OUT_OF_RANGE",
      0,
    );
    assert.equal(e.details.field, "levels");
  }
  const e = assertThrowsCode(
    () => b.add(TlvType.OrderBook, { ...book, levels: [{ side: 1, price: 1, size: 0n }] } as never),
    "FIELD_OUT_OF_RANGE",
    0,
  );
  assert.equal(e.details.field, "price");
});

Deno.test("a list of 256 items holding bigints is refused with FIELD_OUT_OF_RANGE, not a TypeError", () => {
  // The error message must not JSON.stringify the offending list: its items hold bigints.
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.MarketData);
  const book = {
    instrument: VALID.bytes32 as `0x${string}`,
    exchangeTimestampNs: 0n,
    sizeDecimals: 0,
  };
  const levels = Array(256).fill({ side: 1, price: 0n, size: 0n });
  const e = assertThrowsCode(
    () => b.add(TlvType.OrderBook, { ...book, levels }),
    "FIELD_OUT_OF_RANGE",
    0,
  );
  assert.equal(e.details.field, "levels");
});

Deno.test("a text tail must be a string and a bytes tail whole 0x hex bytes", () => {
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.System);
  const err = { errorCode: 1, source: 1, relatedSequence: 0n };
  for (const message of [1, null, undefined]) {
    assertThrowsCode(
      () => b.add(TlvType.Error, { ...err, message } as never),
      "FIELD_OUT_OF_RANGE",
      0,
    );
  }
  const snap = { source: 1, domain: 1, asOfSequence: 1n };
  for (const state of ["0x1", "12", "0xzz", 7]) {
    const e = assertThrowsCode(
      () => b.add(TlvType.Snapshot, { ...snap, state } as never),
      "FIELD_OUT_OF_RANGE",
      0,
    );
    assert.equal(e.details.field, "state");
  }
});

Deno.test("encoding Error text with a lone surrogate fails instead of altering the text", () => {
  // TextEncoder would silently write U+FFFD, so decode(encode(x)) would differ from x.
  const b = new FrameBuilder({ source: 1 }).begin(RelayDomain.System);
  assertThrowsCode(
    () =>
      b.add(TlvType.Error, { errorCode: 1, source: 1, relatedSequence: 0n, message: "a\ud800b" }),
    "FIELD_OUT_OF_RANGE",
    0,
  );
});

Deno.test("hexToBytes reads any even-length 0x hex and rejects the rest with BAD_FIELD", () => {
  assert.deepEqual(hexToBytes("0x"), new Uint8Array(0));
  assert.deepEqual(hexToBytes("0x00fFaB"), new Uint8Array([0, 255, 171]));
  for (const bad of ["", "00", "0x0", "0xgg", "0x 0"]) {
    const e = assertThrowsCode(() => hexToBytes(bad, "raw"), "BAD_FIELD", 0);
    assert.equal(e.details.field, "raw");
  }
});

Deno.test("bytesToHex writes lower-case hex of a range", () => {
  const b = new Uint8Array([0, 1, 0xab, 0xff]);
  assert.equal(bytesToHex(b), "0x0001abff");
  assert.equal(bytesToHex(b, 2), "0xabff");
  assert.equal(bytesToHex(b, 1, 2), "0x01ab");
  assert.equal(bytesToHex(b, 0, 0), "0x");
});
