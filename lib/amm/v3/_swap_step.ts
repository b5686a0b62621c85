// lib/amm/v3/_swap_step.ts — one job: SwapMath.computeSwapStep into a reusable record.
import {
  amount0DeltaOrdered,
  amount1DeltaOrdered,
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

/** What the swap loop needs of a step: the fee is derived from these only when asked for. */
export interface SwapStepScratch {
  sqrtPriceNextX96: bigint;
  amountIn: bigint;
  amountOut: bigint;
  /** `amountIn + feeAmount`. */
  amountInWithFee: bigint;
}

/** Per-swap constants of the fee, precomputed once so each step saves the arithmetic. */
export interface SwapFee {
  /** Fee in pips. */
  readonly pips: bigint;
  /** `1e6 − pips` (> 0). */
  readonly complement: bigint;
  /** `1e6 − pips − 1`, for rounding up without an extra subtraction. */
  readonly complementMinusOne: bigint;
}

const PIPS = 1_000_000n;
const feeCache = new Map<number, SwapFee>();

/**
 * The precomputed fee constants for a fee in pips (0 ≤ feePips < 1e6), memoised per tier.
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

/**
 * `SwapMath.computeSwapStep`, writing into `out` so the swap loop allocates no record per step.
 * Inputs are trusted: prices in range, `liquidityX96 = liquidity << 96`, liquidity uint128,
 * `zeroForOne = sqrtPriceX96 >= sqrtPriceTargetX96` or the prices equal (both formulas then give
 * zero), `exactIn = amountRemaining >= 0`.
 *
 * The integers are the contract's, with fewer operations: the fee `ceil(a·fee/c)` (c = 1e6 − fee)
 * equals `ceil(a·1e6/c) − a`, so `a + fee = ceil(a·1e6/c)`; and "remaining less fee reaches the
 * amount in", `floor(R·c/1e6) ≥ a`, holds exactly when `R ≥ ceil(a·1e6/c)`, that same number.
 *
 * @param amountRemaining > 0 exact input left, < 0 exact output left
 * @throws {AmmError} the contract's reverts (`PRICE_OUT_OF_RANGE`, `MATH_OVERFLOW`)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeSwapStepInto, swapFee } from "./_swap_step.ts";
 * const s = { sqrtPriceNextX96: 0n, amountIn: 0n, amountOut: 0n, amountInWithFee: 0n };
 * const L = 10n ** 18n;
 * computeSwapStepInto(s, 1n << 96n, 1n << 95n, L, L << 96n, 1000n, swapFee(3000), true, true);
 * assert(s.amountInWithFee === 1000n && s.amountIn < 1000n);
 * ```
 */
export function computeSwapStepInto(
  out: SwapStepScratch,
  sqrtPriceX96: bigint,
  sqrtPriceTargetX96: bigint,
  liquidity: bigint,
  liquidityX96: bigint,
  amountRemaining: bigint,
  fee: SwapFee,
  zeroForOne: boolean,
  exactIn: boolean,
): void {
  if (exactIn) {
    const toTarget = zeroForOne
      ? amount0DeltaOrdered(sqrtPriceTargetX96, sqrtPriceX96, liquidityX96, true)
      : amount1DeltaOrdered(sqrtPriceX96, sqrtPriceTargetX96, liquidity, true);
    const toTargetWithFee = (toTarget * PIPS + fee.complementMinusOne) / fee.complement;
    if (amountRemaining >= toTargetWithFee) {
      out.sqrtPriceNextX96 = sqrtPriceTargetX96;
      out.amountIn = toTarget;
      out.amountOut = zeroForOne
        ? amount1DeltaOrdered(sqrtPriceTargetX96, sqrtPriceX96, liquidity, false)
        : amount0DeltaOrdered(sqrtPriceX96, sqrtPriceTargetX96, liquidityX96, false);
      out.amountInWithFee = toTargetWithFee;
      return;
    }
    // short of the target: the price moves by the remainder less fee, the rest is all fee
    const next = nextSqrtPriceFromInput(
      sqrtPriceX96,
      liquidity,
      (amountRemaining * fee.complement) / PIPS,
      zeroForOne,
    );
    out.sqrtPriceNextX96 = next;
    if (zeroForOne) {
      out.amountIn = amount0DeltaOrdered(next, sqrtPriceX96, liquidityX96, true);
      out.amountOut = amount1DeltaOrdered(next, sqrtPriceX96, liquidity, false);
    } else {
      out.amountIn = amount1DeltaOrdered(sqrtPriceX96, next, liquidity, true);
      out.amountOut = amount0DeltaOrdered(sqrtPriceX96, next, liquidityX96, false);
    }
    out.amountInWithFee = amountRemaining;
    return;
  }

  const wanted = -amountRemaining;
  const toTarget = zeroForOne
    ? amount1DeltaOrdered(sqrtPriceTargetX96, sqrtPriceX96, liquidity, false)
    : amount0DeltaOrdered(sqrtPriceX96, sqrtPriceTargetX96, liquidityX96, false);
  let amountIn: bigint;
  let amountOut: bigint;
  if (wanted >= toTarget) {
    out.sqrtPriceNextX96 = sqrtPriceTargetX96;
    amountOut = toTarget;
    amountIn = zeroForOne
      ? amount0DeltaOrdered(sqrtPriceTargetX96, sqrtPriceX96, liquidityX96, true)
      : amount1DeltaOrdered(sqrtPriceX96, sqrtPriceTargetX96, liquidity, true);
  } else {
    const next = nextSqrtPriceFromOutput(sqrtPriceX96, liquidity, wanted, zeroForOne);
    out.sqrtPriceNextX96 = next;
    if (zeroForOne) {
      amountIn = amount0DeltaOrdered(next, sqrtPriceX96, liquidityX96, true);
      amountOut = amount1DeltaOrdered(next, sqrtPriceX96, liquidity, false);
    } else {
      amountIn = amount1DeltaOrdered(sqrtPriceX96, next, liquidity, true);
      amountOut = amount0DeltaOrdered(sqrtPriceX96, next, liquidityX96, false);
    }
    // the output is capped at what remains to be bought
    if (amountOut > wanted) amountOut = wanted;
  }
  out.amountIn = amountIn;
  out.amountOut = amountOut;
  // amounts between two uint160 prices are < 2^224, so mulDivRoundingUp cannot overflow here
  out.amountInWithFee = (amountIn * PIPS + fee.complementMinusOne) / fee.complement;
}
