// lib/arbitrage/sizing.ts — one job: the integer input that maximises a route's exact profit.
//
// 1. The real-valued route is a Möbius map (relaxation.ts); its optimum x* has a closed form.
//    V2-only routes use it directly. Routes with a V3 hop use it while x* stays inside every
//    pool's current tick range, and otherwise walk to the optimum by Newton steps on the states
//    after each trial swap, bracketed by the exact marginal rate (monotone in the input).
// 2. The contracts round every hop down, so the exact profit P(x) sits just below the relaxed
//    profit U(x) and its integer argmax need not be next to x*. The search settles it: the best
//    P near x*, then every candidate the relaxation cannot rule out. Splitting the route after
//    hop j, the profit reachable with u units in between is D(u) = out_after(u) − least_in(u), and
//    max_x P(x) = max_u D(u) ≤ U_j(u); _band.ts solves U_j(u) ≥ best + 1 for u exactly. An empty
//    band proves the best found is the global integer maximum (`certified`); a non-empty one is
//    enumerated from its centre in the split with the fewest integers (a coarse intermediate
//    token makes it tiny), within an evaluation budget.
import { ArbitrageError } from "./errors.ts";
import { isqrt } from "./isqrt.ts";
import { profitBand } from "./_band.ts";
import { hopMarginal, hopMinIn, hopMobius, hopOut, v3Mobius, v3SwapIn } from "./_hop.ts";
import { composeMobius, IDENTITY_MOBIUS, type Mobius } from "./mobius.ts";
import { assertRoute, type RouteHop } from "./route.ts";

/** Options of {@linkcode optimalAmountIn}. */
export interface SizingOptions {
  /**
   * Most exact profit evaluations (a full or partial route simulation each) spent settling the
   * integer optimum; 4096 by default. The detector uses a small budget on its hot path.
   */
  readonly maxEvaluations?: number;
}

/** The optimal input of a route and its exact outcome. */
export interface SizedRoute {
  /** The input, native units of the route's first token. */
  readonly amountIn: bigint;
  /** The last hop's exact output. */
  readonly amountOut: bigint;
  /** `amountOut − amountIn`, > 0. */
  readonly profit: bigint;
  /** `amounts[i]` is hop i's input, `amounts[hops]` the output (exact, as the contracts pay). */
  readonly amounts: readonly bigint[];
  /**
   * True when no integer input gives a larger profit: proved by the relaxation bound (always
   * checkable for V2-only routes; for V3 hops when the optimum stays inside the current tick
   * ranges). False means the budget ran out first: the profit is exact, its optimality is not
   * proved.
   */
  readonly certified: boolean;
  /** Exact profit evaluations spent. */
  readonly evaluations: number;
  /** Initialized ticks each hop's swap crosses at these amounts (0 for V2 hops). */
  readonly ticksCrossed: readonly number[];
}

const DEFAULT_MAX_EVALUATIONS = 4096;
const NEWTON_STEPS = 64;
// most points of a band scanned with the float bound in one pass (about 30 ns each)
const SCAN_POINTS = 1 << 15;
// passes over the centre of a band too wide to scan whole, each raising the best found
const WIDE_SCANS = 2;
// half-width of a wide pass: the integer optimum sits this close to the relaxed one in the split
const WIDE_HALF = 256;

/**
 * The integer input maximising the exact profit `P(x) = out(x) − x` of a cycle route (its last
 * hop pays the token its first hop takes), where `out` rounds at every hop as the contracts do.
 * Undefined when no input is profitable.
 *
 * @throws {ArbitrageError} `INVALID_ROUTE`, `INVALID_OPTION`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createV2PoolState } from "../amm/mod.ts";
 * import { routeProfit, v2Hop } from "./route.ts";
 * import { optimalAmountIn } from "./sizing.ts";
 * // token0 is worth 2 token1 in pool a but 2.2 in pool b: sell it in b, buy it back in a
 * const a = createV2PoolState(10n ** 21n, 2n * 10n ** 21n);
 * const b = createV2PoolState(10n ** 21n, 22n * 10n ** 20n);
 * const route = [v2Hop(b, true), v2Hop(a, false)];
 * const best = optimalAmountIn(route)!;
 * assert(best.certified && best.profit === routeProfit(route, best.amountIn));
 * assert(best.profit >= routeProfit(route, best.amountIn + 1n)!);
 * ```
 */
