// lib/amm/v3/pool_events.ts — one job: rebuild V3 pool state from Mint, Burn and Swap events.
import { checkIntNumber, checkRange, MAX_INT128, MAX_UINT128, MIN_INT128 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { addDeltaUnchecked } from "./_liquidity_math.ts";
import { amount0Delta, amount1Delta } from "./_sqrt_price_math.ts";
import { MAX_TICK, MIN_TICK, sqrtRatioAtTick } from "./_tick_math.ts";
import { createV3PoolState, v3MaxLiquidityPerTick, type V3PoolState } from "./pool_state.ts";
import type { V3TickInfo } from "./tick_table.ts";

/** Token amounts of a position change: owed to the pool on Mint, released on Burn. */
export interface V3PositionAmounts {
  readonly amount0: bigint;
  readonly amount1: bigint;
}

/** The fields of a `Swap` event (or a `v3Swap` result) that define the pool state after it. */
export interface V3SwapOutcome {
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  readonly liquidity: bigint;
}

function checkTicks(tickLower: number, tickUpper: number): void {
  checkIntNumber("tickLower", tickLower, -(2 ** 23), 2 ** 23 - 1);
  checkIntNumber("tickUpper", tickUpper, -(2 ** 23), 2 ** 23 - 1);
  const bad = tickLower >= tickUpper
    ? "TLU"
    : tickLower < MIN_TICK
    ? "TLM"
    : tickUpper > MAX_TICK
    ? "TUM"
    : undefined;
  if (bad !== undefined) {
    throw new AmmError(
      "INVALID_TICK_RANGE",
      `Tick range [${tickLower}, ${tickUpper}] must be ascending within [-887272, 887272]`,
      { tickLower, tickUpper, revert: bad },
    );
  }
}

// Tick.update on a copy: the new gross/net, and whether the tick flips (un)initialized.
function updatedTick(
  state: V3PoolState,
  tick: number,
  liquidityDelta: bigint,
  upper: boolean,
  maxLiquidity: bigint,
): { info: V3TickInfo; flipped: boolean } {
  const before = state.ticks.get(tick) ?? { liquidityGross: 0n, liquidityNet: 0n };
  const gross = addDeltaUnchecked(before.liquidityGross, liquidityDelta);
  if (gross > maxLiquidity) {
    throw new AmmError(
      "TICK_LIQUIDITY_OVERFLOW",
      `Tick ${tick} liquidity ${gross} exceeds the per-tick maximum ${maxLiquidity}`,
      { tick, liquidityGross: gross, maxLiquidity, revert: "LO" },
    );
  }
  const net = upper ? before.liquidityNet - liquidityDelta : before.liquidityNet + liquidityDelta;
  if (net < MIN_INT128 || net > MAX_INT128) {
    throw new AmmError("LIQUIDITY_OVERFLOW", `Tick ${tick} liquidityNet ${net} overflows int128`, {
      tick,
      liquidityNet: net,
    });
  }
  return {
    info: { liquidityGross: gross, liquidityNet: net },
    flipped: (gross === 0n) !== (before.liquidityGross === 0n),
  };
}

function requireSpaced(state: V3PoolState, tick: number): void {
  if (tick % state.tickSpacing !== 0) {
    throw new AmmError(
      "TICK_NOT_SPACED",
      `Tick ${tick} is not a multiple of the tick spacing ${state.tickSpacing}`,
      { tick, tickSpacing: state.tickSpacing },
    );
  }
}

// UniswapV3Pool._modifyPosition minus the oracle, fee and per-owner bookkeeping; all checks run
// before anything is written, so a throw leaves the state untouched (the contract reverts).
function modifyPosition(
  state: V3PoolState,
  tickLower: number,
  tickUpper: number,
  liquidityDelta: bigint,
): { amount0: bigint; amount1: bigint } {
  checkTicks(tickLower, tickUpper);
  if (liquidityDelta === 0n) return { amount0: 0n, amount1: 0n };
  const maxLiquidity = v3MaxLiquidityPerTick(state.tickSpacing);
  const lower = updatedTick(state, tickLower, liquidityDelta, false, maxLiquidity);
  const upper = updatedTick(state, tickUpper, liquidityDelta, true, maxLiquidity);
  if (lower.flipped) requireSpaced(state, tickLower);
  if (upper.flipped) requireSpaced(state, tickUpper);

  const sqrtLower = sqrtRatioAtTick(tickLower);
  const sqrtUpper = sqrtRatioAtTick(tickUpper);
  const adding = liquidityDelta > 0n;
  const size = adding ? liquidityDelta : -liquidityDelta;
  let amount0 = 0n;
  let amount1 = 0n;
  let liquidity = state.liquidity;
  if (state.tick < tickLower) {
    amount0 = amount0Delta(sqrtLower, sqrtUpper, size, adding);
  } else if (state.tick < tickUpper) {
    amount0 = amount0Delta(state.sqrtPriceX96, sqrtUpper, size, adding);
    amount1 = amount1Delta(sqrtLower, state.sqrtPriceX96, size, adding);
    liquidity = addDeltaUnchecked(liquidity, liquidityDelta);
  } else {
    amount1 = amount1Delta(sqrtLower, sqrtUpper, size, adding);
  }

  state.ticks.set(tickLower, lower.info);
  state.ticks.set(tickUpper, upper.info);
  state.liquidity = liquidity;
  return { amount0, amount1 };
}

/**
 * Applies a `Mint(tickLower, tickUpper, amount)` to the state in place, as the pool does: both
 * ticks' liquidityGross/liquidityNet, and the active liquidity when `tickLower ≤ tick <
 * tickUpper`. Returns the token amounts the pool charged (rounded up), which equal the event's
 * `amount0`/`amount1`.
 *
 * @throws {AmmError} `ZERO_AMOUNT`, `INVALID_TICK_RANGE` (`TLU`/`TLM`/`TUM`),
 *   `TICK_LIQUIDITY_OVERFLOW` (`LO`), `TICK_NOT_SPACED`, `LIQUIDITY_OVERFLOW`,
 *   `VALUE_OUT_OF_RANGE`; on a throw the state is unchanged
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyMint } from "./pool_events.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * const owed = v3ApplyMint(pool, -60, 60, 10n ** 18n);
 * assert(pool.liquidity === 10n ** 18n && pool.ticks.size === 2 && owed.amount0 > 0n);
 * ```
 */
export function v3ApplyMint(
  state: V3PoolState,
  tickLower: number,
  tickUpper: number,
  amount: bigint,
): V3PositionAmounts {
  checkRange("amount", amount, 0n, MAX_INT128);
  if (amount === 0n) {
    throw new AmmError("ZERO_AMOUNT", "Mint amount must be positive, got 0", { amount });
  }
  return modifyPosition(state, tickLower, tickUpper, amount);
}

/**
 * Applies a `Burn(tickLower, tickUpper, amount)` to the state in place (the reverse of a mint;
 * a tick whose liquidityGross reaches zero is uninitialized). Returns the token amounts released
 * (rounded down), which equal the event's `amount0`/`amount1`. A zero amount changes nothing.
 *
 * @throws {AmmError} `INVALID_TICK_RANGE`, `LIQUIDITY_UNDERFLOW` (`LS`: more than the ticks or the
 *   active liquidity hold), `VALUE_OUT_OF_RANGE`; on a throw the state is unchanged
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyBurn, v3ApplyMint } from "./pool_events.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 500, tickSpacing: 10 });
 * const owed = v3ApplyMint(pool, -10, 10, 10n ** 18n);
 * const back = v3ApplyBurn(pool, -10, 10, 10n ** 18n);
 * assert(pool.liquidity === 0n && pool.ticks.size === 0 && back.amount0 <= owed.amount0);
 * ```
 */
export function v3ApplyBurn(
  state: V3PoolState,
  tickLower: number,
  tickUpper: number,
  amount: bigint,
): V3PositionAmounts {
  checkRange("amount", amount, 0n, MAX_INT128);
  return modifyPosition(state, tickLower, tickUpper, -amount);
}

/**
 * Sets the state after a `Swap` event (or a `v3Swap` result): price, tick and active liquidity.
 * Ticks do not change in a swap.
 *
 * @throws {AmmError} `INVALID_POOL_STATE`, `SQRT_PRICE_OUT_OF_RANGE`, `VALUE_OUT_OF_RANGE` when
 *   the three do not describe a valid pool state; on a throw the state is unchanged
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * import { v3ApplyMint, v3ApplySwap } from "./pool_events.ts";
 * import { v3Swap } from "./swap.ts";
 * const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * v3ApplyMint(pool, -600, 600, 10n ** 18n);
 * const r = v3Swap(pool, false, 10n ** 15n, 2n << 96n);
 * v3ApplySwap(pool, r);
 * assert(pool.sqrtPriceX96 === r.sqrtPriceX96 && pool.tick === r.tick);
 * ```
 */
export function v3ApplySwap(state: V3PoolState, outcome: V3SwapOutcome): void {
  checkRange("liquidity", outcome.liquidity, 0n, MAX_UINT128);
  const checked = createV3PoolState({
    sqrtPriceX96: outcome.sqrtPriceX96,
    tick: outcome.tick,
    liquidity: outcome.liquidity,
    fee: state.fee,
    tickSpacing: state.tickSpacing,
    ticks: state.ticks,
    feeProtocol: state.feeProtocol,
  });
  state.sqrtPriceX96 = checked.sqrtPriceX96;
  state.tick = checked.tick;
  state.liquidity = checked.liquidity;
}
