// lib/arbitrage/_virtual.ts — one job: integer virtual reserves that bound a route's output from
// above, composed with directed rounding.
//
// A hop paying out(x) = Y·x/(X + x) is a constant product on reserves (X, Y) with the fee folded
// into X. Composing (Y1, X1) then (Y2, X2) gives Y = Y1·Y2/(X2 + Y1), X = X1·X2/(X2 + Y1); Y grows
// with Y1, Y2 and falls with X2, X grows with X1, X2 and falls with Y1, so rounding every Y up and
// every X down keeps an upper bound of the real route. Its best profit is (√Y − √X)² ≤
// (Y − X)²/(4X).

import { Q96 } from "../amm/mod.ts";

const PIPS = 1_000_000n;
const BPS = 10_000n;
/** A bound no profit reaches (used when X rounds to zero). */
export const UNBOUNDED = 1n << 256n;

/** (Y, X) of a V2 pair: the output reserve, and the input reserve over the fee factor, down. */
export function v2Virtual(
  reserveIn: bigint,
  reserveOut: bigint,
  feeBps: bigint,
): [bigint, bigint] {
  return [reserveOut, (reserveIn * BPS) / (BPS - feeBps)];
}

/** (Y, X) of a V3 pool held at liquidity `l` at its price: L·√P and L/√P, Y up, X/γ down. */
export function v3Virtual(
  l: bigint,
  sqrtPriceX96: bigint,
  fee: number,
  zeroForOne: boolean,
): [bigint, bigint] {
  const gamma = PIPS - BigInt(fee);
  return zeroForOne
    ? [ceilDiv(l * sqrtPriceX96, Q96), (l * Q96 * PIPS) / (sqrtPriceX96 * gamma)]
    : [ceilDiv(l * Q96, sqrtPriceX96), (l * sqrtPriceX96 * PIPS) / (Q96 * gamma)];
}

/** (Y, X) of hop (y1, x1) followed by hop (y2, x2), Y rounded up and X down. */
export function composeVirtual(
  y1: bigint,
  x1: bigint,
  y2: bigint,
  x2: bigint,
): [bigint, bigint] {
  const d = x2 + y1;
  if (d === 0n) return [0n, 0n];
  return [ceilDiv(y1 * y2, d), (x1 * x2) / d];
}

/** An integer at least the best real profit of Y·x/(X + x) − x: 0 when Y ≤ X. */
export function virtualProfitBound(y: bigint, x: bigint): bigint {
  if (y <= x) return 0n;
  if (x === 0n) return UNBOUNDED;
  return ((y - x) * (y - x)) / (4n * x);
}

/**
 * How many ticks any V3 price of a cycle can move before the cycle's optimum, given the ln of its
 * initial marginal rate: at the optimum the rate is 1, so each hop's rate (price) has fallen by at
 * most that factor. Two ticks of margin cover the float error of the ln many times over.
 */
export function reachTicks(logRate: number): number {
  return logRate > 0 ? Math.ceil(logRate / Math.log(1.0001)) + 2 : 2;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : q + 1n;
}
