// lib/amm/_uint.ts — one job: the EVM integer bounds and the range checks built on them.
import { AmmError, type AmmErrorCode } from "./errors.ts";

/** 2^256 - 1, the largest uint256. */
export const MAX_UINT256 = (1n << 256n) - 1n;
/** 2^255 - 1, the largest int256. */
export const MAX_INT256 = (1n << 255n) - 1n;
/** -2^255, the smallest int256. */
export const MIN_INT256 = -(1n << 255n);
/** 2^160 - 1, the largest uint160. */
export const MAX_UINT160 = (1n << 160n) - 1n;
/** 2^128 - 1, the largest uint128. */
export const MAX_UINT128 = (1n << 128n) - 1n;
/** 2^127 - 1, the largest int128. */
export const MAX_INT128 = (1n << 127n) - 1n;
/** -2^127, the smallest int128. */
export const MIN_INT128 = -(1n << 127n);
/** 2^112 - 1, the largest uint112 (a V2 reserve). */
export const MAX_UINT112 = (1n << 112n) - 1n;

/**
 * Throws unless `min <= value <= max` (and `value` is a bigint).
 *
 * @throws {AmmError} `code` (default `VALUE_OUT_OF_RANGE`), naming the value.
 * @example
 * ```ts
 * import { checkRange, MAX_UINT128 } from "./_uint.ts";
 * checkRange("liquidity", 5n, 0n, MAX_UINT128);
 * ```
 */
export function checkRange(
  name: string,
  value: bigint,
  min: bigint,
  max: bigint,
  code: AmmErrorCode = "VALUE_OUT_OF_RANGE",
): void {
  if (typeof value !== "bigint") {
    throw new AmmError(code, `${name} must be a bigint, got ${typeof value}`, { [name]: value });
  }
  if (value < min || value > max) {
    throw new AmmError(code, `${name} out of range [${min}, ${max}], got ${value}`, {
      [name]: value,
      min,
      max,
    });
  }
}

/**
 * Throws unless `value` is an integer number with `min <= value <= max`.
 *
 * @throws {AmmError} `code` (default `VALUE_OUT_OF_RANGE`), naming the value.
 * @example
 * ```ts
 * import { checkIntNumber } from "./_uint.ts";
 * checkIntNumber("fee", 3000, 0, 999_999);
 * ```
 */
export function checkIntNumber(
  name: string,
  value: number,
  min: number,
  max: number,
  code: AmmErrorCode = "VALUE_OUT_OF_RANGE",
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AmmError(code, `${name} must be an integer in [${min}, ${max}], got ${value}`, {
      [name]: value,
      min,
      max,
    });
  }
}
