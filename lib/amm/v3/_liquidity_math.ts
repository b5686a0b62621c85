// lib/amm/v3/_liquidity_math.ts — one job: the unchecked-input core of LiquidityMath.addDelta.
import { MAX_UINT128 } from "../_uint.ts";
import { AmmError } from "../errors.ts";

/**
 * `addLiquidityDelta` for inputs already known to be uint128 / int128 (the hot path).
 *
 * @throws {AmmError} `LIQUIDITY_UNDERFLOW`, `LIQUIDITY_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addDeltaUnchecked } from "./_liquidity_math.ts";
 * assert(addDeltaUnchecked(1n, 2n) === 3n);
 * ```
 */
export function addDeltaUnchecked(x: bigint, y: bigint): bigint {
  const z = x + y;
  if (z < 0n) {
    throw new AmmError("LIQUIDITY_UNDERFLOW", `Liquidity ${x} minus ${-y} is below zero`, {
      liquidity: x,
      liquidityDelta: y,
      revert: "LS",
    });
  }
  if (z > MAX_UINT128) {
    throw new AmmError("LIQUIDITY_OVERFLOW", `Liquidity ${x} plus ${y} overflows uint128`, {
      liquidity: x,
      liquidityDelta: y,
      revert: "LA",
    });
  }
  return z;
}
