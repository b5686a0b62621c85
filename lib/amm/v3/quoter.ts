// lib/amm/v3/quoter.ts — one job: QuoterV2-shaped quotes computed from a pool state, no RPC.
import { checkRange, MAX_INT256 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "./_tick_math.ts";
import type { V3PoolState } from "./pool_state.ts";
import { v3Swap, type V3SwapResult } from "./swap.ts";
import { v3CountInitializedTicksCrossed } from "./ticks_counter.ts";

/** A single-pool quote, shaped like QuoterV2's return values plus what the swap reveals. */
export interface V3Quote {
  /** Input the swap takes (for exact output: QuoterV2's `amountIn`). */
  readonly amountIn: bigint;
  /** Output the swap pays (for exact input: QuoterV2's `amountOut`). */
  readonly amountOut: bigint;
  /** QuoterV2's `sqrtPriceX96After`. */
  readonly sqrtPriceX96After: bigint;
  /** `slot0.tick` after the swap. */
  readonly tickAfter: number;
  /** Active liquidity after the swap. */
  readonly liquidityAfter: bigint;
  /** QuoterV2's `initializedTicksCrossed` (PoolTicksCounter's way of counting). */
  readonly initializedTicksCrossed: number;
  /** The underlying swap simulation, to apply or inspect. */
  readonly swap: V3SwapResult;
}

function quote(
  state: V3PoolState,
  zeroForOne: boolean,
  amountSpecified: bigint,
  limit: bigint,
  exactInput: boolean,
  requested: bigint,
): V3Quote {
  // QuoterV2 turns a zero limit into the extreme the pool accepts
  const sqrtPriceLimitX96 = limit === 0n
    ? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n)
    : limit;
  const swap = v3Swap(state, zeroForOne, amountSpecified, sqrtPriceLimitX96);
  const [paid, received] = zeroForOne
    ? [swap.amount0, -swap.amount1]
    : [swap.amount1, -swap.amount0];
  // the quoter's swap callback requires that something is owed to the pool
  if (swap.amount0 <= 0n && swap.amount1 <= 0n) {
    throw new AmmError("QUOTE_NOTHING_PAID", "Swap owes the pool nothing; QuoterV2 reverts", {
      amount0: swap.amount0,
      amount1: swap.amount1,
    });
  }
  // without a limit, QuoterV2 insists the full output was received
  if (!exactInput && limit === 0n && received !== requested) {
    throw new AmmError(
      "QUOTE_OUTPUT_NOT_FILLED",
      `Pool can pay only ${received} of the requested ${requested}`,
      { requested, received },
    );
  }
  return {
    amountIn: paid,
    amountOut: received,
    sqrtPriceX96After: swap.sqrtPriceX96,
    tickAfter: swap.tick,
    liquidityAfter: swap.liquidity,
    initializedTicksCrossed: v3CountInitializedTicksCrossed(state.ticks, state.tick, swap.tick),
    swap,
  };
}

/**
 * `QuoterV2.quoteExactInputSingle` on a pool state: swap exactly `amountIn` (or until the price
 * limit) and report the output, the price after, and the initialized ticks crossed as QuoterV2
 * counts them. The state is not changed.
 *
 * @param tokenInIsToken0 true when paying token0 (a zeroForOne swap)
 * @param sqrtPriceLimitX96 0 (default) for no limit, as in QuoterV2
 * @throws {AmmError} `AMOUNT_SPECIFIED_ZERO`, `VALUE_OUT_OF_RANGE` (amount ≥ 2^255),
 *   `PRICE_LIMIT_OUT_OF_RANGE`, `QUOTE_NOTHING_PAID`, and the swap math errors
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyMint } from "./pool_events.ts";
 * import { v3QuoteExactInput } from "./quoter.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * v3ApplyMint(pool, -887220, 887220, 2n * 10n ** 18n);
 * const q = v3QuoteExactInput(pool, true, 10n ** 18n);
 * assert(q.amountOut === 665331998665331998n && q.initializedTicksCrossed === 0);
 * ```
 */
export function v3QuoteExactInput(
  state: V3PoolState,
  tokenInIsToken0: boolean,
  amountIn: bigint,
  sqrtPriceLimitX96: bigint = 0n,
): V3Quote {
  checkRange("amountIn", amountIn, 0n, MAX_INT256);
  return quote(state, tokenInIsToken0, amountIn, sqrtPriceLimitX96, true, amountIn);
}

/**
 * `QuoterV2.quoteExactOutputSingle` on a pool state: the input needed to receive exactly
 * `amountOut`. Without a price limit it throws, as QuoterV2 reverts, when the pool cannot pay the
 * full amount; with a limit the quote may be partial (`amountOut` says how much).
 *
 * @param tokenInIsToken0 true when paying token0 (a zeroForOne swap)
 * @param sqrtPriceLimitX96 0 (default) for no limit, as in QuoterV2
 * @throws {AmmError} `AMOUNT_SPECIFIED_ZERO`, `VALUE_OUT_OF_RANGE`, `PRICE_LIMIT_OUT_OF_RANGE`,
 *   `QUOTE_NOTHING_PAID`, `QUOTE_OUTPUT_NOT_FILLED`, and the swap math errors
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyMint } from "./pool_events.ts";
 * import { v3QuoteExactOutput } from "./quoter.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * v3ApplyMint(pool, -887220, 887220, 2n * 10n ** 18n);
 * const q = v3QuoteExactOutput(pool, true, 10n ** 18n);
 * assert(q.amountIn === 2006018054162487463n && q.amountOut === 10n ** 18n);
 * ```
 */
export function v3QuoteExactOutput(
  state: V3PoolState,
  tokenInIsToken0: boolean,
  amountOut: bigint,
  sqrtPriceLimitX96: bigint = 0n,
): V3Quote {
  checkRange("amountOut", amountOut, 0n, MAX_INT256);
  return quote(state, tokenInIsToken0, -amountOut, sqrtPriceLimitX96, false, amountOut);
}
