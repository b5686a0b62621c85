// lib/market/usd.ts — one job: exact USD fixed point (8 decimals) and conversions between
// token amounts and USD, with the rounding stated at every call.
import {
  ceilDiv,
  floorDiv,
  I64_MAX,
  I64_MIN,
  parseAmount,
  type Rounding,
  USD_DECIMALS,
  USD_ONE,
} from "./amount.ts";
import { AmountError } from "./errors.ts";
import type { UsdPrice } from "./usd_price.ts";

/** Largest USD figure the wire carries (an i64 of 10^-8 USD). */
export const USD_MAX: bigint = I64_MAX;
/** Smallest USD figure the wire carries. */
export const USD_MIN: bigint = I64_MIN;

const POW10: bigint[] = [1n];

/**
 * `10^n` as a bigint (cached).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pow10 } from "./usd.ts";
 * assert.equal(pow10(18), 10n ** 18n);
 * ```
 */
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p !== undefined) return p;
  for (let i = POW10.length; i <= n; i++) POW10[i] = POW10[i - 1]! * 10n;
  p = POW10[n]!;
  return p;
}

/**
 * USD value (fixed point, 8 decimals) of `amount` native units of a token with `decimals`,
 * at `price` USD per whole token: `amount · num · 10^8 / (den · 10^decimals)`, rounded as
 * asked — `"floor"` (the default, so an asset is never overstated) or `"ceil"` (what limit
 * checks use, so a trade is never let through by rounding). Signed amounts are allowed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usdValue } from "./usd.ts";
 * const eth = { num: 3000n, den: 1n }; // 3000 USD per ETH
 * assert.equal(usdValue(10n ** 18n, 18, eth), 3000_00000000n);
 * assert.equal(usdValue(1n, 18, eth), 0n); // 3e-7 units of 1e-8 USD, floored
 * assert.equal(usdValue(1n, 18, eth, "ceil"), 1n);
 * ```
 */
export function usdValue(
  amount: bigint,
  decimals: number,
  price: UsdPrice,
  rounding: Rounding = "floor",
): bigint {
  const n = amount * price.num * USD_ONE;
  const d = price.den * pow10(decimals);
  return rounding === "floor" ? floorDiv(n, d) : ceilDiv(n, d);
}

/**
 * The largest amount of native units whose USD value, rounded up, is at most `usd`: the
 * inverse of `usdValue(…, "ceil")`, `floor(usd · den · 10^decimals / (num · 10^8))`. A
 * negative `usd` gives a negative amount (no amount fits). The price must be positive.
 *
 * @throws {AmountError} `BAD_PRICE` for a zero price (every amount would fit)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amountForUsd, usdValue } from "./usd.ts";
 * const eth = { num: 3000n, den: 1n };
 * const a = amountForUsd(100_00000000n, 18, eth); // 100 USD of ETH
 * assert.equal(a, 33333333333333333n);
 * assert(usdValue(a, 18, eth, "ceil") <= 100_00000000n);
 * assert(usdValue(a + 1n, 18, eth, "ceil") > 100_00000000n);
 * ```
 */
export function amountForUsd(usd: bigint, decimals: number, price: UsdPrice): bigint {
  if (price.num <= 0n) {
    throw new AmountError(
      "BAD_PRICE",
      `Price must be positive to size an amount, got ${price.num}/${price.den}`,
      { num: price.num, den: price.den },
    );
  }
  return floorDiv(usd * price.den * pow10(decimals), price.num * USD_ONE);
}

/**
 * Parse a USD amount written in dollars (`"100"`, `"-0.5"`, `"12.34567891"`) into fixed point,
 * exactly; more than 8 fractional digits is an error, never a rounding.
 *
 * @throws {AmountError} `BAD_AMOUNT` naming the text
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usd } from "./usd.ts";
 * assert.equal(usd("100"), 100_00000000n);
 * assert.equal(usd("-0.5"), -50000000n);
 * ```
 */
export function usd(text: string): bigint {
  return parseAmount(text, USD_DECIMALS, "USD amount", true);
}

/**
 * Format a USD fixed-point figure with all 8 decimals (`"-0.50000000"`), for logs and tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatUsd } from "./usd.ts";
 * assert.equal(formatUsd(-50000000n), "-0.50000000");
 * assert.equal(formatUsd(123_45678901n), "123.45678901");
 * ```
 */
export function formatUsd(value: bigint): string {
  const neg = value < 0n;
  const abs = neg ? -value : value;
  return `${neg ? "-" : ""}${abs / USD_ONE}.${(abs % USD_ONE).toString().padStart(8, "0")}`;
}

/**
 * Whether a USD figure fits the wire's i64.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitsI64, USD_MAX } from "./usd.ts";
 * assert(fitsI64(USD_MAX) && !fitsI64(USD_MAX + 1n));
 * ```
 */
export function fitsI64(value: bigint): boolean {
  return value >= I64_MIN && value <= I64_MAX;
}
