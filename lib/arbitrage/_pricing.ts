// lib/arbitrage/_pricing.ts — one job: choose the pools that value one token in another (gas in
// the input token, anything in USD) and return their exact mid-price rates.
import type { Rational } from "../amm/mod.ts";
import type { EdgeRates } from "./_edge_rates.ts";
import { type UsdPath, v2SpotRate, v3SpotRate } from "./valuation.ts";

/**
 * Rates between tokens through the deepest pools, and USD paths through stablecoins. It records
 * every pool it looked at, so a caller caching its answers knows which updates invalidate them.
 */
export class Pricing {
  readonly #book: EdgeRates;
  readonly #stables: readonly number[];
  readonly #via: readonly number[];
  readonly #native: number;
  /** Pools whose state some answer since the last `forget()` depended on (1 = used). */
  readonly used: Uint8Array;

  /**
   * @param native the wrapped native token (gas is paid in it)
   * @param stables stablecoins taken at 1 USD
   * @param via tokens a two-pool path may go through, best first
   */
  constructor(book: EdgeRates, native: number, stables: readonly number[], via: readonly number[]) {
    this.#book = book;
    this.#native = native;
    this.#stables = stables;
    this.#via = via;
    this.used = new Uint8Array(book.graph.poolCount);
  }

  /** Clears the record of pools used. */
  forget(): void {
    this.used.fill(0);
  }

  /** The mid-price rate from `from` to `to` through the pool deepest on `to`'s side. */
  direct(from: number, to: number): Rational | undefined {
    const book = this.#book;
    let best = -1;
    let bestDepth = 0n;
    for (const p of book.graph.pairPools(from, to)) {
      this.used[p] = 1;
      const d = book.depth(p, to);
      if (d > bestDepth) {
        best = p;
        bestDepth = d;
      }
    }
    if (best < 0 || book.depth(best, from) === 0n) return undefined;
    const fromToken0 = book.graph.token0(best) === from;
    return book.protocol[best] === 1
      ? v2SpotRate(book.v2[best]!, fromToken0)
      : v3SpotRate(book.v3[best]!, fromToken0);
  }

  /** Rates from `from` to `to`: none for the same token, one direct pool, or two via a hub. */
  path(from: number, to: number): Rational[] | undefined {
    if (from === to) return [];
    const r = this.direct(from, to);
    if (r !== undefined) return [r];
    for (const m of this.#via) {
      if (m === from || m === to || m < 0) continue;
      const a = this.direct(from, m);
      if (a === undefined) continue;
      const b = this.direct(m, to);
      if (b !== undefined) return [a, b];
    }
    return undefined;
  }

  /** How to value token `t` in USD: the stablecoin pool with the most USD on its stable side,
   * or through the native token. */
  usd(t: number): UsdPath | undefined {
    const graph = this.#book.graph;
    if (this.#stables.includes(t)) return { rates: [], stableDecimals: graph.tokenDecimals(t) };
    const direct = this.#bestStable(t);
    if (direct !== undefined || t === this.#native || this.#native < 0) return direct;
    const toNative = this.direct(t, this.#native);
    const nativeUsd = this.#bestStable(this.#native);
    if (toNative === undefined || nativeUsd === undefined) return undefined;
    return { rates: [toNative, ...nativeUsd.rates], stableDecimals: nativeUsd.stableDecimals };
  }

  #bestStable(t: number): UsdPath | undefined {
    const graph = this.#book.graph;
    let best: number | undefined;
    let bestUsd = 0n;
    for (const s of this.#stables) {
      let depth = 0n;
      for (const p of graph.pairPools(t, s)) {
        this.used[p] = 1;
        const d = this.#book.depth(p, s);
        if (d > depth) depth = d;
      }
      // compare in one unit: scale each stablecoin's depth to 36 decimals
      const usd = depth * 10n ** BigInt(Math.max(0, 36 - graph.tokenDecimals(s)));
      if (usd > bestUsd) {
        bestUsd = usd;
        best = s;
      }
    }
    if (best === undefined) return undefined;
    const r = this.direct(t, best);
    return r === undefined ? undefined : { rates: [r], stableDecimals: graph.tokenDecimals(best) };
  }
}
