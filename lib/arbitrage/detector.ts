// lib/arbitrage/detector.ts — one job: turn pool updates into sized, gas-aware arbitrage signals.
//
// On each update the detector applies the value to its exact pool book (lib/market), derives the
// float rates of the pools it changed (_edge_rates.ts), then looks
// only at the cycles through the pools that changed. Float stages (_scanner.ts) discard cycles
// that provably cannot pass and rank the rest; every decision after that is exact (_exact.ts): an
// integer profit bound, sizing (sizing.ts), gas converted into the input token and USD through
// pool prices (_valuation_cache.ts, valuation.ts), the minimum-profit guard (guard.ts).
import { type DecodedTlv, TlvType } from "../protocol/mod.ts";
import { isPoolUpdate, MarketError, PoolBook, type PoolUpdate } from "../market/mod.ts";
import type { ArbitrageDetection, DetectorStats } from "./detection.ts";
import { ArbitrageError } from "./errors.ts";
import { assertGasModel, DEFAULT_GAS_MODEL, type GasModel } from "./gas.ts";
import { profitGuard } from "./guard.ts";
import { PoolGraph } from "./pool_graph.ts";
import type { RouteHop } from "./route.ts";
import { type ExactContext, exactDetection } from "./_exact.ts";
import { EdgeRates } from "./_edge_rates.ts";
import { CycleScanner } from "./_scanner.ts";
import { ValuationCache } from "./_valuation_cache.ts";

/** Options of an {@linkcode ArbitrageDetector}. */
export interface DetectorOptions {
  /** EIP-155 chain id; pools of other chains are refused, gas prices of other chains ignored. */
  readonly chainId: number;
  /** Address of the wrapped native token (WETH): gas is priced in it. */
  readonly nativeToken: string;
  /** Stablecoin addresses, each taken at 1 USD. */
  readonly stablecoins: readonly string[];
  /** Tokens cycles start from, best first (default: the native token, then the stablecoins). */
  readonly baseTokens?: readonly string[];
  /** Longest cycle, 2 to 4 hops (default 4). */
  readonly maxHops?: number;
  /** Least net profit in USD, 8 decimals (default 1 USD); `null` turns the USD check off. */
  readonly minNetProfitUsd?: bigint | null;
  /** Least net profit per input token (address → native units). */
  readonly minNetProfit?: Readonly<Record<string, bigint>>;
  /** Gas per route part (default {@linkcode DEFAULT_GAS_MODEL}). */
  readonly gasModel?: GasModel;
  /** Gas price in wei to use until a GasPrice value arrives (default: none, so no signal). */
  readonly gasPriceWei?: bigint;
  /** Strategy number written into signals (default 1). */
  readonly strategyId?: number;
  /** First signal id (default 1). */
  readonly firstSignalId?: bigint;
  /** Most signals per evaluation, best net USD first (default 1: they share a pool). */
  readonly maxSignalsPerUpdate?: number;
  /** Exact profit evaluations per sizing (default 6: the hot path trades a possible unit of
   * profit for latency; `SizedRoute.certified` says when the optimum is proved anyway). */
  readonly sizingBudget?: number;
  /** Clock for `detectedNs`, ns since the Unix epoch (default the wall clock). */
  readonly clock?: () => bigint;
  /** Record the ids of the cycles each evaluation scans in `lastScanned` (default false). */
  readonly trace?: boolean;
}

const EMPTY: readonly ArbitrageDetection[] = Object.freeze([]);

function wallClockNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n;
}

