// lib/amm/v3/tick_table.ts — one job: a pool's initialized ticks, sorted, with bitmap-word lookups.
import { checkIntNumber, checkRange, MAX_INT128, MAX_UINT128, MIN_INT128 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { wordBoundaryTick } from "./_tick_bitmap.ts";
import { MAX_TICK, MIN_TICK, sqrtRatioAtTick } from "./_tick_math.ts";

/** What the swap math needs of an initialized tick (the pool's `ticks(tick)` first two fields). */
export interface V3TickInfo {
  /** Total liquidity referencing the tick; > 0 for an initialized tick. */
  readonly liquidityGross: bigint;
  /** Liquidity added when the tick is crossed left to right (removed right to left). */
  readonly liquidityNet: bigint;
}

/** Largest tick spacing the factory allows (`tickSpacing < 16384`). */
export const MAX_TICK_SPACING = 16383;

/**
 * The initialized ticks of one pool in ascending arrays, a synchronous stand-in for the pool's
 * `ticks` mapping and `tickBitmap`: a lookup is a binary search, never an await. The sqrt price
 * of each tick is computed once on insert, so the swap loop does not recompute it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { V3TickTable } from "./tick_table.ts";
 * const t = new V3TickTable(60);
 * t.set(-120, { liquidityGross: 5n, liquidityNet: 5n });
 * t.set(120, { liquidityGross: 5n, liquidityNet: -5n });
 * assert(t.size === 2 && t.get(120)?.liquidityNet === -5n);
 * assert(t.nextInitializedTickWithinOneWord(0, false).tick === 120);
 * assert(!t.nextInitializedTickWithinOneWord(0, true).initialized); // its word starts at 0
 * ```
 */
export class V3TickTable {
  /** Ticks are multiples of this. */
  readonly tickSpacing: number;
  #ticks: number[] = [];
  #gross: bigint[] = [];
  #net: bigint[] = [];
  #sqrt: bigint[] = [];

  /**
   * An empty table for a pool with this tick spacing.
   *
   * @throws {AmmError} `INVALID_POOL_STATE` unless 1 ≤ tickSpacing ≤ 16383
   */
  constructor(tickSpacing: number) {
    checkIntNumber("tickSpacing", tickSpacing, 1, MAX_TICK_SPACING, "INVALID_POOL_STATE");
    this.tickSpacing = tickSpacing;
  }

  /**
   * A table holding the given ticks (e.g. read from the pool's `ticks(tick)` and `tickBitmap`).
   *
   * @throws {AmmError} as `set`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(10, [
   *   { tick: -10, liquidityGross: 3n, liquidityNet: 3n },
   *   { tick: 10, liquidityGross: 3n, liquidityNet: -3n },
   * ]);
   * assert(t.ticks().join() === "-10,10");
   * ```
   */
  static from(
    tickSpacing: number,
    entries: Iterable<V3TickInfo & { readonly tick: number }>,
  ): V3TickTable {
    const table = new V3TickTable(tickSpacing);
    for (const e of entries) {
      table.set(e.tick, { liquidityGross: e.liquidityGross, liquidityNet: e.liquidityNet });
    }
    return table;
  }

  /** Number of initialized ticks. */
  get size(): number {
    return this.#ticks.length;
  }

  /**
   * Whether `tick` is initialized.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * assert(!new V3TickTable(1).has(0));
   * ```
   */
  has(tick: number): boolean {
    const i = this.indexAtOrBelow(tick);
    return i >= 0 && this.#ticks[i] === tick;
  }

  /**
   * The tick's liquidity, or undefined when it is not initialized.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * assert(new V3TickTable(1).get(5) === undefined);
   * ```
   */
  get(tick: number): V3TickInfo | undefined {
    const i = this.indexAtOrBelow(tick);
    if (i < 0 || this.#ticks[i] !== tick) return undefined;
    return { liquidityGross: this.#gross[i]!, liquidityNet: this.#net[i]! };
  }

  /**
   * Sets a tick's liquidity, initializing it if needed; `liquidityGross = 0` uninitializes it.
   *
   * @throws {AmmError} `TICK_OUT_OF_RANGE`, `TICK_NOT_SPACED`, `VALUE_OUT_OF_RANGE` (gross not
   *   uint128, net not int128, or |net| > gross, which no pool state can have)
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = new V3TickTable(1);
   * t.set(7, { liquidityGross: 2n, liquidityNet: -2n });
   * t.set(7, { liquidityGross: 0n, liquidityNet: 0n });
   * assert(t.size === 0);
   * ```
   */
  set(tick: number, info: V3TickInfo): void {
    this.#checkTick(tick);
    const { liquidityGross, liquidityNet } = info;
    checkRange("liquidityGross", liquidityGross, 0n, MAX_UINT128);
    checkRange("liquidityNet", liquidityNet, MIN_INT128, MAX_INT128);
    const absNet = liquidityNet < 0n ? -liquidityNet : liquidityNet;
    if (absNet > liquidityGross) {
      throw new AmmError(
        "VALUE_OUT_OF_RANGE",
        `Tick ${tick} liquidityNet ${liquidityNet} exceeds liquidityGross ${liquidityGross}`,
        { tick, liquidityGross, liquidityNet },
      );
    }
    if (liquidityGross === 0n) {
      this.delete(tick);
      return;
    }
    const i = this.indexAtOrBelow(tick);
    if (i >= 0 && this.#ticks[i] === tick) {
      this.#gross[i] = liquidityGross;
      this.#net[i] = liquidityNet;
      return;
    }
    this.#ticks.splice(i + 1, 0, tick);
    this.#gross.splice(i + 1, 0, liquidityGross);
    this.#net.splice(i + 1, 0, liquidityNet);
    this.#sqrt.splice(i + 1, 0, sqrtRatioAtTick(tick));
  }

  /**
   * Uninitializes `tick`; returns whether it was initialized.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * assert(new V3TickTable(1).delete(3) === false);
   * ```
   */
  delete(tick: number): boolean {
    const i = this.indexAtOrBelow(tick);
    if (i < 0 || this.#ticks[i] !== tick) return false;
    this.#ticks.splice(i, 1);
    this.#gross.splice(i, 1);
    this.#net.splice(i, 1);
    this.#sqrt.splice(i, 1);
    return true;
  }

  /**
   * The initialized ticks, ascending (a copy).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * assert(new V3TickTable(1).ticks().length === 0);
   * ```
   */
  ticks(): number[] {
    return this.#ticks.slice();
  }

  /**
   * Every initialized tick with its liquidity, ascending.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = new V3TickTable(1);
   * t.set(1, { liquidityGross: 1n, liquidityNet: 1n });
   * assert([...t.entries()][0]?.tick === 1);
   * ```
   */
  *entries(): IterableIterator<V3TickInfo & { readonly tick: number }> {
    for (let i = 0; i < this.#ticks.length; i++) {
      yield { tick: this.#ticks[i]!, liquidityGross: this.#gross[i]!, liquidityNet: this.#net[i]! };
    }
  }

  /**
   * An independent copy (for what-if simulations that apply events).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const a = new V3TickTable(1);
   * const b = a.clone();
   * b.set(0, { liquidityGross: 1n, liquidityNet: 1n });
   * assert(a.size === 0 && b.size === 1);
   * ```
   */
  clone(): V3TickTable {
    const copy = new V3TickTable(this.tickSpacing);
    copy.#ticks = this.#ticks.slice();
    copy.#gross = this.#gross.slice();
    copy.#net = this.#net.slice();
    copy.#sqrt = this.#sqrt.slice();
    return copy;
  }

  /**
   * Index of the greatest initialized tick ≤ `tick`, or −1 (binary search).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(1, [{ tick: 5, liquidityGross: 1n, liquidityNet: 1n }]);
   * assert(t.indexAtOrBelow(4) === -1 && t.indexAtOrBelow(5) === 0);
   * ```
   */
  indexAtOrBelow(tick: number): number {
    const ticks = this.#ticks;
    let lo = 0;
    let hi = ticks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ticks[mid]! <= tick) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi;
  }

  /**
   * The tick at `index` (from `indexAtOrBelow` / `nextInitializedIndex`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(1, [{ tick: 5, liquidityGross: 1n, liquidityNet: 1n }]);
   * assert(t.tickAt(0) === 5);
   * ```
   */
  tickAt(index: number): number {
    return this.#ticks[index]!;
  }

  /**
   * The liquidityNet of the tick at `index`.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(1, [{ tick: 5, liquidityGross: 2n, liquidityNet: -2n }]);
   * assert(t.liquidityNetAt(0) === -2n);
   * ```
   */
  liquidityNetAt(index: number): bigint {
    return this.#net[index]!;
  }

  /**
   * `getSqrtRatioAtTick` of the tick at `index`, cached since insertion.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(1, [{ tick: 0, liquidityGross: 1n, liquidityNet: 1n }]);
   * assert(t.sqrtPriceAt(0) === 1n << 96n);
   * ```
   */
  sqrtPriceAt(index: number): bigint {
    return this.#sqrt[index]!;
  }

  /**
   * Index of the initialized tick `TickBitmap.nextInitializedTickWithinOneWord` would return, or
   * −1 when that word holds none (the step then stops at the word boundary).
   *
   * @param lte search at or below `tick` (a zeroForOne swap), else strictly above
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(1, [{ tick: 300, liquidityGross: 1n, liquidityNet: 1n }]);
   * assert(t.nextInitializedIndex(0, false) === -1); // 300 is in the next word
   * assert(t.nextInitializedIndex(256, false) === 0);
   * ```
   */
  nextInitializedIndex(tick: number, lte: boolean): number {
    const below = this.indexAtOrBelow(tick);
    const boundary = wordBoundaryTick(tick, this.tickSpacing, lte);
    if (lte) return below >= 0 && this.#ticks[below]! >= boundary ? below : -1;
    const above = below + 1;
    return above < this.#ticks.length && this.#ticks[above]! <= boundary ? above : -1;
  }

  /**
   * `TickBitmap.nextInitializedTickWithinOneWord`: the next initialized tick at or below
   * (`lte`) or above `tick` within one 256-tick-spacing bitmap word, else that word's boundary
   * with `initialized: false`. Not clamped to MIN/MAX_TICK, as in the library.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = new V3TickTable(1);
   * const r = t.nextInitializedTickWithinOneWord(0, false);
   * assert(r.tick === 255 && !r.initialized);
   * ```
   */
  nextInitializedTickWithinOneWord(
    tick: number,
    lte: boolean,
  ): { readonly tick: number; readonly initialized: boolean } {
    const i = this.nextInitializedIndex(tick, lte);
    return i >= 0
      ? { tick: this.#ticks[i]!, initialized: true }
      : { tick: wordBoundaryTick(tick, this.tickSpacing, lte), initialized: false };
  }

  /**
   * Number of initialized ticks in `[lowTick, highTick]`.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { V3TickTable } from "./tick_table.ts";
   * const t = V3TickTable.from(1, [{ tick: 5, liquidityGross: 1n, liquidityNet: 1n }]);
   * assert(t.countInRange(0, 5) === 1 && t.countInRange(6, 9) === 0);
   * ```
   */
  countInRange(lowTick: number, highTick: number): number {
    if (highTick < lowTick) return 0;
    return this.indexAtOrBelow(highTick) - this.indexAtOrBelow(lowTick - 1);
  }

  #checkTick(tick: number): void {
    checkIntNumber("tick", tick, MIN_TICK, MAX_TICK, "TICK_OUT_OF_RANGE");
    if (tick % this.tickSpacing !== 0) {
      throw new AmmError(
        "TICK_NOT_SPACED",
        `Tick ${tick} is not a multiple of the tick spacing ${this.tickSpacing}`,
        { tick, tickSpacing: this.tickSpacing },
      );
    }
  }
}
