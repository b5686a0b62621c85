import assert from "node:assert/strict";
import fc from "fast-check";
import {
  createV2PoolState,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  v2AmountOut,
  v3Swap,
} from "../../lib/amm/mod.ts";
import { optimalAmountIn, type RouteHop, v2Hop, v3Hop } from "../../lib/arbitrage/mod.ts";
import { bruteForce, referenceProfit, v3PoolAt } from "./_fixtures.ts";

// a small V3 pool: price near 1, a few positions of small liquidity around it (ticks every 10)
const positionsArb = fc.array(
  fc.record({
    from: fc.integer({ min: -30, max: 0 }),
    width: fc.integer({ min: 1, max: 40 }),
    liquidity: fc.bigInt({ min: 5_000n, max: 60_000n }),
  }),
  { minLength: 1, maxLength: 3 },
);

function smallPool(
  tick: number,
  fee: number,
  offset: bigint,
  positions: readonly { from: number; width: number; liquidity: bigint }[],
) {
  const base = Math.floor(tick / 10);
  return v3PoolAt(
    tick,
    fee,
    10,
    positions.map((p) => ({
      lower: (base + p.from) * 10,
      upper: (base + p.from + p.width + 1) * 10,
      liquidity: p.liquidity,
    })),
    offset,
  );
}

const feeArb = fc.constantFrom(100, 500, 3000);
const offsetArb = fc.bigInt({ min: 0n, max: 1n << 80n });
const smallV3 = fc.record({
  tick: fc.integer({ min: -200, max: 200 }),
  offset: offsetArb,
  fee: feeArb,
  positions: positionsArb,
}).map(({ tick, offset, fee, positions }) => smallPool(tick, fee, offset, positions));

const smallV2 = fc.record({
  r0: fc.bigInt({ min: 200n, max: 4000n }),
  r1: fc.bigInt({ min: 200n, max: 4000n }),
}).map(({ r0, r1 }) => createV2PoolState(r0, r1, 30n));

// every input until the route cannot take it (V3 pools this small run dry within a few
// thousand units; the V2 pools pay out less than 4000, so larger inputs lose)
function checkSmall(route: RouteHop[]): boolean {
  const best = bruteForce(route, 50_000n);
  const sized = optimalAmountIn(route);
  if (best.profit === 0n) {
    assert.equal(sized, undefined);
    return false;
  }
  assert.ok(sized !== undefined, `brute force finds ${best.profit} at ${best.x}`);
  assert.equal(
    sized.profit,
    best.profit,
    `best ${best.profit} at ${best.x}, got ${sized.amountIn}`,
  );
  assert.equal(referenceProfit(route, sized.amountIn), sized.profit);
  return true;
}

Deno.test("optimalAmountIn finds the global integer optimum of a small V3 pool and a V2 pool", () => {
  let profitable = 0;
  fc.assert(
    fc.property(smallV3, smallV2, fc.boolean(), (v3, v2, zeroForOne) => {
      if (checkSmall([v3Hop(v3, zeroForOne), v2Hop(v2, !zeroForOne)])) profitable++;
    }),
    { numRuns: 40 },
  );
  assert.ok(profitable >= 8, `only ${profitable} of 40 routes were profitable`);
});

Deno.test("optimalAmountIn finds the global integer optimum of two small V3 pools", () => {
  // the second pool's price is 3–8% away from the first's, both with wide positions
  const wide = fc.array(
    fc.record({
      from: fc.integer({ min: -90, max: -10 }),
      width: fc.integer({ min: 100, max: 200 }),
      liquidity: fc.bigInt({ min: 5_000n, max: 50_000n }),
    }),
    { minLength: 1, maxLength: 3 },
  );
  const route = fc.record({
    tick: fc.integer({ min: -200, max: 200 }),
    skew: fc.integer({ min: 300, max: 800 }),
    up: fc.boolean(),
    feeA: feeArb,
    feeB: feeArb,
    offset: offsetArb,
    a: wide,
    b: wide,
  }).map((r) => {
    const a = smallPool(r.tick, r.feeA, r.offset, r.a);
    const b = smallPool(r.tick + (r.up ? r.skew : -r.skew), r.feeB, 0n, r.b);
    // sell token0 where it is dearer, buy it back where it is cheaper
    return r.up ? [v3Hop(b, true), v3Hop(a, false)] : [v3Hop(a, true), v3Hop(b, false)];
  });
  let profitable = 0;
  fc.assert(
    fc.property(route, (r) => {
      if (checkSmall(r)) profitable++;
    }),
    { numRuns: 30 },
  );
  assert.ok(profitable >= 20, `only ${profitable} of 30 routes were profitable`);
});