export function optimalAmountIn(
  route: readonly RouteHop[],
  options: SizingOptions = {},
): SizedRoute | undefined {
  assertRoute(route);
  const budget = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new ArbitrageError(
      "INVALID_OPTION",
      `maxEvaluations must be a positive integer, got ${budget}`,
      { maxEvaluations: budget },
    );
  }
  return new Sizer(route, budget).run();
}

// one exact simulation of the whole route at an input
interface Sim {
  /** amounts[i] into hop i, amounts[n] out; undefined when a hop cannot take its input. */
  readonly amounts: bigint[] | undefined;
  /** Initialized ticks crossed per hop. */
  readonly crossed: number[];
  /** No V3 hop crossed an initialized tick. */
  readonly inside: boolean;
}

class Sizer {
  readonly route: readonly RouteHop[];
  readonly n: number;
  readonly budget: number;
  readonly hasV3: boolean;
  evaluations = 0;
  scans = 0;
  bestX = 0n;
  bestP = 0n;
  readonly #sims = new Map<bigint, Sim>();
  readonly #splits = new Set<string>();

  constructor(route: readonly RouteHop[], budget: number) {
    this.route = route;
    this.n = route.length;
    this.budget = budget;
    this.hasV3 = route.some((h) => h.protocol === "v3");
  }

  run(): SizedRoute | undefined {
    const route = this.route;
    // a concave route pays at most its initial marginal rate per unit: ≤ 1 means no profit
    if (!this.marginalAbove(undefined)) return undefined;
    const hops = route.map(hopMobius);
    const model = hops.every((m) => m !== undefined) ? hops as Mobius[] : undefined;
    let center: bigint;
    let valid = false; // the current-state relaxation describes the route around the optimum
    if (model !== undefined) {
      center = optimumOf(model.reduce(composeMobius, IDENTITY_MOBIUS));
      valid = !this.hasV3 || this.sim(center + 1n).inside;
      if (!valid) center = this.newton(center);
    } else {
      center = this.newton(1n);
    }
    this.consider(center);
    this.consider(center + 1n);

    let certified = false;
    if (model !== undefined && valid) certified = this.certify(model, center);
    else this.window(center);
    if (this.bestP <= 0n) return undefined;
    const best = this.sim(this.bestX);
    const amounts = best.amounts!;
    return {
      amountIn: this.bestX,
      amountOut: amounts[this.n]!,
      profit: this.bestP,
      amounts,
      certified,
      evaluations: this.evaluations,
      ticksCrossed: best.crossed,
    };
  }

  // the exact route at input x, memoised (the searches revisit points)
  sim(x: bigint): Sim {
    const known = this.#sims.get(x);
    if (known !== undefined) return known;
    const amounts: bigint[] | undefined = [x];
    const crossed: number[] = [];
    let inside = true;
    let v = x;
    let ok = true;
    for (const hop of this.route) {
      if (hop.protocol === "v2" || v === 0n) {
        v = hopOut(hop, v);
        crossed.push(0);
      } else {
        const r = v3SwapIn(hop, v);
        if (r === undefined) {
          v = -1n;
        } else {
          v = hop.zeroForOne ? -r.amount1 : -r.amount0;
          crossed.push(r.initializedTicksCrossed);
          if (r.initializedTicksCrossed !== 0) inside = false;
        }
      }
      if (v < 0n) {
        ok = false;
        inside = false;
        break;
      }
      amounts.push(v);
    }
    const sim = { amounts: ok ? amounts : undefined, crossed, inside };
    this.#sims.set(x, sim);
    return sim;
  }

