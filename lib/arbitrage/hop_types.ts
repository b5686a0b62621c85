// lib/arbitrage/hop_types.ts — one job: the types of a route's hops (a leaf: the route, its
// per-hop math and its relaxation all read them).
import type { V2PoolState, V3PoolState } from "../amm/mod.ts";

/** A swap through a Uniswap V2 style pair, paying token0 when `zeroForOne`. */
export interface V2Hop {
  readonly protocol: "v2";
  readonly state: V2PoolState;
  readonly zeroForOne: boolean;
}

/** A swap through a Uniswap V3 style pool, paying token0 when `zeroForOne`. */
export interface V3Hop {
  readonly protocol: "v3";
  readonly state: V3PoolState;
  readonly zeroForOne: boolean;
}

/** One hop of a route. */
export type RouteHop = V2Hop | V3Hop;
