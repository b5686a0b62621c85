// lib/amm/v3/_sqrt_price_math.ts — one job: SqrtPriceMath cores for trusted (in-range) inputs.
import { MAX_UINT160, MAX_UINT256 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { divCeil, mulDivCeil, mulDivFloor, Q96 } from "./_full_math.ts";

/**
 * `SqrtPriceMath.getAmount0Delta(a, b, liquidity, roundUp)`: `L·2^96·|b−a| / (a·b)`. The contract
 * divides by the larger price then the smaller, rounding at each step; nested floors (ceilings)
 * equal one floor (ceiling) of the whole, so one division gives the identical integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amount0Delta } from "./_sqrt_price_math.ts";
 * assert(amount0Delta(1n << 96n, 1n << 97n, 10n ** 18n, false) === 5n * 10n ** 17n);
 * ```
 */
export function amount0Delta(a: bigint, b: bigint, liquidity: bigint, roundUp: boolean): bigint {
  return a > b
    ? amount0DeltaOrdered(b, a, liquidity << 96n, roundUp)
    : amount0DeltaOrdered(a, b, liquidity << 96n, roundUp);
}

/**
 * `amount0Delta` for prices known to be ordered (`lower ≤ upper`), as the swap step knows, with
 * the liquidity already shifted left by 96 (the swap loop keeps it so).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amount0DeltaOrdered } from "./_sqrt_price_math.ts";
 * assert(amount0DeltaOrdered(1n << 96n, 1n << 97n, 10n ** 18n << 96n, false) === 5n * 10n ** 17n);
 * ```
 */
export function amount0DeltaOrdered(
  lower: bigint,
  upper: bigint,
  liquidityX96: bigint,
  roundUp: boolean,
): bigint {
  const numerator = liquidityX96 * (upper - lower);
  const denominator = lower * upper;
  return roundUp ? (numerator + denominator - 1n) / denominator : numerator / denominator;
}

/**
 * `SqrtPriceMath.getAmount1Delta(a, b, liquidity, roundUp)`: `L·|b−a| / 2^96`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amount1Delta } from "./_sqrt_price_math.ts";
 * assert(amount1Delta(1n << 96n, 1n << 97n, 10n ** 18n, true) === 10n ** 18n);
 * ```
 */
export function amount1Delta(a: bigint, b: bigint, liquidity: bigint, roundUp: boolean): bigint {
  return a > b
    ? amount1DeltaOrdered(b, a, liquidity, roundUp)
    : amount1DeltaOrdered(a, b, liquidity, roundUp);
}

/**
 * `amount1Delta` for prices known to be ordered (`lower ≤ upper`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amount1DeltaOrdered } from "./_sqrt_price_math.ts";
 * assert(amount1DeltaOrdered(1n << 96n, 1n << 97n, 10n ** 18n, false) === 10n ** 18n);
 * ```
 */
export function amount1DeltaOrdered(
  lower: bigint,
  upper: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint {
  const product = liquidity * (upper - lower);
  return roundUp ? (product + Q96_MINUS_ONE) >> 96n : product >> 96n;
}

const Q96_MINUS_ONE = Q96 - 1n;

function priceOutOfRange(what: string, details: Record<string, unknown>): AmmError {
  return new AmmError("PRICE_OUT_OF_RANGE", `Next sqrt price ${what}`, details);
}

/**
 * `SqrtPriceMath.getNextSqrtPriceFromAmount0RoundingUp`, including the overflow fallback formula
 * and the contract's reverts.
 *
 * @throws {AmmError} `PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextSqrtPriceFromAmount0 } from "./_sqrt_price_math.ts";
 * assert(nextSqrtPriceFromAmount0(1n << 96n, 10n ** 18n, 0n, true) === 1n << 96n);
 * ```
 */
export function nextSqrtPriceFromAmount0(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << 96n;
  const product = amount * sqrtPX96;
  if (add) {
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      // the result is at most sqrtPX96, so the contract's uint160 cast never truncates here
      if (denominator <= MAX_UINT256) return mulDivCeil(numerator1, sqrtPX96, denominator);
    }
    const denominator1 = numerator1 / sqrtPX96 + amount;
    if (denominator1 > MAX_UINT256) {
      throw new AmmError("MATH_OVERFLOW", "Next sqrt price denominator overflows uint256", {
        sqrtPX96,
        liquidity,
        amount,
      });
    }
    // the contract truncates to uint160 without a check on this branch
    return divCeil(numerator1, denominator1) & MAX_UINT160;
  }
  if (product > MAX_UINT256 || numerator1 <= product) {
    throw priceOutOfRange("would not be positive", { sqrtPX96, liquidity, amount });
  }
  const next = mulDivCeil(numerator1, sqrtPX96, numerator1 - product);
  if (next > MAX_UINT160) {
    throw priceOutOfRange("overflows uint160", { sqrtPX96, liquidity, amount });
  }
  return next;
}

/**
 * `SqrtPriceMath.getNextSqrtPriceFromAmount1RoundingDown`, with the contract's reverts.
 *
 * @throws {AmmError} `PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextSqrtPriceFromAmount1 } from "./_sqrt_price_math.ts";
 * assert(nextSqrtPriceFromAmount1(1n << 96n, 10n ** 18n, 10n ** 18n, true) === 1n << 97n);
 * ```
 */
export function nextSqrtPriceFromAmount1(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (add) {
    const quotient = amount <= MAX_UINT160
      ? (amount << 96n) / liquidity
      : mulDivFloor(amount, Q96, liquidity);
    const next = sqrtPX96 + quotient;
    if (next > MAX_UINT160) {
      throw priceOutOfRange("overflows uint160", { sqrtPX96, liquidity, amount });
    }
    return next;
  }
  const quotient = amount <= MAX_UINT160
    ? divCeil(amount << 96n, liquidity)
    : mulDivCeil(amount, Q96, liquidity);
  if (sqrtPX96 <= quotient) {
    throw priceOutOfRange("would not be positive", { sqrtPX96, liquidity, amount });
  }
  return sqrtPX96 - quotient;
}

function requirePriceAndLiquidity(sqrtPX96: bigint, liquidity: bigint): void {
  if (sqrtPX96 === 0n) throw priceOutOfRange("needs a positive start price", { sqrtPX96 });
  if (liquidity === 0n) {
    throw new AmmError("ZERO_LIQUIDITY", "Liquidity must be positive to move the price, got 0", {
      sqrtPX96,
    });
  }
}

/**
 * `SqrtPriceMath.getNextSqrtPriceFromInput`: rounds so the price never passes the target.
 *
 * @throws {AmmError} `ZERO_LIQUIDITY`, `PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextSqrtPriceFromInput } from "./_sqrt_price_math.ts";
 * const p = nextSqrtPriceFromInput(1n << 96n, 10n ** 18n, 10n ** 17n, false);
 * assert(p === 87150978765690771352898345369n);
 * ```
 */
export function nextSqrtPriceFromInput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  requirePriceAndLiquidity(sqrtPX96, liquidity);
  return zeroForOne
    ? nextSqrtPriceFromAmount0(sqrtPX96, liquidity, amountIn, true)
    : nextSqrtPriceFromAmount1(sqrtPX96, liquidity, amountIn, true);
}

/**
 * `SqrtPriceMath.getNextSqrtPriceFromOutput`: rounds so the price passes the target.
 *
 * @throws {AmmError} `ZERO_LIQUIDITY`, `PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextSqrtPriceFromOutput } from "./_sqrt_price_math.ts";
 * const p = nextSqrtPriceFromOutput(1n << 96n, 10n ** 18n, 10n ** 17n, true);
 * assert(p < 1n << 96n);
 * ```
 */
export function nextSqrtPriceFromOutput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountOut: bigint,
  zeroForOne: boolean,
): bigint {
  requirePriceAndLiquidity(sqrtPX96, liquidity);
  return zeroForOne
    ? nextSqrtPriceFromAmount1(sqrtPX96, liquidity, amountOut, false)
    : nextSqrtPriceFromAmount0(sqrtPX96, liquidity, amountOut, false);
}
