// lib/amm/v3/swap_math.ts — one job: one step of a V3 swap within a price range, validated.
import {
  checkIntNumber,
  checkRange,
  MAX_INT256,
  MAX_UINT128,
  MAX_UINT160,
  MIN_INT256,
} from "../_uint.ts";
import { computeSwapStepInto, swapFee, type SwapStep } from "./_swap_step.ts";

export type { SwapStep };

/**
 * One swap step as `SwapMath.computeSwapStep`: from `sqrtPriceCurrentX96` toward
 * `sqrtPriceTargetX96` (the direction follows from their order) with `liquidity`, until the
 * target or until `amountRemaining` (> 0 exact input incl. fee, < 0 exact output) is used up.
 *
 * @param feePips fee in hundredths of a bip, [0, 1e6) (3000 = 0.3 %)
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `PRICE_OUT_OF_RANGE` (a zero price, or a next price
 *   out of range), `ZERO_LIQUIDITY`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeSwapStep } from "./swap_math.ts";
 * const price = 1n << 96n;
 * const target = 79623317895830914510639640423n; // sqrt(1.01) · 2^96
 * const s = computeSwapStep(price, target, 2n * 10n ** 18n, 10n ** 18n, 600);
 * assert(s.sqrtPriceNextX96 === target && s.amountIn + s.feeAmount < 10n ** 18n);
 * ```
 */
export function computeSwapStep(
  sqrtPriceCurrentX96: bigint,
  sqrtPriceTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
): SwapStep {
  // the library takes any uint160 price; zero would divide by zero in getAmount0Delta
  checkRange("sqrtPriceCurrentX96", sqrtPriceCurrentX96, 1n, MAX_UINT160, "PRICE_OUT_OF_RANGE");
  checkRange("sqrtPriceTargetX96", sqrtPriceTargetX96, 1n, MAX_UINT160, "PRICE_OUT_OF_RANGE");
  checkRange("liquidity", liquidity, 0n, MAX_UINT128);
  checkRange("amountRemaining", amountRemaining, MIN_INT256, MAX_INT256);
  checkIntNumber("feePips", feePips, 0, 999_999);
  const out = { sqrtPriceNextX96: 0n, amountIn: 0n, amountOut: 0n, amountInWithFee: 0n };
  computeSwapStepInto(
    out,
    sqrtPriceCurrentX96,
    sqrtPriceTargetX96,
    liquidity,
    liquidity << 96n,
    amountRemaining,
    swapFee(feePips),
    // the contract infers the direction from the two prices
    sqrtPriceCurrentX96 >= sqrtPriceTargetX96,
    amountRemaining >= 0n,
  );
  const { sqrtPriceNextX96, amountIn, amountOut, amountInWithFee } = out;
  return { sqrtPriceNextX96, amountIn, amountOut, feeAmount: amountInWithFee - amountIn };
}
