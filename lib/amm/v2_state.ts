// lib/amm/v2_state.ts — one job: a V2 pair's reserves, updated by Sync and Swap as the pair does.
import { MAX_UINT112, MAX_UINT256 } from "./_uint.ts";
import { AmmError } from "./errors.ts";
import {
  assertV2Fee,
  assertV2Reserve,
  BPS,
  V2_DEFAULT_FEE_BPS,
  v2AmountIn,
  v2AmountOut,
} from "./v2.ts";

/** What the math needs of a V2 pair: its reserves (as after its last `Sync`) and its fee. */
export interface V2PoolState {
  readonly reserve0: bigint;
  readonly reserve1: bigint;
  /** The venue's fee in basis points (30 for Uniswap V2). */
  readonly feeBps: bigint;
}

/** The four amounts of a pair's `Swap` event (what went in and out, per token). */
export interface V2SwapAmounts {
  readonly amount0In: bigint;
  readonly amount1In: bigint;
  readonly amount0Out: bigint;
  readonly amount1Out: bigint;
}

/** A simulated swap: the amounts and the pair state after it. */
export interface V2SwapResult {
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  readonly state: V2PoolState;
}

/**
 * A validated V2 pair state.
 *
 * @throws {AmmError} `RESERVE_OUT_OF_RANGE` (not a uint112), `INVALID_FEE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "./v2_state.ts";
 * const s = createV2PoolState(10n ** 21n, 2n * 10n ** 21n);
 * assert(s.feeBps === 30n);
 * ```
 */
export function createV2PoolState(
  reserve0: bigint,
  reserve1: bigint,
  feeBps: bigint = V2_DEFAULT_FEE_BPS,
): V2PoolState {
  assertV2Reserve("reserve0", reserve0);
  assertV2Reserve("reserve1", reserve1);
  assertV2Fee(feeBps);
  return { reserve0, reserve1, feeBps };
}

/**
 * The state after a `Sync(reserve0, reserve1)` event: the reserves are replaced.
 *
 * @throws {AmmError} `RESERVE_OUT_OF_RANGE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState, v2ApplySync } from "./v2_state.ts";
 * const s = v2ApplySync(createV2PoolState(1n, 1n), 500n, 700n);
 * assert(s.reserve0 === 500n && s.reserve1 === 700n);
 * ```
 */
export function v2ApplySync(state: V2PoolState, reserve0: bigint, reserve1: bigint): V2PoolState {
  assertV2Reserve("reserve0", reserve0);
  assertV2Reserve("reserve1", reserve1);
  return { reserve0, reserve1, feeBps: state.feeBps };
}

/**
 * The state after a swap with the given `Swap` event amounts, checked as `UniswapV2Pair.swap`
 * checks it: some output, outputs below the reserves, some input, the fee-adjusted K invariant
 * `(b0·10000 − in0·fee)·(b1·10000 − in1·fee) ≥ r0·r1·10000²`, and uint112 balances.
 *
 * @throws {AmmError} `INSUFFICIENT_OUTPUT_AMOUNT`, `INSUFFICIENT_LIQUIDITY`,
 *   `INSUFFICIENT_INPUT_AMOUNT`, `K_INVARIANT`, `RESERVE_OUT_OF_RANGE` (balance overflow),
 *   `VALUE_OUT_OF_RANGE` (a negative amount)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState, v2ApplySwap } from "./v2_state.ts";
 * const s = createV2PoolState(1000n * 10n ** 18n, 1000n * 10n ** 18n);
 * const after = v2ApplySwap(s, {
 *   amount0In: 10n ** 18n, amount1In: 0n, amount0Out: 0n, amount1Out: 996006981039903216n,
 * });
 * assert(after.reserve1 === 1000n * 10n ** 18n - 996006981039903216n);
 * ```
 */