/**
 * The arbitrage detector: holds pool states rebuilt from PoolState, PoolTick, PoolSync, PoolSwap,
 * PoolMint, PoolBurn, PoolInvalidate and GasPrice values, and after each change re-evaluates only
 * the cycles through the pools that changed, emitting an {@linkcode ArbitrageDetection} for each
 * cycle whose exact net profit clears the guard.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../instrument/mod.ts";
 * import { bytesToHex, type Hex, type PoolState, TlvType } from "../protocol/mod.ts";
 * import { ArbitrageDetector } from "./detector.ts";
 * const weth: Hex = `0x${"0a".repeat(20)}`, usdc: Hex = `0x${"0b".repeat(20)}`;
 * const d = new ArbitrageDetector({ chainId: 1, nativeToken: weth, stablecoins: [usdc] });
 * const id = (venue: string, n: number) =>
 *   bytesToHex(instrumentToBytes(dexPool("ethereum", venue, "0x" + String(n).repeat(40))));
 * const state = (pool: Hex, usdcPerWeth: bigint): PoolState => ({
 *   pool, protocol: 1, token0: usdc, token1: weth, decimals0: 6, decimals1: 18, fee: 3000,
 *   tickSpacing: 0, reserve0: 1000n * usdcPerWeth * 10n ** 6n, reserve1: 1000n * 10n ** 18n,
 *   sqrtPriceX96: 0n, liquidity: 0n, tick: 0, blockNumber: 1n,
 * });
 * d.onPoolUpdate({ type: TlvType.GasPrice, value: {
 *   chainId: 1, blockNumber: 1n, blockTimestamp: 0n, baseFeeWei: 10n ** 10n, priorityFeeWei: 0n,
 * } });
 * assert(d.onPoolUpdate({ type: TlvType.PoolState, value: state(id("uniswap_v2", 1), 3000n) })
 *   .length === 0);
 * // the same pair 2% dearer on another venue: buy WETH on the first, sell it on the second
 * const [hit] = d.onPoolUpdate({
 *   type: TlvType.PoolState, value: state(id("sushiswap", 2), 3060n),
 * });
 * assert(hit !== undefined && hit.signal.hops.length === 2 && hit.signal.netProfit > 0n);
 * ```
 */
export class ArbitrageDetector {
  /** The pool graph (tokens, pools, cycles). */
  readonly graph: PoolGraph;
  /** Counters. */
  readonly stats: DetectorStats = {
    updates: 0,
    ignored: 0,
    cyclesScanned: 0,
    cyclesPruned: 0,
    candidates: 0,
    sized: 0,
    unprofitable: 0,
    belowGuardEstimate: 0,
    belowGuard: 0,
    outranked: 0,
    unpriced: 0,
    signals: 0,
    certified: 0,
  };
  /** With `trace`, the cycles the last evaluation passed to the exact stage. */
  readonly lastCandidates: number[] = [];

  /** The exact pool book the detector applies market values to. */
  readonly book: PoolBook;
  readonly #rates: EdgeRates;
  readonly #valuation: ValuationCache;
  readonly #scanner: CycleScanner;
  readonly #exact: ExactContext;
  readonly #chainId: number;
  readonly #maxSignals: number;
  readonly #trace: boolean;
  #nextId: bigint;
  readonly #touched: number[] = [];

  /** @throws {ArbitrageError} `INVALID_OPTION` */
  constructor(options: DetectorOptions) {
    const o = options;
    if (!Number.isInteger(o.chainId) || o.chainId <= 0 || o.chainId > 0xffff_ffff) {
      throw option("chainId", o.chainId, "a u32 chain id");
    }
    this.#chainId = o.chainId;
    const guard = profitGuard({
      ...(o.minNetProfitUsd !== undefined ? { minNetProfitUsd: o.minNetProfitUsd } : {}),
      ...(o.minNetProfit !== undefined ? { minNetProfit: o.minNetProfit } : {}),
    });
    const gas = o.gasModel ?? DEFAULT_GAS_MODEL;
    assertGasModel(gas);
    if (o.gasPriceWei !== undefined && (typeof o.gasPriceWei !== "bigint" || o.gasPriceWei < 0n)) {
      throw option("gasPriceWei", o.gasPriceWei, "a bigint ≥ 0");
    }
    const strategyId = o.strategyId ?? 1;
    if (!Number.isInteger(strategyId) || strategyId < 0 || strategyId > 0xffff) {
      throw option("strategyId", o.strategyId, "a u16");
    }
    this.#nextId = o.firstSignalId ?? 1n;
    this.#maxSignals = o.maxSignalsPerUpdate ?? 1;
    if (!Number.isInteger(this.#maxSignals) || this.#maxSignals < 1) {
      throw option("maxSignalsPerUpdate", o.maxSignalsPerUpdate, "a positive integer");
    }
    const budget = o.sizingBudget ?? 6;
    if (!Number.isInteger(budget) || budget < 1) {
      throw option("sizingBudget", o.sizingBudget, "a positive integer");
    }
    this.#trace = o.trace ?? false;
    const native = o.nativeToken.toLowerCase();
    const stables = o.stablecoins.map((s) => s.toLowerCase());
    const bases = o.baseTokens ?? [o.nativeToken, ...o.stablecoins];
    this.graph = new PoolGraph({ baseTokens: bases, ...(o.maxHops ? { maxHops: o.maxHops } : {}) });
    this.book = new PoolBook(this.#chainId);
    this.#rates = new EdgeRates(this.graph, this.book);
    const via = [native, ...stables, ...bases.map((b) => b.toLowerCase())];
    this.#valuation = new ValuationCache(
      this.#rates,
      guard,
      gas,
      native,
      stables,
      via,
      o.gasPriceWei,
    );
    this.#scanner = new CycleScanner(this.#rates, this.#valuation, this.stats);
    this.#scanner.trace = this.#trace;
    this.#exact = {
      book: this.#rates,
      valuation: this.#valuation,
      stats: this.stats,
      guard,
      gas,
      budget,
      chainId: this.#chainId,
      strategyId,
      clock: o.clock ?? wallClockNs,
    };
  }

