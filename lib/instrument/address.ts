// lib/instrument/address.ts — one job: EVM address text (validation, EIP-55, lower-casing).
import { keccak256 } from "./_keccak.ts";
import { InstrumentError } from "./errors.ts";

/** An EVM address as text: `0x` followed by 40 hex digits. */
export type Address = `0x${string}`;

/** Options of `isAddress`. */
export interface IsAddressOptions {
  /** When true (the default), a mixed-case address must match its EIP-55 checksum. */
  readonly strict?: boolean;
}

const SHAPE = /^0x[0-9a-fA-F]{40}$/;

function checksumOf(lowerHex40: string): string {
  const hash = keccak256(new TextEncoder().encode(lowerHex40));
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const c = lowerHex40[i]!;
    const byte = hash[i >>> 1]!;
    const nibble = (i & 1) === 0 ? byte >>> 4 : byte & 0x0f;
    out += c >= "a" && nibble >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

// Mixed case is a checksum claim; all-lower or all-upper carries no checksum.
function isMixedCase(hex40: string): boolean {
  return hex40 !== hex40.toLowerCase() && hex40 !== hex40.toUpperCase();
}

/**
 * Whether `text` is an EVM address: `0x` and 40 hex digits. With `strict` (the default), a
 * mixed-case address must also match its EIP-55 checksum; all-lower and all-upper case pass.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAddress } from "./address.ts";
 * assert(isAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
 * assert(!isAddress("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
 * assert(isAddress("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed", { strict: false }));
 * ```
 */
export function isAddress(text: string, options: IsAddressOptions = {}): text is Address {
  if (!SHAPE.test(text)) return false;
  const hex = text.slice(2);
  if (options.strict === false || !isMixedCase(hex)) return true;
  return checksumOf(hex.toLowerCase()) === text;
}

function assertAddress(text: string): void {
  if (!SHAPE.test(text)) {
    throw new InstrumentError(
      "BAD_ADDRESS",
      `Invalid address ${JSON.stringify(text)}: expected 0x and 40 hex digits`,
      { address: text },
    );
  }
  if (isMixedCase(text.slice(2)) && checksumOf(text.slice(2).toLowerCase()) !== text) {
    throw new InstrumentError(
      "BAD_ADDRESS",
      `Address ${text} is mixed-case but does not match its EIP-55 checksum`,
      { address: text },
    );
  }
}

/**
 * The EIP-55 checksummed form of an address.
 *
 * @throws {InstrumentError} `BAD_ADDRESS` when `text` is not `0x` and 40 hex digits, or is
 * mixed-case with a wrong checksum (a likely typo, so it is not silently re-checksummed).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toChecksumAddress } from "./address.ts";
 * const a = toChecksumAddress("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359");
 * assert(a === "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
 * ```
 */
export function toChecksumAddress(text: string): Address {
  assertAddress(text);
  return checksumOf(text.slice(2).toLowerCase()) as Address;
}

/**
 * The lower-case form of an address, the form instrument ids hold.
 *
 * @throws {InstrumentError} `BAD_ADDRESS` when `text` is not `0x` and 40 hex digits, or is
 * mixed-case with a wrong checksum.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeAddress } from "./address.ts";
 * const a = normalizeAddress("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");
 * assert(a === "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb");
 * ```
 */
export function normalizeAddress(text: string): Address {
  assertAddress(text);
  return text.toLowerCase() as Address;
}
