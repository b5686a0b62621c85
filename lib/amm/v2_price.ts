// lib/amm/v2_price.ts — one job: V2 prices as exact rationals (no floats, no rounding).
import { assertV2Fee, assertV2Reserve, BPS, V2_DEFAULT_FEE_BPS } from "./v2.ts";
import { AmmError } from "./errors.ts";

/** An exact non-negative rational `numerator / denominator` (not reduced; denominator > 0). */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function checkReserves(reserveIn: bigint, reserveOut: bigint): void {
  assertV2Reserve("reserveIn", reserveIn);
  assertV2Reserve("reserveOut", reserveOut);
  if (reserveIn === 0n) {
    throw new AmmError("INSUFFICIENT_LIQUIDITY", "Reserve in must be positive to price, got 0", {
      reserveIn,
      reserveOut,
    });
  }
}

/**
 * Spot price of the input token in output-token units, without fee: `reserveOut / reserveIn`
 * (native units of out per native unit of in).
 *
 * @throws {AmmError} `RESERVE_OUT_OF_RANGE`, `INSUFFICIENT_LIQUIDITY` (reserveIn = 0)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2SpotPrice } from "./v2_price.ts";
 * const p = v2SpotPrice(2n * 10n ** 18n, 5000n * 10n ** 6n); // 2 WETH vs 5000 USDC
 * assert(p.numerator * 10n ** 18n / p.denominator === 2500n * 10n ** 6n);
 * ```
 */
export function v2SpotPrice(reserveIn: bigint, reserveOut: bigint): Rational {
  checkReserves(reserveIn, reserveOut);
  return { numerator: reserveOut, denominator: reserveIn };
}

/**
 * Marginal rate of an infinitesimal swap after the fee: `reserveOut·(10000−fee) /
 * (reserveIn·10000)`, the slope of `v2AmountOut` at zero input. An arbitrage cycle is
 * profitable at the margin iff the product of these rates exceeds one.
 *
 * @throws {AmmError} `RESERVE_OUT_OF_RANGE`, `INSUFFICIENT_LIQUIDITY`, `INVALID_FEE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2MarginalPrice } from "./v2_price.ts";
 * const p = v2MarginalPrice(1000n, 1000n); // 30 bps fee
 * assert(p.numerator * 10_000n === p.denominator * 9_970n);
 * ```
 */
export function v2MarginalPrice(
  reserveIn: bigint,
  reserveOut: bigint,
  feeBps: bigint = V2_DEFAULT_FEE_BPS,
): Rational {
  checkReserves(reserveIn, reserveOut);
  assertV2Fee(feeBps);
  return { numerator: reserveOut * (BPS - feeBps), denominator: reserveIn * BPS };
}

/**
 * Compares two rationals exactly: negative when `a < b`, zero when equal, positive when `a > b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareRational } from "./v2_price.ts";
 * assert(compareRational({ numerator: 1n, denominator: 3n }, { numerator: 2n, denominator: 6n }) === 0);
 * ```
 */
export function compareRational(a: Rational, b: Rational): number {
  const l = a.numerator * b.denominator;
  const r = b.numerator * a.denominator;
  return l < r ? -1 : l > r ? 1 : 0;
}
