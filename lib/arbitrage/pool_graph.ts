// lib/arbitrage/pool_graph.ts — one job: the token/pool graph, its 2–4 hop cycles, and the index
// from each pool to the cycles that contain it.
//
// Tokens and pools are numbered densely. Pool p has two directed edges: 2p pays token0 for
// token1, 2p + 1 the reverse. A cycle is a simple loop of edges (no token twice) that starts and
// ends at its base token: the highest-priority base token it visits (cycles visiting none are
// not kept). Cycles with the same sequence of directed token pairs share a "token cycle"; the
// detector bounds a whole token cycle with the best rate of each pair before looking at its
// pool-level cycles. Adding a pool enumerates only the cycles through it (a depth-first search
// from its two ends), so the index grows incrementally.
import { ArbitrageError } from "./errors.ts";

/** Options of a {@linkcode PoolGraph}. */
export interface PoolGraphOptions {
  /** Token addresses cycles may start from, best first (hubs such as WETH, USDC). */
  readonly baseTokens: readonly string[];
  /** Longest cycle kept, 2 to 4 hops (default 4). */
  readonly maxHops?: number;
}

/** The cycles of one token cycle that hold a given pool at the same place. */
export interface CycleGroup {
  /** The token cycle. */
  readonly tokenCycle: number;
  /** Index of the pool's hop in the token cycle. */
  readonly position: number;
  /** The pool's edge in these cycles (2·pool + direction). */
  readonly edge: number;
  /** Cycle ids (all share `tokenCycle`, all contain the pool at `position`). */
  readonly cycles: number[];
}

const MAX_TOKENS = 1 << 20;
/** Slots per cycle in the flat edge and pair arrays (the longest cycle). */
export const CYCLE_STRIDE = 4;
/** Slots per group record: the pool's edge, three other pairs, the group's cycle count. */
export const GROUP_STRIDE = 5;
/** Slots per cycle record of a pool: the cycle id, its CYCLE_STRIDE edges, its base token. */
export const RECORD_STRIDE = 2 + CYCLE_STRIDE;

/**
 * The pool graph and its cycle index.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PoolGraph } from "./pool_graph.ts";
 * const weth = "0x" + "01".repeat(20), usdc = "0x" + "02".repeat(20);
 * const g = new PoolGraph({ baseTokens: [weth] });
 * const a = g.addToken(weth, 18), b = g.addToken(usdc, 6);
 * const p = g.addPool(a, b), q = g.addPool(a, b);
 * assert(g.cycleCount === 2); // p then q, and q then p
 * assert.deepEqual(g.cyclesOfPool(p), g.cyclesOfPool(q));
 * ```
 */
export class PoolGraph {
  /** Longest cycle kept. */
  readonly maxHops: number;
  readonly #baseRank = new Map<string, number>();

  // tokens
  readonly #tokenByAddress = new Map<string, number>();
  readonly #tokenAddress: string[] = [];
  readonly #tokenDecimals: number[] = [];
  readonly #tokenRank: number[] = [];
  readonly #tokenPools: number[][] = [];

  // pools
  readonly #poolToken0: number[] = [];
  readonly #poolToken1: number[] = [];
  readonly #pairPools = new Map<number, number[]>();

  // directed token pairs: from → to, with the edges that trade along them
  readonly #pairId = new Map<number, number>();
  /** Edges of each directed pair. */
  readonly pairEdges: number[][] = [];
  /** Directed pair of each edge. */
  readonly edgePair: number[] = [];

  // token cycles (sequences of directed pairs) and pool cycles (sequences of edges)
  readonly #tokenCycleByKey = new Map<string, number>();
  /** Directed pairs of each token cycle, CYCLE_STRIDE slots each (−1 past its length). */
  readonly tokenCyclePairs: number[] = [];
  #cycleCount = 0;
  #cycleEdges = new Int32Array(CYCLE_STRIDE * 1024);
  #cycleLength = new Uint8Array(1024);
  #cycleTokenCycle = new Int32Array(1024);
  #cycleBase = new Int32Array(1024);
  // per pool, its groups in one contiguous record array (the hot path reads only this):
  // [edge, other pair, other pair, other pair, cycle count] per group, −1 past the token
  // cycle's length
  readonly #groupData: Int32Array[] = [];
  readonly #groupCount: number[] = [];
  readonly #groupTokenCycle: number[][] = [];
  readonly #groupPosition: number[][] = [];
  readonly #groupCycles: number[][][] = [];
  readonly #groupIndex: Map<number, number>[] = [];
  // per pool, its cycles as contiguous records [cycle, e0, e1, e2, e3, base] in group order,
  // rebuilt after the pool gains cycles, with each group's first record
  readonly #records: (Int32Array | undefined)[] = [];
  readonly #recordStarts: (Int32Array | undefined)[] = [];

