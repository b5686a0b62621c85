// lib/arbitrage/_valuation_cache.ts — one job: what valuing a base token needs (gas in it, its USD
// path, the guard's least gross profit per route shape), cached until the gas price or a pool the
// pricing looked at changes.
import type { Rational } from "../amm/mod.ts";
import type { GasModel } from "./gas.ts";
import type { ProfitGuard } from "./guard.ts";
import type { PoolGraph } from "./pool_graph.ts";
import { USD_ONE, type UsdPath } from "./valuation.ts";
import { ceilDiv } from "../market/mod.ts";
import type { EdgeRates } from "./_edge_rates.ts";
import { Pricing } from "./_pricing.ts";

/** A bound nothing reaches: the least net profit when a token cannot be valued in USD. */
export const NEVER = 1n << 256n;

/** Valuation answers per base token and route shape, with their invalidation. */
export class ValuationCache {
  readonly #book: EdgeRates;
  readonly #graph: PoolGraph;
  readonly #guard: ProfitGuard;
  readonly #gas: GasModel;
  readonly #native: string;
  readonly #stables: readonly string[];
  readonly #viaAddresses: readonly string[];
  #pricing: Pricing;
  #pricingPools = -1;
  #gasPrice: bigint | undefined;
  readonly #economies = new Map<number, Economy | undefined>();
  readonly #least = new Map<number, Least | undefined>();
  /** Moves whenever cached answers are dropped (float tables stamp entries with it). */
  version = 1;
  // by base token and route shape (base·64 + v2·8 + v3): the least gross profit and USD per unit
  // as floats, valid when stamped with the current version
  #floatVersion = new Int32Array(1024);
  #floatLeast = new Float64Array(1024);
  #floatUsd = new Float64Array(1024);

  constructor(
    book: EdgeRates,
    guard: ProfitGuard,
    gas: GasModel,
    native: string,
    stables: readonly string[],
    via: readonly string[],
    gasPrice: bigint | undefined,
  ) {
    this.#book = book;
    this.#graph = book.graph;
    this.#guard = guard;
    this.#gas = gas;
    this.#native = native;
    this.#stables = stables;
    this.#viaAddresses = via;
    this.#gasPrice = gasPrice;
    // token indices are resolved lazily (tokens appear with their pools)
    this.#pricing = new Pricing(book, -1, [], []);
  }

  /** The gas price in use (wei), if any. */
  get gasPrice(): bigint | undefined {
    return this.#gasPrice;
  }

