// lib/arbitrage/relaxation.ts — one job: the real-valued (unrounded) route as a Möbius map, and
// its closed-form optimum.
//
// A constant-product hop with fee factor γ/D pays out(x) = γ·x·R_out / (D·R_in + γ·x): a map
// x ↦ a·x/(b + c·x) with a = γ·R_out, b = D·R_in, c = γ. Composing two such maps gives another,
// (a₂a₁)·x / (b₂b₁ + (b₂c₁ + c₂a₁)·x), so a route of any length is A·x/(B + C·x) with integer
// A, B, C. Its profit A·x/(B + C·x) − x is concave with derivative A·B/(B + C·x)² − 1, zero at
// x* = (√(A·B) − B)/C, and positive somewhere iff A > B. docs/ARBITRAGE.md has the derivation.
import { ArbitrageError } from "./errors.ts";
import { isqrt } from "./isqrt.ts";
import { assertRoute, type RouteHop } from "./route.ts";
import { hopMobius } from "./_hop.ts";
import { composeMobius, IDENTITY_MOBIUS, type Mobius } from "./mobius.ts";
import { floorDiv } from "../market/mod.ts";

export { composeMobius, IDENTITY_MOBIUS, type Mobius } from "./mobius.ts";

/**
 * The route's real-valued output as one Möbius map, composed hop by hop: exact for V2 hops
 * everywhere, and for V3 hops while each swap stays inside its current tick range (the pool then
 * is a constant product on its virtual reserves). Undefined when a pool is empty (a zero V2
 * reserve or zero active V3 liquidity).
 *
 * @throws {ArbitrageError} `INVALID_ROUTE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { routeMobius } from "./relaxation.ts";
 * import { v2Hop } from "./route.ts";
 * const m = routeMobius([v2Hop(createV2PoolState(100n, 300n), true)])!;
 * assert(m.a === 9970n * 300n && m.b === 10000n * 100n && m.c === 9970n);
 * ```
 */
export function routeMobius(route: readonly RouteHop[]): Mobius | undefined {
  assertRoute(route);
  let m = IDENTITY_MOBIUS;
  for (const hop of route) {
    const h = hopMobius(hop);
    if (h === undefined) return undefined;
    m = composeMobius(m, h);
  }
  return m;
}

/**
 * The integer part of the real optimum `x* = (√(a·b) − b)/c` of `a·x/(b + c·x) − x`, by an exact
 * integer square root; 0 when `a ≤ b` (no input is profitable).
 *
 * @throws {ArbitrageError} `INVALID_ROUTE` when `c = 0` and `a > b` (an unbounded linear map)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closedFormOptimum } from "./relaxation.ts";
 * // out(x) = 4x/(1 + x): x* = √4 − 1 = 1
 * assert(closedFormOptimum({ a: 4n, b: 1n, c: 1n }) === 1n);
 * ```
 */
export function closedFormOptimum(m: Mobius): bigint {
  if (m.a <= m.b) return 0n;
  if (m.c === 0n) {
    throw new ArbitrageError("INVALID_ROUTE", "Route is linear with a rate above one: unbounded", {
      a: m.a,
      b: m.b,
    });
  }
  return (isqrt(m.a * m.b) - m.b) / m.c;
}

/**
 * `floor(max over integers x ≥ 0 of a·x/(b + c·x) − x)`: an upper bound on the profit of any
 * integer input, since every contract rounding lowers the output (exact for a V2-only route).
 *
 * @throws {ArbitrageError} as {@linkcode closedFormOptimum}
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { relaxedProfitBound } from "./relaxation.ts";
 * // 4x/(1 + x) − x is 1 at x = 1
 * assert(relaxedProfitBound({ a: 4n, b: 1n, c: 1n }) === 1n);
 * ```
 */
export function relaxedProfitBound(m: Mobius): bigint {
  const x = closedFormOptimum(m);
  const at = (v: bigint) => floorDiv(m.a * v - v * (m.b + m.c * v), m.b + m.c * v);
  const a = at(x);
  const b = at(x + 1n);
  return a > b ? a : b;
}
