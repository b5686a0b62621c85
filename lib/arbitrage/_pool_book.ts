// lib/arbitrage/_pool_book.ts — one job: the detector's pool states, rebuilt from pool update
// values, and the float log-rates of their edges that the prefilter sums.
import {
  createV2PoolState,
  createV3PoolState,
  v2ApplySync,
  type V2PoolState,
  v3ApplyBurn,
  v3ApplyMint,
  v3ApplySwap,
  type V3PoolState,
} from "../amm/mod.ts";
import { chainByName, dexVenueByName, instrumentFromBytes } from "../instrument/mod.ts";
import {
  hexToBytes,
  type PoolBurn,
  type PoolInvalidate,
  type PoolMint,
  type PoolState,
  type PoolSwap,
  type PoolSync,
  type PoolTick,
} from "../protocol/mod.ts";
import { ArbitrageError } from "./errors.ts";
import type { PoolGraph } from "./pool_graph.ts";
import type { RouteHop } from "./route.ts";

const LN2 = Math.LN2;
const Q96 = 1n << 96n;

/** Pool states by graph pool index, and the rates of their edges. */
export class PoolBook {
  readonly graph: PoolGraph;
  readonly chainId: number;
  readonly #index = new Map<string, number>();
  /** The pool's InstrumentId hex, lower-case. */
  readonly ids: string[] = [];
  /** 1 V2, 2 V3. */
  readonly protocol: number[] = [];
  readonly v2: (V2PoolState | undefined)[] = [];
  readonly v3: (V3PoolState | undefined)[] = [];
  /** Block of the last update applied. */
  readonly block: bigint[] = [];
  /** ln(fee factor) of each pool. */
  readonly #logFee: number[] = [];
  /** Fee factor (1 − fee) of each pool, as a float. */
  readonly #feeFactor: number[] = [];
  /** Whether the pool can be traded (non-empty; a V3 pool knows the ticks around its price). */
  readonly tradable: boolean[] = [];
  /** Voided by a PoolInvalidate, until its fresh PoolState arrives. */
  readonly #void: boolean[] = [];
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

  constructor(graph: PoolGraph, chainId: number) {
    this.graph = graph;
    this.chainId = chainId;
  }

