// lib/market/market_book.ts — one job: the market a stage prices with, read from its exact pool
// book: token decimals, USD prices through stablecoins and pool liquidity in USD, all exact.
import { type AnyPoolState, Q96, type Rational } from "../amm/mod.ts";
import { chainById, type ChainName, evmToken, type EvmTokenId } from "../instrument/mod.ts";
import type { DecodedTlv } from "../protocol/mod.ts";
import { NATIVE_TOKEN_ADDRESS } from "./chain_facts.ts";
import { MarketError } from "./errors.ts";
import { PoolBook } from "./pool_book.ts";
import { isPoolUpdate, type PoolUpdate } from "./pool_update.ts";
import { v2SpotRate, v3SpotRate } from "./spot_rate.ts";
import { pow10, usdValue } from "./usd.ts";
import type { PriceSource, UsdPrice } from "./usd_price.ts";

const ONE_USD: UsdPrice = Object.freeze({ num: 1n, den: 1n });

/** Which chain the market is on and how it is priced. */
export interface MarketBookOptions {
  /** EIP-155 chain id; pools of other chains are refused (counted in `stats.refused`). */
  readonly chainId: number;
  /** The wrapped native token (WETH): tokens without a stablecoin pool are priced through it. */
  readonly nativeToken: string;
  /** Stablecoin addresses, each taken at exactly 1 USD. */
  readonly stablecoins: readonly string[];
}

/** A pool as the book holds it: its state and tokens. */
export interface MarketPool {
  /** The pool's state, tagged with its protocol (shared: do not mutate). */
  readonly pool: AnyPoolState;
  readonly token0: string;
  readonly token1: string;
  readonly decimals0: number;
  readonly decimals1: number;
  /** False while the pool cannot be quoted: empty, voided by a PoolInvalidate, or a V3 pool
   * whose ticks around the price have not arrived. */
  readonly tradable: boolean;
}

/** Counters of a book. */
export interface MarketBookStats {
  /** Pool and gas values applied. */
  updates: number;
  /** Values refused (another chain, or contradicting a pool's state); see `lastRefusal`. */
  refused: number;
}

/**
 * The market as rebuilt from PoolState, PoolTick, PoolSync, PoolSwap, PoolMint, PoolBurn,
 * PoolInvalidate and GasPrice values. The states live in a {@linkcode PoolBook}, the same the
 * detector upstream applies them to, so every stage holds the same state for the same frames.
 * Prices are exact rationals: a stablecoin is 1 USD; another
 * token is priced at the mid price of its deepest pool to a stablecoin, or else through the
 * native token's deepest pool and the native token's own price.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, evmToken, instrumentToBytes } from "../instrument/mod.ts";
 * import { bytesToHex, type Hex, TlvType } from "../protocol/mod.ts";
 * import { MarketBook } from "./market_book.ts";
 * const weth: Hex = `0x${"0a".repeat(20)}`, usdc: Hex = `0x${"0b".repeat(20)}`;
 * const book = new MarketBook({ chainId: 31337, nativeToken: weth, stablecoins: [usdc] });
 * const pool = bytesToHex(instrumentToBytes(dexPool("anvil", "sushiswap", "0x" + "11".repeat(20))));
 * book.apply([{ type: TlvType.PoolState, name: "PoolState", value: {
 *   pool, protocol: 1, token0: weth, token1: usdc, decimals0: 18, decimals1: 6, fee: 3000,
 *   tickSpacing: 0, reserve0: 10n ** 21n, reserve1: 3_000_000n * 10n ** 6n, sqrtPriceX96: 0n,
 *   liquidity: 0n, tick: 0, blockNumber: 7n,
 * } }]);
 * const p = book.usdPrice(evmToken("anvil", weth))!;
 * assert.equal(p.num / p.den, 3000n);
 * assert.equal(book.poolLiquidityUsd(pool), 6_000_000n * 10n ** 8n);
 * ```
 */
export class MarketBook implements PriceSource {
  readonly chainId: number;
  /** The chain's lib/instrument name. */
  readonly chain: ChainName;
  /** Counters. */
  readonly stats: MarketBookStats = { updates: 0, refused: 0 };
  /** Why the last value was refused. */
  lastRefusal: MarketError | undefined;
  /** The exact pool states the prices are read from. */
  readonly book: PoolBook;
  readonly #native: string;
  readonly #stables: readonly string[];

