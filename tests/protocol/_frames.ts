// tests/protocol/_frames.ts — frames written by hand (DataView and node:zlib), independent of
// FrameBuilder, so reader tests can craft any header, valid or not.
import { crc32 } from "node:zlib";

/** Header fields of a hand-made frame; anything left out gets a valid default. */
export interface RawHeader {
  magic?: number;
  domain?: number;
  version?: number;
  source?: number;
  flags?: number;
  sequence?: bigint;
  timestampNs?: bigint;
  /** Written into payload_size instead of the real payload length. */
  payloadSize?: number;
  /** Written into the checksum field instead of the CRC (or 0 without the flag). */
  checksum?: number;
}

/** A standard TLV `[type][length][value]`. */
export function tlv(type: number, value: Uint8Array | number[]): Uint8Array {
  const v = value instanceof Uint8Array ? value : new Uint8Array(value);
  return new Uint8Array([type, v.length, ...v]);
}

/** An extended TLV `[0xFF][reserved][type][length u16 LE][value]`. */
export function extendedTlv(type: number, value: Uint8Array, reserved = 0): Uint8Array {
  return new Uint8Array([0xff, reserved, type, value.length & 0xff, value.length >> 8, ...value]);
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A frame around `payload`; with flag bit 0 set the CRC is zlib's over bytes 0..28 + payload. */
export function rawFrame(payload: Uint8Array, h: RawHeader = {}): Uint8Array {
  const out = new Uint8Array(32 + payload.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, h.magic ?? 0xdeadbeef, true);
  out[4] = h.domain ?? 2;
  out[5] = h.version ?? 1;
  out[6] = h.source ?? 3;
  out[7] = h.flags ?? 1;
  v.setBigUint64(8, h.sequence ?? 1n, true);
  v.setBigUint64(16, h.timestampNs ?? 1_700_000_000_000_000_000n, true);
  v.setUint32(24, h.payloadSize ?? payload.length, true);
  out.set(payload, 32);
  const crc = (out[7]! & 1) === 0 ? 0 : crc32(concat(out.subarray(0, 28), payload)) >>> 0;
  v.setUint32(28, h.checksum ?? crc, true);
  return out;
}

/** A valid OrderCancel value (10 bytes): order id 1, reason 0. */
export const CANCEL_VALUE = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