  consider(x: bigint): void {
    if (x < 1n) return;
    if (!this.#sims.has(x)) this.evaluations++;
    const a = this.sim(x).amounts;
    if (a === undefined) return;
    const p = a[this.n]! - x;
    if (p > this.bestP || (p === this.bestP && p > 0n && x < this.bestX)) {
      this.bestP = p;
      this.bestX = x;
    }
  }

  // Π marginal rates after trading the amounts of `at` (current states when undefined), compared
  // with one exactly
  marginalAbove(at: { amounts: bigint[]; prices: bigint[] } | undefined): boolean {
    let num = 1n;
    let den = 1n;
    for (let i = 0; i < this.n; i++) {
      const hop = this.route[i]!;
      const price = at?.prices[i] ?? (hop.protocol === "v3" ? hop.state.sqrtPriceX96 : 0n);
      const m = hopMarginal(hop, at?.amounts[i] ?? 0n, at?.amounts[i + 1] ?? 0n, price);
      num *= m.num;
      den *= m.den;
    }
    return num > den;
  }

  // Newton's method on the relaxation re-centred at each trial's post-swap states, kept inside a
  // bracket [lo, hi] by the exact marginal rate (≥ 1 at lo, < 1 at hi); returns the best lo
  newton(start: bigint): bigint {
    let lo = 0n;
    let hi = -1n; // unknown
    let loModel: Mobius | undefined;
    let x = start < 1n ? 1n : start;
    const steps = Math.min(NEWTON_STEPS, Math.max(8, this.budget));
    for (let step = 0; step < steps; step++) {
      this.evaluations++;
      const trial = this.trial(x);
      let next = -1n;
      if (trial === undefined) {
        hi = x;
      } else {
        if (trial.above) {
          lo = x;
          loModel = trial.model;
        } else {
          hi = x;
        }
        const m = trial.model;
        if (m !== undefined) {
          const delta = (isqrt(m.a * m.b) - m.b) / m.c;
          // the relaxed optimum is within a unit of x: the settling search takes it from here
          if (delta >= -1n && delta <= 1n) return trial.above || x === 1n ? x : x - 1n;
          next = x + delta;
        }
      }
      if (hi >= 0n && hi - lo <= 1n) return lo;
      // out of the bracket: step from lo's own relaxation, else bisect
      if ((next <= lo || (hi >= 0n && next >= hi)) && loModel !== undefined) {
        next = lo + (isqrt(loModel.a * loModel.b) - loModel.b) / loModel.c;
      }
      if (next <= lo || (hi >= 0n && next >= hi)) next = hi < 0n ? 2n * lo + 1n : (lo + hi) / 2n;
      x = next;
    }
    return lo;
  }

  // one route simulation at x: whether the marginal rate after it is still above one, and the
  // relaxation at the post-swap states
  trial(x: bigint): { above: boolean; model: Mobius | undefined } | undefined {
    const amounts: bigint[] = [x];
    const prices: bigint[] = [];
    let model: Mobius | undefined = IDENTITY_MOBIUS;
    let v = x;
    for (const hop of this.route) {
      let out: bigint;
      let price = 0n;
      let h: Mobius | undefined;
      if (hop.protocol === "v2") {
        out = hopOut(hop, v);
        if (out < 0n) return undefined;
        const s = hop.state;
        const rIn = (hop.zeroForOne ? s.reserve0 : s.reserve1) + v;
        const rOut = (hop.zeroForOne ? s.reserve1 : s.reserve0) - out;
        const g = 10_000n - s.feeBps;
        h = rOut === 0n ? undefined : { a: g * rOut, b: 10_000n * rIn, c: g };
      } else {
        price = hop.state.sqrtPriceX96;
        let liquidity = hop.state.liquidity;
        out = 0n;
        if (v > 0n) {
          const r = v3SwapIn(hop, v);
          if (r === undefined) return undefined;
          out = hop.zeroForOne ? -r.amount1 : -r.amount0;
          price = r.sqrtPriceX96;
          liquidity = r.liquidity;
        }
        h = v3Mobius(liquidity, price, hop.state.fee, hop.zeroForOne);
      }
      prices.push(price);
      amounts.push(out);
      model = model === undefined || h === undefined ? undefined : composeMobius(model, h);
      v = out;
    }
    return { above: this.marginalAbove({ amounts, prices }), model };
  }

  // D_j(u): the profit reachable with u units after hop j (least input back, exact output
  // forward) and that least input; undefined when u is out of reach
  split(j: number, u: bigint): { d: bigint; x: bigint } | undefined {
    if (j === 0) {
      const a = this.sim(u).amounts;
      return a === undefined ? undefined : { d: a[this.n]! - u, x: u };
    }
    let x = u;
    for (let i = j - 1; i >= 0; i--) {
      x = hopMinIn(this.route[i]!, x);
      if (x < 0n) return undefined;
    }
    let y = u;
    for (let i = j; i < this.n; i++) {
      y = hopOut(this.route[i]!, y);
      if (y < 0n) return undefined;
    }
    return { d: y - x, x };
  }

  // relative cost of one D_j evaluation: a V3 least input takes about three swaps
  splitCost(j: number): number {
    let cost = 0;
    for (let i = 0; i < this.n; i++) {
      const v3 = this.route[i]!.protocol === "v3";
      cost += i < j ? (v3 ? 30 : 1) : (v3 ? 10 : 1);
    }
    return cost;
  }

  // proves the best found is the integer maximum, or improves it, within the budget
  certify(model: Mobius[], center: bigint): boolean {
    const n = this.n;
    const prefix: Mobius[] = [IDENTITY_MOBIUS];
    for (let i = 0; i < n; i++) prefix.push(composeMobius(prefix[i]!, model[i]!));
    const suffix: Mobius[] = new Array(n + 1);
    suffix[n] = IDENTITY_MOBIUS;
    for (let i = n - 1; i >= 0; i--) suffix[i] = composeMobius(model[i]!, suffix[i + 1]!);
    const centerAmounts = this.sim(center < 1n ? 1n : center).amounts;
    const hops = model.map((m, i) => floatHop(m, this.route[i]!));

    for (;;) {
      const target = (this.bestP > 0n ? this.bestP : 0n) + 1n;
      let best = -1;
      let bestLo = 0n;
      let bestHi = 0n;
      let bestWork = Infinity;
      let bestSize = 0n;
      let narrowest = -1;
      let narrowLo = 0n;
      let narrowHi = 0n;
      const left = BigInt(this.budget - this.evaluations);
      for (let j = 0; j <= n; j++) {
        const band = profitBand(prefix[j]!, suffix[j]!, target);
        if (band === undefined) return true;
        // a band the budget can finish, at the least work (size × cost per point); else the
        // smallest band
        const size = band[1] - band[0] + 1n;
        const work = size <= left ? Number(size) * this.splitCost(j) : Infinity;
        if (
          best < 0 || work < bestWork ||
          (work === Infinity && bestWork === Infinity && size < bestSize)
        ) {
          best = j;
          bestLo = band[0];
          bestHi = band[1];
          bestWork = work;
          bestSize = size;
        }
        // the scan's split: the fewest integers, among splits after a hop (j = 0 has no
        // rounding before it to exploit)
        if (j > 0 && j < n && (narrowest < 0 || size < narrowHi - narrowLo + 1n)) {
          narrowest = j;
          narrowLo = band[0];
          narrowHi = band[1];
        }
      }
      if (narrowest < 0 || narrowHi - narrowLo + 1n > bestSize * 4n) {
        narrowest = best;
        narrowLo = bestLo;
        narrowHi = bestHi;
      }
      // with V3 hops the bound holds only if the band's far end is still inside the ranges
      if (this.hasV3) {
        const edge = this.split(narrowest, narrowHi + 1n);
        if (edge === undefined || !this.sim(edge.x).inside) {
          this.window(center);
          return false;
        }
      }
      let c = centerAmounts?.[narrowest] ?? narrowLo;
      if (c < narrowLo) c = narrowLo;
      if (c > narrowHi) c = narrowHi;
      // V2-only routes keep the plain enumeration: their relaxation has no fee floor to miss
      const scanned = this.hasV3 ? this.scan(hops, narrowest, narrowLo, narrowHi, c) : undefined;
      if (scanned === true) return true;
      if (scanned === false) return false;
      // the band is too wide to scan: enumerate exactly, as far as the budget goes
      if (scanned === undefined) {
        let e = centerAmounts?.[best] ?? bestLo;
        if (e < bestLo) e = bestLo;
        if (e > bestHi) e = bestHi;
        const improved = this.enumerate(best, bestLo, bestHi, e, target);
        if (improved === undefined) return false; // budget spent
        if (!improved) return true; // the whole band is below the target
      }
      // "narrowed": a better point raised the target, so the bands are recomputed
    }
  }

  // Every integer u of the band [lo, hi] of split j gets a cheap upper bound on D_j(u): the
  // relaxation hop by hop, rounded at each intermediate token as the integers must be (an exact
  // output is an integer ≤ the hop's relaxation, so ≤ its floor; a least input an integer ≥ the
  // relaxed inverse, so ≥ its ceiling). That captures what the composed relaxation cannot: the
  // loss to a coarse token (a unit of USDC or WBTC) elsewhere on the route. Only points whose bound
  // reaches the best found are simulated exactly, best bound first. True: no integer beats the
  // best (certified); false: the budget ran out; "narrowed": a wide band was searched near its
  // centre and the best improved; undefined: the band is too wide to scan.
  scan(
    hops: FloatHop[],
    j: number,
    lo: bigint,
    hi: bigint,
    c: bigint,
  ): boolean | "narrowed" | undefined {
    const size = hi - lo + 1n;
    let from = lo;
    let to = hi;
    const wide = size > BigInt(SCAN_POINTS);
    if (wide) {
      // first the points around the centre, to raise the target and shrink the band
      if (this.scans >= WIDE_SCANS) return undefined;
      const half = BigInt(WIDE_HALF);
      from = c - half < lo ? lo : c - half;
      to = c + half > hi ? hi : c + half;
    }
    this.scans++;
    if (to - from > 1n << 52n) return undefined;
    const base = Number(from);
    const count = Number(to - from) + 1;
    if (wide) {
      // the point of best bound: simulated, it raises the target and shrinks the band
      let arg = -1;
      let max = Number(this.bestP) + 1;
      for (let k = 0; k < count; k++) {
        const b = floatSplitBound(hops, j, base + k);
        if (b >= max) {
          max = b;
          arg = k;
        }
      }
      if (arg < 0 || this.evaluations >= this.budget) return undefined;
      const r = this.exactSplit(j, from + BigInt(arg));
      if (r === undefined || r.d <= this.bestP) return undefined;
      this.consider(r.x);
      return "narrowed";
    }
    const floor = Number(this.bestP) + 1;
    const points: number[] = [];
    const bounds: number[] = [];
    for (let k = 0; k < count; k++) {
      const b = floatSplitBound(hops, j, base + k);
      if (b >= floor) {
        points.push(k);
        bounds.push(b);
      }
    }
    const order = points.map((_, i) => i).sort((x, y) => bounds[y]! - bounds[x]!);
    for (const i of order) {
      if (bounds[i]! < Number(this.bestP) + 1) break; // this and every later point are below
      if (this.evaluations >= this.budget) return false;
      const r = this.exactSplit(j, from + BigInt(points[i]!));
      if (r !== undefined && r.d > this.bestP) this.consider(r.x);
    }
    return true;
  }

  // D_j(u) exactly, once per point (a point seen before is already ≤ the best found)
  exactSplit(j: number, u: bigint): { d: bigint; x: bigint } | undefined {
    const key = `${j}:${u}`;
    if (this.#splits.has(key)) return undefined;
    this.#splits.add(key);
    this.evaluations++;
    return this.split(j, u);
  }

  // D_j over [lo, hi] from c outwards; true when a profit ≥ target was found (best updated),
  // false when none exists in the band, undefined when the budget ran out first
  enumerate(j: number, lo: bigint, hi: bigint, c: bigint, target: bigint): boolean | undefined {
    for (let k = 0n;; k++) {
      const right = c + k;
      const left = c - k - 1n;
      if (right > hi && left < lo) return false;
      for (const u of [right, left]) {
        if (u < lo || u > hi) continue;
        if (j === 0 && this.#sims.has(u)) {
          const r = this.split(0, u);
          if (r !== undefined && r.d >= target) {
            this.consider(u);
            return true;
          }
          continue;
        }
        if (this.evaluations >= this.budget) return undefined;
        this.evaluations++;
        const r = this.split(j, u);
        if (r === undefined || r.d < target) continue;
        this.consider(r.x); // P(x) ≥ D_j(u) ≥ target
        return true;
      }
    }
  }

  // no proof available: search the budget around the centre, in the coarsest split
  window(center: bigint): void {
    const amounts = this.sim(center < 1n ? 1n : center).amounts;
    let j = 0;
    if (amounts !== undefined && !this.hasV3) {
      // the intermediate amount with the fewest units per unit of input
      let ratio = 1;
      for (let i = 1; i < this.n; i++) {
        const r = Number(amounts[i]!) / Number(amounts[0]!);
        if (r < ratio) {
          ratio = r;
          j = i;
        }
      }
    }
    const c = amounts?.[j] ?? center;
    for (let k = 1n; this.evaluations < this.budget; k++) {
      let any = false;
      for (const u of [c + k, c - k]) {
        if (u < 1n || this.evaluations >= this.budget) continue;
        any = true;
        this.evaluations++;
        const r = this.split(j, u);
        if (r !== undefined && r.d >= this.bestP) this.consider(r.x);
      }
      if (!any) break;
    }
  }
}

// A hop's relaxation in floats: out = A·e/(K + e) on the input e after the fee. A V3 pool takes
// its fee first and floors what is left (SwapMath: amountRemaining·(1e6 − fee)/1e6), so e =
// floor(x·γ); the composed relaxation misses that floor, which on a coarse input token (a WBTC
// satoshi) is worth far more than the other roundings. A V2 pair applies its fee inside one
// division: e = x, the fee in K.
interface FloatHop {
  readonly a: number;
  readonly k: number;
  /** V3: (1e6 − fee)/1e6, the fraction of the input left after the fee; 0 for V2. */
  readonly gamma: number;
}

function floatHop(m: Mobius, hop: RouteHop): FloatHop {
  const a = ratio(m.a, m.c);
  const k = ratio(m.b, m.c);
  if (hop.protocol === "v2") return { a, k, gamma: 0 };
  const gamma = (1_000_000 - hop.state.fee) / 1_000_000;
  // K = b/c is the virtual input reserve grossed up by the fee: X = K·γ
  return { a, k: k * gamma, gamma };
}

// n/d as a float, for bigints of any size
function ratio(n: bigint, d: bigint): number {
  const shift = BigInt(
    Math.max(0, Math.max(n.toString(16).length, d.toString(16).length) * 4 - 960),
  );
  return Number(n >> shift) / Number(d >> shift);
}

// Float rounding errors are about 1e-16 relative per operation and do not grow along a route (a
// Möbius map never raises a relative error); 1e-13 leaves a wide margin, so rounding the conservative way and adding the margin keeps the float an upper bound.
const TOLERANCE = 1e-13;
const EXACT_BELOW = 2 ** 52;

// Upper bound on D_j(u) (see Sizer.scan); −Infinity when u is out of the prefix's reach
function floatSplitBound(hops: readonly FloatHop[], j: number, u: number): number {
  let y = u;
  for (let i = j; i < hops.length; i++) {
    const h = hops[i]!;
    let e = y;
    if (h.gamma > 0) {
      e = y * h.gamma;
      if (e < EXACT_BELOW) e = roundDown(e);
    }
    y = (h.a * e) / (h.k + e);
    // exact output ≤ floor(relaxed)
    if (y < EXACT_BELOW) y = roundDown(y);
  }
  let x = u;
  for (let i = j - 1; i >= 0; i--) {
    const h = hops[i]!;
    if (x >= h.a) return -Infinity;
    x = (h.k * x) / (h.a - x);
    if (h.gamma > 0) {
      // the least after-fee input is an integer; the least input x has floor(x·γ) ≥ it
      if (x < EXACT_BELOW) x = roundUp(x);
      x = x / h.gamma;
    }
    // least input ≥ ceil(relaxed inverse)
    if (x < EXACT_BELOW) x = roundUp(x);
  }
  return y - x + (y + x) * TOLERANCE + 2;
}

// floor and ceil taken a little generously, so float error cannot cost the bound a unit
function roundDown(v: number): number {
  return Math.floor(v + v * TOLERANCE + TOLERANCE);
}

function roundUp(v: number): number {
  return Math.max(0, Math.ceil(v - v * TOLERANCE - TOLERANCE));
}

function optimumOf(m: Mobius): bigint {
  if (m.a <= m.b || m.c === 0n) return 0n;
  return (isqrt(m.a * m.b) - m.b) / m.c;
}
