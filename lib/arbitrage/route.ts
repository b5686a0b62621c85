// lib/arbitrage/route.ts — one job: a route of pool hops and its exact simulation.
import { assertV2Fee, assertV2Reserve, type V2PoolState, type V3PoolState } from "../amm/mod.ts";
import { ArbitrageError } from "./errors.ts";
import type { RouteHop, V2Hop, V3Hop } from "./hop_types.ts";
import { hopOut } from "./_hop.ts";

export type { RouteHop, V2Hop, V3Hop } from "./hop_types.ts";

/** Most hops a route may have (cycles are 2 to 4 hops; sizing accepts up to this many). */
export const MAX_ROUTE_HOPS = 8;

/**
 * A V2 hop.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { v2Hop } from "./route.ts";
 * assert(v2Hop(createV2PoolState(10n ** 21n, 10n ** 21n), true).protocol === "v2");
 * ```
 */
export function v2Hop(state: V2PoolState, zeroForOne: boolean): V2Hop {
  return { protocol: "v2", state, zeroForOne };
}

/**
 * A V3 hop.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "../amm/mod.ts";
 * import { v3Hop } from "./route.ts";
 * const s = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 500, tickSpacing: 10 });
 * assert(v3Hop(s, false).protocol === "v3");
 * ```
 */
export function v3Hop(state: V3PoolState, zeroForOne: boolean): V3Hop {
  return { protocol: "v3", state, zeroForOne };
}

/**
 * Throws unless `route` has 1 to {@linkcode MAX_ROUTE_HOPS} hops with valid V2 reserves and fees
 * (V3 states are validated when they are built).
 *
 * @throws {ArbitrageError} `INVALID_ROUTE`, naming the hop.
 * @example
 * ```ts
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { assertRoute, v2Hop } from "./route.ts";
 * assertRoute([v2Hop(createV2PoolState(5n, 7n), true)]);
 * ```
 */
export function assertRoute(route: readonly RouteHop[]): void {
  if (!Array.isArray(route) || route.length < 1 || route.length > MAX_ROUTE_HOPS) {
    throw new ArbitrageError(
      "INVALID_ROUTE",
      `Route must have 1 to ${MAX_ROUTE_HOPS} hops, got ${route?.length}`,
      { hops: route?.length },
    );
  }
  for (let i = 0; i < route.length; i++) {
    const hop = route[i]!;
    try {
      if (hop.protocol === "v2") {
        assertV2Reserve("reserve0", hop.state.reserve0);
        assertV2Reserve("reserve1", hop.state.reserve1);
        assertV2Fee(hop.state.feeBps);
      } else if (hop.protocol !== "v3" || typeof hop.state?.sqrtPriceX96 !== "bigint") {
        throw new Error(`unknown protocol ${String((hop as { protocol?: unknown }).protocol)}`);
      }
    } catch (cause) {
      throw new ArbitrageError(
        "INVALID_ROUTE",
        `Hop ${i} is not a valid pool hop: ${(cause as Error).message}`,
        { hop: i },
        { cause },
      );
    }
  }
}

/**
 * The exact amounts along a route for `amountIn`: `amounts[0] = amountIn` and `amounts[i + 1]`
 * the output of hop `i`, each computed as the pool contract does (`v2AmountOut`, `v3Swap`).
 * Undefined when a hop cannot take its input (a V3 pool runs out of liquidity before the input is
 * used up, or a V2 reserve would overflow uint112).
 *
 * @throws {ArbitrageError} `INVALID_ROUTE`, `INVALID_AMOUNT` (negative input)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState, v2AmountOut } from "../amm/mod.ts";
 * import { routeAmounts, v2Hop } from "./route.ts";
 * const a = createV2PoolState(10n ** 21n, 2n * 10n ** 21n);
 * const b = createV2PoolState(2n * 10n ** 21n, 10n ** 21n);
 * const amounts = routeAmounts([v2Hop(a, true), v2Hop(b, true)], 10n ** 18n)!;
 * assert(amounts[1] === v2AmountOut(10n ** 18n, 10n ** 21n, 2n * 10n ** 21n));
 * ```
 */
export function routeAmounts(
  route: readonly RouteHop[],
  amountIn: bigint,
): bigint[] | undefined {
  assertRoute(route);
  checkAmount(amountIn);
  const amounts = [amountIn];
  let x = amountIn;
  for (const hop of route) {
    x = hopOut(hop, x);
    if (x < 0n) return undefined;
    amounts.push(x);
  }
  return amounts;
}

/**
 * Exact profit of a cycle route for `amountIn`: the last hop's output minus the input, in the
 * input token; undefined when the route cannot take the input (see {@linkcode routeAmounts}).
 *
 * @throws {ArbitrageError} `INVALID_ROUTE`, `INVALID_AMOUNT`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { routeProfit, v2Hop } from "./route.ts";
 * const a = createV2PoolState(10n ** 21n, 2n * 10n ** 21n);
 * const b = createV2PoolState(10n ** 21n, 2n * 10n ** 21n); // same price: no arbitrage
 * assert(routeProfit([v2Hop(a, true), v2Hop(b, false)], 10n ** 18n)! < 0n);
 * ```
 */
export function routeProfit(route: readonly RouteHop[], amountIn: bigint): bigint | undefined {
  const amounts = routeAmounts(route, amountIn);
  return amounts === undefined ? undefined : amounts[amounts.length - 1]! - amountIn;
}

function checkAmount(amountIn: bigint): void {
  if (typeof amountIn !== "bigint" || amountIn < 0n) {
    throw new ArbitrageError("INVALID_AMOUNT", `Amount in must be a bigint ≥ 0, got ${amountIn}`, {
      amountIn,
    });
  }
}
