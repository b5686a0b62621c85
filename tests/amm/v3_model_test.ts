// tests/amm/v3_model_test.ts — the optimised library against a literal transcription of the
// contracts (tests/amm/_contract_model.ts) on random inputs and random pools.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  computeSwapStep,
  getAmount0Delta,
  getAmount1Delta,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  v3SwapWithFees,
} from "../../lib/amm/mod.ts";
import { BitmapModel } from "./_bitmap_model.ts";
import * as model from "./_contract_model.ts";
import { poolArb, poolFrom } from "./_pools.ts";

const priceArb = fc.bigInt({ min: 1n, max: (1n << 160n) - 1n });
const liquidityArb = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

Deno.test("the one-division amount deltas equal the contract's two-stage rounding", () => {
  fc.assert(
    fc.property(priceArb, priceArb, liquidityArb, fc.boolean(), (a, b, l, up) => {
      assert.equal(getAmount0Delta(a, b, l, up), model.getAmount0Delta(a, b, l, up));
      assert.equal(getAmount1Delta(a, b, l, up), model.getAmount1Delta(a, b, l, up));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("computeSwapStep's rewritten fee arithmetic equals SwapMath statement by statement", () => {
  const maxPrice = (1n << 160n) - 1n;
  const near = (p: bigint) =>
    fc.bigInt({ min: -(1n << 90n), max: 1n << 90n }).map((d) => {
      const q = p + d;
      return q > 0n && q <= maxPrice ? q : p;
    });
  fc.assert(
    fc.property(
      priceArb.chain((p) => fc.tuple(fc.constant(p), fc.oneof(priceArb, near(p)))),
      liquidityArb,
      fc.oneof(
        fc.bigInt({ min: -(1n << 255n) + 1n, max: (1n << 255n) - 1n }),
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
      ),
      fc.oneof(fc.constantFrom(0, 100, 500, 3000, 10000), fc.integer({ min: 0, max: 999_999 })),
      ([current, target], liquidity, remaining, fee) => {
        fc.pre(remaining !== 0n);
        let expected: readonly bigint[] | "revert";
        try {
          expected = model.computeSwapStep(current, target, liquidity, remaining, BigInt(fee));
        } catch (e) {
          if (!(e instanceof model.Revert)) throw e;
          expected = "revert";
        }
        let actual: readonly bigint[] | "revert";
        try {
          const s = computeSwapStep(current, target, liquidity, remaining, fee);
          actual = [s.sqrtPriceNextX96, s.amountIn, s.amountOut, s.feeAmount];
        } catch (e) {
          if (!(e instanceof AmmError)) throw e;
          actual = "revert";
        }
        assert.deepEqual(actual, expected);
      },
    ),
    { numRuns: 3000 },
  );
});

Deno.test("v3Swap equals the contract's swap loop run on a bitmap, for random pools", () => {
  fc.assert(
    fc.property(
      poolArb,
      fc.boolean(),
      fc.oneof(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: (1n << 255n) - 1n }),
      ),
      fc.boolean(),
      fc.option(fc.bigInt({ min: MIN_SQRT_RATIO + 1n, max: MAX_SQRT_RATIO - 1n }), {
        nil: undefined,
      }),
      (spec, zeroForOne, amount, exactIn, maybeLimit) => {
        const pool = poolFrom(spec);
        const bitmap = new BitmapModel(spec.tickSpacing);
        const liquidityNet = new Map<number, bigint>();
        for (const t of pool.ticks.entries()) {
          bitmap.flip(t.tick);
          liquidityNet.set(t.tick, t.liquidityNet);
        }
        const limit = maybeLimit ?? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n);
        fc.pre(zeroForOne ? limit < pool.sqrtPriceX96 : limit > pool.sqrtPriceX96);
        const specified = exactIn ? amount : -amount;
        const expected = model.swap(
          { ...pool, bitmap, liquidityNet },
          zeroForOne,
          specified,
          limit,
        );
        const r = v3SwapWithFees(pool, zeroForOne, specified, limit);
        assert.deepEqual(
          [r.amount0, r.amount1, r.sqrtPriceX96, r.tick, r.liquidity, r.feeGrowthGlobalX128Delta],
          [
            expected.amount0,
            expected.amount1,
            expected.sqrtPriceX96,
            expected.tick,
            expected.liquidity,
            expected.feeGrowth,
          ],
        );
      },
    ),
    { numRuns: 400 },
  );
});