  /** The gas price in use (wei), if any. */
  get gasPriceWei(): bigint | undefined {
    return this.#valuation.gasPrice;
  }

  /** With `trace`, the cycles the last evaluation scanned (float sum computed). */
  get lastScanned(): readonly number[] {
    return this.#scanner.scanned;
  }

  /**
   * The current state of a pool by its InstrumentId hex, or undefined for an unknown pool.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { ArbitrageDetector } from "./detector.ts";
   * const d = new ArbitrageDetector({ chainId: 1, nativeToken: "0x" + "0a".repeat(20), stablecoins: [] });
   * assert(d.poolState("0x" + "00".repeat(32)) === undefined);
   * ```
   */
  poolState(pool: string): RouteHop["state"] | undefined {
    const p = this.book.indexOf(pool);
    if (p < 0) return undefined;
    return this.book.protocol[p] === 1 ? this.book.v2[p] : this.book.v3[p];
  }

  /**
   * Whether a pool can be quoted exactly now: known, not invalidated since its last PoolState,
   * with reserves (V2) or with the initialized ticks on both sides of its price (V3).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { ArbitrageDetector } from "./detector.ts";
   * const d = new ArbitrageDetector({ chainId: 1, nativeToken: "0x" + "0a".repeat(20), stablecoins: [] });
   * assert.equal(d.poolTradable("0x" + "00".repeat(32)), false);
   * ```
   */
  poolTradable(pool: string): boolean {
    const p = this.book.indexOf(pool);
    return p >= 0 && this.book.tradable[p] === true;
  }

  /**
   * The graph index of a pool by its InstrumentId hex, or −1.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { ArbitrageDetector } from "./detector.ts";
   * const d = new ArbitrageDetector({ chainId: 1, nativeToken: "0x" + "0a".repeat(20), stablecoins: [] });
   * assert(d.poolIndex("0x" + "00".repeat(32)) === -1);
   * ```
   */
  poolIndex(pool: string): number {
    return this.book.indexOf(pool);
  }

  /**
   * Applies one update, then evaluates the cycles through the pool it changed. A PoolTick is
   * applied like the others; when a snapshot (PoolState followed by its PoolTicks) arrives in one
   * frame, prefer {@linkcode onTlvs}, which evaluates once the whole frame is applied.
   *
   * @throws {ArbitrageError} `INVALID_POOL_UPDATE`, `WRONG_CHAIN`, `PROTOCOL_MISMATCH` for a
   *   value that contradicts the pool's state or the detector's chain
   */
  onPoolUpdate(update: PoolUpdate): readonly ArbitrageDetection[] {
    this.apply(update);
    return this.evaluate();
  }

