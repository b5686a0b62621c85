// lib/arbitrage/mobius.ts — one job: the Möbius map x ↦ a·x/(b + c·x) and its composition (a
// leaf: the per-hop math, the relaxation and the sizing all build on it).

/**
 * A Möbius (linear-fractional) map `x ↦ a·x / (b + c·x)` with non-negative integer coefficients:
 * the real-valued output of a hop or a route, before the contracts' rounding.
 */
export interface Mobius {
  readonly a: bigint;
  readonly b: bigint;
  readonly c: bigint;
}

/** The identity map `x ↦ x` (`a = b = 1`, `c = 0`), the neutral element of composition. */
export const IDENTITY_MOBIUS: Mobius = Object.freeze({ a: 1n, b: 1n, c: 0n });

/**
 * `second ∘ first`: the map of `first` followed by `second`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composeMobius, IDENTITY_MOBIUS } from "./mobius.ts";
 * const m = { a: 3n, b: 5n, c: 7n };
 * assert.deepEqual(composeMobius(IDENTITY_MOBIUS, m), m);
 * ```
 */
export function composeMobius(first: Mobius, second: Mobius): Mobius {
  return {
    a: second.a * first.a,
    b: second.b * first.b,
    c: second.b * first.c + second.c * first.a,
  };
}
