// lib/instrument/_fnv.ts — one job: 64-bit FNV-1a over bytes, in 32-bit halves.

/**
 * 64-bit FNV-1a of `length` bytes of `bytes` from `offset`. Computed on 32-bit halves (no
 * bigint until the end) since it runs once per map lookup.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fnv1a64 } from "./_fnv.ts";
 * assert(fnv1a64(new TextEncoder().encode("a"), 0, 1) === 0xaf63dc4c8601ec8cn);
 * ```
 */
export function fnv1a64(bytes: Uint8Array, offset: number, length: number): bigint {
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (let i = 0; i < length; i++) {
    lo ^= bytes[offset + i]!;
    // h * 0x100000001b3 mod 2^64 = h * 0x1b3 + (h << 40)
    const loMul = (lo >>> 0) * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = loMul >>> 0;
  }
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
