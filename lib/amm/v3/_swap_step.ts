// lib/amm/v3/_swap_step.ts — one job: SwapMath.computeSwapStep into a reusable record.
import {
  amount0DeltaX96,
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

/** Per-swap constants of the fee, precomputed once so each step saves the arithmetic. */
export interface SwapFee {
  /** Fee in pips. */
  readonly pips: bigint;
  /** `1e6 − pips` (> 0). */
  readonly complement: bigint;
  /** `1e6 − pips − 1`, for rounding the fee up without an extra subtraction. */
  readonly complementMinusOne: bigint;
}

/**
 * The precomputed fee constants for a fee in pips (0 ≤ feePips < 1e6).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { swapFee } from "./_swap_step.ts";
 * assert(swapFee(3000).complement === 997000n);
 * ```
 */
export function swapFee(feePips: number): SwapFee {
  let fee = feeCache.get(feePips);
  if (fee === undefined) {
    const pips = BigInt(feePips);
    const complement = PIPS - pips;
    fee = { pips, complement, complementMinusOne: complement - 1n };
    // fee tiers are few; the bound only guards against a caller cycling through all of them
    if (feeCache.size >= 1024) feeCache.clear();
    feeCache.set(feePips, fee);
  }
  return fee;
}

const feeCache = new Map<number, SwapFee>();

const PIPS = 1_000_000n;

/**
 * `SwapMath.computeSwapStep`, writing into `out` so the swap loop allocates no record per step.
 * Inputs are trusted: prices in range, `liquidityX96 = liquidity << 96`, liquidity uint128.
 *
 * Two rewrites keep the integers identical with fewer operations: "remaining less fee ≥ amount
 * in", i.e. `floor(R·c/1e6) ≥ a`, is tested as `R·c ≥ a·1e6`; and `mulDivRoundingUp(a, fee, c)`
 * is `(a·fee + c − 1) / c` with `c − 1` precomputed.
 *
 * @param amountRemaining > 0 exact input left, < 0 exact output left
 * @throws {AmmError} the contract's reverts (`PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeSwapStepInto, type SwapStep, swapFee } from "./_swap_step.ts";
 * const s: SwapStep = { sqrtPriceNextX96: 0n, amountIn: 0n, amountOut: 0n, feeAmount: 0n };
 * const L = 10n ** 18n;
 * computeSwapStepInto(s, 1n << 96n, 1n << 95n, L, L << 96n, 1000n, swapFee(3000));
 * assert(s.amountIn + s.feeAmount === 1000n);
 * ```
 */
export function computeSwapStepInto(
  out: SwapStep,
  sqrtPriceX96: bigint,
  sqrtPriceTargetX96: bigint,
  liquidity: bigint,
  liquidityX96: bigint,
  amountRemaining: bigint,
  fee: SwapFee,
): void {
  const zeroForOne = sqrtPriceX96 >= sqrtPriceTargetX96;
  const exactIn = amountRemaining >= 0n;
  let next: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const remainingTimesComplement = amountRemaining * fee.complement;
    amountIn = zeroForOne
      ? amount0DeltaX96(sqrtPriceTargetX96, sqrtPriceX96, liquidityX96, true)
      : amount1Delta(sqrtPriceX96, sqrtPriceTargetX96, liquidity, true);
    next = remainingTimesComplement >= amountIn * PIPS
      ? sqrtPriceTargetX96
      : nextSqrtPriceFromInput(
        sqrtPriceX96,
        liquidity,
        remainingTimesComplement / PIPS,
        zeroForOne,
      );
  } else {
    amountOut = zeroForOne
      ? amount1Delta(sqrtPriceTargetX96, sqrtPriceX96, liquidity, false)
      : amount0DeltaX96(sqrtPriceX96, sqrtPriceTargetX96, liquidityX96, false);
    next = -amountRemaining >= amountOut
      ? sqrtPriceTargetX96
      : nextSqrtPriceFromOutput(sqrtPriceX96, liquidity, -amountRemaining, zeroForOne);
  }

  const reached = next === sqrtPriceTargetX96;
  if (zeroForOne) {
    if (!(reached && exactIn)) amountIn = amount0DeltaX96(next, sqrtPriceX96, liquidityX96, true);
    if (!(reached && !exactIn)) amountOut = amount1Delta(next, sqrtPriceX96, liquidity, false);
  } else {
    if (!(reached && exactIn)) amountIn = amount1Delta(sqrtPriceX96, next, liquidity, true);
    if (!(reached && !exactIn)) {
      amountOut = amount0DeltaX96(sqrtPriceX96, next, liquidityX96, false);
    }
  }
  // the output is capped at what remains to be bought
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  out.sqrtPriceNextX96 = next;
  out.amountIn = amountIn;
  out.amountOut = amountOut;
  // short of the target on exact input, the whole remainder not swapped is the fee; else
  // mulDivRoundingUp(amountIn, fee, 1e6 − fee): amounts between two prices are < 2^192, so the
  // product stays far below 2^256 and the contract's overflow check cannot fire
  out.feeAmount = exactIn && !reached
    ? amountRemaining - amountIn
    : (amountIn * fee.pips + fee.complementMinusOne) / fee.complement;
}
