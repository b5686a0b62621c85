// lib/amm/v2.ts — one job: constant-product swap amounts, rounded exactly as Uniswap V2 does.
import { MAX_UINT112, MAX_UINT256 } from "./_uint.ts";
import { AmmError } from "./errors.ts";

/** Basis points in one whole: fees are `feeBps / 10_000` of the input. */
export const BPS = 10_000n;
/** The Uniswap V2 fee: 30 bps (0.3 %). */
export const V2_DEFAULT_FEE_BPS = 30n;

/**
 * Throws unless `reserve` is a uint112 (the pair stores reserves as uint112).
 *
 * @throws {AmmError} `RESERVE_OUT_OF_RANGE`, naming the reserve.
 * @example
 * ```ts
 * import { assertV2Reserve } from "./v2.ts";
 * assertV2Reserve("reserveIn", 10n ** 21n);
 * ```
 */
export function assertV2Reserve(name: string, reserve: bigint): void {
  if (typeof reserve !== "bigint" || reserve < 0n || reserve > MAX_UINT112) {
    throw new AmmError("RESERVE_OUT_OF_RANGE", `${name} must be a uint112, got ${reserve}`, {
      [name]: reserve,
      max: MAX_UINT112,
    });
  }
}

/**
 * Throws unless `feeBps` is a bigint in [0, 10000).
 *
 * @throws {AmmError} `INVALID_FEE`, naming the fee.
 * @example
 * ```ts
 * import { assertV2Fee } from "./v2.ts";
 * assertV2Fee(25n);
 * ```
 */
export function assertV2Fee(feeBps: bigint): void {
  if (typeof feeBps !== "bigint" || feeBps < 0n || feeBps >= BPS) {
    throw new AmmError("INVALID_FEE", `Fee must be in [0, 10000) bps, got ${feeBps}`, { feeBps });
  }
}

function checkReserves(reserveIn: bigint, reserveOut: bigint): void {
  assertV2Reserve("reserveIn", reserveIn);
  assertV2Reserve("reserveOut", reserveOut);
  if (reserveIn === 0n || reserveOut === 0n) {
    throw new AmmError(
      "INSUFFICIENT_LIQUIDITY",
      `Reserves must be positive, got ${reserveIn} and ${reserveOut}`,
      { reserveIn, reserveOut, revert: "UniswapV2Library: INSUFFICIENT_LIQUIDITY" },
    );
  }
}

function overflow(what: string, value: bigint): AmmError {
  return new AmmError("MATH_OVERFLOW", `${what} overflows uint256: ${value}`, { [what]: value });
}

/**
 * Output amount of a Uniswap V2 swap, rounded down exactly as `UniswapV2Library.getAmountOut`:
 * `amountIn·(10000−fee)·reserveOut / (reserveIn·10000 + amountIn·(10000−fee))`. With the default
 * 30 bps this is the library's 997/1000 formula (both sides scaled by 10, same quotient).
 *
 * @param amountIn input amount, native units, > 0
 * @param reserveIn reserve of the input token (uint112, > 0)
 * @param reserveOut reserve of the output token (uint112, > 0)
 * @param feeBps the venue's fee in basis points, [0, 10000); 30 by default
 * @throws {AmmError} `INSUFFICIENT_INPUT_AMOUNT`, `INSUFFICIENT_LIQUIDITY`,
 *   `RESERVE_OUT_OF_RANGE`, `INVALID_FEE`, `VALUE_OUT_OF_RANGE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2AmountOut } from "./v2.ts";
 * const out = v2AmountOut(10n ** 18n, 1000n * 10n ** 18n, 1000n * 10n ** 18n);
 * assert(out === 996006981039903216n);
 * ```
 */
