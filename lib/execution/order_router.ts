// lib/execution/order_router.ts — one job: split one trade across the pools of a pair so that the
// sum of their exact outputs is as large as possible (smart order routing).
import type { AnyPoolState } from "../amm/mod.ts";
import type { PoolSnapshot } from "../chain/mod.ts";
import { poolCurve } from "./_pool_curve.ts";
import { RoutingError } from "./_routing_error.ts";
import { searchSplit } from "./_split_search.ts";

export { RoutingError, type RoutingErrorCode } from "./_routing_error.ts";

/** One pool the router may use, seen from the trade's side. */
export interface RoutingPool {
  /** The caller's label, carried to the legs (a pool address, a venue name). */
  readonly id: string;
  /** The pool's exact state (a V2 pair with its venue's fee in bps, or a V3 pool with ticks). */
  readonly pool: AnyPoolState;
  /** True when the trade pays the pool's token0 (and receives token1). */
  readonly zeroForOne: boolean;
}

/** One pool's part of a routed trade. */
export interface RouteLeg {
  /** Index of the pool in the router's input. */
  readonly index: number;
  readonly id: string;
  readonly zeroForOne: boolean;
  /** Input sent to this pool, > 0. */
  readonly amountIn: bigint;
  /** Its exact output, as the pool (Router02 / SwapRouter exact input) pays it, > 0. */
  readonly amountOut: bigint;
}

/** A routed trade: legs whose inputs add up to `amountIn` and outputs to `amountOut`. */
export interface OrderRoute {
  readonly amountIn: bigint;
  /** Σ of the legs' exact outputs. */
  readonly amountOut: bigint;
  /** The pools used, in input order; inputs sum to `amountIn` exactly. */
  readonly legs: readonly RouteLeg[];
  /** The best single pool for the whole trade, when one can fill it. */
  readonly bestSingle:
    | { readonly index: number; readonly id: string; readonly amountOut: bigint }
    | undefined;
  /** `amountOut − bestSingle.amountOut` (≥ 0), or `amountOut` when no single pool can fill it. */
  readonly improvement: bigint;
  /**
   * No move of δ ∈ {1…16} ∪ {2^k} units between two legs, or of a whole leg into another pool,
   * raises `amountOut`. False only when `maxMoves` ran out first.
   */
  readonly locallyOptimal: boolean;
  /** Exact pool evaluations spent. */
  readonly evaluations: number;
}

/** Options of {@linkcode routeOrder}. */
export interface RouteOrderOptions {
  /** Most refinement moves (each raises the output by ≥ 1 unit); 10 000 by default. */
  readonly maxMoves?: number;
}

const DEFAULT_MAX_MOVES = 10_000;

/**
 * Splits `amountIn` across `pools` (all trading the same pair in the same direction) to maximise
 * the total exact output: it equalises the pools' marginal rates by bisection on a common rate,
 * then refines the integer split by exact hill-climbing (no move of δ ∈ {1…16} ∪ {2^k} units
 * between two pools, or of a whole leg, improves the result), and never returns less than the
 * best single pool. Every leg's output is the pool's exact output for its input (V2 `getAmountOut`
 * with the venue's fee, V3 exact-input swap across ticks).
 *
 * @throws {RoutingError} `INVALID_AMOUNT`, `NO_POOLS`, `INSUFFICIENT_LIQUIDITY` (the pools cannot
 *   take the whole input), `NO_OUTPUT` (no split pays anything)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { routeOrder } from "./order_router.ts";
 * const e18 = 10n ** 18n;
 * const pools = [
 *   { id: "a", pool: { protocol: "v2" as const, state: createV2PoolState(1000n * e18, 2000n * e18) }, zeroForOne: true },
 *   { id: "b", pool: { protocol: "v2" as const, state: createV2PoolState(500n * e18, 1000n * e18, 25n) }, zeroForOne: true },
 * ];
 * const route = routeOrder(pools, 100n * e18);
 * assert.equal(route.legs.reduce((s, l) => s + l.amountIn, 0n), 100n * e18);
 * assert(route.amountOut > route.bestSingle!.amountOut);
 * ```
 */
