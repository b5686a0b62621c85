// tests/amm/quoter_test.ts — QuoterV2-shaped quotes and PoolTicksCounter's way of counting.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  getSqrtRatioAtTick,
  MIN_SQRT_RATIO,
  v3ApplySwap,
  v3CountInitializedTicksCrossed,
  v3QuoteExactInput,
  v3QuoteExactOutput,
  v3Swap,
  V3TickTable,
} from "../../lib/amm/mod.ts";
import { BitmapModel } from "./_bitmap_model.ts";
import { buildPool, poolArb, poolFrom } from "./_pools.ts";

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AmmError && e.code === code);
}

function ladder() {
  // ticks every 60 from -720 to 720 around a price at tick -30
  return buildPool(
    getSqrtRatioAtTick(-30),
    3000,
    60,
    Array.from({ length: 12 }, (_, i) => ({
      tickLower: -60 * (i + 1),
      tickUpper: 60 * (i + 1),
      liquidity: 10n ** 21n,
    })),
  ).pool;
}

Deno.test("v3QuoteExactInput returns the swap's output, price and liquidity", () => {
  const pool = ladder();
  const q = v3QuoteExactInput(pool, true, 10n ** 20n);
  const r = v3Swap(pool, true, 10n ** 20n, MIN_SQRT_RATIO + 1n);
  assert.deepEqual(
    [q.amountIn, q.amountOut, q.sqrtPriceX96After, q.tickAfter, q.liquidityAfter],
    [r.amount0, -r.amount1, r.sqrtPriceX96, r.tick, r.liquidity],
  );
  assert.deepEqual(v3QuoteExactInput(pool, true, 10n ** 20n, MIN_SQRT_RATIO + 1n), q);
});

Deno.test("the quoter counts ticks as PoolTicksCounter does, which can differ from the pool", () => {
  const pool = ladder();
  // a oneForZero swap ending exactly on tick 120 crosses 60 and 120, and both are counted
  const limit = getSqrtRatioAtTick(120);
  const up = v3QuoteExactInput(pool, false, 10n ** 24n, limit);
  assert.deepEqual([up.tickAfter, up.swap.initializedTicksCrossed, up.initializedTicksCrossed], [
    120,
    2,
    2,
  ]);
  // from tick -61 down past -120 the pool crosses only -120, but -61 / 60 truncates to -1,
  // the position of tick -60, so the quoter counts -60 as well
  const below = ladder();
  v3ApplySwap(below, v3Swap(below, true, 10n ** 24n, getSqrtRatioAtTick(-61) + 1n));
  assert.equal(below.tick, -61);
  const down = v3QuoteExactInput(below, true, 10n ** 24n, getSqrtRatioAtTick(-150));
  assert.deepEqual([down.swap.initializedTicksCrossed, down.initializedTicksCrossed], [1, 2]);
});

Deno.test("the quoter's counter truncates tick / spacing toward zero like the contract", () => {
  const t = V3TickTable.from(
    60,
    [-60, 60].map((tick) => ({ tick, liquidityGross: 1n, liquidityNet: 1n })),
  );
  // from tick -30 (position 0) down to -61 (position -1): tick -60 is in the range
  assert.equal(v3CountInitializedTicksCrossed(t, -30, -61), 1);
  // -59 truncates to position 0, so tick -60 is outside [0, 0]
  assert.equal(v3CountInitializedTicksCrossed(t, -30, -59), 0);
  // a start one below an initialized negative tick still truncates onto it
  assert.equal(v3CountInitializedTicksCrossed(t, -61, 0), 1);
  // swapping up from an initialized tick does not count it; swapping down onto one neither
  assert.equal(v3CountInitializedTicksCrossed(t, -60, 70), 1);
  assert.equal(v3CountInitializedTicksCrossed(t, 70, -60), 1);
  assert.equal(v3CountInitializedTicksCrossed(t, 60, 60), 1);
});

