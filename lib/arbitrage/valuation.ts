// lib/arbitrage/valuation.ts — one job: exact conversions between tokens through pool prices, and
// to USD in fixed point.
import type { Rational, V2PoolState, V3PoolState } from "../amm/mod.ts";
import { ArbitrageError } from "./errors.ts";
import { ceilDiv, floorDiv } from "../amount.ts";

// USD fixed point and the i64 bounds are the foundation's (lib/amount.ts); re-exported here.
export { I64_MAX, I64_MIN, type Rounding, USD_DECIMALS, USD_ONE } from "../amount.ts";
import { type Rounding, USD_ONE } from "../amount.ts";

const Q192 = 1n << 192n;

/**
 * Mid price of a V2 pair (no fee): native units of the other token per native unit of the one
 * paid, `reserveOut / reserveIn`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { v2SpotRate } from "./valuation.ts";
 * const r = v2SpotRate(createV2PoolState(2n, 5n), true);
 * assert(r.numerator === 5n && r.denominator === 2n);
 * ```
 */
export function v2SpotRate(state: V2PoolState, fromToken0: boolean): Rational {
  return fromToken0
    ? { numerator: state.reserve1, denominator: state.reserve0 }
    : { numerator: state.reserve0, denominator: state.reserve1 };
}

/**
 * Mid price of a V3 pool (no fee): `(√P/2^96)²` token1 per token0, or its inverse.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "../amm/mod.ts";
 * import { v3SpotRate } from "./valuation.ts";
 * const s = createV3PoolState({ sqrtPriceX96: 2n << 96n, fee: 500, tickSpacing: 10 });
 * const r = v3SpotRate(s, true); // price 4
 * assert(r.numerator === 4n * r.denominator);
 * ```
 */
export function v3SpotRate(state: V3PoolState, fromToken0: boolean): Rational {
  const p2 = state.sqrtPriceX96 * state.sqrtPriceX96;
  return fromToken0 ? { numerator: p2, denominator: Q192 } : { numerator: Q192, denominator: p2 };
}

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
 * import { usdValue } from "./valuation.ts";
 * // 1.5 USDC (6 decimals) is 1.5 USD
 * assert(usdValue(1_500_000n, { rates: [], stableDecimals: 6 }, "floor") === 150_000_000n);
 * ```
 */
export function usdValue(amount: bigint, path: UsdPath, rounding: Rounding): bigint {
  const scale = { numerator: USD_ONE, denominator: 10n ** BigInt(path.stableDecimals) };
  return convertAmount(amount, [...path.rates, scale], rounding);
}
