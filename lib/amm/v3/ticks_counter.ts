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
 * swapping down onto an initialized `tickAfter`, and minus one when swapping up from an
 * initialized `tickBefore` (equal ticks subtract nothing). Positions are `tick / tickSpacing`
 * truncated toward zero, as in the periphery contract, so a start tick just below an initialized
 * negative tick counts it.
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
 * assert(v3CountInitializedTicksCrossed(t, -60, 70) === 1); // up from -60: only 60 counts
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
  // the end tick is not counted when swapping down onto it, the start tick not when swapping up
  if (tickBefore > tickAfter && tickAfter % spacing === 0 && ticks.has(tickAfter)) count--;
  if (tickBefore < tickAfter && tickBefore % spacing === 0 && ticks.has(tickBefore)) count--;
  return count;
}
