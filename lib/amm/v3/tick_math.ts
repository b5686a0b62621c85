// lib/amm/v3/tick_math.ts — one job: ticks ↔ Q64.96 sqrt prices, exactly as TickMath.
import { AmmError } from "../errors.ts";
import {
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  sqrtRatioAtTick,
  tickAtSqrtRatio,
} from "./_tick_math.ts";

export { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK };

/**
 * `sqrt(1.0001^tick)·2^96`, bit-identical to `TickMath.getSqrtRatioAtTick` (same constant
 * products and truncations, rounded up to Q64.96).
 *
 * @param tick an integer in [MIN_TICK, MAX_TICK]
 * @throws {AmmError} `TICK_OUT_OF_RANGE` (the contract's `T`)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getSqrtRatioAtTick, MIN_TICK } from "./tick_math.ts";
 * assert(getSqrtRatioAtTick(0) === 79228162514264337593543950336n);
 * assert(getSqrtRatioAtTick(MIN_TICK) === 4295128739n);
 * ```
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK) {
    throw new AmmError(
      "TICK_OUT_OF_RANGE",
      `Tick must be an integer in [-887272, 887272], got ${tick}`,
      {
        tick,
        revert: "T",
      },
    );
  }
  return sqrtRatioAtTick(tick);
}

/**
 * The greatest tick whose sqrt ratio is ≤ `sqrtPriceX96`, as `TickMath.getTickAtSqrtRatio`.
 *
 * @param sqrtPriceX96 a Q64.96 price in [MIN_SQRT_RATIO, MAX_SQRT_RATIO)
 * @throws {AmmError} `SQRT_PRICE_OUT_OF_RANGE` (the contract's `R`)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getSqrtRatioAtTick, getTickAtSqrtRatio } from "./tick_math.ts";
 * assert(getTickAtSqrtRatio(getSqrtRatioAtTick(-60)) === -60);
 * assert(getTickAtSqrtRatio(getSqrtRatioAtTick(-60) - 1n) === -61);
 * ```
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (
    typeof sqrtPriceX96 !== "bigint" || sqrtPriceX96 < MIN_SQRT_RATIO ||
    sqrtPriceX96 >= MAX_SQRT_RATIO
  ) {
    throw new AmmError(
      "SQRT_PRICE_OUT_OF_RANGE",
      `Sqrt price must be in [MIN_SQRT_RATIO, MAX_SQRT_RATIO), got ${sqrtPriceX96}`,
      { sqrtPriceX96, revert: "R" },
    );
  }
  return tickAtSqrtRatio(sqrtPriceX96);
}
