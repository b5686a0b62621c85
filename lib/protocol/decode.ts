// lib/protocol/decode.ts — one job: typed values out of validated TLVs.
import type { Frame } from "./frame.ts";
import { ProtocolError } from "./errors.ts";
import { codecOf, type KnownTlvType, type TlvName, type TlvValues } from "./tlv_types.ts";

/** A decoded TLV: a typed value for known types, raw bytes for the rest (passed through). */
export type DecodedTlv =
  | { [T in KnownTlvType]: { type: T; name: TlvName; value: TlvValues[T] } }[KnownTlvType]
  | { type: number; name?: undefined; raw: Uint8Array };

const views = new WeakMap<ArrayBufferLike, DataView>();

function viewOf(bytes: Uint8Array): DataView {
  // Offsets in codecs are relative to `bytes`, so the view must start where it starts.
  if (bytes.byteOffset === 0) {
    let v = views.get(bytes.buffer);
    if (v === undefined) views.set(bytes.buffer, v = new DataView(bytes.buffer));
    return v;
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decode the value of a known type at `bytes[offset, offset + length)`. Throws
 * WRONG_TLV_LENGTH or BAD_FIELD (with the offset) when the value does not fit its layout,
 * INVALID_TLV_TYPE for an unknown type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeTlvValue, TlvType } from "./mod.ts";
 * const v = new Uint8Array(10); v[0] = 7; v[8] = 3;
 * const cancel = decodeTlvValue(TlvType.OrderCancel, v, 0, 10);
 * assert(cancel.orderId === 7n && cancel.reasonCode === 3);
 * ```
 */
export function decodeTlvValue<T extends KnownTlvType>(
  type: T,
  bytes: Uint8Array,
  offset: number,
  length: number,
): TlvValues[T] {
  const codec = codecOf(type);
  if (codec === undefined) {
    throw new ProtocolError("INVALID_TLV_TYPE", `TLV type ${type} has no typed layout`, offset, {
      type,
    });
  }
  return codec.decode(viewOf(bytes), bytes, offset, length) as TlvValues[T];
}

/**
 * Decode every TLV of a validated frame, in order. Unknown types come back raw (a view).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, decodeTlvs, parseFrame, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.System, 6, 1n, [
 *   [TlvType.SequenceSync, { source: 1, domain: 1, lastSequence: 10n }],
 *   [230, new Uint8Array([1, 2, 3])],
 * ]);
 * const [sync, vendor] = decodeTlvs(parseFrame(bytes));
 * assert(sync?.name === "SequenceSync" && vendor?.type === 230);
 * ```
 */
export function decodeTlvs(frame: Frame): DecodedTlv[] {
  const out: DecodedTlv[] = [];
  const c = frame.tlvs();
  const view = viewOf(frame.buffer);
  while (c.next()) {
    const codec = codecOf(c.type);
    if (codec === undefined) {
      out.push({
        type: c.type,
        raw: frame.buffer.subarray(c.valueOffset, c.valueOffset + c.length),
      });
    } else {
      out.push({
        type: c.type,
        name: codec.layout.name,
        value: codec.decode(view, frame.buffer, c.valueOffset, c.length),
      } as DecodedTlv);
    }
  }
  return out;
}
