import assert from "node:assert/strict";
import fc from "fast-check";
import { ArbitrageError, CYCLE_STRIDE, PoolGraph, RECORD_STRIDE } from "../../lib/arbitrage/mod.ts";
import { address } from "./_fixtures.ts";

const TOKENS = 6;
const BASES = [address(1), address(2)]; // tokens 0 and 1 are base tokens, 0 first

// a random multigraph over TOKENS tokens (pairs may repeat: several venues)
const poolsArb = fc.array(
  fc.tuple(fc.integer({ min: 0, max: TOKENS - 1 }), fc.integer({ min: 0, max: TOKENS - 1 }))
    .filter(([a, b]) => a !== b),
  { minLength: 1, maxLength: 14 },
);

function build(pools: readonly (readonly [number, number])[], maxHops = 4): PoolGraph {
  const g = new PoolGraph({ baseTokens: BASES, maxHops });
  for (let t = 0; t < TOKENS; t++) g.addToken(address(t + 1), 18);
  for (const [a, b] of pools) g.addPool(a, b);
  return g;
}

// every simple cycle by brute force, as a key "e0,e1,…" rooted at its best base token
function reference(pools: readonly (readonly [number, number])[], maxHops: number): Set<string> {
  const out = new Set<string>();
  const from = (e: number) => (e & 1) === 0 ? pools[e >> 1]![0] : pools[e >> 1]![1];
  const to = (e: number) => (e & 1) === 0 ? pools[e >> 1]![1] : pools[e >> 1]![0];
  const walk = (path: number[]) => {
    const start = from(path[0]!);
    const at = to(path.at(-1)!);
    if (at === start && path.length >= 2) {
      const rank = (t: number) => (t <= 1 ? t : Infinity);
      let root = 0;
      for (let i = 1; i < path.length; i++) {
        if (rank(from(path[i]!)) < rank(from(path[root]!))) root = i;
      }
      if (rank(from(path[root]!)) === Infinity) return;
      const rotated = [...path.slice(root), ...path.slice(0, root)];
      out.add(rotated.join(","));
      return;
    }
    if (at === start || path.length >= maxHops) return;
    const seen = new Set(path.map(from));
    for (let e = 0; e < pools.length * 2; e++) {
      if (from(e) !== at || path.some((x) => x >> 1 === e >> 1)) continue;
      if (to(e) !== start && seen.has(to(e))) continue;
      walk([...path, e]);
    }
  };
  for (let e = 0; e < pools.length * 2; e++) walk([e]);
  return out;
}

function cyclesOf(g: PoolGraph): string[] {
  const keys: string[] = [];
  for (let c = 0; c < g.cycleCount; c++) keys.push(g.edgesOfCycle(c).join(","));
  return keys;
}

Deno.test("the graph indexes exactly the simple 2–4 hop cycles through a base token", () => {
  let total = 0;
  fc.assert(
    fc.property(poolsArb, fc.integer({ min: 2, max: 4 }), (pools, maxHops) => {
      const keys = cyclesOf(build(pools, maxHops));
      total += keys.length;
      assert.equal(new Set(keys).size, keys.length, "no cycle twice");
      assert.deepEqual(new Set(keys), reference(pools, maxHops));
    }),
    { numRuns: 300 },
  );
  assert.ok(total > 1000, `only ${total} cycles over the whole run`);
});

Deno.test("each cycle starts at the highest-priority base token it visits", () => {
  const g = build([[2, 0], [0, 1], [1, 2], [2, 3], [3, 1]]);
  for (let c = 0; c < g.cycleCount; c++) {
    const edges = g.edgesOfCycle(c);
    const visited = edges.map((e) => g.edgeFrom(e));
    const expected = visited.includes(0) ? 0 : 1;
    assert.equal(g.cycleBase[c], expected);
    assert.equal(g.edgeFrom(edges[0]!), expected);
    assert.equal(g.edgeTo(edges.at(-1)!), expected, "the cycle closes on its base");
  }
});