  /** Sets the gas price, dropping the answers when it changed. */
  setGasPrice(price: bigint): void {
    if (price === this.#gasPrice) return;
    this.#gasPrice = price;
    this.#repriced();
  }

  /** Pool `p` changed: drops the answers when the pricing looked at it. */
  poolChanged(p: number): void {
    const used = this.#pricing.used;
    if (p < used.length && used[p] === 1) this.#repriced();
  }

  /** Call before using the cache: new pools change which tokens and pools the pricing can use. */
  refresh(): void {
    if (this.#pricingPools === this.#graph.poolCount) return;
    this.#pricingPools = this.#graph.poolCount;
    this.#repriced();
    const g = this.#graph;
    const native = g.tokenIndex(this.#native);
    const stables = this.#stables.map((s) => g.tokenIndex(s)).filter((t) => t >= 0);
    const via = [...new Set(this.#viaAddresses.map((a) => g.tokenIndex(a)).filter((t) => t >= 0))];
    this.#pricing = new Pricing(this.#book, native, stables, via);
  }

  /**
   * The least gross profit for a shape as a float (∞ when gas cannot be valued or nothing can
   * pass), and USD per native unit (for ranking), from the version-stamped tables.
   */
  floatLeast(base: number, v2: number, v3: number): number {
    const key = base * 64 + v2 * 8 + v3;
    if (key >= this.#floatVersion.length) this.#growFloat(key);
    if (this.#floatVersion[key] !== this.version) {
      const l = this.least(base, v2, v3);
      this.#floatLeast[key] = l === undefined ? Infinity : l.floatLeast;
      this.#floatUsd[key] = l === undefined ? 0 : l.floatUsdPerUnit;
      this.#floatVersion[key] = this.version;
    }
    return this.#floatLeast[key]!;
  }

  /** USD per native unit of `base` from the last `floatLeast` of that shape (ranking only). */
  floatUsd(base: number, v2: number, v3: number): number {
    return this.#floatUsd[base * 64 + v2 * 8 + v3]!;
  }

  // gas price, the valuation paths of a base token and what the guard needs of it; cached until
  // the gas price or a pool the pricing looked at changes
  economy(base: number): Economy | undefined {
    const cached = this.#economies.get(base);
    if (cached !== undefined || this.#economies.has(base)) return cached;
    let economy: Economy | undefined;
    const gasPrice = this.#gasPrice;
    const native = this.#graph.tokenIndex(this.#native);
    const nativeToIn = gasPrice === undefined || native < 0
      ? undefined
      : this.#pricing.path(native, base);
    if (gasPrice !== undefined && nativeToIn !== undefined) {
      const inputUsd = this.#pricing.usd(base);
      let gasNum = gasPrice;
      let gasDen = 1n;
      for (const r of nativeToIn) {
        gasNum *= r.numerator;
        gasDen *= r.denominator;
      }
      let net = 1n;
      const perToken = this.#guard.minNetProfit.get(this.#graph.tokenAddress(base));
      if (perToken !== undefined && perToken > net) net = perToken;
      let usdPerUnit = 0;
      if (inputUsd !== undefined) {
        // USD of one native unit, for ranking only
        usdPerUnit = 1 / 10 ** inputUsd.stableDecimals;
        for (const r of inputUsd.rates) usdPerUnit *= Number(r.numerator) / Number(r.denominator);
      }
      const usdMin = this.#guard.minNetProfitUsd;
      if (usdMin !== null) {
        if (inputUsd === undefined) {
          net = NEVER; // cannot be valued: nothing passes
        } else {
          // floor(x·r) ≥ M ⟺ x ≥ M/r for integer M: the least x is ceil(M / r)
          let num = usdMin * 10n ** BigInt(inputUsd.stableDecimals);
          let den = USD_ONE;
          for (const r of inputUsd.rates) {
            num *= r.denominator;
            den *= r.numerator;
          }
          const needed = den === 0n ? NEVER : ceilDiv(num, den);
          if (needed > net) net = needed;
        }
      }
      economy = {
        gasPrice,
        nativeToIn,
        inputUsd,
        nativeUsd: this.#pricing.usd(native),
        gasNum,
        gasDen,
        net,
        floatUsdPerUnit: usdPerUnit,
      };
    }
    this.#economies.set(base, economy);
    return economy;
  }

  // the least gross profit (input token) a route with this many V2 and V3 hops must reach to
  // clear the guard: its least gas in the input token (rounded up) plus the guard's minimum (the
  // USD minimum converted exactly, rounded up); undefined when gas cannot be valued
  least(base: number, v2: number, v3: number): Least | undefined {
    const key = base * 64 + v2 * 8 + v3;
    const cached = this.#least.get(key);
    if (cached !== undefined || this.#least.has(key)) return cached;
    const economy = this.economy(base);
    let least: Least | undefined;
    if (economy !== undefined) {
      const gas = this.#gas;
      const gasUnits = gas.baseGas + BigInt(v2) * gas.v2HopGas + BigInt(v3) * gas.v3HopGas;
      const gasIn = ceilDiv(gasUnits * economy.gasNum, economy.gasDen);
      const total = gasIn + economy.net;
      least = {
        economy,
        gasIn,
        least: total,
        floatLeast: total >= NEVER ? Infinity : Number(total),
        floatUsdPerUnit: economy.floatUsdPerUnit,
      };
    }
    this.#least.set(key, least);
    return least;
  }

  // drops every cached answer
  #repriced(): void {
    this.version++;
    this.#economies.clear();
    this.#least.clear();
    this.#pricing.forget();
  }

  #growFloat(key: number): void {
    const size = Math.max(key + 1, this.#floatVersion.length * 2);
    const versions = new Int32Array(size);
    versions.set(this.#floatVersion);
    this.#floatVersion = versions;
    const least = new Float64Array(size);
    least.set(this.#floatLeast);
    this.#floatLeast = least;
    const usd = new Float64Array(size);
    usd.set(this.#floatUsd);
    this.#floatUsd = usd;
  }
}

/** What valuing one base token needs. */
export interface Economy {
  readonly gasPrice: bigint;
  readonly nativeToIn: Rational[];
  readonly inputUsd: UsdPath | undefined;
  readonly nativeUsd: UsdPath | undefined;
  /** gas price × Π numerators of `nativeToIn`: gas in the input token is ⌈units·num/den⌉. */
  readonly gasNum: bigint;
  readonly gasDen: bigint;
  /** The least net profit the guard accepts, input token units (NEVER when none can pass). */
  readonly net: bigint;
  /** USD per native unit of the input token, as a float, for ranking only. */
  readonly floatUsdPerUnit: number;
}

/** The least gross profit of one route shape from one base token. */
export interface Least {
  readonly economy: Economy;
  /** Least gas, in the input token. */
  readonly gasIn: bigint;
  /** Least gross profit that can clear the guard. */
  readonly least: bigint;
  /** `least` as a float (∞ when nothing can pass), for the estimate stage. */
  readonly floatLeast: number;
  /** USD per native unit of the input token, as a float, for ranking only. */
  readonly floatUsdPerUnit: number;
}