  /**
   * Applies every pool and gas value of a frame's decoded TLVs (others are skipped), then
   * evaluates once.
   *
   * @throws {ArbitrageError} as {@linkcode onPoolUpdate}
   */
  onTlvs(tlvs: Iterable<DecodedTlv>): readonly ArbitrageDetection[] {
    for (const t of tlvs) {
      if ("value" in t && isPoolUpdate(t.type)) this.apply(t as PoolUpdate);
    }
    return this.evaluate();
  }

  /**
   * Applies one update without evaluating (the pool is remembered for the next `evaluate`).
   *
   * @throws {ArbitrageError} as {@linkcode onPoolUpdate}
   */
  apply(update: PoolUpdate): void {
    this.stats.updates++;
    let p: number;
    try {
      p = this.book.apply(update);
    } catch (e) {
      // the detector's callers know its own error type; the book's code and details carry over
      const code = e instanceof MarketError ? e.code : undefined;
      if (
        code === "WRONG_CHAIN" || code === "PROTOCOL_MISMATCH" || code === "INVALID_POOL_UPDATE"
      ) {
        const m = e as MarketError;
        throw new ArbitrageError(code, m.message, { ...m.details }, { cause: e });
      }
      throw e;
    }
    if (update.type === TlvType.GasPrice) {
      const g = update.value;
      if (g.chainId === this.#chainId) {
        this.#valuation.setGasPrice(g.baseFeeWei + g.priorityFeeWei);
      } else this.stats.ignored++;
      return;
    }
    if (p < 0) {
      this.stats.ignored++;
      return;
    }
    this.#rates.changed(p);
    this.#valuation.poolChanged(p);
    if (!this.#touched.includes(p)) this.#touched.push(p);
  }

  /**
   * Evaluates the cycles through every pool changed since the last evaluation: float prefilter
   * and estimate, then exact bound, sizing, gas and guard for the best-ranked candidates. Returns
   * the best detections (at most `maxSignalsPerUpdate`), best net USD profit first.
   */
  evaluate(): readonly ArbitrageDetection[] {
    const touched = this.#touched;
    if (touched.length === 0) return EMPTY;
    this.#valuation.refresh();
    const scanner = this.#scanner;
    scanner.scan(touched);
    touched.length = 0;
    const cand = scanner.candidates;
    const score = scanner.scores;
    if (this.#trace) {
      this.lastCandidates.length = 0;
      this.lastCandidates.push(...cand);
    }
    if (cand.length === 0) return EMPTY;
    this.stats.candidates += cand.length;
    // exact work in the order of the float estimate, so the exact cutoff drops the rest early
    const order = cand.map((_, i) => i);
    if (order.length > 1) order.sort((a, b) => score[b]! - score[a]!);
    const best: ArbitrageDetection[] = [];
    const k = this.#maxSignals;
    for (const i of order) {
      const last = best.length === k ? best[k - 1] : undefined;
      const cutoff = last?.economics === undefined ? undefined : last.signal;
      const d = exactDetection(this.#exact, cand[i]!, cutoff);
      if (d === undefined) continue;
      let at = best.length;
      while (at > 0 && compareUsd(d, best[at - 1]!) > 0) at--;
      best.splice(at, 0, d);
      if (best.length > k) best.length = k;
    }
    if (best.length === 0) return EMPTY;
    for (const d of best) {
      (d.signal as { signalId: bigint }).signalId = this.#nextId++;
      this.stats.signals++;
      if (d.certified) this.stats.certified++;
    }
    return best;
  }
}

function compareUsd(a: ArbitrageDetection, b: ArbitrageDetection): number {
  // detections without a USD figure rank last
  const x = a.economics === undefined ? undefined : a.signal.netProfitUsd;
  const y = b.economics === undefined ? undefined : b.signal.netProfitUsd;
  if (x === y) return 0;
  if (x === undefined) return -1;
  if (y === undefined) return 1;
  return x < y ? -1 : 1;
}

function option(name: string, value: unknown, what: string): ArbitrageError {
  return new ArbitrageError("INVALID_OPTION", `${name} must be ${what}, got ${value}`, {
    [name]: value,
  });
}
