// lib/execution/_split_search.ts — one job: the split of one input across pools that maximises
// the sum of their exact outputs.
//
// 1. Equalise marginal rates: bisect on a common rate λ (fixed point, 2^-128) for the λ at which
//    the inputs that bring every pool's marginal rate down to λ add up to the order; the units
//    between the bracket's two allocations are handed out within each pool's band.
// 2. Exact refinement: hill-climb on the exact integer outputs. A move takes δ units from one pool
//    to another (δ in 1…16 and every power of two up to the order) or closes a leg into another
//    pool; the best strictly improving move is applied until none is left, so the result is a
//    local optimum for exactly those moves.
// 3. Never worse than one pool: when the best single pool beats the split it is refined as well,
//    and the better of the two is kept.
import type { PoolCurve } from "./_pool_curve.ts";

/** A split of the order: `amounts[i]` into pool i, paying `outputs[i]`. */
export interface Split {
  readonly amounts: bigint[];
  readonly outputs: bigint[];
  readonly total: bigint;
  /** The refinement ran until no move improved (false only when `maxMoves` ran out). */
  readonly locallyOptimal: boolean;
  readonly moves: number;
}

/** What `searchSplit` found: the split and the best single pool (undefined when none can fill). */
export interface SplitSearch {
  readonly split: Split | undefined;
  readonly bestSingle: { readonly index: number; readonly amountOut: bigint } | undefined;
  /** Exact pool evaluations (outputs and rate-to-amount solves). */
  readonly evaluations: number;
  /** Σ of what the pools can take; only set when the order exceeds it. */
  readonly capacity?: bigint;
}

/** The small moves the refinement tries, then every power of two above them up to `amount`. */
export function refinementSteps(amount: bigint): bigint[] {
  const steps: bigint[] = [];
  for (let d = 1n; d <= 16n && d <= amount; d++) steps.push(d);
  for (let d = 32n; d <= amount; d <<= 1n) steps.push(d);
  return steps;
}

/** Searches the split of `amountIn` over `curves` (see the file comment). */
export function searchSplit(
  curves: readonly PoolCurve[],
  amountIn: bigint,
  maxMoves: number,
): SplitSearch {
  const s = new Search(curves, amountIn, maxMoves);
  return s.run();
}

class Search {
  readonly n: number;
  readonly steps: bigint[];
  evaluations = 0;

  constructor(
    readonly curves: readonly PoolCurve[],
    readonly amountIn: bigint,
    readonly maxMoves: number,
  ) {
    this.n = curves.length;
    this.steps = refinementSteps(amountIn);
  }

  out(i: number, a: bigint): bigint {
    this.evaluations++;
    return this.curves[i]!.out(a);
  }

  run(): SplitSearch {
    const single = this.bestSingle();
    const start = this.equalised();
    if (start === "capacity") {
      const capacity = this.atRate(0n).reduce((x, y) => x + y, 0n);
      return { split: undefined, bestSingle: single, evaluations: this.evaluations, capacity };
    }
    let split = start === undefined ? undefined : this.refine(start);
    if (single !== undefined && (split === undefined || split.total < single.amountOut)) {
      const alone = this.curves.map((_, i) => (i === single.index ? this.amountIn : 0n));
      const refined = this.refine(alone);
      if (refined !== undefined && (split === undefined || refined.total >= split.total)) {
        split = refined;
      }
    }
    return { split, bestSingle: single, evaluations: this.evaluations };
  }

  bestSingle(): { index: number; amountOut: bigint } | undefined {
    let best: { index: number; amountOut: bigint } | undefined;
    for (let i = 0; i < this.n; i++) {
      const o = this.out(i, this.amountIn);
      if (o > 0n && (best === undefined || o > best.amountOut)) best = { index: i, amountOut: o };
    }
    return best;
  }

  atRate(rate: bigint): bigint[] {
    this.evaluations += this.n;
    return this.curves.map((c) => c.amountAtRate(rate));
  }

