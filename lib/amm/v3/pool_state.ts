// lib/amm/v3/pool_state.ts — one job: the V3 pool state the swap math reads, validated.
import { checkIntNumber, checkRange, MAX_UINT128 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { MAX_TICK, MIN_TICK, sqrtRatioAtTick } from "./_tick_math.ts";
import { getTickAtSqrtRatio } from "./tick_math.ts";
import { MAX_TICK_SPACING, V3TickTable } from "./tick_table.ts";

/**
 * What a swap needs of a Uniswap V3 pool: `slot0` (price, tick, protocol fee), the active
 * liquidity, the immutables (fee, tick spacing) and the initialized ticks. The mutable fields
 * are updated in place by the `v3Apply…` helpers when rebuilding state from events.
 */
export interface V3PoolState {
  /** `slot0.sqrtPriceX96`. */
  sqrtPriceX96: bigint;
  /** `slot0.tick` (may be one below the price's tick after a zeroForOne swap ended on a tick). */
  tick: number;
  /** In-range liquidity, `liquidity()`. */
  liquidity: bigint;
  /** Fee in pips (hundredths of a bip): 100, 500, 3000, 10000. */
  readonly fee: number;
  /** `tickSpacing()`. */
  readonly tickSpacing: number;
  /** The initialized ticks; its tickSpacing equals the pool's. */
  readonly ticks: V3TickTable;
  /** `slot0.feeProtocol`: low nibble for token0, high nibble for token1; 0 when off. */
  feeProtocol: number;
}

/** Fields to build a `V3PoolState` from; `tick` defaults to the price's tick. */
export interface V3PoolStateInit {
  readonly sqrtPriceX96: bigint;
  readonly tick?: number;
  readonly liquidity?: bigint;
  readonly fee: number;
  readonly tickSpacing: number;
  readonly ticks?: V3TickTable;
  readonly feeProtocol?: number;
}

function invalid(message: string, details: Record<string, unknown>): AmmError {
  return new AmmError("INVALID_POOL_STATE", message, details);
}

/**
 * A validated pool state: price in [MIN_SQRT_RATIO, MAX_SQRT_RATIO), a tick consistent with it
 * (the price's tick, or one below when the price sits exactly on that tick), uint128 liquidity,
 * fee < 1e6 pips, 1 ≤ tickSpacing < 16384, a tick table with the same spacing, and a valid
 * protocol fee (each nibble 0 or 4–10).
 *
 * @throws {AmmError} `INVALID_POOL_STATE`, `SQRT_PRICE_OUT_OF_RANGE`, `VALUE_OUT_OF_RANGE`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV3PoolState } from "./pool_state.ts";
 * const s = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
 * assert(s.tick === 0 && s.liquidity === 0n && s.ticks.size === 0);
 * ```
 */
export function createV3PoolState(init: V3PoolStateInit): V3PoolState {
  const { sqrtPriceX96, fee, tickSpacing } = init;
  const priceTick = getTickAtSqrtRatio(sqrtPriceX96);
  const tick = init.tick ?? priceTick;
  checkIntNumber("tick", tick, MIN_TICK, MAX_TICK, "INVALID_POOL_STATE");
  const onTickBelow = tick === priceTick - 1 && sqrtRatioAtTick(priceTick) === sqrtPriceX96;
  if (tick !== priceTick && !onTickBelow) {
    throw invalid(`Tick ${tick} does not match sqrt price ${sqrtPriceX96} (tick ${priceTick})`, {
      tick,
      sqrtPriceX96,
      priceTick,
    });
  }
  const liquidity = init.liquidity ?? 0n;
  checkRange("liquidity", liquidity, 0n, MAX_UINT128);
  checkIntNumber("fee", fee, 0, 999_999, "INVALID_POOL_STATE");
  checkIntNumber("tickSpacing", tickSpacing, 1, MAX_TICK_SPACING, "INVALID_POOL_STATE");
  const ticks = init.ticks ?? new V3TickTable(tickSpacing);
  if (ticks.tickSpacing !== tickSpacing) {
    throw invalid(`Tick table spacing ${ticks.tickSpacing} differs from pool's ${tickSpacing}`, {
      tickSpacing,
      tableTickSpacing: ticks.tickSpacing,
    });
  }
  const feeProtocol = init.feeProtocol ?? 0;
  checkIntNumber("feeProtocol", feeProtocol, 0, 255, "INVALID_POOL_STATE");
  for (const nibble of [feeProtocol & 15, feeProtocol >> 4]) {
    if (nibble !== 0 && (nibble < 4 || nibble > 10)) {
      throw invalid(`Protocol fee nibbles must be 0 or 4–10, got ${feeProtocol}`, { feeProtocol });
    }
  }
  return { sqrtPriceX96, tick, liquidity, fee, tickSpacing, ticks, feeProtocol };
}

/**
 * An independent copy of a pool state (its tick table too), for what-if event application.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cloneV3PoolState, createV3PoolState } from "./pool_state.ts";
 * const a = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 500, tickSpacing: 10 });
 * const b = cloneV3PoolState(a);
 * b.liquidity = 5n;
 * assert(a.liquidity === 0n && b.ticks !== a.ticks);
 * ```
 */
export function cloneV3PoolState(state: V3PoolState): V3PoolState {
  return { ...state, ticks: state.ticks.clone() };
}

/**
 * `Tick.tickSpacingToMaxLiquidityPerTick`: the most liquidity any tick may reference, so that the
 * sum over all usable ticks fits in uint128.
 *
 * @throws {AmmError} `INVALID_POOL_STATE` for a bad spacing
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v3MaxLiquidityPerTick } from "./pool_state.ts";
 * assert(v3MaxLiquidityPerTick(60) === 11505743598341114571880798222544994n);
 * ```
 */
export function v3MaxLiquidityPerTick(tickSpacing: number): bigint {
  checkIntNumber("tickSpacing", tickSpacing, 1, MAX_TICK_SPACING, "INVALID_POOL_STATE");
  // Solidity's signed division truncates toward zero
  const minTick = Math.trunc(MIN_TICK / tickSpacing) * tickSpacing;
  const maxTick = Math.trunc(MAX_TICK / tickSpacing) * tickSpacing;
  const numTicks = BigInt((maxTick - minTick) / tickSpacing + 1);
  return MAX_UINT128 / numTicks;
}