Deno.test("v3CountInitializedTicksCrossed agrees with the bitmap-word model", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(1, 10, 60, 200),
      fc.uniqueArray(fc.integer({ min: -800, max: 800 }), { maxLength: 30 }),
      fc.integer({ min: -200_000, max: 200_000 }),
      fc.integer({ min: -200_000, max: 200_000 }),
      (spacing, compressed, before, after) => {
        const ticks = compressed.map((c) => c * spacing);
        const model = new BitmapModel(spacing);
        for (const t of ticks) model.flip(t);
        const table = V3TickTable.from(
          spacing,
          ticks.map((tick) => ({ tick, liquidityGross: 1n, liquidityNet: 1n })),
        );
        assert.equal(
          v3CountInitializedTicksCrossed(table, before, after),
          model.countInitializedTicksCrossed(before, after),
        );
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("v3QuoteExactOutput without a limit rejects an output the pool cannot fill", () => {
  const { pool } = buildPool(getSqrtRatioAtTick(0), 500, 10, [{
    tickLower: -100,
    tickUpper: 100,
    liquidity: 10n ** 18n,
  }]);
  const most = -v3Swap(pool, true, (1n << 255n) - 1n, MIN_SQRT_RATIO + 1n).amount1;
  assert.equal(v3QuoteExactOutput(pool, true, most).amountOut, most);
  throwsCode(() => v3QuoteExactOutput(pool, true, most + 1n), "QUOTE_OUTPUT_NOT_FILLED");
  // with a limit, QuoterV2 returns the partial fill instead
  const partial = v3QuoteExactOutput(pool, true, most * 2n, getSqrtRatioAtTick(-50));
  assert.ok(partial.amountOut < most && partial.sqrtPriceX96After === getSqrtRatioAtTick(-50));
});

Deno.test("a quote that owes the pool nothing throws as QuoterV2 reverts", () => {
  // all liquidity above the price: selling token0 finds none
  const { pool } = buildPool(getSqrtRatioAtTick(0), 3000, 60, [{
    tickLower: 60,
    tickUpper: 600,
    liquidity: 10n ** 18n,
  }]);
  throwsCode(() => v3QuoteExactInput(pool, true, 10n ** 18n), "QUOTE_NOTHING_PAID");
  assert.ok(v3QuoteExactInput(pool, false, 10n ** 15n).amountOut > 0n);
});

Deno.test("quotes reject a zero amount and amounts that do not fit int256", () => {
  const pool = ladder();
  throwsCode(() => v3QuoteExactInput(pool, true, 0n), "AMOUNT_SPECIFIED_ZERO");
  throwsCode(() => v3QuoteExactOutput(pool, true, 0n), "AMOUNT_SPECIFIED_ZERO");
  throwsCode(() => v3QuoteExactInput(pool, true, 1n << 255n), "VALUE_OUT_OF_RANGE");
  throwsCode(() => v3QuoteExactInput(pool, true, -1n), "VALUE_OUT_OF_RANGE");
});

Deno.test("an exact-output quote for an exact-input quote's output needs no more input", () => {
  fc.assert(
    fc.property(
      poolArb,
      fc.boolean(),
      fc.bigInt({ min: 1n, max: 10n ** 22n }),
      (spec, zeroForOne, amount) => {
        const pool = poolFrom(spec);
        let forward;
        try {
          forward = v3QuoteExactInput(pool, zeroForOne, amount);
        } catch (e) {
          assert.ok(e instanceof AmmError && e.code === "QUOTE_NOTHING_PAID");
          return;
        }
        fc.pre(forward.amountOut > 0n);
        const back = v3QuoteExactOutput(pool, zeroForOne, forward.amountOut);
        assert.ok(back.amountIn <= forward.amountIn && back.amountOut === forward.amountOut);
      },
    ),
    { numRuns: 200 },
  );
});
