// lib/arbitrage/profit_bound.ts — one job: an exact upper bound on a cycle's best profit, cheap
// enough to reject candidates before sizing them.
import type { V3PoolState } from "../amm/mod.ts";
import { assertRoute, type RouteHop } from "./route.ts";
import {
  composeVirtual,
  reachTicks,
  v2Virtual,
  v3Virtual,
  virtualProfitBound,
} from "./_virtual.ts";

/**
 * An integer no input's exact profit exceeds, for a cycle route (its last hop pays the token its
 * first hop takes). Each hop is replaced by a constant product paying at least as much: a V2 pair
 * as it is, a V3 pool on virtual reserves at the most liquidity it holds within reach of the
 * optimum (no price moves past the cycle's initial marginal rate before the optimum), composed
 * with directed rounding; the best profit of the result is bounded by (Y − X)²/(4X). The
 * contracts' rounding only lowers real outputs, so the bound holds for the exact profit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { profitUpperBound } from "./profit_bound.ts";
 * import { v2Hop } from "./route.ts";
 * import { optimalAmountIn } from "./sizing.ts";
 * const a = createV2PoolState(10n ** 21n, 2n * 10n ** 21n);
 * const b = createV2PoolState(10n ** 21n, 22n * 10n ** 20n);
 * const route = [v2Hop(b, true), v2Hop(a, false)];
 * assert(profitUpperBound(route) >= optimalAmountIn(route)!.profit);
 * ```
 */
export function profitUpperBound(route: readonly RouteHop[]): bigint {
  assertRoute(route);
  let logRate = 0;
  for (const hop of route) {
    if (hop.protocol === "v2") {
      const s = hop.state;
      const [rIn, rOut] = hop.zeroForOne ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
      if (rIn === 0n || rOut === 0n) return 0n;
      logRate += Math.log(Number(rOut)) - Math.log(Number(rIn)) +
        Math.log(Number(10_000n - s.feeBps) / 10_000);
    } else {
      const lp = 2 * (Math.log(Number(hop.state.sqrtPriceX96)) - 96 * Math.LN2);
      logRate += (hop.zeroForOne ? lp : -lp) + Math.log((1_000_000 - hop.state.fee) / 1_000_000);
    }
  }
  const ticks = reachTicks(logRate);
  let y = 0n;
  let x = 0n;
  route.forEach((hop, i) => {
    let y2: bigint;
    let x2: bigint;
    if (hop.protocol === "v2") {
      const s = hop.state;
      [y2, x2] = hop.zeroForOne
        ? v2Virtual(s.reserve0, s.reserve1, s.feeBps)
        : v2Virtual(s.reserve1, s.reserve0, s.feeBps);
    } else {
      const l = liquidityWithin(hop.state, hop.zeroForOne, ticks);
      [y2, x2] = v3Virtual(l, hop.state.sqrtPriceX96, hop.state.fee, hop.zeroForOne);
    }
    [y, x] = i === 0 ? [y2, x2] : composeVirtual(y, x, y2, x2);
  });
  return virtualProfitBound(y, x);
}

// the most active liquidity a swap meets before its price moves `ticks` ticks
function liquidityWithin(s: V3PoolState, zeroForOne: boolean, ticks: number): bigint {
  const t = s.ticks;
  let l = s.liquidity;
  let max = l;
  const at = t.indexAtOrBelow(s.tick);
  if (zeroForOne) {
    for (let i = at; i >= 0 && s.tick - t.tickAt(i) <= ticks; i--) {
      l -= t.liquidityNetAt(i);
      if (l > max) max = l;
    }
  } else {
    for (let i = at + 1; i < t.size && t.tickAt(i) - s.tick <= ticks; i++) {
      l += t.liquidityNetAt(i);
      if (l > max) max = l;
    }
  }
  return max;
}
