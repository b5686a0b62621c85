// lib/market/spot_rate.ts — one job: the mid price of a pool as an exact rational.
import { Q192, type Rational, type V2PoolState, type V3PoolState } from "../amm/mod.ts";

/**
 * Mid price of a V2 pair (no fee): native units of the other token per native unit of the one
 * paid, `reserveOut / reserveIn`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { v2SpotRate } from "./spot_rate.ts";
 * const r = v2SpotRate(createV2PoolState(2n, 5n), true);
 * assert(r.numerator === 5n && r.denominator === 2n);
 * ```
 */
export function v2SpotRate(state: V2PoolState, fromToken0: boolean): Rational {
  return fromToken0
    ? { numerator: state.reserve1, denominator: state.reserve0 }
    : { numerator: state.reserve0, denominator: state.reserve1 };
}

/**
 * Mid price of a V3 pool (no fee): `(√P/2^96)²` token1 per token0, or its inverse.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "../amm/mod.ts";
 * import { v3SpotRate } from "./spot_rate.ts";
 * const s = createV3PoolState({ sqrtPriceX96: 2n << 96n, fee: 500, tickSpacing: 10 });
 * const r = v3SpotRate(s, true); // price 4
 * assert(r.numerator === 4n * r.denominator);
 * ```
 */
export function v3SpotRate(state: V3PoolState, fromToken0: boolean): Rational {
  const p2 = state.sqrtPriceX96 * state.sqrtPriceX96;
  return fromToken0 ? { numerator: p2, denominator: Q192 } : { numerator: Q192, denominator: p2 };
}