  /** The pool index of an InstrumentId hex, or −1. */
  indexOf(pool: string): number {
    return this.#index.get(pool) ?? this.#index.get(pool.toLowerCase()) ?? -1;
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

  /** Applies a PoolState, registering the pool (and its cycles) when new; returns its index. */
  applyState(v: PoolState): number {
    let p = this.indexOf(v.pool);
    if (p < 0) p = this.#register(v);
    this.#void[p] = false;
    try {
      if (this.protocol[p] === 1) {
        if (v.protocol !== 1) throw mismatch(v.pool, 1, v.protocol);
        this.v2[p] = v2ApplySync(this.v2[p]!, v.reserve0, v.reserve1);
      } else {
        if (v.protocol !== 2) throw mismatch(v.pool, 2, v.protocol);
        const s = this.v3[p]!;
        if (s.fee !== v.fee || s.tickSpacing !== v.tickSpacing) {
          throw new ArbitrageError(
            "INVALID_POOL_UPDATE",
            `Pool ${v.pool} changed fee or tick spacing to ${v.fee}/${v.tickSpacing}`,
            { pool: v.pool, fee: v.fee, tickSpacing: v.tickSpacing },
          );
        }
        v3ApplySwap(s, { sqrtPriceX96: v.sqrtPriceX96, tick: v.tick, liquidity: v.liquidity });
      }
    } catch (e) {
      throw wrap("PoolState", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /**
   * Voids what was derived for a pool (a reorganisation or a resynchronisation): it is not traded
   * until its fresh PoolState arrives, and a V3 pool drops its ticks (fresh PoolTicks follow).
   * Returns −1 for an unknown pool.
   */
  applyInvalidate(v: PoolInvalidate): number {
    const p = this.indexOf(v.pool);
    if (p < 0) return -1;
    this.#void[p] = true;
    const s = this.v3[p];
    if (s !== undefined) {
      this.v3[p] = createV3PoolState({
        sqrtPriceX96: s.sqrtPriceX96,
        tick: s.tick,
        fee: s.fee,
        tickSpacing: s.tickSpacing,
      });
    }
    this.#touch(p, this.block[p]!);
    return p;
  }

  /** Applies a V2 Sync; −1 for an unknown pool. */
  applySync(v: PoolSync): number {
    const p = this.indexOf(v.pool);
    if (p < 0) return -1;
    if (this.protocol[p] !== 1) throw mismatch(v.pool, 2, 1);
    try {
      this.v2[p] = v2ApplySync(this.v2[p]!, v.reserve0, v.reserve1);
    } catch (e) {
      throw wrap("PoolSync", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /** Applies a V3 Swap (price, tick, liquidity after it); −1 for an unknown or V2 pool (a V2
   * pair's Sync, emitted with every swap, carries its reserves). */
  applySwap(v: PoolSwap): number {
    const p = this.indexOf(v.pool);
    if (p < 0 || this.protocol[p] !== 2) return -1;
    try {
      v3ApplySwap(this.v3[p]!, {
        sqrtPriceX96: v.sqrtPriceX96,
        tick: v.tick,
        liquidity: v.liquidity,
      });
    } catch (e) {
      throw wrap("PoolSwap", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /** Applies a V3 Mint (`burn` false) or Burn; −1 for an unknown or V2 pool (its Sync follows). */
  applyPosition(v: PoolMint | PoolBurn, burn: boolean): number {
    const p = this.indexOf(v.pool);
    if (p < 0 || this.protocol[p] !== 2) return -1;
    if (v.liquidity === 0n) return -1; // a zero burn only collects fees
    try {
      if (burn) v3ApplyBurn(this.v3[p]!, v.tickLower, v.tickUpper, v.liquidity);
      else v3ApplyMint(this.v3[p]!, v.tickLower, v.tickUpper, v.liquidity);
    } catch (e) {
      throw wrap(burn ? "PoolBurn" : "PoolMint", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /** Sets one initialized tick of a V3 pool (liquidityGross 0 clears it); −1 when unknown. */
  applyTick(v: PoolTick): number {
    const p = this.indexOf(v.pool);
    if (p < 0) return -1;
    if (this.protocol[p] !== 2) throw mismatch(v.pool, 1, 2);
    try {
      this.v3[p]!.ticks.set(v.tick, {
        liquidityGross: v.liquidityGross,
        liquidityNet: v.liquidityNet,
      });
    } catch (e) {
      throw wrap("PoolTick", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  #register(v: PoolState): number {
    let chain: number;
    let venueProtocol: string;
    let venueFeeBps = 0n;
    try {
      const id = instrumentFromBytes(hexToBytes(v.pool, "pool"));
      if (id.kind !== "dex_pool") throw new Error(`${id.kind} is not a DEX pool`);
      chain = chainByName(id.chain).id;
      const venue = dexVenueByName(id.venue);
      venueProtocol = venue.protocol;
      if (venue.protocol === "uniswap_v2") venueFeeBps = venue.feeBps;
    } catch (e) {
      throw new ArbitrageError(
        "INVALID_POOL_UPDATE",
        `PoolState pool ${v.pool} is not a DEX pool id: ${(e as Error).message}`,
        { pool: v.pool },
        { cause: e },
      );
    }
    if (chain !== this.chainId) {
      throw new ArbitrageError(
        "WRONG_CHAIN",
        `Pool ${v.pool} is on chain ${chain}, the detector on ${this.chainId}`,
        { pool: v.pool, chainId: chain, expected: this.chainId },
      );
    }
    const protocol = venueProtocol === "uniswap_v2" ? 1 : 2;
    if (v.protocol !== protocol) throw mismatch(v.pool, protocol, v.protocol);
    let v2: V2PoolState | undefined;
    let v3: V3PoolState | undefined;
    let logFee: number;
    try {
      if (protocol === 1) {
        if (v.fee % 100 !== 0) throw new Error(`V2 fee ${v.fee} is not whole basis points`);
        const feeBps = v.fee === 0 ? venueFeeBps : BigInt(v.fee / 100);
        v2 = createV2PoolState(v.reserve0, v.reserve1, feeBps);
        logFee = Math.log(Number(10_000n - feeBps) / 10_000);
      } else {
        v3 = createV3PoolState({
          sqrtPriceX96: v.sqrtPriceX96,
          tick: v.tick,
          liquidity: v.liquidity,
          fee: v.fee,
          tickSpacing: v.tickSpacing,
        });
        logFee = Math.log((1_000_000 - v.fee) / 1_000_000);
      }
    } catch (e) {
      throw wrap("PoolState", v.pool, e);
    }
    const t0 = this.graph.addToken(v.token0, v.decimals0);
    const t1 = this.graph.addToken(v.token1, v.decimals1);
    const p = this.graph.addPool(t0, t1);
    const key = v.pool.toLowerCase();
    this.#index.set(key, p);
    this.ids[p] = key;
    this.protocol[p] = protocol;
    this.v2[p] = v2;
    this.v3[p] = v3;
    this.block[p] = v.blockNumber;
    this.#logFee[p] = logFee;
    this.#feeFactor[p] = Math.exp(logFee);
    this.tradable[p] = false;
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
    return p;
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

  #touch(p: number, block: bigint): void {
    if (block > this.block[p]!) this.block[p] = block;
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
      const ok = !this.#void[p] && s.reserve0 > 0n && s.reserve1 > 0n;
      this.tradable[p] = ok;
      if (ok) {
        const lr = Math.log(Number(s.reserve1)) - Math.log(Number(s.reserve0));
        r0 = lr + fee;
        r1 = fee - lr;
      }
    } else {
      const s = this.v3[p]!;
      const ok = !this.#void[p] && v3Tradable(s);
      this.tradable[p] = ok;
      if (ok) {
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

// A V3 pool with active liquidity must have initialized ticks on both sides of its price; until
// they have arrived (PoolTick), a swap simulation would run past them.
function v3Tradable(s: V3PoolState): boolean {
  const n = s.ticks.size;
  if (n === 0) return false;
  if (s.liquidity === 0n) return true;
  const i = s.ticks.indexAtOrBelow(s.tick);
  return i >= 0 && i < n - 1;
}

function mismatch(pool: string, expected: number, got: number): ArbitrageError {
  return new ArbitrageError(
    "PROTOCOL_MISMATCH",
    `Pool ${pool} is protocol ${expected}, the update says ${got}`,
    { pool, expected, got },
  );
}

function wrap(what: string, pool: string, e: unknown): ArbitrageError {
  if (e instanceof ArbitrageError) return e;
  return new ArbitrageError(
    "INVALID_POOL_UPDATE",
    `${what} for pool ${pool} is invalid: ${(e as Error).message}`,
    { pool, update: what },
    { cause: e },
  );
}