  /** @throws {ArbitrageError} `INVALID_OPTION` */
  constructor(options: PoolGraphOptions) {
    const maxHops = options.maxHops ?? 4;
    if (!Number.isInteger(maxHops) || maxHops < 2 || maxHops > CYCLE_STRIDE) {
      throw new ArbitrageError("INVALID_OPTION", `maxHops must be 2 to 4, got ${maxHops}`, {
        maxHops,
      });
    }
    this.maxHops = maxHops;
    options.baseTokens.forEach((address, rank) => {
      const key = address.toLowerCase();
      if (!this.#baseRank.has(key)) this.#baseRank.set(key, rank);
    });
  }

  /** Number of tokens. */
  get tokenCount(): number {
    return this.#tokenAddress.length;
  }

  /** Number of pools. */
  get poolCount(): number {
    return this.#poolToken0.length;
  }

  /** Number of cycles indexed. */
  get cycleCount(): number {
    return this.#cycleCount;
  }

  /** Edges of every cycle, CYCLE_STRIDE slots each (−1 past its length); replaced on growth. */
  get cycleEdges(): Int32Array {
    return this.#cycleEdges;
  }

  /** Number of hops of every cycle; replaced on growth. */
  get cycleLength(): Uint8Array {
    return this.#cycleLength;
  }

  /** Token cycle of every cycle; replaced on growth. */
  get cycleTokenCycle(): Int32Array {
    return this.#cycleTokenCycle;
  }

  /** Base token of every cycle; replaced on growth. */
  get cycleBase(): Int32Array {
    return this.#cycleBase;
  }

  /** Number of distinct token cycles. */
  get tokenCycleCount(): number {
    return this.tokenCyclePairs.length / CYCLE_STRIDE;
  }

  /**
   * The index of the token at `address` (case-insensitive), adding it if new.
   *
   * @throws {ArbitrageError} `INVALID_OPTION` for a bad decimals value or a known token whose
   *   decimals differ
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { PoolGraph } from "./pool_graph.ts";
   * const g = new PoolGraph({ baseTokens: [] });
   * assert(g.addToken("0x" + "aa".repeat(20), 18) === g.addToken("0x" + "AA".repeat(20), 18));
   * ```
   */
  addToken(address: string, decimals: number): number {
    const key = address.toLowerCase();
    const known = this.#tokenByAddress.get(key);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
      throw new ArbitrageError(
        "INVALID_OPTION",
        `Token decimals must be 0 to 255, got ${decimals}`,
        {
          address,
          decimals,
        },
      );
    }
    if (known !== undefined) {
      if (this.#tokenDecimals[known] !== decimals) {
        throw new ArbitrageError(
          "INVALID_OPTION",
          `Token ${key} has ${this.#tokenDecimals[known]} decimals, not ${decimals}`,
          { address: key, decimals, known: this.#tokenDecimals[known] },
        );
      }
      return known;
    }
    if (this.#tokenAddress.length >= MAX_TOKENS) {
      throw new ArbitrageError("INVALID_OPTION", `Graph holds at most ${MAX_TOKENS} tokens`, {
        address: key,
      });
    }
    const index = this.#tokenAddress.length;
    this.#tokenByAddress.set(key, index);
    this.#tokenAddress.push(key);
    this.#tokenDecimals.push(decimals);
    this.#tokenRank.push(this.#baseRank.get(key) ?? -1);
    this.#tokenPools.push([]);
    return index;
  }

  /**
   * The index of the token at `address`, or −1.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { PoolGraph } from "./pool_graph.ts";
   * assert(new PoolGraph({ baseTokens: [] }).tokenIndex("0x" + "00".repeat(20)) === -1);
   * ```
   */
  tokenIndex(address: string): number {
    return this.#tokenByAddress.get(address) ?? this.#tokenByAddress.get(address.toLowerCase()) ??
      -1;
  }

  /** The lower-case address of token `t`. */
  tokenAddress(t: number): string {
    return this.#tokenAddress[t]!;
  }

  /** The decimals of token `t`. */
  tokenDecimals(t: number): number {
    return this.#tokenDecimals[t]!;
  }

  /** The priority of token `t` as a base (0 best), or −1 when it is not a base token. */
  baseRank(t: number): number {
    return this.#tokenRank[t]!;
  }

  /** token0 of pool `p`. */
  token0(p: number): number {
    return this.#poolToken0[p]!;
  }

  /** token1 of pool `p`. */
  token1(p: number): number {
    return this.#poolToken1[p]!;
  }

  /** The token edge `e` pays in. */
  edgeFrom(e: number): number {
    return (e & 1) === 0 ? this.#poolToken0[e >> 1]! : this.#poolToken1[e >> 1]!;
  }

  /** The token edge `e` pays out. */
  edgeTo(e: number): number {
    return (e & 1) === 0 ? this.#poolToken1[e >> 1]! : this.#poolToken0[e >> 1]!;
  }

  /**
   * The pools trading tokens `a` and `b` (either order).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { PoolGraph } from "./pool_graph.ts";
   * const g = new PoolGraph({ baseTokens: [] });
   * const a = g.addToken("0x" + "01".repeat(20), 18), b = g.addToken("0x" + "02".repeat(20), 6);
   * const p = g.addPool(b, a);
   * assert.deepEqual(g.pairPools(a, b), [p]);
   * ```
   */
  pairPools(a: number, b: number): readonly number[] {
    return this.#pairPools.get(a < b ? a * MAX_TOKENS + b : b * MAX_TOKENS + a) ?? [];
  }

  /** The pools that trade token `t`. */
  poolsOfToken(t: number): readonly number[] {
    return this.#tokenPools[t]!;
  }

  /**
   * The cycle groups of pool `p`: one per token cycle through it and place of the pool in it.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { PoolGraph } from "./pool_graph.ts";
   * const g = new PoolGraph({ baseTokens: ["0x" + "01".repeat(20)] });
   * const a = g.addToken("0x" + "01".repeat(20), 18), b = g.addToken("0x" + "02".repeat(20), 6);
   * const p = g.addPool(a, b);
   * g.addPool(a, b);
   * assert(g.groupsOf(p).length === 2); // p first (a→b), and p second (b→a)
   * ```
   */
  groupsOf(p: number): CycleGroup[] {
    const out: CycleGroup[] = [];
    const data = this.#groupData[p]!;
    for (let k = 0; k < this.#groupCount[p]!; k++) {
      out.push({
        tokenCycle: this.#groupTokenCycle[p]![k]!,
        position: this.#groupPosition[p]![k]!,
        edge: data[k * GROUP_STRIDE]!,
        cycles: this.#groupCycles[p]![k]!.slice(),
      });
    }
    return out;
  }

  /** Number of cycle groups of pool `p`. */
  groupCount(p: number): number {
    return this.#groupCount[p]!;
  }

  /**
   * Group records of pool `p`, GROUP_STRIDE slots each: the pool's edge, the directed pairs of
   * the rest of the token cycle (−1 past its length), the group's cycle count. Only the first
   * `groupCount(p)` records are in use.
   */
  groupData(p: number): Int32Array {
    return this.#groupData[p]!;
  }

  /** Cycle ids of each group of pool `p`, parallel to its records. */
  groupCycles(p: number): readonly (readonly number[])[] {
    return this.#groupCycles[p]!;
  }

  /**
   * The cycles of pool `p` as contiguous records of RECORD_STRIDE slots, `[cycle, edge × 4,
   * base token]` (edges −1 past the cycle's length), group after group: group k's records are
   * `[starts[k], starts[k + 1])` of `cycleRecordStarts(p)`. Scanning them reads memory in order.
   */
  cycleRecords(p: number): Int32Array {
    let r = this.#records[p];
    if (r === undefined) {
      const groups = this.#groupCycles[p]!;
      let total = 0;
      for (const g of groups) total += g.length;
      r = new Int32Array(total * RECORD_STRIDE);
      const starts = new Int32Array(groups.length + 1);
      let o = 0;
      for (let k = 0; k < groups.length; k++) {
        starts[k] = o / RECORD_STRIDE;
        for (const c of groups[k]!) {
          r[o] = c;
          for (let i = 0; i < CYCLE_STRIDE; i++) {
            r[o + 1 + i] = this.#cycleEdges[c * CYCLE_STRIDE + i]!;
          }
          r[o + 1 + CYCLE_STRIDE] = this.#cycleBase[c]!;
          o += RECORD_STRIDE;
        }
      }
      starts[groups.length] = o / RECORD_STRIDE;
      this.#records[p] = r;
      this.#recordStarts[p] = starts;
    }
    return r;
  }

  /** Index of each group's first record in `cycleRecords(p)` (call that first), plus the end. */
  cycleRecordStarts(p: number): Int32Array {
    if (this.#recordStarts[p] === undefined) this.cycleRecords(p);
    return this.#recordStarts[p]!;
  }

  /**
   * Ids of every cycle that contains pool `p`, ascending.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { PoolGraph } from "./pool_graph.ts";
   * const g = new PoolGraph({ baseTokens: ["0x" + "01".repeat(20)] });
   * const a = g.addToken("0x" + "01".repeat(20), 18), b = g.addToken("0x" + "02".repeat(20), 6);
   * assert.deepEqual(g.cyclesOfPool(g.addPool(a, b)), []); // one pool makes no cycle
   * ```
   */
  cyclesOfPool(p: number): number[] {
    const out: number[] = [];
    for (const cycles of this.#groupCycles[p] ?? []) out.push(...cycles);
    return out.sort((x, y) => x - y);
  }

  /** The edges of cycle `c`, in order from its base token. */
  edgesOfCycle(c: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.#cycleLength[c]!; i++) {
      out.push(this.#cycleEdges[c * CYCLE_STRIDE + i]!);
    }
    return out;
  }

  /**
   * Adds a pool trading `token0` and `token1` and indexes every cycle through it; returns its
   * index.
   *
   * @throws {ArbitrageError} `UNKNOWN_TOKEN` for a token index not added, `INVALID_OPTION` when
   *   both tokens are the same
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { PoolGraph } from "./pool_graph.ts";
   * const g = new PoolGraph({ baseTokens: ["0x" + "01".repeat(20)] });
   * const [a, b, c] = ["01", "02", "03"].map((x) => g.addToken("0x" + x.repeat(20), 18));
   * g.addPool(a!, b!); g.addPool(b!, c!); g.addPool(c!, a!);
   * assert(g.cycleCount === 2); // a→b→c→a and a→c→b→a
   * ```
   */
  addPool(token0: number, token1: number): number {
    for (const t of [token0, token1]) {
      if (!Number.isInteger(t) || t < 0 || t >= this.tokenCount) {
        throw new ArbitrageError("UNKNOWN_TOKEN", `Unknown token index ${t}`, { token: t });
      }
    }
    if (token0 === token1) {
      throw new ArbitrageError("INVALID_OPTION", `Pool tokens must differ, got ${token0} twice`, {
        token0,
      });
    }
    const p = this.#poolToken0.length;
    this.#poolToken0.push(token0);
    this.#poolToken1.push(token1);
    this.#tokenPools[token0]!.push(p);
    this.#tokenPools[token1]!.push(p);
    const key = token0 < token1 ? token0 * MAX_TOKENS + token1 : token1 * MAX_TOKENS + token0;
    const list = this.#pairPools.get(key);
    if (list === undefined) this.#pairPools.set(key, [p]);
    else list.push(p);
    this.edgePair.push(this.#pair(token0, token1), this.#pair(token1, token0));
    this.pairEdges[this.edgePair[2 * p]!]!.push(2 * p);
    this.pairEdges[this.edgePair[2 * p + 1]!]!.push(2 * p + 1);
    this.#groupData.push(new Int32Array(GROUP_STRIDE * 4));
    this.#groupCount.push(0);
    this.#groupTokenCycle.push([]);
    this.#groupPosition.push([]);
    this.#groupCycles.push([]);
    this.#groupIndex.push(new Map());
    this.#records.push(undefined);
    this.#recordStarts.push(undefined);
    this.#indexCyclesThrough(p);
    return p;
  }

  #pair(from: number, to: number): number {
    const key = from * MAX_TOKENS + to;
    let id = this.#pairId.get(key);
    if (id === undefined) {
      id = this.pairEdges.length;
      this.#pairId.set(key, id);
      this.pairEdges.push([]);
    }
    return id;
  }

  // every simple cycle through the new pool p, in both directions: p's edge, then a path back
  #indexCyclesThrough(p: number): void {
    const path: number[] = [];
    const onPath = new Set<number>();
    for (const start of [2 * p, 2 * p + 1]) {
      const home = this.edgeFrom(start);
      const first = this.edgeTo(start);
      onPath.clear();
      onPath.add(home).add(first);
      path.length = 0;
      path.push(start);
      this.#extend(p, home, first, path, onPath);
    }
  }

  #extend(p: number, home: number, at: number, path: number[], onPath: Set<number>): void {
    // close the loop through any other pool between `at` and `home`
    for (const q of this.pairPools(at, home)) {
      if (q === p) continue;
      path.push(this.#poolToken0[q] === at ? 2 * q : 2 * q + 1);
      this.#record(path);
      path.pop();
    }
    if (path.length + 1 >= this.maxHops) return;
    for (const q of this.#tokenPools[at]!) {
      if (q === p) continue;
      const toward0 = this.#poolToken0[q] === at;
      const next = toward0 ? this.#poolToken1[q]! : this.#poolToken0[q]!;
      if (onPath.has(next)) continue; // home included: closing was done above
      onPath.add(next);
      path.push(toward0 ? 2 * q : 2 * q + 1);
      this.#extend(p, home, next, path, onPath);
      path.pop();
      onPath.delete(next);
    }
  }

  #record(path: number[]): void {
    const n = path.length;
    // root at the best base token on the loop
    let root = -1;
    let rootRank = Infinity;
    for (let i = 0; i < n; i++) {
      const rank = this.#tokenRank[this.edgeFrom(path[i]!)]!;
      if (rank >= 0 && rank < rootRank) {
        rootRank = rank;
        root = i;
      }
    }
    if (root < 0) return;
    const c = this.#cycleCount;
    if (c === this.#cycleLength.length) this.#growCycles();
    let key = "";
    const tcSlots: number[] = [];
    for (let i = 0; i < CYCLE_STRIDE; i++) {
      const e = i < n ? path[(root + i) % n]! : -1;
      this.#cycleEdges[c * CYCLE_STRIDE + i] = e;
      const pair = e < 0 ? -1 : this.edgePair[e]!;
      tcSlots.push(pair);
      if (e >= 0) key += `${pair},`;
    }
    let tc = this.#tokenCycleByKey.get(key);
    if (tc === undefined) {
      tc = this.tokenCyclePairs.length / CYCLE_STRIDE;
      this.#tokenCycleByKey.set(key, tc);
      this.tokenCyclePairs.push(...tcSlots);
    }
    this.#cycleCount = c + 1;
    this.#cycleLength[c] = n;
    this.#cycleTokenCycle[c] = tc;
    this.#cycleBase[c] = this.edgeFrom(path[root]!);
    for (let i = 0; i < n; i++) {
      const e = this.#cycleEdges[c * CYCLE_STRIDE + i]!;
      const q = e >> 1;
      const index = this.#groupIndex[q]!;
      // a pool sits at one place in a token cycle, except both places of a two-hop one
      const slot = tc * CYCLE_STRIDE + i;
      let g = index.get(slot);
      if (g === undefined) {
        g = this.#groupCount[q]!;
        index.set(slot, g);
        let data = this.#groupData[q]!;
        if ((g + 1) * GROUP_STRIDE > data.length) {
          const grown = new Int32Array(data.length * 2);
          grown.set(data);
          this.#groupData[q] = data = grown;
        }
        const o = g * GROUP_STRIDE;
        data[o] = e;
        let k = 1;
        for (let j = 0; j < CYCLE_STRIDE; j++) if (j !== i) data[o + k++] = tcSlots[j]!;
        data[o + GROUP_STRIDE - 1] = 0;
        this.#groupCount[q] = g + 1;
        this.#groupTokenCycle[q]!.push(tc);
        this.#groupPosition[q]!.push(i);
        this.#groupCycles[q]!.push([]);
      }
      this.#groupCycles[q]![g]!.push(c);
      this.#groupData[q]![g * GROUP_STRIDE + GROUP_STRIDE - 1]!++;
      this.#records[q] = undefined;
      this.#recordStarts[q] = undefined;
    }
  }

  #growCycles(): void {
    const size = this.#cycleLength.length * 2;
    const edges = new Int32Array(size * CYCLE_STRIDE);
    edges.set(this.#cycleEdges);
    this.#cycleEdges = edges;
    const length = new Uint8Array(size);
    length.set(this.#cycleLength);
    this.#cycleLength = length;
    const tc = new Int32Array(size);
    tc.set(this.#cycleTokenCycle);
    this.#cycleTokenCycle = tc;
    const base = new Int32Array(size);
    base.set(this.#cycleBase);
    this.#cycleBase = base;
  }
}
