// lib/market/usd_price.ts — one job: what a USD price is (an exact rational per whole token) and
// the interface every price source implements.
import type { EvmTokenId } from "../instrument/mod.ts";
import { AmountError } from "./errors.ts";

/**
 * A USD price of one whole token (`10^decimals` native units), as the exact rational
 * `num / den`. Pool-derived prices are ratios of reserves, so they are kept unrounded here.
 */
export interface UsdPrice {
  readonly num: bigint;
  readonly den: bigint;
}

/** Where the portfolio and the risk engine get token prices; undefined when unknown. */
export interface PriceSource {
  usdPrice(token: EvmTokenId): UsdPrice | undefined;
}

/**
 * A validated price `num / den` USD per whole token.
 *
 * @throws {AmountError} `BAD_PRICE` for a negative numerator or a non-positive denominator
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usdPrice } from "./usd_price.ts";
 * assert.deepEqual(usdPrice(1n, 3n), { num: 1n, den: 3n });
 * assert.throws(() => usdPrice(1n, 0n), /denominator/);
 * ```
 */
export function usdPrice(num: bigint, den: bigint = 1n): UsdPrice {
  if (den <= 0n) {
    throw new AmountError("BAD_PRICE", `Price denominator must be positive, got ${den}`, {
      num,
      den,
    });
  }
  if (num < 0n) {
    throw new AmountError("BAD_PRICE", `Price must not be negative, got ${num}/${den}`, {
      num,
      den,
    });
  }
  return { num, den };
}

/**
 * A price written in dollars per whole token (`"3000.25"`), exactly: `{ num: 300025n, den: 100n }`.
 *
 * @throws {AmountError} `BAD_PRICE` naming the text
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseUsdPrice } from "./usd_price.ts";
 * assert.deepEqual(parseUsdPrice("3000.25"), { num: 300025n, den: 100n });
 * assert.deepEqual(parseUsdPrice("1"), { num: 1n, den: 1n });
 * ```
 */
export function parseUsdPrice(text: string): UsdPrice {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (m === null) {
    throw new AmountError(
      "BAD_PRICE",
      `Price ${JSON.stringify(text)} is not a non-negative decimal like 3000.25`,
      { text },
    );
  }
  const frac = m[2] ?? "";
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

/**
 * Whether two prices are the same rational (`a.num · b.den = b.num · a.den`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { samePrice } from "./usd_price.ts";
 * assert(samePrice({ num: 1n, den: 2n }, { num: 50n, den: 100n }));
 * ```
 */
export function samePrice(a: UsdPrice, b: UsdPrice): boolean {
  return a.num * b.den === b.num * a.den;
}
