// lib/amm/v3/_swap_step.ts — one job: SwapMath.computeSwapStep into a reusable record.
import { mulDivCeil } from "./_full_math.ts";
import {
  amount0Delta,
  amount1Delta,
  nextSqrtPriceFromInput,
  nextSqrtPriceFromOutput,
} from "./_sqrt_price_math.ts";

/** The four outputs of one swap step. */
export interface SwapStep {
  /** Price after the step (never beyond the target). */
  sqrtPriceNextX96: bigint;
  /** Input taken by the step, before the fee. */
  amountIn: bigint;
  /** Output paid by the step. */
  amountOut: bigint;
  /** Fee taken from the input. */
  feeAmount: bigint;
}

const PIPS = 1_000_000n;

/**
 * `SwapMath.computeSwapStep`, writing into `out` so the swap loop allocates no record per step.
 * Inputs are trusted: prices in range, liquidity uint128, `feeComplement = 1e6 − feePips > 0`.
 *
 * @param amountRemaining > 0 exact input left, < 0 exact output left
 * @throws {AmmError} the contract's reverts (`PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeSwapStepInto, type SwapStep } from "./_swap_step.ts";
 * const s: SwapStep = { sqrtPriceNextX96: 0n, amountIn: 0n, amountOut: 0n, feeAmount: 0n };
 * computeSwapStepInto(s, 1n << 96n, (1n << 96n) / 2n, 10n ** 18n, 1000n, 3000n, 997000n);
 * assert(s.amountIn + s.feeAmount === 1000n);
 * ```
 */
export function computeSwapStepInto(
  out: SwapStep,
  sqrtPriceX96: bigint,
  sqrtPriceTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
  feeComplement: bigint,
): void {
  const zeroForOne = sqrtPriceX96 >= sqrtPriceTargetX96;
  const exactIn = amountRemaining >= 0n;
  let next: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const lessFee = (amountRemaining * feeComplement) / PIPS;
    amountIn = zeroForOne
      ? amount0Delta(sqrtPriceTargetX96, sqrtPriceX96, liquidity, true)
      : amount1Delta(sqrtPriceX96, sqrtPriceTargetX96, liquidity, true);
    next = lessFee >= amountIn
      ? sqrtPriceTargetX96
      : nextSqrtPriceFromInput(sqrtPriceX96, liquidity, lessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? amount1Delta(sqrtPriceTargetX96, sqrtPriceX96, liquidity, false)
      : amount0Delta(sqrtPriceX96, sqrtPriceTargetX96, liquidity, false);
    next = -amountRemaining >= amountOut
      ? sqrtPriceTargetX96
      : nextSqrtPriceFromOutput(sqrtPriceX96, liquidity, -amountRemaining, zeroForOne);
  }

  const reached = next === sqrtPriceTargetX96;
  if (zeroForOne) {
    if (!(reached && exactIn)) amountIn = amount0Delta(next, sqrtPriceX96, liquidity, true);
    if (!(reached && !exactIn)) amountOut = amount1Delta(next, sqrtPriceX96, liquidity, false);
  } else {
    if (!(reached && exactIn)) amountIn = amount1Delta(sqrtPriceX96, next, liquidity, true);
    if (!(reached && !exactIn)) amountOut = amount0Delta(sqrtPriceX96, next, liquidity, false);
  }
  // the output is capped at what remains to be bought
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  out.sqrtPriceNextX96 = next;
  out.amountIn = amountIn;
  out.amountOut = amountOut;
  // short of the target on exact input, the whole remainder not swapped is the fee
  out.feeAmount = exactIn && !reached
    ? amountRemaining - amountIn
    : mulDivCeil(amountIn, feePips, feeComplement);
}