export function v2ApplySwap(state: V2PoolState, swap: V2SwapAmounts): V2PoolState {
  const { amount0In, amount1In, amount0Out, amount1Out } = swap;
  for (const [name, v] of Object.entries(swap)) {
    if (typeof v !== "bigint" || v < 0n || v > MAX_UINT256) {
      throw new AmmError("VALUE_OUT_OF_RANGE", `${name} must be a uint256, got ${v}`, {
        [name]: v,
      });
    }
  }
  const { reserve0, reserve1, feeBps } = state;
  if (amount0Out === 0n && amount1Out === 0n) {
    throw new AmmError("INSUFFICIENT_OUTPUT_AMOUNT", "Swap must take some output, got none", {
      revert: "UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT",
    });
  }
  if (amount0Out >= reserve0 || amount1Out >= reserve1) {
    throw new AmmError(
      "INSUFFICIENT_LIQUIDITY",
      `Outputs ${amount0Out}/${amount1Out} must be below reserves ${reserve0}/${reserve1}`,
      { amount0Out, amount1Out, reserve0, reserve1, revert: "UniswapV2: INSUFFICIENT_LIQUIDITY" },
    );
  }
  if (amount0In === 0n && amount1In === 0n) {
    throw new AmmError("INSUFFICIENT_INPUT_AMOUNT", "Swap must pay some input, got none", {
      revert: "UniswapV2: INSUFFICIENT_INPUT_AMOUNT",
    });
  }
  const balance0 = reserve0 + amount0In - amount0Out;
  const balance1 = reserve1 + amount1In - amount1Out;
  const adjusted0 = balance0 * BPS - amount0In * feeBps;
  const adjusted1 = balance1 * BPS - amount1In * feeBps;
  if (adjusted0 * adjusted1 < reserve0 * reserve1 * BPS * BPS) {
    throw new AmmError("K_INVARIANT", "Swap would lower the fee-adjusted product of reserves", {
      ...swap,
      reserve0,
      reserve1,
      feeBps,
      revert: "UniswapV2: K",
    });
  }
  if (balance0 > MAX_UINT112 || balance1 > MAX_UINT112) {
    throw new AmmError(
      "RESERVE_OUT_OF_RANGE",
      `Balances ${balance0}/${balance1} overflow uint112`,
      {
        balance0,
        balance1,
        revert: "UniswapV2: OVERFLOW",
      },
    );
  }
  return { reserve0: balance0, reserve1: balance1, feeBps };
}

/**
 * Simulates an exact-input swap: the output by `v2AmountOut` and the reserves after it.
 *
 * @param zeroForOne true to pay token0 and receive token1
 * @throws {AmmError} as `v2AmountOut` and `v2ApplySwap`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState, v2SwapExactInput } from "./v2_state.ts";
 * const r = v2SwapExactInput(createV2PoolState(10n ** 21n, 10n ** 21n), true, 10n ** 18n);
 * assert(r.amountOut === 996006981039903216n && r.state.reserve0 === 10n ** 21n + 10n ** 18n);
 * ```
 */
export function v2SwapExactInput(
  state: V2PoolState,
  zeroForOne: boolean,
  amountIn: bigint,
): V2SwapResult {
  const [rIn, rOut] = zeroForOne
    ? [state.reserve0, state.reserve1]
    : [state.reserve1, state.reserve0];
  const amountOut = v2AmountOut(amountIn, rIn, rOut, state.feeBps);
  return { amountIn, amountOut, state: applyDirected(state, zeroForOne, amountIn, amountOut) };
}

/**
 * Simulates an exact-output swap: the input by `v2AmountIn` and the reserves after it.
 *
 * @param zeroForOne true to pay token0 and receive token1
 * @throws {AmmError} as `v2AmountIn` and `v2ApplySwap`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState, v2SwapExactOutput } from "./v2_state.ts";
 * const r = v2SwapExactOutput(createV2PoolState(10n ** 21n, 10n ** 21n), false, 10n ** 18n);
 * assert(r.amountOut === 10n ** 18n && r.state.reserve0 === 10n ** 21n - 10n ** 18n);
 * ```
 */
export function v2SwapExactOutput(
  state: V2PoolState,
  zeroForOne: boolean,
  amountOut: bigint,
): V2SwapResult {
  const [rIn, rOut] = zeroForOne
    ? [state.reserve0, state.reserve1]
    : [state.reserve1, state.reserve0];
  const amountIn = v2AmountIn(amountOut, rIn, rOut, state.feeBps);
  return { amountIn, amountOut, state: applyDirected(state, zeroForOne, amountIn, amountOut) };
}

function applyDirected(
  state: V2PoolState,
  zeroForOne: boolean,
  amountIn: bigint,
  amountOut: bigint,
): V2PoolState {
  return v2ApplySwap(
    state,
    zeroForOne
      ? { amount0In: amountIn, amount1In: 0n, amount0Out: 0n, amount1Out: amountOut }
      : { amount0In: 0n, amount1In: amountIn, amount0Out: amountOut, amount1Out: 0n },
  );
}
