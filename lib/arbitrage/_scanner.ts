// lib/arbitrage/_scanner.ts — one job: the float stages over the cycles through changed pools,
// which only discard cycles that provably cannot pass and rank the rest.
//
// 1. Group bound: a pool's edge plus the best rate of every other pair of its token cycle; ≤ the
//    threshold and no cycle of the group can have a rate above one.
// 2. Cycle rate: the sum of its edges' ln-rates. A concave route pays at most its initial marginal
//    rate per unit, so a rate ≤ 1 means no profit at any size.
// 3. Estimate: the edges as constant products paying at least as much as the pools, composed;
//    below the exact least gross profit (less a margin far above the float error) it cannot pass.
import type { DetectorStats } from "./detection.ts";
import type { PoolGraph } from "./pool_graph.ts";
import { GROUP_STRIDE, RECORD_STRIDE } from "./pool_graph.ts";
import { reachTicks } from "./_virtual.ts";
import type { EdgeRates } from "./_edge_rates.ts";
import { windowFor } from "./_edge_rates.ts";
import type { ValuationCache } from "./_valuation_cache.ts";

// ln-space margin: float sums carry ~1e-13 of error, so a cycle whose exact rate is above one is
// never dropped; sums in (−1e-9, 0] are rejected exactly afterwards
const THRESHOLD = -1e-9;
// the float estimate must reach the exact least gross profit within this relative margin (its
// error is below 1e-8: see docs/ARBITRAGE.md)
const FLOAT_MARGIN = 1e-6;

/** The float stages, with the candidates and their ranking scores of the last scan. */
export class CycleScanner {
  readonly #book: EdgeRates;
  readonly #graph: PoolGraph;
  readonly #valuation: ValuationCache;
  readonly #stats: DetectorStats;
  /** Candidate cycles of the last scan. */
  readonly candidates: number[] = [];
  /** Estimated USD profit of each candidate (∞ when floats could not tell). */
  readonly scores: number[] = [];
  /** Cycles scanned (only filled when tracing). */
  readonly scanned: number[] = [];
  trace = false;
  #epoch = 0;
  #stamp = new Int32Array(1024);

  constructor(book: EdgeRates, valuation: ValuationCache, stats: DetectorStats) {
    this.#book = book;
    this.#graph = book.graph;
    this.#valuation = valuation;
    this.#stats = stats;
  }

  /** Scans the cycles through `pools` (each cycle once), filling `candidates` and `scores`. */
  scan(pools: readonly number[]): void {
    this.candidates.length = 0;
    this.scores.length = 0;
    if (this.trace) this.scanned.length = 0;
    const dedupe = pools.length > 1;
    if (dedupe) this.#growStamps();
    const epoch = ++this.#epoch;
    for (const p of pools) this.#scan(p, epoch, dedupe);
  }

