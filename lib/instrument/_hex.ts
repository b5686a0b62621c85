// lib/instrument/_hex.ts — one job: 20-byte addresses between lower-case hex text and bytes.

const HEX_PAIRS: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => b.toString(16).padStart(2, "0"),
);

// Nibble value of each lower-case hex character code, -1 for anything else.
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLE[97 + i] = 10 + i;

/**
 * Whether `text` is `0x` followed by exactly 40 lower-case hex digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLowerHexAddress } from "./_hex.ts";
 * assert(isLowerHexAddress("0x" + "ab".repeat(20)) && !isLowerHexAddress("0x" + "AB".repeat(20)));
 * ```
 */
export function isLowerHexAddress(text: string): text is `0x${string}` {
  if (text.length !== 42 || text.charCodeAt(0) !== 48 || text.charCodeAt(1) !== 120) return false;
  for (let i = 2; i < 42; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || NIBBLE[c]! < 0) return false;
  }
  return true;
}

/**
 * Writes the 20 bytes of an address already checked by `isLowerHexAddress` at `offset`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeAddress } from "./_hex.ts";
 * const out = new Uint8Array(20);
 * writeAddress("0x" + "0f".repeat(20), out, 0);
 * assert(out.every((b) => b === 15));
 * ```
 */
export function writeAddress(address: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 20; i++) {
    out[offset + i] = (NIBBLE[address.charCodeAt(2 + 2 * i)]! << 4) |
      NIBBLE[address.charCodeAt(3 + 2 * i)]!;
  }
}

/**
 * The lower-case hex address held in the 20 bytes at `offset`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAddress } from "./_hex.ts";
 * assert(readAddress(new Uint8Array(20).fill(255), 0) === "0x" + "ff".repeat(20));
 * ```
 */
export function readAddress(bytes: Uint8Array, offset: number): `0x${string}` {
  let s = "0x";
  for (let i = 0; i < 20; i++) s += HEX_PAIRS[bytes[offset + i]!]!;
  return s as `0x${string}`;
}