  /** @throws {MarketError} `BAD_CONFIG` for an unknown chain or a malformed address */
  constructor(options: MarketBookOptions) {
    try {
      this.chain = chainById(options.chainId).name;
      this.#native = evmToken(this.chain, options.nativeToken).address;
      this.#stables = options.stablecoins.map((s) => evmToken(this.chain, s).address);
      this.book = new PoolBook(options.chainId);
    } catch (e) {
      throw new MarketError(
        "BAD_CONFIG",
        `Market of chain ${options.chainId} is misconfigured: ${(e as Error).message}`,
        { key: "market", chainId: options.chainId },
        { cause: e },
      );
    }
    this.chainId = options.chainId;
  }

  /** Highest block number seen in a market value. */
  get blockNumber(): bigint {
    return this.book.blockNumber;
  }

  /** The last gas price seen for this chain (base + priority fee), wei. */
  get gasPriceWei(): bigint | undefined {
    return this.book.gasPriceWei;
  }

  /** Number of tokens seen in pools so far (they are numbered from 0 in arrival order). */
  get tokenCount(): number {
    return this.book.tokenCount;
  }

  /** The address (lower case) and decimals of token number `i` (see `tokenCount`). */
  token(i: number): { readonly address: string; readonly decimals: number } {
    return { address: this.book.tokenAddress(i), decimals: this.book.tokenDecimals(i) };
  }

  /** Decimals of a token seen in a pool, or undefined. */
  decimalsOf(address: string): number | undefined {
    const t = this.book.tokenIndex(address);
    return t < 0 ? undefined : this.book.tokenDecimals(t);
  }

  /**
   * Apply the market values among `tlvs` (others are skipped); returns how many were applied.
   * A value the book refuses (another chain, a contradiction) is counted, not thrown.
   */
  apply(tlvs: Iterable<DecodedTlv>): number {
    let applied = 0;
    for (const t of tlvs) {
      if (!("value" in t) || !isPoolUpdate(t.type)) continue;
      try {
        this.book.apply(t as PoolUpdate);
      } catch (e) {
        if (!(e instanceof MarketError)) throw e;
        this.stats.refused++;
        this.lastRefusal = e;
        continue;
      }
      this.stats.updates++;
      applied++;
    }
    return applied;
  }

  /** The pool with this InstrumentId hex, or undefined when never seen. */
  pool(id: string): MarketPool | undefined {
    const p = this.book.indexOf(id);
    return p < 0 ? undefined : this.#pool(p);
  }

