// tests/protocol/_arbitraries.ts — fast-check generators of valid TLV values, derived from the
// field kinds of each layout, and of whole frames.
import fc from "fast-check";
import {
  type FieldKind,
  type FieldSpec,
  LAYOUTS,
  type RelayDomain,
  type TlvEntry,
  type TlvLayout,
} from "../../lib/protocol/mod.ts";

const hexOf = (bytes: Uint8Array) =>
  "0x" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** `size` random bytes as 0x hex, sometimes upper-case (the codec accepts either). */
export function hexArb(size: number): fc.Arbitrary<string> {
  return fc.tuple(fc.uint8Array({ minLength: size, maxLength: size }), fc.boolean()).map((
    [b, upper],
  ) => {
    const h = hexOf(b);
    return upper ? "0x" + h.slice(2).toUpperCase() : h;
  });
}

const range = (min: bigint, max: bigint) => fc.bigInt({ min, max });

/** A valid value of one field kind. */
export function kindArb(kind: FieldKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case "u8":
      return fc.integer({ min: 0, max: 255 });
    case "u16":
      return fc.integer({ min: 0, max: 65535 });
    case "u32":
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case "i32":
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case "u64":
      return range(0n, 2n ** 64n - 1n);
    case "i64":
      return range(-(2n ** 63n), 2n ** 63n - 1n);
    case "u128":
      return range(0n, 2n ** 128n - 1n);
    case "i128":
      return range(-(2n ** 127n), 2n ** 127n - 1n);
    case "u160":
      return range(0n, 2n ** 160n - 1n);
    case "address":
      return hexArb(20);
    case "bytes32":
    case "instrument":
      return hexArb(32);
  }
}

function fieldsArb(fields: readonly FieldSpec[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, kindArb(f.kind)])));
}

/** A valid value of a layout: its fields, plus 0..6 list items, text or bytes for a tail. */
export function valueArb(layout: TlvLayout): fc.Arbitrary<Record<string, unknown>> {
  const head = fieldsArb(layout.fields);
  const tail = layout.tail;
  if (tail === undefined) return head;
  const tailArb: fc.Arbitrary<unknown> = tail.kind === "list"
    ? fc.array(fieldsArb(tail.item), { maxLength: 6 })
    : tail.kind === "text"
    ? fc.string({ unit: "grapheme", maxLength: 120 })
    : fc.uint8Array({ maxLength: 400 }).map(hexOf);
  return fc.tuple(head, tailArb).map(([h, t]) => ({ ...h, [tail.name]: t }));
}

/** The canonical form of a value for comparison: byte fields in lower case. */
export function normalize(layout: TlvLayout, value: Record<string, unknown>): unknown {
  const fix = (fields: readonly FieldSpec[], v: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...v };
    for (const f of fields) {
      if (typeof out[f.name] === "string") out[f.name] = (out[f.name] as string).toLowerCase();
    }
    return out;
  };
  const out = fix(layout.fields, value);
  const tail = layout.tail;
  if (tail?.kind === "list") {
    out[tail.name] = (value[tail.name] as Record<string, unknown>[]).map((i) => fix(tail.item, i));
  } else if (tail?.kind === "bytes") {
    out[tail.name] = (value[tail.name] as string).toLowerCase();
  }
  return out;
}

/** Header fields of a frame. */
export interface HeaderArgs {
  domain: RelayDomain;
  source: number;
  sequence: bigint;
  timestampNs: bigint;
  checksum: boolean;
}

/** Valid header fields. */
export const headerArb: fc.Arbitrary<HeaderArgs> = fc.record({
  domain: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<RelayDomain>,
  source: fc.integer({ min: 0, max: 255 }),
  sequence: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
  timestampNs: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  checksum: fc.boolean(),
});

/** A TLV entry of a known type with a valid value. */
export const knownEntryArb: fc.Arbitrary<TlvEntry> = fc.constantFrom(...LAYOUTS).chain((l) =>
  valueArb(l).map((v) => [l.type, v] as never as TlvEntry)
);

/** A raw TLV of an unallocated or vendor type (passed through by readers). */
export const rawEntryArb: fc.Arbitrary<TlvEntry> = fc.tuple(
  fc.integer({ min: 120, max: 254 }),
  fc.uint8Array({ maxLength: 300 }),
).map(([t, v]) => [t, v] as const);

/** Valid header fields and 0..5 TLVs, known and raw. */
export const frameArgsArb: fc.Arbitrary<{ header: HeaderArgs; tlvs: TlvEntry[] }> = fc.record({
  header: headerArb,
  tlvs: fc.array(fc.oneof({ weight: 4, arbitrary: knownEntryArb }, rawEntryArb), {
    maxLength: 5,
  }),
});
