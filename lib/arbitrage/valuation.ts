// lib/arbitrage/valuation.ts — one job: exact conversions between tokens through pool prices, and
// to USD in fixed point.
import type { Rational } from "../amm/mod.ts";
import { ceilDiv, floorDiv, type Rounding, USD_ONE } from "../market/mod.ts";
import { ArbitrageError } from "./errors.ts";

// USD fixed point, the i64 bounds and spot rates are the market layer's; re-exported here.
export {
  I64_MAX,
  I64_MIN,
  type Rounding,
  USD_DECIMALS,
  USD_ONE,
  v2SpotRate,
  v3SpotRate,
} from "../market/mod.ts";

/**
 * `amount` through a chain of rates (each native units out per native unit in), multiplied
 * exactly and rounded once at the end. An empty chain returns `amount`.
 *
 * @throws {ArbitrageError} `INVALID_AMOUNT` for a rate with a non-positive denominator or a
 *   negative numerator
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convertAmount } from "./valuation.ts";
 * const half = { numerator: 1n, denominator: 2n };
 * assert(convertAmount(5n, [half], "floor") === 2n && convertAmount(5n, [half], "ceil") === 3n);
 * assert(convertAmount(-5n, [half], "floor") === -3n);
 * ```
 */
export function convertAmount(
  amount: bigint,
  rates: readonly Rational[],
  rounding: Rounding,
): bigint {
  if (rates.length === 0) return amount;
  let num = amount;
  let den = 1n;
  for (const r of rates) {
    if (r.denominator <= 0n || r.numerator < 0n) {
      throw new ArbitrageError(
        "INVALID_AMOUNT",
        `Rate ${r.numerator}/${r.denominator} must be non-negative over a positive denominator`,
        { numerator: r.numerator, denominator: r.denominator },
      );
    }
    num *= r.numerator;
    den *= r.denominator;
  }
  return rounding === "floor" ? floorDiv(num, den) : ceilDiv(num, den);
}

/** How to value a token in USD: rates to a stablecoin, and that stablecoin's decimals. */
export interface UsdPath {
  /** Rates from the token to the stablecoin (empty when the token is the stablecoin). */
  readonly rates: readonly Rational[];
  /** Decimals of the stablecoin (taken as worth 1 USD). */
  readonly stableDecimals: number;
}

/**
 * The USD value of `amount` of a token, fixed point with 8 decimals: converted through
 * `path.rates` to a stablecoin taken at 1 USD, then scaled from its decimals to 8, with one
 * rounding at the end.
 *
 * @throws {ArbitrageError} as {@linkcode convertAmount}
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pathUsdValue } from "./valuation.ts";
 * // 1.5 USDC (6 decimals) is 1.5 USD
 * assert(pathUsdValue(1_500_000n, { rates: [], stableDecimals: 6 }, "floor") === 150_000_000n);
 * ```
 */
export function pathUsdValue(amount: bigint, path: UsdPath, rounding: Rounding): bigint {
  const scale = { numerator: USD_ONE, denominator: 10n ** BigInt(path.stableDecimals) };
  return convertAmount(amount, [...path.rates, scale], rounding);
}
