// lib/execution/paper_fill.ts — one job: fill a route on paper: re-quote every hop, in order,
// against the pool states held now, with the exact V2/V3 math.
import { AmmError, quotePool } from "../amm/mod.ts";
import type { ArbitrageHop, Hex } from "../protocol/mod.ts";
import type { MarketBook } from "../market/mod.ts";
import { ExecutionReason } from "../protocol/mod.ts";

/** One hop as it would fill now. */
export interface PaperHopFill {
  readonly pool: Hex;
  readonly tokenIn: Hex;
  readonly tokenOut: Hex;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  /** V3 initialized ticks crossed (0 for V2). */
  readonly ticksCrossed: number;
}

/** A route's paper fill: every hop, or why it cannot fill. */
export type PaperRouteFill =
  | { readonly ok: true; readonly hops: readonly PaperHopFill[]; readonly amountOut: bigint }
  | {
    readonly ok: false;
    /** `QuoteFailed`, `PoolStateUnknown` or `RouteMismatch`. */
    readonly reason: ExecutionReason;
    /** The hop that failed, from 0. */
    readonly hop: number;
    readonly message: string;
  };

/**
 * Fill `hops` on paper starting with `amountIn`: hop i takes what hop i−1 paid out, and each
 * quote is the exact amount the pool contract would pay (Router02 `getAmountsOut` for V2,
 * QuoterV2 `quoteExactInputSingle` for V3, ticks crossed) at the book's current state. The
 * book is not changed: a paper fill moves no pool.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MarketBook } from "../market/mod.ts";
 * import { fillRoute } from "./paper_fill.ts";
 * const book = new MarketBook({ chainId: 31337, nativeToken: "0x" + "0a".repeat(20),
 *   stablecoins: [] });
 * const r = fillRoute(book, [{ pool: `0x${"03".repeat(32)}`, tokenIn: `0x${"0a".repeat(20)}`,
 *   tokenOut: `0x${"0b".repeat(20)}`, amountIn: 1n, amountOut: 1n }], 1n);
 * assert(!r.ok && r.reason === 5);
 * ```
 */
export function fillRoute(
  book: MarketBook,
  hops: readonly ArbitrageHop[],
  amountIn: bigint,
): PaperRouteFill {
  const out: PaperHopFill[] = [];
  let amount = amountIn;
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const m = book.pool(hop.pool);
    if (m === undefined || !m.tradable) {
      return {
        ok: false,
        reason: ExecutionReason.PoolStateUnknown,
        hop: i,
        message: `Pool ${hop.pool} has no usable state`,
      };
    }
    const tin = hop.tokenIn.toLowerCase();
    const tout = hop.tokenOut.toLowerCase();
    const zeroForOne = tin === m.token0 && tout === m.token1;
    if (!zeroForOne && !(tin === m.token1 && tout === m.token0)) {
      return {
        ok: false,
        reason: ExecutionReason.RouteMismatch,
        hop: i,
        message: `Hop ${i} trades ${tin} for ${tout}, not the tokens of pool ${hop.pool}`,
      };
    }
    let q;
    try {
      q = quotePool(m.pool, zeroForOne, amount, true);
    } catch (e) {
      if (!(e instanceof AmmError)) throw e;
      return {
        ok: false,
        reason: ExecutionReason.QuoteFailed,
        hop: i,
        message: `Hop ${i} cannot fill ${amount}: ${e.message}`,
      };
    }
    if (q.amountIn !== amount) {
      // the pool ran out of liquidity before taking the whole input
      return {
        ok: false,
        reason: ExecutionReason.QuoteFailed,
        hop: i,
        message: `Hop ${i} takes only ${q.amountIn} of ${amount}: not enough liquidity`,
      };
    }
    out.push({
      pool: hop.pool,
      tokenIn: hop.tokenIn,
      tokenOut: hop.tokenOut,
      amountIn: amount,
      amountOut: q.amountOut,
      ticksCrossed: q.ticksCrossed,
    });
    amount = q.amountOut;
  }
  return { ok: true, hops: out, amountOut: amount };
}
