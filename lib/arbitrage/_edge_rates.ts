// lib/arbitrage/_edge_rates.ts — one job: the detector's float fast-path data, derived from the
// exact market pool book after each change: the log-rates of the edges the prefilter sums, the
// best rate per token pair, tick-window liquidity, virtual reserves and pre-built hops.
import { Q96, type V2PoolState, type V3PoolState } from "../amm/mod.ts";
import type { PoolBook } from "../market/mod.ts";
import type { PoolGraph } from "./pool_graph.ts";
import type { RouteHop } from "./route.ts";

const LN2 = Math.LN2;

/** The rates of the edges of the book's pools, by graph pool index (the book's pool index). */
export class EdgeRates {
  readonly graph: PoolGraph;
  /** The exact pool book the rates are derived from. */
  readonly market: PoolBook;
  /** The book's arrays, aliased for the hot paths: InstrumentId hex lower-case, 1 V2 / 2 V3,
   * states, block of the last update, tradable. */
  readonly ids: readonly string[];
  readonly protocol: readonly number[];
  readonly v2: readonly (V2PoolState | undefined)[];
  readonly v3: readonly (V3PoolState | undefined)[];
  readonly block: readonly bigint[];
  readonly tradable: readonly boolean[];
  /** ln(fee factor) of each pool. */
  readonly #logFee: number[] = [];
  /** Fee factor (1 − fee) of each pool, as a float. */
  readonly #feeFactor: number[] = [];
  /** ln of each edge's marginal rate after the fee; −∞ when the pool cannot be traded. */
  edgeLog: Float64Array = new Float64Array(2048).fill(-Infinity);
  /** Best edgeLog of each directed token pair. */
  pairMax: Float64Array = new Float64Array(2048).fill(-Infinity);
  /**
   * Per edge, float virtual reserves (out, in ÷ fee factor) of a constant product paying at
   * least as much as the pool (V3 at its most liquidity): only valid when `#virtualOk[e]`.
   */
  #virtualOut: Float64Array = new Float64Array(2048);
  #virtualIn: Float64Array = new Float64Array(2048);
  #virtualOk = new Uint8Array(2048);
  /** Pre-built route hops per edge, replaced whenever the pool's state object changes. */
  readonly #hops: (RouteHop | undefined)[] = [];
  // per V3 edge, the most liquidity within each tick window (valid when #windowOk[e])
  readonly #windowMax: bigint[] = [];
  #windowMaxFloat: Float64Array = new Float64Array(2048 * WINDOWS);
  #windowOk: Uint8Array = new Uint8Array(2048);
  /** Per pool: √P as a float (V3), and the fee factor γ. */
  #priceFloat: Float64Array = new Float64Array(1024);

  constructor(graph: PoolGraph, market: PoolBook) {
    this.graph = graph;
    this.market = market;
    this.ids = market.ids;
    this.protocol = market.protocol;
    this.v2 = market.v2;
    this.v3 = market.v3;
    this.block = market.block;
    this.tradable = market.tradable;
  }

  /** The pool index of an InstrumentId hex, or −1. */
  indexOf(pool: string): number {
    return this.market.indexOf(pool);
  }

  /** The hop through edge `e` at the pool's current state. */
  hop(e: number): RouteHop {
    let h = this.#hops[e];
    if (h === undefined) {
      const p = e >> 1;
      const zeroForOne = (e & 1) === 0;
      h = this.protocol[p] === 1
        ? { protocol: "v2", state: this.v2[p]!, zeroForOne }
        : { protocol: "v3", state: this.v3[p]!, zeroForOne };
      this.#hops[e] = h;
    }
    return h;
  }

  /**
   * Registers in the graph the pools the book holds beyond it (their indices agree: both
   * number pools in arrival order), then derives pool `p`'s rates after a change.
   */
  changed(p: number): void {
    while (this.graph.poolCount < this.market.poolCount) this.#register(this.graph.poolCount);
    this.#touch(p);
  }