Deno.test("cycles that visit no base token are not kept", () => {
  const g = build([[2, 3], [3, 4], [4, 2], [2, 3]]);
  assert.equal(g.cycleCount, 0);
});

Deno.test("the cycle index of a pool lists exactly the cycles that contain it", () => {
  fc.assert(
    fc.property(poolsArb, (pools) => {
      const g = build(pools);
      for (let p = 0; p < g.poolCount; p++) {
        const expected: number[] = [];
        for (let c = 0; c < g.cycleCount; c++) {
          if (g.edgesOfCycle(c).some((e) => e >> 1 === p)) expected.push(c);
        }
        assert.deepEqual(g.cyclesOfPool(p), expected);
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("adding the same pools in another order indexes the same cycles", () => {
  fc.assert(
    fc.property(poolsArb, fc.integer(), (pools, seed) => {
      const order = pools.map((_, i) => i).sort((a, b) =>
        ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97)
      );
      const shuffled = order.map((i) => pools[i]!);
      // map the shuffled graph's pool numbers back to the original ones
      const back = (key: string) =>
        key.split(",").map((e) => 2 * order[Number(e) >> 1]! + (Number(e) & 1)).join(",");
      const a = new Set(cyclesOf(build(pools)));
      const b = new Set(cyclesOf(build(shuffled)).map(back));
      assert.deepEqual(b, a);
    }),
    { numRuns: 200 },
  );
});

Deno.test("group records hold each pool's edge and the other pairs of its token cycle", () => {
  const g = build([[0, 2], [2, 1], [1, 0], [0, 2]]);
  for (let p = 0; p < g.poolCount; p++) {
    for (const group of g.groupsOf(p)) {
      const pairs: number[] = [];
      for (let i = 0; i < CYCLE_STRIDE; i++) {
        const pair = g.tokenCyclePairs[group.tokenCycle * CYCLE_STRIDE + i]!;
        if (pair >= 0) pairs.push(pair);
      }
      assert.equal(pairs[group.position], g.edgePair[group.edge]);
      for (const c of group.cycles) {
        const edges = g.edgesOfCycle(c);
        assert.equal(edges[group.position], group.edge);
        assert.deepEqual(edges.map((e) => g.edgePair[e]), pairs);
      }
    }
  }
});

Deno.test("the cycle records of a pool follow its groups and hold each cycle's edges and base", () => {
  const g = build([[0, 2], [2, 1], [1, 0], [0, 2], [2, 3], [3, 0]]);
  for (let p = 0; p < g.poolCount; p++) {
    const records = g.cycleRecords(p);
    const starts = g.cycleRecordStarts(p);
    g.groupsOf(p).forEach((group, k) => {
      const ids: number[] = [];
      for (let r = starts[k]!; r < starts[k + 1]!; r++) {
        const o = r * RECORD_STRIDE;
        const c = records[o]!;
        ids.push(c);
        const edges = [...records.subarray(o + 1, o + 1 + CYCLE_STRIDE)].filter((e) => e >= 0);
        assert.deepEqual(edges, g.edgesOfCycle(c));
        assert.equal(records[o + 1 + CYCLE_STRIDE], g.cycleBase[c]);
      }
      assert.deepEqual(ids, group.cycles);
    });
  }
});

Deno.test("PoolGraph rejects bad options and unknown tokens with ArbitrageErrors", () => {
  const code = (c: string) => (e: unknown) => e instanceof ArbitrageError && e.code === c;
  assert.throws(() => new PoolGraph({ baseTokens: [], maxHops: 5 }), code("INVALID_OPTION"));
  const g = new PoolGraph({ baseTokens: [] });
  const t = g.addToken(address(1), 18);
  assert.throws(() => g.addPool(t, 7), code("UNKNOWN_TOKEN"));
  assert.throws(() => g.addPool(t, t), code("INVALID_OPTION"));
  assert.throws(() => g.addToken(address(1), 6), code("INVALID_OPTION"));
});
