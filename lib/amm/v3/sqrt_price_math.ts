// lib/amm/v3/sqrt_price_math.ts — one job: SqrtPriceMath, validated, with the contract's rounding.
import {
  checkRange,
  MAX_INT128,
  MAX_UINT128,
  MAX_UINT160,
  MAX_UINT256,
  MIN_INT128,
} from "../_uint.ts";
import { AmmError } from "../errors.ts";
import {
  amount0Delta,
  amount1Delta,
  nextSqrtPriceFromInput,
  nextSqrtPriceFromOutput,
} from "./_sqrt_price_math.ts";

function checkPriceLiquidity(sqrtPX96: bigint, liquidity: bigint): void {
  checkRange("sqrtPX96", sqrtPX96, 0n, MAX_UINT160);
  checkRange("liquidity", liquidity, 0n, MAX_UINT128);
}

function checkRatios(a: bigint, b: bigint): void {
  checkRange("sqrtRatioAX96", a, 0n, MAX_UINT160);
  checkRange("sqrtRatioBX96", b, 0n, MAX_UINT160);
  if (a === 0n || b === 0n) {
    throw new AmmError("PRICE_OUT_OF_RANGE", "Sqrt ratios must be positive, got 0", {
      sqrtRatioAX96: a,
      sqrtRatioBX96: b,
    });
  }
}

/**
 * Price after adding `amountIn` of the input token, as `SqrtPriceMath.getNextSqrtPriceFromInput`
 * (token0 in moves the price down rounding up, token1 in moves it up rounding down).
 *
 * @param zeroForOne true when the input is token0
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `ZERO_LIQUIDITY`, `PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getNextSqrtPriceFromInput } from "./sqrt_price_math.ts";
 * const p = getNextSqrtPriceFromInput(1n << 96n, 10n ** 18n, 10n ** 17n, true);
 * assert(p === 72025602285694852357767227579n);
 * ```
 */
export function getNextSqrtPriceFromInput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  checkPriceLiquidity(sqrtPX96, liquidity);
  checkRange("amountIn", amountIn, 0n, MAX_UINT256);
  return nextSqrtPriceFromInput(sqrtPX96, liquidity, amountIn, zeroForOne);
}

/**
 * Price after removing `amountOut` of the output token, as
 * `SqrtPriceMath.getNextSqrtPriceFromOutput`.
 *
 * @param zeroForOne true when the output is token1 (token0 is paid in)
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `ZERO_LIQUIDITY`, `PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getNextSqrtPriceFromOutput } from "./sqrt_price_math.ts";
 * const p = getNextSqrtPriceFromOutput(1n << 96n, 10n ** 18n, 10n ** 17n, false);
 * assert(p === 88031291682515930659493278152n);
 * ```
 */
export function getNextSqrtPriceFromOutput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountOut: bigint,
  zeroForOne: boolean,
): bigint {
  checkPriceLiquidity(sqrtPX96, liquidity);
  checkRange("amountOut", amountOut, 0n, MAX_UINT256);
  return nextSqrtPriceFromOutput(sqrtPX96, liquidity, amountOut, zeroForOne);
}

/**
 * Token0 between two prices for `liquidity`, as `SqrtPriceMath.getAmount0Delta` (the two prices
 * in either order).
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `PRICE_OUT_OF_RANGE` (a zero price)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getAmount0Delta } from "./sqrt_price_math.ts";
 * const p121 = 87150978765690771352898345369n; // sqrt(1.21) · 2^96
 * assert(getAmount0Delta(1n << 96n, p121, 10n ** 18n, true) === 90909090909090910n);
 * ```
 */
export function getAmount0Delta(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  checkRatios(sqrtRatioAX96, sqrtRatioBX96);
  checkRange("liquidity", liquidity, 0n, MAX_UINT128);
  return amount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
}

/**
 * Token1 between two prices for `liquidity`, as `SqrtPriceMath.getAmount1Delta`.
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `PRICE_OUT_OF_RANGE` (a zero price)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getAmount1Delta } from "./sqrt_price_math.ts";
 * const p121 = 87150978765690771352898345369n;
 * assert(getAmount1Delta(1n << 96n, p121, 10n ** 18n, false) === 99999999999999999n);
 * ```
 */
export function getAmount1Delta(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  checkRatios(sqrtRatioAX96, sqrtRatioBX96);
  checkRange("liquidity", liquidity, 0n, MAX_UINT128);
  return amount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
}

/**
 * Signed token0 delta for a liquidity change, as the contract's `getAmount0Delta(…, int128)`:
 * adding liquidity (> 0) rounds up (owed to the pool), removing it rounds down and is negative.
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `PRICE_OUT_OF_RANGE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getAmount0DeltaSigned } from "./sqrt_price_math.ts";
 * const p121 = 87150978765690771352898345369n;
 * assert(getAmount0DeltaSigned(1n << 96n, p121, -(10n ** 18n)) === -90909090909090909n);
 * ```
 */
export function getAmount0DeltaSigned(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidityDelta: bigint,
): bigint {
  checkRatios(sqrtRatioAX96, sqrtRatioBX96);
  checkRange("liquidityDelta", liquidityDelta, MIN_INT128, MAX_INT128);
  return liquidityDelta < 0n
    ? -amount0Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidityDelta, false)
    : amount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true);
}

/**
 * Signed token1 delta for a liquidity change, as the contract's `getAmount1Delta(…, int128)`.
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `PRICE_OUT_OF_RANGE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getAmount1DeltaSigned } from "./sqrt_price_math.ts";
 * const p121 = 87150978765690771352898345369n;
 * assert(getAmount1DeltaSigned(1n << 96n, p121, 10n ** 18n) === 10n ** 17n);
 * ```
 */
export function getAmount1DeltaSigned(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidityDelta: bigint,
): bigint {
  checkRatios(sqrtRatioAX96, sqrtRatioBX96);
  checkRange("liquidityDelta", liquidityDelta, MIN_INT128, MAX_INT128);
  return liquidityDelta < 0n
    ? -amount1Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidityDelta, false)
    : amount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true);
}