  #register(p: number): void {
    const book = this.market;
    const t0 = book.token0(p);
    const t1 = book.token1(p);
    const g0 = this.graph.addToken(book.tokenAddress(t0), book.tokenDecimals(t0));
    const g1 = this.graph.addToken(book.tokenAddress(t1), book.tokenDecimals(t1));
    if (g0 !== t0 || g1 !== t1 || this.graph.addPool(g0, g1) !== p) {
      throw new Error(`Pool graph and book disagree on pool ${p}'s indices`);
    }
    const logFee = this.protocol[p] === 1
      ? Math.log(Number(10_000n - this.v2[p]!.feeBps) / 10_000)
      : Math.log((1_000_000 - this.v3[p]!.fee) / 1_000_000);
    this.#logFee[p] = logFee;
    this.#feeFactor[p] = Math.exp(logFee);
    if (2 * p + 2 > this.edgeLog.length) {
      this.edgeLog = grow(this.edgeLog, -Infinity);
      this.#virtualOut = grow(this.#virtualOut, 0);
      this.#virtualIn = grow(this.#virtualIn, 0);
      this.#windowMaxFloat = grow(this.#windowMaxFloat, 0);
      this.#priceFloat = grow(this.#priceFloat, 0);
      const ok = new Uint8Array(this.#virtualOk.length * 2);
      ok.set(this.#virtualOk);
      this.#virtualOk = ok;
      const windows = new Uint8Array(this.#windowOk.length * 2);
      windows.set(this.#windowOk);
      this.#windowOk = windows;
    }
    while (this.graph.pairEdges.length > this.pairMax.length) {
      this.pairMax = grow(this.pairMax, -Infinity);
    }
  }

  /**
   * The most active liquidity a V3 swap along edge `e` can meet before its price has moved by
   * WINDOW_TICKS[k] ticks (the whole table for the last window). Ticks at the window's edge
   * count, so the answer errs high. A pool holding that much everywhere pays at least as much for
   * any input that keeps the price inside the window.
   */
  windowLiquidity(e: number, k: number): bigint {
    if (this.#windowOk[e] === 0) this.#windows(e);
    return this.#windowMax[e * WINDOWS + k]!;
  }

  /** {@linkcode windowLiquidity} as a float. */
  windowLiquidityFloat(e: number, k: number): number {
    if (this.#windowOk[e] === 0) this.#windows(e);
    return this.#windowMaxFloat[e * WINDOWS + k]!;
  }

  // one walk over the ticks in the edge's direction fills every window
  #windows(e: number): void {
    const s = this.v3[e >> 1]!;
    const t = s.ticks;
    let l = s.liquidity;
    let max = l;
    let k = 0;
    const at = t.indexAtOrBelow(s.tick);
    const down = (e & 1) === 0;
    const o = e * WINDOWS;
    for (let i = down ? at : at + 1; down ? i >= 0 : i < t.size; down ? i-- : i++) {
      const distance = Math.abs(t.tickAt(i) - s.tick);
      while (k < WINDOWS - 1 && WINDOW_TICKS[k]! < distance) this.#setWindow(o + k++, max);
      // moving down, crossing a tick subtracts its liquidityNet; moving up adds it
      l = down ? l - t.liquidityNetAt(i) : l + t.liquidityNetAt(i);
      if (l > max) max = l;
    }
    while (k < WINDOWS) this.#setWindow(o + k++, max);
    this.#windowOk[e] = 1;
  }

  #setWindow(i: number, l: bigint): void {
    this.#windowMax[i] = l;
    this.#windowMaxFloat[i] = Number(l);
  }

  #touch(p: number): void {
    this.#hops[2 * p] = undefined;
    this.#hops[2 * p + 1] = undefined;
    this.#windowOk[2 * p] = 0;
    this.#windowOk[2 * p + 1] = 0;
    this.#virtualOk[2 * p] = 0;
    this.#virtualOk[2 * p + 1] = 0;
    let r0 = -Infinity;
    let r1 = -Infinity;
    const fee = this.#logFee[p]!;
    if (this.protocol[p] === 1) {
      const s = this.v2[p]!;
      if (this.tradable[p]) {
        const lr = Math.log(Number(s.reserve1)) - Math.log(Number(s.reserve0));
        r0 = lr + fee;
        r1 = fee - lr;
      }
    } else {
      const s = this.v3[p]!;
      if (this.tradable[p]) {
        // computed now rather than on first use, so a large move does not pay for every pool
        // that changed since the last one
        this.#windows(2 * p);
        this.#windows(2 * p + 1);
        this.#priceFloat[p] = Number(s.sqrtPriceX96) / 2 ** 96;
        // rate at the current price bounds every later unit's rate, even when L = 0 here
        const lp = 2 * (Math.log(Number(s.sqrtPriceX96)) - 96 * LN2);
        r0 = lp + fee;
        r1 = fee - lp;
      }
    }
    this.edgeLog[2 * p] = r0;
    this.edgeLog[2 * p + 1] = r1;
    this.#refreshPair(this.graph.edgePair[2 * p]!);
    this.#refreshPair(this.graph.edgePair[2 * p + 1]!);
  }

  #refreshPair(pair: number): void {
    let best = -Infinity;
    for (const e of this.graph.pairEdges[pair]!) {
      const r = this.edgeLog[e]!;
      if (r > best) best = r;
    }
    this.pairMax[pair] = best;
  }

  /** Per edge: float out-side virtual reserve (valid when `virtualOk[e]`). */
  get virtualOut(): Float64Array {
    return this.#virtualOut;
  }

  /** Per edge: float in-side virtual reserve over the fee factor (valid when `virtualOk[e]`). */
  get virtualIn(): Float64Array {
    return this.#virtualIn;
  }

  /** Per edge: 1 when its virtual reserves are current. */
  get virtualOk(): Uint8Array {
    return this.#virtualOk;
  }

  /** √P of V3 pool `p` as a float (valid while it is tradable). */
  priceFloat(p: number): number {
    return this.#priceFloat[p]!;
  }

  /** The fee factor γ = 1 − fee of pool `p` as a float. */
  feeFactor(p: number): number {
    return this.#feeFactor[p]!;
  }

  /**
   * Computes edge `e`'s float virtual reserves: a constant product Y·x/(X + x) paying at least
   * as much as the pool for any input (a V2 pair exactly, a V3 pool at its most liquidity). A
   * route of such hops composes into one, whose best profit is (√Y − √X)².
   */
  computeVirtual(e: number): void {
    this.#virtual(e);
  }

  #virtual(e: number): void {
    const p = e >> 1;
    const zeroForOne = (e & 1) === 0;
    const fee = this.#feeFactor[p]!;
    let out = 0;
    let inn = Infinity;
    if (this.tradable[p]) {
      if (this.protocol[p] === 1) {
        const s = this.v2[p]!;
        out = Number(zeroForOne ? s.reserve1 : s.reserve0);
        inn = Number(zeroForOne ? s.reserve0 : s.reserve1) / fee;
      } else {
        const l = this.windowLiquidityFloat(e, WINDOWS - 1);
        const price = this.#priceFloat[p]!;
        out = zeroForOne ? l * price : l / price;
        inn = (zeroForOne ? l / price : l * price) / fee;
      }
    }
    this.#virtualOut[e] = out;
    this.#virtualIn[e] = inn;
    this.#virtualOk[e] = 1;
  }