  // float stages over the cycles through pool p (each cycle once per evaluation): a bound per
  // group from the best rate of each pair, the cycle's rate, then its estimated best profit
  #scan(p: number, epoch: number, dedupe: boolean): void {
    const book = this.#book;
    if (!book.tradable[p]) return;
    const g = this.#graph;
    const edgeLog = book.edgeLog;
    const pairMax = book.pairMax;
    const data = g.groupData(p);
    const count = g.groupCount(p);
    const stamp = this.#stamp;
    const trace = this.trace;
    let records: Int32Array | undefined;
    let starts: Int32Array | undefined;
    let scanned = 0;
    let pruned = 0;
    for (let k = 0; k < count; k++) {
      const o = k * GROUP_STRIDE;
      let bound = edgeLog[data[o]!]! + pairMax[data[o + 1]!]!;
      const b = data[o + 2]!;
      if (b >= 0) {
        bound += pairMax[b]!;
        const c = data[o + 3]!;
        if (c >= 0) bound += pairMax[c]!;
      }
      if (!(bound > THRESHOLD)) {
        pruned += data[o + GROUP_STRIDE - 1]!;
        continue;
      }
      if (records === undefined) {
        records = g.cycleRecords(p);
        starts = g.cycleRecordStarts(p);
      }
      const end = starts![k + 1]! * RECORD_STRIDE;
      for (let r = starts![k]! * RECORD_STRIDE; r < end; r += RECORD_STRIDE) {
        const c = records[r]!;
        // a cycle holds a pool once, so only several changed pools can reach it twice
        if (dedupe) {
          if (stamp[c] === epoch) continue;
          stamp[c] = epoch;
        }
        scanned++;
        if (trace) this.scanned.push(c);
        let sum = edgeLog[records[r + 1]!]! + edgeLog[records[r + 2]!]!;
        const e3 = records[r + 3]!;
        let n = 2;
        if (e3 >= 0) {
          sum += edgeLog[e3]!;
          n = 3;
          const e4 = records[r + 4]!;
          if (e4 >= 0) {
            sum += edgeLog[e4]!;
            n = 4;
          }
        }
        if (sum > THRESHOLD) this.#estimate(c, records, r + 1, n, records[r + 5]!, sum);
      }
    }
    this.#stats.cyclesScanned += scanned;
    this.#stats.cyclesPruned += pruned;
  }

  // the float estimate: compose the edges' virtual reserves (each a constant product paying at
  // least as much as its pool, V3 at the most liquidity within reach of the optimum) into
  // Y·x/(X + x), whose best profit is (√Y − √X)²
  #estimate(
    c: number,
    edges: Int32Array,
    o: number,
    n: number,
    base: number,
    logRate: number,
  ): void {
    const book = this.#book;
    const protocol = book.protocol;
    const vOut = book.virtualOut;
    const vIn = book.virtualIn;
    const ok = book.virtualOk;
    const window = windowFor(reachTicks(logRate));
    let v3 = 0;
    let y = 0;
    let x = 0;
    for (let i = 0; i < n; i++) {
      const e = edges[o + i]!;
      let y2: number;
      let x2: number;
      const p = e >> 1;
      if (protocol[p] === 2) {
        v3++;
        // the most liquidity within reach of the optimum (see #exact)
        const l = book.windowLiquidityFloat(e, window);
        const price = book.priceFloat(p);
        const zeroForOne = (e & 1) === 0;
        y2 = zeroForOne ? l * price : l / price;
        x2 = (zeroForOne ? l / price : l * price) / book.feeFactor(p);
      } else {
        if (ok[e] === 0) book.computeVirtual(e);
        y2 = vOut[e]!;
        x2 = vIn[e]!;
      }
      if (i === 0) {
        y = y2;
        x = x2;
      } else {
        const d = x2 + y;
        x = (x * x2) / d;
        y = (y * y2) / d;
      }
    }
    const least = this.#valuation.floatLeast(base, n - v3, v3);
    if (least === Infinity) {
      this.#stats.unpriced++;
      return;
    }
    const ratio = y / x;
    let est = -1; // undecided: Y and X too close for floats, decide exactly
    if (ratio > 1 + 1e-6) {
      const r = Math.sqrt(y) - Math.sqrt(x);
      est = r * r;
      if (est < least * (1 - FLOAT_MARGIN)) {
        this.#stats.belowGuardEstimate++;
        return;
      }
    } else if (!(ratio >= 1 - 1e-6)) {
      this.#stats.belowGuardEstimate++; // its rate is below one after all
      return;
    }
    this.candidates.push(c);
    this.scores.push(est < 0 ? Infinity : est * this.#valuation.floatUsd(base, n - v3, v3));
  }

  // the stamps grow with the cycle count
  #growStamps(): void {
    const need = this.#graph.cycleCount;
    if (need <= this.#stamp.length) return;
    const next = new Int32Array(Math.max(need, this.#stamp.length * 2));
    next.set(this.#stamp);
    this.#stamp = next;
  }
}
