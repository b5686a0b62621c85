// lib/amm/v3/_tick_bitmap.ts — one job: where TickBitmap's 256-bit words start and end.

/**
 * The tick at the edge of the bitmap word that `nextInitializedTickWithinOneWord` stops at when
 * the word holds no initialized tick: for `lte`, the word's first tick (at or below `tick`);
 * otherwise the last tick of the word holding the next compressed tick. Not clamped to
 * MIN/MAX_TICK (the pool clamps).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wordBoundaryTick } from "./_tick_bitmap.ts";
 * assert(wordBoundaryTick(0, 60, true) === 0);
 * assert(wordBoundaryTick(0, 60, false) === 255 * 60);
 * assert(wordBoundaryTick(-1, 1, true) === -256);
 * ```
 */
export function wordBoundaryTick(tick: number, tickSpacing: number, lte: boolean): number {
  // floor division, as the contract's "compressed--" for negative non-multiples
  const compressed = Math.floor(tick / tickSpacing);
  if (lte) return ((compressed >> 8) << 8) * tickSpacing;
  return ((((compressed + 1) >> 8) << 8) + 255) * tickSpacing;
}
