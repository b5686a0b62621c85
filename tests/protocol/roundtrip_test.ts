// tests/protocol/roundtrip_test.ts — every type round-trips: decode(encode(x)) equals x and
// encode(decode(bytes)) equals bytes, for values generated from the layout field kinds.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildFrame,
  codecOf,
  type DecodedTlv,
  decodeTlvs,
  LAYOUTS,
  parseFrame,
  type TlvEntry,
} from "../../lib/protocol/mod.ts";
import { frameArgsArb, headerArb, type HeaderArgs, normalize, valueArb } from "./_arbitraries.ts";

const RUNS = 200;

function build(h: HeaderArgs, tlvs: readonly TlvEntry[]): Uint8Array {
  return buildFrame(h.domain, h.source, h.sequence, tlvs, {
    timestampNs: h.timestampNs,
    checksum: h.checksum,
  });
}

function entryOf(d: DecodedTlv): TlvEntry {
  return "raw" in d ? [d.type, d.raw.slice()] : [d.type, d.value] as never;
}

for (const layout of LAYOUTS) {
  Deno.test(`${layout.name} round-trips through a frame for any valid value`, () => {
    fc.assert(
      fc.property(headerArb, valueArb(layout), (h, value) => {
        const bytes = build(h, [[layout.type, value] as never]);
        const frame = parseFrame(bytes);
        assert.equal(frame.sequence, h.sequence);
        assert.equal(frame.timestampNs, h.timestampNs);
        assert.equal(frame.hasChecksum, h.checksum);
        const [tlv, ...rest] = decodeTlvs(frame);
        assert.equal(rest.length, 0);
        assert.ok(tlv !== undefined && "value" in tlv);
        assert.equal(tlv.name, layout.name);
        assert.deepEqual(tlv.value, normalize(layout, value));
        // encode(decode(bytes)) === bytes
        assert.deepEqual(build(h, [entryOf(tlv)]), bytes);
      }),
      { numRuns: RUNS },
    );
  });
}

Deno.test("a value uses the extended TLV form exactly when it is over 255 bytes", () => {
  const variable = LAYOUTS.filter((l) => "tail" in l);
  fc.assert(
    fc.property(
      fc.constantFrom(...variable).chain((l) => valueArb(l).map((v) => [l, v] as const)),
      ([layout, value]) => {
        const size = codecOf(layout.type)!.sizeOf(value);
        const bytes = build(
          { domain: 2, source: 1, sequence: 1n, timestampNs: 0n, checksum: false },
          [[layout.type, value] as never],
        );
        if (size > 255) {
          assert.deepEqual([...bytes.subarray(32, 35)], [0xff, 0, layout.type]);
          assert.equal(bytes[35]! | (bytes[36]! << 8), size);
        } else {
          assert.deepEqual([...bytes.subarray(32, 34)], [layout.type, size]);
        }
        assert.equal(bytes.length, 32 + size + (size > 255 ? 5 : 2));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("frames of several known and raw TLVs round-trip byte for byte", () => {
  fc.assert(
    fc.property(frameArgsArb, ({ header, tlvs }) => {
      const bytes = build(header, tlvs);
      const decoded = decodeTlvs(parseFrame(bytes));
      assert.equal(decoded.length, tlvs.length);
      decoded.forEach((d, i) => {
        const [type, value] = tlvs[i]!;
        assert.equal(d.type, type);
        if (value instanceof Uint8Array) assert.deepEqual("raw" in d && d.raw, value);
        else {
          const layout = codecOf(type)!.layout;
          assert.deepEqual("value" in d && d.value, normalize(layout, value as never));
        }
      });
      assert.deepEqual(build(header, decoded.map(entryOf)), bytes);
    }),
    { numRuns: 300 },
  );
});
