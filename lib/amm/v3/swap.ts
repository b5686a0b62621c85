// lib/amm/v3/swap.ts — one job: UniswapV3Pool.swap's step loop, simulated exactly on a state.
import { MAX_INT256, MAX_UINT128, MAX_UINT256, MIN_INT256 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { addDeltaUnchecked } from "./_liquidity_math.ts";
import { computeSwapStepInto, swapFee, type SwapStepScratch } from "./_swap_step.ts";
import { wordBoundaryTick } from "./_tick_bitmap.ts";
import {
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  sqrtRatioAtTickCached,
  tickAtSqrtRatio,
} from "./_tick_math.ts";
import type { V3PoolState } from "./pool_state.ts";

/** The outcome of a simulated swap, as the pool's `Swap` event and state would show it. */
export interface V3SwapResult {
  /** Token0 delta of the pool: positive = paid into the pool, negative = paid out. */
  readonly amount0: bigint;
  /** Token1 delta of the pool: positive = paid into the pool, negative = paid out. */
  readonly amount1: bigint;
  /** `slot0.sqrtPriceX96` after the swap. */
  readonly sqrtPriceX96: bigint;
  /** `slot0.tick` after the swap. */
  readonly tick: number;
  /** In-range liquidity after the swap. */
  readonly liquidity: bigint;
  /** Initialized ticks the loop crossed (liquidityNet applied). */
  readonly initializedTicksCrossed: number;
  /** Iterations of the step loop (initialized ticks, word boundaries, the final partial step). */
  readonly steps: number;
}

/** The fee accounting of a swap (`v3SwapWithFees`), in the input token. */
export interface V3SwapFees {
  /** Total fee paid, including the protocol's share. */
  readonly feeAmount: bigint;
  /** The protocol's share (0 unless the pool's `feeProtocol` is set for the input token). */
  readonly protocolFee: bigint;
  /** Sum of the swap's increments to the input token's `feeGrowthGlobalX128` (add mod 2^256). */
  readonly feeGrowthGlobalX128Delta: bigint;
}

/**
 * Simulates `UniswapV3Pool.swap(zeroForOne, amountSpecified, sqrtPriceLimitX96)` on `pool`
 * without changing it: the contract's step loop, stepping at the same points (the next
 * initialized tick or the tick-bitmap word boundary, clamped to MIN/MAX_TICK), with the same
 * rounding, tick transitions and liquidity crossings, so the result is bit-identical.
 *
 * @param zeroForOne true to pay token0 and receive token1 (price goes down)
 * @param amountSpecified > 0 exact input, < 0 exact output (int256)
 * @param sqrtPriceLimitX96 the price the swap may not pass: below the current price and above
 *   MIN_SQRT_RATIO for zeroForOne, above it and below MAX_SQRT_RATIO otherwise
 * @throws {AmmError} `AMOUNT_SPECIFIED_ZERO` (`AS`), `PRICE_LIMIT_OUT_OF_RANGE` (`SPL`),
 *   `VALUE_OUT_OF_RANGE`, and the math reverts (`LIQUIDITY_UNDERFLOW`, `PRICE_OUT_OF_RANGE`, …)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyMint } from "./pool_events.ts";
 * import { v3Swap } from "./swap.ts";
 * import { MIN_SQRT_RATIO } from "./tick_math.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * v3ApplyMint(pool, -887220, 887220, 2n * 10n ** 18n);
 * const r = v3Swap(pool, true, 10n ** 18n, MIN_SQRT_RATIO + 1n);
 * assert(r.amount0 === 10n ** 18n && r.amount1 === -665331998665331998n);
 * assert(r.tick === -8090);
 * ```
 */
export function v3Swap(
  pool: V3PoolState,
  zeroForOne: boolean,
  amountSpecified: bigint,
  sqrtPriceLimitX96: bigint,
): V3SwapResult {
  return runSwap(pool, zeroForOne, amountSpecified, sqrtPriceLimitX96, false);
}

/**
 * `v3Swap` plus the fee accounting the pool does during the swap: the fee paid, the protocol's
 * share and the increment to `feeGrowthGlobalX128` (one extra division per step, which is why
 * quotes leave it out).
 *
 * @throws {AmmError} as `v3Swap`, and `MATH_OVERFLOW` where the contract's fee-growth `mulDiv`
 *   would revert
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyMint } from "./pool_events.ts";
 * import { v3SwapWithFees } from "./swap.ts";
 * import { MIN_SQRT_RATIO } from "./tick_math.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * v3ApplyMint(pool, -887220, 887220, 2n * 10n ** 18n);
 * const r = v3SwapWithFees(pool, true, 10n ** 18n, MIN_SQRT_RATIO + 1n);
 * assert(r.feeAmount === 3n * 10n ** 15n);
 * assert(r.feeGrowthGlobalX128Delta === 510423550381407695195061911147652317n);
 * ```
 */
export function v3SwapWithFees(
  pool: V3PoolState,
  zeroForOne: boolean,
  amountSpecified: bigint,
  sqrtPriceLimitX96: bigint,
): V3SwapResult & V3SwapFees {
  return runSwap(pool, zeroForOne, amountSpecified, sqrtPriceLimitX96, true) as
    & V3SwapResult
    & V3SwapFees;
}

function runSwap(
  pool: V3PoolState,
  zeroForOne: boolean,
  amountSpecified: bigint,
  limit: bigint,
  trackFees: boolean,
): V3SwapResult | (V3SwapResult & V3SwapFees) {
  if (amountSpecified === 0n) {
    throw new AmmError("AMOUNT_SPECIFIED_ZERO", "Amount specified must not be zero", {
      revert: "AS",
    });
  }
  if (
    typeof amountSpecified !== "bigint" || amountSpecified < MIN_INT256 ||
    amountSpecified > MAX_INT256
  ) {
    throw new AmmError(
      "VALUE_OUT_OF_RANGE",
      `Amount specified must be an int256, got ${amountSpecified}`,
      { amountSpecified },
    );
  }
  const start = pool.sqrtPriceX96;
  if (
    typeof limit !== "bigint" ||
    (zeroForOne
      ? !(limit < start && limit > MIN_SQRT_RATIO)
      : !(limit > start && limit < MAX_SQRT_RATIO))
  ) {
    throw new AmmError(
      "PRICE_LIMIT_OUT_OF_RANGE",
      `Price limit ${limit} must be ${
        zeroForOne ? "below" : "above"
      } the price ${start}, in bounds`,
      { sqrtPriceLimitX96: limit, sqrtPriceX96: start, zeroForOne, revert: "SPL" },
    );
  }

  const exactInput = amountSpecified > 0n;
  // one step record per swap, reused by every step: no allocation per step
  const step: SwapStepScratch = {
    sqrtPriceNextX96: 0n,
    amountIn: 0n,
    amountOut: 0n,
    amountInWithFee: 0n,
  };
  const fee = swapFee(pool.fee);
  const feeProtocol = zeroForOne ? pool.feeProtocol & 15 : pool.feeProtocol >> 4;
  const table = pool.ticks;
  const tickSpacing = pool.tickSpacing;

  let remaining = amountSpecified;
  let calculated = 0n;
  let price = start;
  let tick = pool.tick;
  let liquidity = pool.liquidity;
  let liquidityX96 = liquidity << 96n;
  let feeAmount = 0n;
  let protocolFee = 0n;
  let feeGrowth = 0n;
  let crossed = 0;
  let steps = 0;

  while (remaining !== 0n && price !== limit) {
    const stepStart = price;
    const index = table.nextInitializedIndex(tick, zeroForOne);
    let tickNext: number;
    let sqrtNext: bigint;
    if (index >= 0) {
      tickNext = table.tickAt(index);
      sqrtNext = table.sqrtPriceAt(index);
    } else {
      tickNext = wordBoundaryTick(tick, tickSpacing, zeroForOne);
      // the bitmap knows nothing of the tick bounds
      if (tickNext < MIN_TICK) tickNext = MIN_TICK;
      else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
      sqrtNext = sqrtRatioAtTickCached(tickNext);
    }
    const target = (zeroForOne ? sqrtNext < limit : sqrtNext > limit) ? limit : sqrtNext;
    computeSwapStepInto(
      step,
      price,
      target,
      liquidity,
      liquidityX96,
      remaining,
      fee,
      zeroForOne,
      exactInput,
    );
    price = step.sqrtPriceNextX96;

    if (exactInput) {
      remaining -= step.amountInWithFee;
      calculated -= step.amountOut;
    } else {
      remaining += step.amountOut;
      calculated += step.amountInWithFee;
    }
    if (trackFees) {
      let stepFee = step.amountInWithFee - step.amountIn;
      feeAmount += stepFee;
      if (feeProtocol > 0) {
        const delta = stepFee / BigInt(feeProtocol);
        stepFee -= delta;
        protocolFee += delta;
      }
      if (liquidity > 0n) {
        const growth = (stepFee << 128n) / liquidity;
        if (growth > MAX_UINT256) {
          throw new AmmError("MATH_OVERFLOW", "Fee growth increment overflows uint256", {
            feeAmount: stepFee,
            liquidity,
          });
        }
        feeGrowth += growth;
      }
    }

    if (price === sqrtNext) {
      if (index >= 0) {
        const net = table.liquidityNetAt(index);
        // moving left, liquidityNet is subtracted; LiquidityMath.addDelta's LS/LA checks
        liquidity = zeroForOne ? liquidity - net : liquidity + net;
        if (liquidity < 0n || liquidity > MAX_UINT128) {
          throw crossingError(liquidity, net, zeroForOne);
        }
        liquidityX96 = liquidity << 96n;
        crossed++;
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
    } else if (price !== stepStart) {
      // recompute unless the price did not move (it may sit on a tick already transitioned)
      tick = tickAtSqrtRatio(price);
    }
    steps++;
  }

  // the running sum is monotone, so an in-range total means every partial sum was in range
  if (calculated < MIN_INT256 || calculated > MAX_INT256) {
    throw new AmmError("MATH_OVERFLOW", `Swap amount ${calculated} overflows int256`, {
      amountCalculated: calculated,
    });
  }
  const specifiedUsed = amountSpecified - remaining;
  const result: V3SwapResult = {
    amount0: zeroForOne === exactInput ? specifiedUsed : calculated,
    amount1: zeroForOne === exactInput ? calculated : specifiedUsed,
    sqrtPriceX96: price,
    tick,
    liquidity,
    initializedTicksCrossed: crossed,
    steps,
  };
  if (!trackFees) return result;
  return { ...result, feeAmount, protocolFee, feeGrowthGlobalX128Delta: feeGrowth };
}

// The error LiquidityMath.addDelta raises for this crossing (it throws on the same condition).
function crossingError(after: bigint, net: bigint, zeroForOne: boolean): AmmError {
  const delta = zeroForOne ? -net : net;
  try {
    addDeltaUnchecked(after - delta, delta);
  } catch (error) {
    if (error instanceof AmmError) return error;
    throw error;
  }
  return new AmmError("LIQUIDITY_OVERFLOW", `Liquidity ${after} out of uint128 range`);
}