// a deep V3 pool (WETH/USDC-like, 5 bps) with many positions, and a V2 pool priced 0.5–3% away
const deepMixed = fc.record({
  positions: fc.array(
    fc.record({
      from: fc.integer({ min: 1, max: 300 }),
      to: fc.integer({ min: 1, max: 300 }),
      liquidity: fc.bigInt({ min: 10n ** 15n, max: 10n ** 17n }),
    }),
    { minLength: 5, maxLength: 25 },
  ),
  skew: fc.integer({ min: 50, max: 300 }),
  sell: fc.boolean(),
}).map(({ positions, skew, sell }) => {
  // token0 USDC (6), token1 WETH (18): 1 USDC = 1/3000 WETH, tick ≈ 195_000
  const tick = 195_000;
  const v3 = v3PoolAt(
    tick,
    500,
    10,
    positions.map((p) => ({
      lower: tick - p.from * 10 - 10,
      upper: tick + p.to * 10 + 10,
      liquidity: p.liquidity,
    })),
  );
  const usdc = 10_000_000n * 10n ** 6n;
  const weth = (usdc * 10n ** 12n * BigInt(10_000 + (sell ? skew : -skew))) / 3000n / 10_000n;
  const v2 = createV2PoolState(usdc, weth, 30n);
  // v2 pays more WETH per USDC when skewed up: buy WETH there, sell it to the V3 pool
  return sell ? [v2Hop(v2, true), v3Hop(v3, false)] : [v3Hop(v3, true), v2Hop(v2, false)];
});

Deno.test("no input within ±1000 of the optimum or at random beats it (deep V3 and V2 pools)", () => {
  let sizedCount = 0;
  fc.assert(
    fc.property(deepMixed, fc.array(fc.bigInt({ min: 1n, max: 10n ** 14n }), { maxLength: 8 }), (
      route,
      randoms,
    ) => {
      const sized = optimalAmountIn(route);
      if (sized === undefined) return;
      sizedCount++;
      const x = sized.amountIn;
      const near = [1n, 2n, 5n, 50n, 999n, 1000n].flatMap((d) => [x - d, x + d]);
      for (const y of [...near, ...randoms]) {
        if (y < 1n) continue;
        const p = referenceProfit(route, y);
        if (p !== undefined) assert.ok(p <= sized.profit, `profit ${p} at ${y} > ${sized.profit}`);
      }
    }),
    { numRuns: 40 },
  );
  assert.ok(sizedCount >= 10, `only ${sizedCount} of 40 routes were profitable`);
});

Deno.test("the hop amounts of a sized V3 route are v3Swap and v2AmountOut of each hop's input", () => {
  const v3 = v3PoolAt(0, 3000, 60, [{ lower: -6000, upper: 6000, liquidity: 10n ** 21n }]);
  const v2 = createV2PoolState(10n ** 21n, 103n * 10n ** 19n, 30n); // 3% more token1 per token0
  const sized = optimalAmountIn([v2Hop(v2, true), v3Hop(v3, false)])!;
  const [x, u, y] = sized.amounts;
  assert.equal(u, v2AmountOut(x!, v2.reserve0, v2.reserve1, 30n));
  const r = v3Swap(v3, false, u!, MAX_SQRT_RATIO - 1n);
  assert.equal(r.amount1, u);
  assert.equal(y, -r.amount0);
  assert.equal(sized.ticksCrossed[1], r.initializedTicksCrossed);
  assert.ok(sized.profit > 0n && MIN_SQRT_RATIO > 0n);
});

Deno.test("a V3 route whose optimum crosses initialized ticks is sized to the brute-force optimum", () => {
  // narrow positions: the profitable trade walks through several of them
  const v3 = v3PoolAt(0, 500, 10, [
    { lower: -20, upper: 20, liquidity: 200_000n },
    { lower: -60, upper: -20, liquidity: 80_000n },
    { lower: -400, upper: -60, liquidity: 300_000n },
  ]);
  const v2 = createV2PoolState(100_000n, 96_700n, 30n);
  const route = [v3Hop(v3, true), v2Hop(v2, false)];
  const best = bruteForce(route, 20_000n);
  const sized = optimalAmountIn(route)!;
  assert.ok(best.profit > 0n);
  assert.equal(sized.profit, best.profit);
  assert.ok(sized.ticksCrossed[0]! > 0, "the optimum crosses ticks");
});