export function routeOrder(
  pools: readonly RoutingPool[],
  amountIn: bigint,
  options: RouteOrderOptions = {},
): OrderRoute {
  if (typeof amountIn !== "bigint" || amountIn <= 0n) {
    throw new RoutingError("INVALID_AMOUNT", `Amount in must be positive, got ${amountIn}`, {
      amountIn,
    });
  }
  if (pools.length === 0) throw new RoutingError("NO_POOLS", "No pools to route over, got 0");
  const maxMoves = options.maxMoves ?? DEFAULT_MAX_MOVES;
  if (!Number.isInteger(maxMoves) || maxMoves < 0) {
    throw new RoutingError("INVALID_AMOUNT", `Max moves must be an integer ≥ 0, got ${maxMoves}`, {
      maxMoves,
    });
  }
  const found = searchSplit(
    pools.map((p) => poolCurve(p.pool, p.zeroForOne)),
    amountIn,
    maxMoves,
  );
  if (found.capacity !== undefined) {
    throw new RoutingError(
      "INSUFFICIENT_LIQUIDITY",
      `Amount in ${amountIn} exceeds what the pools can take, ${found.capacity}`,
      { amountIn, capacity: found.capacity },
    );
  }
  const split = found.split;
  if (split === undefined || split.total <= 0n) {
    throw new RoutingError("NO_OUTPUT", `Amount in ${amountIn} buys nothing on these pools`, {
      amountIn,
    });
  }
  const legs: RouteLeg[] = [];
  split.amounts.forEach((a, i) => {
    if (a === 0n) return;
    const p = pools[i]!;
    legs.push({
      index: i,
      id: p.id,
      zeroForOne: p.zeroForOne,
      amountIn: a,
      amountOut: split.outputs[i]!,
    });
  });
  const single = found.bestSingle;
  return {
    amountIn,
    amountOut: split.total,
    legs,
    bestSingle: single === undefined
      ? undefined
      : { index: single.index, id: pools[single.index]!.id, amountOut: single.amountOut },
    improvement: split.total - (single?.amountOut ?? 0n),
    locallyOptimal: split.locallyOptimal,
    evaluations: found.evaluations,
  };
}

/**
 * The exact output of one pool for `amountIn` (what Router02 / SwapRouter exact input pays), or
 * undefined when the pool cannot take it (a V2 swap paying nothing reverts; a V3 pool without
 * the liquidity to take it all).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { poolAmountOut } from "./order_router.ts";
 * const pool = { protocol: "v2" as const, state: createV2PoolState(10n ** 21n, 10n ** 21n) };
 * assert.equal(poolAmountOut({ id: "p", pool, zeroForOne: true }, 10n ** 18n), 996006981039903216n);
 * assert.equal(poolAmountOut({ id: "p", pool, zeroForOne: true }, 1n), undefined);
 * ```
 */
export function poolAmountOut(pool: RoutingPool, amountIn: bigint): bigint | undefined {
  const out = poolCurve(pool.pool, pool.zeroForOne).out(amountIn);
  return out < 0n ? undefined : out;
}

/**
 * The routing pools of pool snapshots (as `readPool` returns them) for a trade paying `tokenIn`
 * for `tokenOut`; each one's id is its address.
 *
 * @throws {RoutingError} `POOL_MISMATCH` naming a pool that does not trade that pair
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { routingPools } from "./order_router.ts";
 * const t = (address: `0x${string}`) => ({ address, decimals: 18, symbol: undefined });
 * const snapshot = {
 *   protocol: "v2" as const, address: "0x00000000000000000000000000000000000000aa" as const,
 *   token0: t("0x0000000000000000000000000000000000000001"),
 *   token1: t("0x0000000000000000000000000000000000000002"),
 *   blockNumber: 1n, state: createV2PoolState(10n ** 21n, 10n ** 21n),
 * };
 * const [pool] = routingPools([snapshot],
 *   "0x0000000000000000000000000000000000000002", "0x0000000000000000000000000000000000000001");
 * assert(pool!.zeroForOne === false && pool!.id === snapshot.address);
 * ```
 */
export function routingPools(
  snapshots: readonly PoolSnapshot[],
  tokenIn: string,
  tokenOut: string,
): RoutingPool[] {
  const tin = tokenIn.toLowerCase();
  const tout = tokenOut.toLowerCase();
  return snapshots.map((s) => {
    const t0 = s.token0.address.toLowerCase();
    const t1 = s.token1.address.toLowerCase();
    if (!((t0 === tin && t1 === tout) || (t0 === tout && t1 === tin)) || tin === tout) {
      throw new RoutingError(
        "POOL_MISMATCH",
        `Pool ${s.address} trades ${s.token0.address}/${s.token1.address}, not ${tokenIn}/${tokenOut}`,
        { pool: s.address, tokenIn, tokenOut },
      );
    }
    const pool: AnyPoolState = s.protocol === "v2"
      ? { protocol: "v2", state: s.state }
      : { protocol: "v3", state: s.state };
    return { id: s.address, pool, zeroForOne: t0 === tin };
  });
}