  #pool(p: number): MarketPool {
    const b = this.book;
    const t0 = b.token0(p);
    const t1 = b.token1(p);
    return {
      pool: b.state(p),
      token0: b.tokenAddress(t0),
      token1: b.tokenAddress(t1),
      decimals0: b.tokenDecimals(t0),
      decimals1: b.tokenDecimals(t1),
      tradable: b.tradable[p] === true,
    };
  }

  /** USD per whole token, exactly; undefined when no pool path to a stablecoin exists. */
  usdPrice(token: EvmTokenId): UsdPrice | undefined {
    if (token.chain !== this.chain) return undefined;
    return this.priceOf(token.address);
  }

  /** {@linkcode usdPrice} by address on the book's chain. */
  priceOf(address: string): UsdPrice | undefined {
    const a = address.toLowerCase();
    // The chain's coin (gas) is worth its wrapped token, which is what the pools price.
    if (a === NATIVE_TOKEN_ADDRESS && this.#native !== a) return this.priceOf(this.#native);
    if (this.#stables.includes(a)) return ONE_USD;
    const g = this.book;
    const t = g.tokenIndex(a);
    if (t < 0) return undefined;
    const direct = this.#bestStableRate(t);
    if (direct !== undefined) return direct;
    if (a === this.#native) return undefined;
    const n = g.tokenIndex(this.#native);
    if (n < 0) return undefined;
    const toNative = this.#rate(t, n);
    const nativeUsd = this.#bestStableRate(n);
    if (toNative === undefined || nativeUsd === undefined) return undefined;
    // native units of WETH per native unit of t, times USD per whole WETH
    return {
      num: toNative.numerator * nativeUsd.num * pow10(g.tokenDecimals(t)),
      den: toNative.denominator * nativeUsd.den * pow10(g.tokenDecimals(n)),
    };
  }

  /**
   * Liquidity of a pool in USD, floored: the value of both reserves (a V3 pool: the virtual
   * reserves of its active range, what a swap near the price meets), or twice the value of the
   * one side that has a price. Undefined when neither token has a price or the pool is unknown.
   */
  poolLiquidityUsd(id: string): bigint | undefined {
    const m = this.pool(id);
    if (m === undefined) return undefined;
    let r0: bigint;
    let r1: bigint;
    if (m.pool.protocol === "v2") {
      r0 = m.pool.state.reserve0;
      r1 = m.pool.state.reserve1;
    } else {
      const s = m.pool.state;
      if (s.sqrtPriceX96 === 0n) return undefined;
      r0 = (s.liquidity * Q96) / s.sqrtPriceX96;
      r1 = (s.liquidity * s.sqrtPriceX96) / Q96;
    }
    const p0 = this.priceOf(m.token0);
    const p1 = this.priceOf(m.token1);
    const v0 = p0 === undefined ? undefined : usdValue(r0, m.decimals0, p0, "floor");
    const v1 = p1 === undefined ? undefined : usdValue(r1, m.decimals1, p1, "floor");
    if (v0 !== undefined && v1 !== undefined) return v0 + v1;
    if (v0 !== undefined) return 2n * v0;
    if (v1 !== undefined) return 2n * v1;
    return undefined;
  }

  // The mid rate from t to the stablecoin whose deepest pool with t holds the most dollars.
  #bestStableRate(t: number): UsdPrice | undefined {
    const g = this.book;
    let best: UsdPrice | undefined;
    let bestDepth = 0n;
    let bestDecimals = 0;
    for (const s of this.#stables) {
      const si = g.tokenIndex(s);
      if (si < 0) continue;
      const found = this.#deepest(t, si);
      if (found === undefined) continue;
      const dec = g.tokenDecimals(si);
      // compare dollar depths exactly: depth / 10^dec
      if (best !== undefined && found.depth * pow10(bestDecimals) <= bestDepth * pow10(dec)) {
        continue;
      }
      best = {
        num: found.rate.numerator * pow10(g.tokenDecimals(t)),
        den: found.rate.denominator * pow10(dec),
      };
      bestDepth = found.depth;
      bestDecimals = dec;
    }
    return best;
  }

  #rate(from: number, to: number): Rational | undefined {
    return this.#deepest(from, to)?.rate;
  }

  // Of the tradable pools between two tokens, the one deepest on `to`'s side, and its mid rate.
  #deepest(from: number, to: number): { rate: Rational; depth: bigint } | undefined {
    const g = this.book;
    let best: { rate: Rational; depth: bigint } | undefined;
    for (const p of g.pairPools(from, to)) {
      if (!g.tradable[p]) continue;
      const m = this.#pool(p);
      const fromIs0 = g.token0(p) === from;
      const depth = sideDepth(m.pool, !fromIs0);
      const depthFrom = sideDepth(m.pool, fromIs0);
      if (depth <= 0n || depthFrom <= 0n || (best !== undefined && depth <= best.depth)) continue;
      const rate = m.pool.protocol === "v2"
        ? v2SpotRate(m.pool.state, fromIs0)
        : v3SpotRate(m.pool.state, fromIs0);
      best = { rate, depth };
    }
    return best;
  }
}

// Reserve on one side: V2 the reserve, V3 the active range's virtual reserve.
function sideDepth(pool: AnyPoolState, token0: boolean): bigint {
  if (pool.protocol === "v2") return token0 ? pool.state.reserve0 : pool.state.reserve1;
  const s = pool.state;
  if (s.sqrtPriceX96 === 0n) return 0n;
  return token0 ? (s.liquidity * Q96) / s.sqrtPriceX96 : (s.liquidity * s.sqrtPriceX96) / Q96;
}
