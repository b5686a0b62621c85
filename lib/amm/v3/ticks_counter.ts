// lib/amm/v3/ticks_counter.ts — one job: QuoterV2's count of initialized ticks a swap crossed.
import { checkIntNumber } from "../_uint.ts";
import type { V3TickTable } from "./tick_table.ts";

// Solidity's int24 division truncates toward zero (the counter does not floor like TickBitmap).
function truncDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/**
 * `PoolTicksCounter.countInitializedTicksCrossed` as QuoterV2 reports it: the initialized ticks
 * whose bitmap position lies between `tickBefore` and `tickAfter` inclusive, minus one when
 * `tickAfter` is itself initialized. Positions are `tick / tickSpacing` truncated toward zero, as
 * in the periphery contract, so a start tick just below an initialized negative tick counts it.
 * This differs from the number of ticks the pool actually crossed (`V3SwapResult`).
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE` for non-integer ticks
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { V3TickTable } from "./tick_table.ts";
 * import { v3CountInitializedTicksCrossed } from "./ticks_counter.ts";
 * const t = V3TickTable.from(60, [-120, -60, 60].map((tick) => ({
 *   tick, liquidityGross: 1n, liquidityNet: 1n,
 * })));
 * assert(v3CountInitializedTicksCrossed(t, 0, -130) === 2);
 * assert(v3CountInitializedTicksCrossed(t, 0, -120) === 1);
 * ```
 */
export function v3CountInitializedTicksCrossed(
  ticks: V3TickTable,
  tickBefore: number,
  tickAfter: number,
): number {
  checkIntNumber("tickBefore", tickBefore, -(2 ** 23), 2 ** 23 - 1);
  checkIntNumber("tickAfter", tickAfter, -(2 ** 23), 2 ** 23 - 1);
  const spacing = ticks.tickSpacing;
  const before = truncDiv(tickBefore, spacing);
  const after = truncDiv(tickAfter, spacing);
  const lower = Math.min(before, after);
  const higher = Math.max(before, after);
  let count = ticks.countInRange(lower * spacing, higher * spacing);
  if (tickAfter % spacing === 0 && ticks.has(tickAfter)) count--;
  return count;
}
