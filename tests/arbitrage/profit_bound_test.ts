import assert from "node:assert/strict";
import fc from "fast-check";
import { createV2PoolState } from "../../lib/amm/mod.ts";
import {
  optimalAmountIn,
  profitUpperBound,
  type RouteHop,
  v2Hop,
  v3Hop,
} from "../../lib/arbitrage/mod.ts";
import { bruteForce, v3PoolAt } from "./_fixtures.ts";

// small pools of either kind, prices within a few percent of each other around 1
const hopArb: fc.Arbitrary<RouteHop> = fc.oneof(
  fc.record({
    r0: fc.bigInt({ min: 500n, max: 5000n }),
    skew: fc.integer({ min: -500, max: 500 }),
    fee: fc.bigInt({ min: 0n, max: 30n }),
    zeroForOne: fc.boolean(),
  }).map(({ r0, skew, fee, zeroForOne }) =>
    v2Hop(createV2PoolState(r0, (r0 * BigInt(10_000 + skew)) / 10_000n, fee), zeroForOne)
  ),
  fc.record({
    tick: fc.integer({ min: -500, max: 500 }),
    fee: fc.constantFrom(100, 500, 3000),
    positions: fc.array(
      fc.record({
        from: fc.integer({ min: -60, max: 0 }),
        width: fc.integer({ min: 1, max: 120 }),
        liquidity: fc.bigInt({ min: 5_000n, max: 80_000n }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    zeroForOne: fc.boolean(),
  }).map(({ tick, fee, positions, zeroForOne }) => {
    const base = Math.floor(tick / 10);
    const pool = v3PoolAt(
      tick,
      fee,
      10,
      positions.map((p) => ({
        lower: (base + p.from) * 10,
        upper: (base + p.from + p.width + 1) * 10,
        liquidity: p.liquidity,
      })),
    );
    return v3Hop(pool, zeroForOne);
  }),
);

Deno.test("profitUpperBound is at least the brute-force best profit of small V2/V3 cycles", () => {
  let profitable = 0;
  fc.assert(
    fc.property(fc.array(hopArb, { minLength: 2, maxLength: 3 }), (route) => {
      const best = bruteForce(route, 6000n);
      if (best.profit > 0n) profitable++;
      assert.ok(profitUpperBound(route) >= best.profit, `best ${best.profit} at ${best.x}`);
    }),
    { numRuns: 500 },
  );
  assert.ok(profitable >= 20, `only ${profitable} of 500 cycles were profitable`);
});

Deno.test("profitUpperBound is at least the optimal profit of deep two-pool cycles", () => {
  const deep = fc.record({
    depth: fc.bigInt({ min: 10n ** 18n, max: 10n ** 24n }),
    skew: fc.bigInt({ min: 10_010n, max: 10_500n }),
    liquidity: fc.bigInt({ min: 10n ** 18n, max: 10n ** 22n }),
    width: fc.integer({ min: 1, max: 50 }),
  });
  fc.assert(
    fc.property(deep, ({ depth, skew, liquidity, width }) => {
      // a V3 pool with a narrow band of extra liquidity around price 1, and a dearer V2 pool
      const v3 = v3PoolAt(0, 500, 10, [
        { lower: -20_000, upper: 20_000, liquidity },
        { lower: -width * 10, upper: width * 10, liquidity: liquidity * 3n },
      ]);
      const v2 = createV2PoolState(depth, (depth * skew) / 10_000n, 30n);
      const route = [v3Hop(v3, true), v2Hop(v2, false)];
      const sized = optimalAmountIn(route);
      const bound = profitUpperBound(route);
      if (sized !== undefined) assert.ok(bound >= sized.profit, `${bound} < ${sized.profit}`);
    }),
    { numRuns: 100 },
  );
});

Deno.test("profitUpperBound is 0 when the pools agree on the price", () => {
  const a = createV2PoolState(10n ** 21n, 2n * 10n ** 21n);
  assert.equal(profitUpperBound([v2Hop(a, true), v2Hop(a, false)]), 0n);
});
