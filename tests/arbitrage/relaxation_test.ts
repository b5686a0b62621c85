import assert from "node:assert/strict";
import fc from "fast-check";
import { createV2PoolState } from "../../lib/amm/mod.ts";
import {
  closedFormOptimum,
  composeMobius,
  type Mobius,
  relaxedProfitBound,
  routeMobius,
  v2Hop,
} from "../../lib/arbitrage/mod.ts";
import { referenceProfit } from "./_fixtures.ts";

const mobiusArb = fc.record({
  a: fc.bigInt({ min: 1n, max: 1n << 80n }),
  b: fc.bigInt({ min: 1n, max: 1n << 80n }),
  c: fc.bigInt({ min: 1n, max: 1n << 20n }),
});

// m(x) as an exact fraction [num, den]
function apply(m: Mobius, [n, d]: [bigint, bigint]): [bigint, bigint] {
  return [m.a * n, m.b * d + m.c * n];
}

Deno.test("composeMobius is the map of one hop followed by the other, exactly", () => {
  fc.assert(
    fc.property(mobiusArb, mobiusArb, fc.bigInt({ min: 0n, max: 1n << 64n }), (m1, m2, x) => {
      const [n1, d1] = apply(m2, apply(m1, [x, 1n]));
      const [n2, d2] = apply(composeMobius(m1, m2), [x, 1n]);
      assert.equal(n1 * d2, n2 * d1);
    }),
  );
});

Deno.test("routeMobius of V2 hops is the pair formula without the floor", () => {
  const a = createV2PoolState(1000n, 3000n, 30n);
  const b = createV2PoolState(500n, 7000n, 25n);
  const m = routeMobius([v2Hop(a, true), v2Hop(b, false)])!;
  // out(x) = 9975·500·u / (7000·10000 + 9975·u) with u = 9970·3000·x / (1000·10000 + 9970·x)
  const x = 123n;
  const u: [bigint, bigint] = [9970n * 3000n * x, 1000n * 10000n + 9970n * x];
  const out: [bigint, bigint] = [9975n * 500n * u[0], 7000n * 10000n * u[1] + 9975n * u[0]];
  assert.equal(m.a * x * out[1], out[0] * (m.b + m.c * x));
});

Deno.test("closedFormOptimum is the integer part of the real optimum (√(a·b) − b)/c", () => {
  fc.assert(
    fc.property(mobiusArb, (m) => {
      const x = closedFormOptimum(m);
      if (m.a <= m.b) return assert.equal(x, 0n);
      // the derivative a·b/(b + c·x)² − 1 is ≥ 0 at x and < 0 at x + 1
      const at = (v: bigint) => (m.b + m.c * v) ** 2n;
      assert.ok(m.a * m.b >= at(x), "derivative positive at x");
      assert.ok(m.a * m.b < at(x + 1n), "derivative negative at x + 1");
    }),
  );
});

Deno.test("relaxedProfitBound is at least the exact profit of any input on a V2 route", () => {
  const reserve = fc.bigInt({ min: 10n ** 3n, max: 10n ** 24n });
  fc.assert(
    fc.property(
      reserve,
      reserve,
      reserve,
      reserve,
      fc.bigInt({ min: 1n, max: 10n ** 22n }),
      (a0, a1, b0, b1, x) => {
        const route = [
          v2Hop(createV2PoolState(a0, a1), true),
          v2Hop(createV2PoolState(b0, b1), false),
        ];
        const p = referenceProfit(route, x);
        if (p === undefined) return;
        assert.ok(relaxedProfitBound(routeMobius(route)!) >= p);
      },
    ),
    { numRuns: 500 },
  );
});