export function v2AmountOut(
  amountIn: bigint,
  reserveIn: bigint,
  reserveOut: bigint,
  feeBps: bigint = V2_DEFAULT_FEE_BPS,
): bigint {
  // fast path: the comparisons that accept valid input; anything else is classified below
  if (
    amountIn > 0n && reserveIn > 0n && reserveIn <= MAX_UINT112 && reserveOut > 0n &&
    reserveOut <= MAX_UINT112 && typeof amountIn === "bigint"
  ) {
    const complement = feeBps === V2_DEFAULT_FEE_BPS ? DEFAULT_COMPLEMENT : feeComplement(feeBps);
    const amountInWithFee = amountIn * complement;
    const numerator = amountInWithFee * reserveOut;
    // SafeMath reverts where a uint256 product would wrap; reserves < 2^112 bound the rest
    if (numerator <= MAX_UINT256) return numerator / (reserveIn * BPS + amountInWithFee);
  }
  throw amountOutError(amountIn, reserveIn, reserveOut, feeBps);
}

const DEFAULT_COMPLEMENT = BPS - V2_DEFAULT_FEE_BPS;

function feeComplement(feeBps: bigint): bigint {
  assertV2Fee(feeBps);
  return BPS - feeBps;
}

// Why v2AmountOut rejected its input, checked in the library's order.
function amountOutError(
  amountIn: bigint,
  reserveIn: bigint,
  reserveOut: bigint,
  feeBps: bigint,
): AmmError {
  try {
    if (typeof amountIn !== "bigint" || amountIn <= 0n) {
      return new AmmError(
        "INSUFFICIENT_INPUT_AMOUNT",
        `Amount in must be positive, got ${amountIn}`,
        { amountIn, revert: "UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT" },
      );
    }
    checkReserves(reserveIn, reserveOut);
    assertV2Fee(feeBps);
  } catch (error) {
    if (error instanceof AmmError) return error;
    throw error;
  }
  if (amountIn > MAX_UINT256) {
    return new AmmError("VALUE_OUT_OF_RANGE", `Amount in exceeds uint256, got ${amountIn}`, {
      amountIn,
    });
  }
  return overflow("numerator", amountIn * (BPS - feeBps) * reserveOut);
}

/**
 * Input amount needed to receive `amountOut` from a Uniswap V2 pair, exactly as
 * `UniswapV2Library.getAmountIn`: `reserveIn·amountOut·10000 / ((reserveOut−amountOut)·(10000−fee))
 * + 1` (the `+ 1` rounds up, so the pair's K check always passes).
 *
 * @param amountOut wanted output, native units, 0 < amountOut < reserveOut
 * @param reserveIn reserve of the input token (uint112, > 0)
 * @param reserveOut reserve of the output token (uint112, > 0)
 * @param feeBps the venue's fee in basis points, [0, 10000); 30 by default
 * @throws {AmmError} `INSUFFICIENT_OUTPUT_AMOUNT`, `INSUFFICIENT_LIQUIDITY`,
 *   `RESERVE_OUT_OF_RANGE`, `INVALID_FEE`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2AmountIn, v2AmountOut } from "./v2.ts";
 * const r = 1000n * 10n ** 18n;
 * const amountIn = v2AmountIn(996006981039903216n, r, r);
 * assert(v2AmountOut(amountIn, r, r) >= 996006981039903216n);
 * ```
 */
export function v2AmountIn(
  amountOut: bigint,
  reserveIn: bigint,
  reserveOut: bigint,
  feeBps: bigint = V2_DEFAULT_FEE_BPS,
): bigint {
  if (typeof amountOut !== "bigint" || amountOut <= 0n) {
    throw new AmmError(
      "INSUFFICIENT_OUTPUT_AMOUNT",
      `Amount out must be positive, got ${amountOut}`,
      { amountOut, revert: "UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT" },
    );
  }
  checkReserves(reserveIn, reserveOut);
  assertV2Fee(feeBps);
  if (amountOut >= reserveOut) {
    throw new AmmError(
      "INSUFFICIENT_LIQUIDITY",
      `Amount out ${amountOut} must be below reserve out ${reserveOut}`,
      { amountOut, reserveOut, revert: "UniswapV2: INSUFFICIENT_LIQUIDITY" },
    );
  }
  const numerator = reserveIn * amountOut * BPS;
  if (numerator > MAX_UINT256) throw overflow("numerator", numerator);
  return numerator / ((reserveOut - amountOut) * (BPS - feeBps)) + 1n;
}
