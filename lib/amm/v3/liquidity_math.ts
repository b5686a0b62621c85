// lib/amm/v3/liquidity_math.ts — one job: LiquidityMath.addDelta with its two reverts.
import { checkRange, MAX_INT128, MAX_UINT128, MIN_INT128 } from "../_uint.ts";
import { addDeltaUnchecked } from "./_liquidity_math.ts";

/**
 * `x + y` for liquidity `x` (uint128) and a signed change `y` (int128), as
 * `LiquidityMath.addDelta`: throws where the contract reverts `LS` (below zero) or `LA` (above
 * uint128).
 *
 * @throws {AmmError} `LIQUIDITY_UNDERFLOW`, `LIQUIDITY_OVERFLOW`, `VALUE_OUT_OF_RANGE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addLiquidityDelta } from "./liquidity_math.ts";
 * assert(addLiquidityDelta(10n, -4n) === 6n);
 * ```
 */
export function addLiquidityDelta(x: bigint, y: bigint): bigint {
  checkRange("liquidity", x, 0n, MAX_UINT128);
  checkRange("liquidityDelta", y, MIN_INT128, MAX_INT128);
  return addDeltaUnchecked(x, y);
}
