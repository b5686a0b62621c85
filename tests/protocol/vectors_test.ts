// tests/protocol/vectors_test.ts — the codec against golden frames made independently (Python).
import assert from "node:assert/strict";
import {
  buildFrame,
  decodeTlvs,
  LAYOUTS,
  parseFrame,
  TlvType,
  validateTlvs,
} from "../../lib/protocol/mod.ts";
import { fromHex, toHex, typedValue, vectorBytes, vectorEntries, VECTORS } from "./_vectors.ts";

function build(v: (typeof VECTORS)[number]): Uint8Array {
  return buildFrame(v.domain, v.source, BigInt(v.sequence), vectorEntries(v), {
    timestampNs: BigInt(v.timestampNs),
    checksum: v.checksum,
  });
}

Deno.test("the golden vectors cover every numbered TLV type of the layout table", () => {
  const covered = new Set(
    VECTORS.flatMap((v) => v.tlvs.filter((t) => "name" in t).map((t) => t.type)),
  );
  const all = new Set(LAYOUTS.map((l) => l.type as number));
  assert.equal(all.size, 31);
  assert.deepEqual([...all].filter((t) => !covered.has(t)), []);
  assert.deepEqual(new Set(Object.values(TlvType) as number[]), all);
});

Deno.test("the golden vectors include frames with and without the CRC flag", () => {
  const flags = new Set(VECTORS.map((v) => vectorBytes(v)[7]));
  assert.deepEqual(flags, new Set([0, 1]));
});

for (const v of VECTORS) {
  Deno.test(`buildFrame writes the golden bytes of ${v.name}`, () => {
    assert.equal(toHex(build(v)), v.hex);
  });

  Deno.test(`parseFrame and decodeTlvs read back the golden value of ${v.name}`, () => {
    const frame = parseFrame(vectorBytes(v));
    assert.equal(frame.domain, v.domain);
    assert.equal(frame.source, v.source);
    assert.equal(frame.sequence, BigInt(v.sequence));
    assert.equal(frame.timestampNs, BigInt(v.timestampNs));
    assert.equal(frame.hasChecksum, v.checksum);
    assert.equal(frame.size, v.hex.length / 2);
    const decoded = decodeTlvs(frame);
    assert.equal(decoded.length, v.tlvs.length);
    decoded.forEach((d, i) => {
      const want = v.tlvs[i]!;
      assert.equal(d.type, want.type);
      if ("raw" in want) {
        assert.equal(d.name, undefined);
        assert.ok("raw" in d);
        assert.deepEqual(d.raw, fromHex(want.raw));
      } else {
        assert.equal(d.name, want.name);
        assert.ok("value" in d);
        assert.deepEqual(d.value, typedValue(want.value));
      }
    });
  });
}

Deno.test("an ArbitrageSignal with four hops is over 255 bytes and uses the extended TLV form", () => {
  const v = VECTORS.find((x) => x.name === "ArbitrageSignal")!;
  const bytes = vectorBytes(v);
  // [0xFF][0x00][type][length u16 LE]: 172 fixed bytes plus four 104-byte hops.
  assert.deepEqual([...bytes.subarray(32, 37)], [0xff, 0x00, 32, 588 & 0xff, 588 >> 8]);
  assert.equal(validateTlvs(bytes, 32, bytes.length), 1);
  const [tlv] = decodeTlvs(parseFrame(bytes));
  assert.ok(tlv !== undefined && "value" in tlv && tlv.name === "ArbitrageSignal");
  assert.equal((tlv.value as { hops: unknown[] }).hops.length, 4);
});

Deno.test("a sqrtPriceX96 above 2^128 survives whole in the golden PoolSwap", () => {
  const v = VECTORS.find((x) => x.name === "PoolSwap")!;
  const [tlv] = decodeTlvs(parseFrame(vectorBytes(v)));
  assert.ok(tlv !== undefined && "value" in tlv);
  const price = (tlv.value as { sqrtPriceX96: bigint }).sqrtPriceX96;
  assert.ok(price > 1n << 128n);
  assert.equal(price, (1n << 128n) + (1n << 96n) + 12345n);
});
