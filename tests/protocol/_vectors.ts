// tests/protocol/_vectors.ts — load the golden frames of tests/vectors/protocol_vectors.json.
import type { RelayDomain, TlvEntry } from "../../lib/protocol/mod.ts";

/** One TLV of a vector: a typed value by name, or raw value bytes. */
export type VectorTlv =
  | { type: number; name: string; value: Record<string, unknown> }
  | { type: number; raw: string };

/** One golden frame, as written by make_protocol_vectors.py. */
export interface ProtocolVector {
  name: string;
  domain: RelayDomain;
  source: number;
  sequence: string;
  timestampNs: string;
  checksum: boolean;
  tlvs: VectorTlv[];
  hex: string;
}

const file = new URL("../vectors/protocol_vectors.json", import.meta.url);

/** Every vector of the file, in file order. */
export const VECTORS: readonly ProtocolVector[] =
  (JSON.parse(Deno.readTextFileSync(file)) as { vectors: ProtocolVector[] }).vectors;

// Tails that hold text or bytes, never a decimal integer.
const TEXT_KEYS = new Set(["message", "state"]);

/** The typed value of a vector's JSON value: wide integers (decimal strings) become bigints. */
export function typedValue(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(json)) {
    if (Array.isArray(v)) out[key] = v.map((item) => typedValue(item as Record<string, unknown>));
    else if (typeof v === "string" && !TEXT_KEYS.has(key) && /^-?[0-9]+$/.test(v)) {
      out[key] = BigInt(v);
    } else out[key] = v;
  }
  return out;
}

/** Bytes of a hex string with or without `0x`. */
export function fromHex(hex: string): Uint8Array {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lower-case hex of bytes, without `0x`. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The TLV entries of a vector, ready for buildFrame. */
export function vectorEntries(v: ProtocolVector): TlvEntry[] {
  return v.tlvs.map((t) =>
    "raw" in t ? [t.type, fromHex(t.raw)] as const : [t.type, typedValue(t.value)] as never
  );
}

/** The bytes of a vector's frame. */
export function vectorBytes(v: ProtocolVector): Uint8Array {
  return fromHex(v.hex);
}