  /** How deep pool `p` is on token `t`'s side, native units of `t` (0 when not tradable). */
  depth(p: number, t: number): bigint {
    if (!this.tradable[p]) return 0n;
    const isToken0 = this.graph.token0(p) === t;
    if (this.protocol[p] === 1) {
      const s = this.v2[p]!;
      return isToken0 ? s.reserve0 : s.reserve1;
    }
    const s = this.v3[p]!;
    // virtual reserves of the current range
    return isToken0 ? (s.liquidity * Q96) / s.sqrtPriceX96 : (s.liquidity * s.sqrtPriceX96) / Q96;
  }
}

/** Number of tick windows per V3 edge. */
export const WINDOWS = 13;
/** Window sizes in ticks: 16, 32, …, 32768, then the whole table. */
export const WINDOW_TICKS: readonly number[] = Array.from(
  { length: WINDOWS },
  (_, k) => (k === WINDOWS - 1 ? Infinity : 16 * 2 ** k),
);

/** The smallest window covering a price move of `ticks` ticks. */
export function windowFor(ticks: number): number {
  let k = 0;
  while (k < WINDOWS - 1 && WINDOW_TICKS[k]! < ticks) k++;
  return k;
}

function grow(a: Float64Array, fill: number): Float64Array {
  const next = new Float64Array(a.length * 2).fill(fill);
  next.set(a);
  return next;
}