  // step 1: the allocation at the common marginal rate that fills the order
  equalised(): bigint[] | "capacity" | undefined {
    const total = (xs: bigint[]) => xs.reduce((x, y) => x + y, 0n);
    let hi = 1n;
    for (const c of this.curves) if (c.initialRate >= hi) hi = c.initialRate + 1n;
    let atHi = this.atRate(hi);
    let sumHi = total(atHi);
    if (sumHi > this.amountIn) return undefined; // rates that cannot be solved: refine from one pool
    let lo = hi;
    let atLo = atHi;
    let sumLo = sumHi;
    while (sumLo < this.amountIn) {
      if (lo === 0n) return "capacity";
      hi = lo;
      atHi = atLo;
      sumHi = sumLo;
      lo >>= 1n;
      atLo = this.atRate(lo);
      sumLo = total(atLo);
    }
    const slack = BigInt(this.n);
    while (hi - lo > 1n && sumLo - sumHi > slack) {
      const mid = (lo + hi) >> 1n;
      const at = this.atRate(mid);
      const sum = total(at);
      if (sum >= this.amountIn) [lo, atLo, sumLo] = [mid, at, sum];
      else [hi, atHi, sumHi] = [mid, at, sum];
    }
    // at the bracket's high rate the order is not yet filled; the rest goes within each band
    const alloc = atHi.slice();
    let rest = this.amountIn - sumHi;
    for (let i = 0; i < this.n && rest > 0n; i++) {
      const band = atLo[i]! - atHi[i]!;
      const take = band < rest ? band : rest;
      if (take > 0n) {
        alloc[i] = alloc[i]! + take;
        rest -= take;
      }
    }
    return rest === 0n ? alloc : undefined;
  }

  // step 2: make every leg valid, then hill-climb on exact outputs
  refine(start: bigint[]): Split | undefined {
    const n = this.n;
    const a = start.slice();
    const cur = a.map((x, i) => this.out(i, x));
    // a leg the pool would revert (a V2 leg paying nothing): close it into the best other pool
    for (let i = 0; i < n; i++) {
      if (cur[i]! >= 0n) continue;
      let bestJ = -1;
      let bestGain = 0n;
      let bestOut = 0n;
      for (let j = 0; j < n; j++) {
        if (j === i || cur[j]! < 0n) continue;
        const o = this.out(j, a[j]! + a[i]!);
        if (o >= 0n && (bestJ < 0 || o - cur[j]! > bestGain)) {
          [bestJ, bestGain, bestOut] = [j, o - cur[j]!, o];
        }
      }
      if (bestJ < 0) return undefined;
      a[bestJ] = a[bestJ]! + a[i]!;
      cur[bestJ] = bestOut;
      a[i] = 0n;
      cur[i] = 0n;
    }
    const steps = this.steps;
    const up: (bigint | undefined)[][] = [];
    const down: (bigint | undefined)[][] = [];
    const refresh = (i: number) => {
      up[i] = steps.map((d) => {
        const o = this.out(i, a[i]! + d);
        return o < 0n ? undefined : o - cur[i]!;
      });
      down[i] = steps.map((d) => {
        if (d > a[i]!) return undefined;
        const o = this.out(i, a[i]! - d);
        return o < 0n ? undefined : cur[i]! - o;
      });
    };
    for (let i = 0; i < n; i++) refresh(i);
    let moves = 0;
    for (;;) {
      let gain = 0n;
      let from = -1;
      let to = -1;
      let delta = 0n;
      for (let i = 0; i < n; i++) {
        if (a[i] === 0n) continue;
        const downI = down[i]!;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const upJ = up[j]!;
          for (let k = 0; k < steps.length; k++) {
            const u = upJ[k];
            const d = downI[k];
            if (u === undefined || d === undefined) continue;
            if (u - d > gain) [gain, from, to, delta] = [u - d, i, j, steps[k]!];
          }
          // closing leg i into pool j
          const o = this.out(j, a[j]! + a[i]!);
          if (o >= 0n && o - cur[j]! - cur[i]! > gain) {
            [gain, from, to, delta] = [o - cur[j]! - cur[i]!, i, j, a[i]!];
          }
        }
      }
      if (gain <= 0n) return this.result(a, cur, true, moves);
      if (moves >= this.maxMoves) return this.result(a, cur, false, moves);
      moves++;
      a[from] = a[from]! - delta;
      a[to] = a[to]! + delta;
      cur[from] = this.out(from, a[from]!);
      cur[to] = this.out(to, a[to]!);
      refresh(from);
      refresh(to);
    }
  }

  result(a: bigint[], cur: bigint[], locallyOptimal: boolean, moves: number): Split {
    return {
      amounts: a,
      outputs: cur,
      total: cur.reduce((x, y) => x + y, 0n),
      locallyOptimal,
      moves,
    };
  }
}
