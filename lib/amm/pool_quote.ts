// lib/amm/pool_quote.ts — one job: quote a swap on a pool of either kind, exactly.
import type { V2PoolState } from "./v2_state.ts";
import { v2SwapExactInput, v2SwapExactOutput } from "./v2_state.ts";
import type { V3PoolState } from "./v3/pool_state.ts";
import { v3QuoteExactInput, v3QuoteExactOutput } from "./v3/quoter.ts";

/** A pool's state, tagged with its protocol. */
export type AnyPoolState =
  | { readonly protocol: "v2"; readonly state: V2PoolState }
  | { readonly protocol: "v3"; readonly state: V3PoolState };

/** An exact quote on one pool: amounts in native units and the pool's price after. */
export interface PoolQuote {
  /** Input the swap takes. */
  readonly amountIn: bigint;
  /** Output it pays. */
  readonly amountOut: bigint;
  /** V2: reserves after the swap. */
  readonly reservesAfter?: readonly [bigint, bigint];
  /** V3: `slot0.sqrtPriceX96` after the swap. */
  readonly sqrtPriceX96After?: bigint;
  /** V3: `slot0.tick` after the swap. */
  readonly tickAfter?: number;
  /** V3: initialized ticks crossed, counted as QuoterV2 counts them (0 for V2). */
  readonly ticksCrossed: number;
}

/**
 * Quote an exact-input (`exactInput` true: `amount` is what you pay) or exact-output (`amount`
 * is what you receive) swap paying token0 (`zeroForOne`) or token1, on a V2 or V3 pool. The
 * result equals Router02's `getAmountsOut/In` or QuoterV2 to the last unit.
 *
 * @throws {AmmError} as the V2 and V3 swap functions (insufficient liquidity, zero amount, …)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "./v2_state.ts";
 * import { quotePool } from "./pool_quote.ts";
 * const q = quotePool({ protocol: "v2", state: createV2PoolState(10n ** 21n, 10n ** 21n) },
 *   true, 10n ** 18n, true);
 * assert.equal(q.amountOut, 996006981039903216n);
 * ```
 */
export function quotePool(
  pool: AnyPoolState,
  zeroForOne: boolean,
  amount: bigint,
  exactInput: boolean,
): PoolQuote {
  if (pool.protocol === "v2") {
    const r = exactInput
      ? v2SwapExactInput(pool.state, zeroForOne, amount)
      : v2SwapExactOutput(pool.state, zeroForOne, amount);
    return {
      amountIn: r.amountIn,
      amountOut: r.amountOut,
      reservesAfter: [r.state.reserve0, r.state.reserve1],
      ticksCrossed: 0,
    };
  }
  const q = exactInput
    ? v3QuoteExactInput(pool.state, zeroForOne, amount)
    : v3QuoteExactOutput(pool.state, zeroForOne, amount);
  return {
    amountIn: q.amountIn,
    amountOut: q.amountOut,
    sqrtPriceX96After: q.sqrtPriceX96After,
    tickAfter: q.tickAfter,
    ticksCrossed: q.initializedTicksCrossed,
  };
}
