// lib/arbitrage/_band.ts — one job: the integer interval where the relaxed profit reaches a target.
//
// Split a route at stage j: u = amount after the first j hops. With the prefix P (hops before j)
// and the suffix S (hops from j) as Möbius maps, the relaxed profit as a function of u is
// U(u) = S(u) − P⁻¹(u), P⁻¹(u) = Bp·u/(Ap − Cp·u), concave on 0 < u < Ap/Cp. Multiplying
// U(u) ≥ T by the positive (Bs + Cs·u)(Ap − Cp·u) gives α·u² − β·u + γ ≤ 0 with the integer
// coefficients below, solved with an exact integer square root and checked at the ends.
import { isqrt } from "./isqrt.ts";
import { floorDiv } from "../market/mod.ts";
import type { Mobius } from "./mobius.ts";

/**
 * The integers u ≥ 1 in the domain of P⁻¹ with U(u) ≥ target, as [lo, hi], or undefined when
 * there are none. U is concave, so the set is an interval.
 */
export function profitBand(
  p: Mobius,
  s: Mobius,
  target: bigint,
): readonly [bigint, bigint] | undefined {
  const alpha = s.a * p.c + p.b * s.c - target * s.c * p.c;
  // α ≤ 0 only when the target is above sup S = As/Cs, so nothing reaches it
  if (alpha <= 0n) return undefined;
  const beta = s.a * p.a - p.b * s.b + target * (s.b * p.c - s.c * p.a);
  const gamma = target * s.b * p.a;
  const disc = beta * beta - 4n * alpha * gamma;
  if (disc < 0n) return undefined;
  const r = isqrt(disc);
  const twoA = 2n * alpha;
  const inside = (u: bigint) => alpha * u * u - beta * u + gamma <= 0n;
  // r ≤ √disc < r + 1 brackets each root within one step of these estimates
  let lo = floorDiv(beta - r - 1n, twoA);
  let hi = floorDiv(beta + r + 1n, twoA) + 1n;
  if (lo < 1n) lo = 1n;
  if (p.c > 0n) {
    const max = (p.a - 1n) / p.c; // u < Ap/Cp
    if (hi > max) hi = max;
  }
  // each estimate is within two steps of its root; past that keep the (still enclosing) bracket
  for (let i = 0; i < 4 && lo <= hi && !inside(lo); i++) lo++;
  for (let i = 0; i < 4 && hi >= lo && !inside(hi); i++) hi--;
  return lo <= hi ? [lo, hi] : undefined;
}
