// tests/amm/tick_math_test.ts — TickMath: bit-identical ratios and exact inverse.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "../../lib/amm/mod.ts";
import { tickAtSqrtRatio, tickAtSqrtRatioContract } from "../../lib/amm/v3/_tick_math.ts";

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AmmError && e.code === code);
}

const tickArb = fc.integer({ min: MIN_TICK, max: MAX_TICK });
const priceArb = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });

Deno.test("getSqrtRatioAtTick returns the contract's values at 0 and the bounds", () => {
  assert.equal(getSqrtRatioAtTick(0), 79228162514264337593543950336n);
  assert.equal(getSqrtRatioAtTick(MIN_TICK), 4295128739n);
  assert.equal(getSqrtRatioAtTick(MAX_TICK), 1461446703485210103287273052203988822378723970342n);
  assert.equal(getSqrtRatioAtTick(MIN_TICK + 1), 4295343490n);
  assert.equal(
    getSqrtRatioAtTick(MAX_TICK - 1),
    1461373636630004318706518188784493106690254656249n,
  );
  assert.equal(MIN_SQRT_RATIO, getSqrtRatioAtTick(MIN_TICK));
  assert.equal(MAX_SQRT_RATIO, getSqrtRatioAtTick(MAX_TICK));
});

Deno.test("getSqrtRatioAtTick rejects ticks outside [MIN_TICK, MAX_TICK] with TICK_OUT_OF_RANGE", () => {
  throwsCode(() => getSqrtRatioAtTick(MIN_TICK - 1), "TICK_OUT_OF_RANGE");
  throwsCode(() => getSqrtRatioAtTick(MAX_TICK + 1), "TICK_OUT_OF_RANGE");
  throwsCode(() => getSqrtRatioAtTick(0.5), "TICK_OUT_OF_RANGE");
});

Deno.test("getSqrtRatioAtTick is within 1e-15 of sqrt(1.0001^tick)·2^96 computed independently", () => {
  // 1.0001^|t| in fixed point with 512 fractional bits by square-and-multiply, then isqrt
  const P = 512n;
  const base = (10001n << P) / 10000n;
  const pow = (n: number): bigint => {
    let result = 1n << P;
    let b = base;
    for (let e = n; e > 0; e >>= 1) {
      if (e & 1) result = (result * b) >> P;
      b = (b * b) >> P;
    }
    return result;
  };
  const isqrt = (x: bigint): bigint => {
    let r = 1n << BigInt(Math.ceil(x.toString(2).length / 2));
    for (;;) {
      const next = (r + x / r) >> 1n;
      if (next >= r) return r;
      r = next;
    }
  };
  fc.assert(
    fc.property(tickArb, (tick) => {
      const ratio = tick >= 0 ? pow(tick) : (1n << (2n * P)) / pow(-tick);
      const exact = isqrt(ratio << 192n) >> (P / 2n); // sqrt(ratio · 2^192) in Q64.96
      const diff = getSqrtRatioAtTick(tick) - exact;
      const abs = diff < 0n ? -diff : diff;
      // relative 1e-15 plus one unit for the final round-up to Q64.96
      assert.ok(abs <= exact / 10n ** 15n + 1n, `tick ${tick}: ${abs} off ${exact}`);
    }),
    { numRuns: 300 },
  );
});

Deno.test("getSqrtRatioAtTick strictly increases with the tick", () => {
  fc.assert(
    fc.property(tickArb, tickArb, (a, b) => {
      fc.pre(a !== b);
      const [lo, hi] = a < b ? [a, b] : [b, a];
      assert.ok(getSqrtRatioAtTick(lo) < getSqrtRatioAtTick(hi));
      if (hi - lo === 1) assert.ok(getSqrtRatioAtTick(lo) + 1n < getSqrtRatioAtTick(hi));
    }),
  );
});

Deno.test("getTickAtSqrtRatio inverts getSqrtRatioAtTick exactly", () => {
  fc.assert(
    fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), (tick) => {
      const ratio = getSqrtRatioAtTick(tick);
      assert.equal(getTickAtSqrtRatio(ratio), tick);
      if (tick > MIN_TICK) assert.equal(getTickAtSqrtRatio(ratio - 1n), tick - 1);
      assert.equal(getTickAtSqrtRatio(ratio + 1n), tick);
    }),
    { numRuns: 500 },
  );
});

Deno.test("getTickAtSqrtRatio returns the greatest tick whose ratio is at most the price", () => {
  fc.assert(
    fc.property(priceArb, (price) => {
      const tick = getTickAtSqrtRatio(price);
      assert.ok(getSqrtRatioAtTick(tick) <= price);
      if (tick < MAX_TICK) assert.ok(getSqrtRatioAtTick(tick + 1) > price);
    }),
    { numRuns: 500 },
  );
});

Deno.test("getTickAtSqrtRatio handles the boundaries and the contract's accuracy case", () => {
  assert.equal(getTickAtSqrtRatio(MIN_SQRT_RATIO), MIN_TICK);
  assert.equal(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n), MAX_TICK - 1);
  assert.equal(getTickAtSqrtRatio((1n << 96n) + 1n), 0);
  assert.equal(getTickAtSqrtRatio((1n << 96n) - 1n), -1);
  throwsCode(() => getTickAtSqrtRatio(MAX_SQRT_RATIO), "SQRT_PRICE_OUT_OF_RANGE");
  throwsCode(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n), "SQRT_PRICE_OUT_OF_RANGE");
});

Deno.test("the fast tick path agrees with the contract's log2 algorithm", () => {
  const nearTick = tickArb.chain((t) =>
    fc.bigInt({ min: -3n, max: 3n }).map((d) => {
      const p = getSqrtRatioAtTick(t) + d;
      return p < MIN_SQRT_RATIO ? MIN_SQRT_RATIO : p >= MAX_SQRT_RATIO ? MAX_SQRT_RATIO - 1n : p;
    })
  );
  fc.assert(
    fc.property(fc.oneof(priceArb, nearTick), (price) => {
      assert.equal(tickAtSqrtRatio(price), tickAtSqrtRatioContract(price));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("the float tick estimate is within 5e-6 of every tick at its exact ratio", () => {
  // The fast path trusts the float estimate only 1e-3 away from an integer. This scans all
  // 1,774,545 ticks to show the estimate at each tick boundary is off by far less, so no price
  // between two boundaries can be floored to the wrong tick.
  const ticksPerLnSqrt = 20000.999983334166613892638603528;
  let worst = 0;
  for (let tick = MIN_TICK; tick <= MAX_TICK; tick++) {
    const estimate = Math.log(Number(getSqrtRatioAtTick(tick)) * 2 ** -96) * ticksPerLnSqrt;
    const off = Math.abs(estimate - tick);
    if (off > worst) worst = off;
  }
  assert.ok(worst < 5e-6, `worst deviation ${worst}`);
});
