// tests/amm/swap_math_test.ts — SwapMath.computeSwapStep known cases and invariants.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  computeSwapStep,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from "../../lib/amm/mod.ts";
import { encodePriceSqrt } from "./_pools.ts";

const E18 = 10n ** 18n;
const ONE = 1n << 96n;

Deno.test("computeSwapStep caps an exact input at the price target", () => {
  const target = encodePriceSqrt(101n, 100n);
  const s = computeSwapStep(ONE, target, 2n * E18, E18, 600);
  assert.equal(s.amountIn, 9975124224178055n);
  assert.equal(s.feeAmount, 5988667735148n);
  assert.equal(s.amountOut, 9925619580021728n);
  assert.equal(s.sqrtPriceNextX96, target);
  assert.ok(s.amountIn + s.feeAmount < E18);
  assert.ok(s.sqrtPriceNextX96 < getNextSqrtPriceFromInput(ONE, 2n * E18, E18, false));
});

Deno.test("computeSwapStep caps an exact output at the price target", () => {
  const target = encodePriceSqrt(101n, 100n);
  const s = computeSwapStep(ONE, target, 2n * E18, -E18, 600);
  assert.equal(s.amountIn, 9975124224178055n);
  assert.equal(s.feeAmount, 5988667735148n);
  assert.equal(s.amountOut, 9925619580021728n);
  assert.equal(s.sqrtPriceNextX96, target);
  assert.ok(s.sqrtPriceNextX96 < getNextSqrtPriceFromOutput(ONE, 2n * E18, E18, false));
});

Deno.test("computeSwapStep spends an exact input entirely short of the target", () => {
  const s = computeSwapStep(ONE, encodePriceSqrt(1000n, 100n), 2n * E18, E18, 600);
  assert.equal(s.amountIn, 999400000000000000n);
  assert.equal(s.feeAmount, 600000000000000n);
  assert.equal(s.amountOut, 666399946655997866n);
  assert.equal(s.amountIn + s.feeAmount, E18);
  assert.equal(
    s.sqrtPriceNextX96,
    getNextSqrtPriceFromInput(ONE, 2n * E18, E18 - s.feeAmount, false),
  );
});

Deno.test("computeSwapStep receives an exact output entirely short of the target", () => {
  const s = computeSwapStep(ONE, encodePriceSqrt(10000n, 100n), 2n * E18, -E18, 600);
  assert.equal(s.amountIn, 2000000000000000000n);
  assert.equal(s.feeAmount, 1200720432259356n);
  assert.equal(s.amountOut, E18);
  assert.equal(s.sqrtPriceNextX96, getNextSqrtPriceFromOutput(ONE, 2n * E18, E18, false));
});

Deno.test("computeSwapStep caps the output at the amount still wanted", () => {
  const s = computeSwapStep(
    417332158212080721273783715441582n,
    1452870262520218020823638996n,
    159344665391607089467575320103n,
    -1n,
    1,
  );
  assert.deepEqual(
    [s.amountIn, s.feeAmount, s.amountOut, s.sqrtPriceNextX96],
    [1n, 1n, 1n, 417332158212080721273783715441581n],
  );
});

Deno.test("computeSwapStep reproduces the library's edge cases", () => {
  const partial = computeSwapStep(2n, 1n, 1n, 3915081100057732413702495386755767n, 1);
  assert.deepEqual(
    [partial.amountIn, partial.feeAmount, partial.amountOut, partial.sqrtPriceNextX96],
    [39614081257132168796771975168n, 39614120871253040049813n, 0n, 1n],
  );
  const allFee = computeSwapStep(
    2413n,
    79887613182836312n,
    1985041575832132834610021537970n,
    10n,
    1872,
  );
  assert.deepEqual(
    [allFee.amountIn, allFee.feeAmount, allFee.amountOut, allFee.sqrtPriceNextX96],
    [0n, 10n, 0n, 2413n],
  );
  const sqrtP = 20282409603651670423947251286016n;
  const down = computeSwapStep(sqrtP, (sqrtP * 11n) / 10n, 1024n, -4n, 3000);
  assert.deepEqual([down.amountOut, down.sqrtPriceNextX96, down.amountIn, down.feeAmount], [
    0n,
    (sqrtP * 11n) / 10n,
    26215n,
    79n,
  ]);
  const up = computeSwapStep(sqrtP, (sqrtP * 9n) / 10n, 1024n, -263000n, 3000);
  assert.deepEqual([up.amountOut, up.sqrtPriceNextX96, up.amountIn, up.feeAmount], [
    26214n,
    (sqrtP * 9n) / 10n,
    1n,
    1n,
  ]);
});

Deno.test("computeSwapStep rejects a zero price and a fee of 1e6 pips", () => {
  assert.throws(() => computeSwapStep(0n, ONE, 1n, 1n, 3000), AmmError);
  assert.throws(() => computeSwapStep(ONE, ONE, 1n, 1n, 1_000_000), AmmError);
});

Deno.test("computeSwapStep never uses more than the amount remaining nor passes the target", () => {
  const price = fc.bigInt({ min: 1n, max: (1n << 160n) - 1n });
  fc.assert(
    fc.property(
      price,
      price,
      fc.bigInt({ min: 1n, max: (1n << 128n) - 1n }),
      fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
      fc.integer({ min: 0, max: 999_999 }),
      (current, target, liquidity, remaining, fee) => {
        fc.pre(remaining !== 0n);
        let s;
        try {
          s = computeSwapStep(current, target, liquidity, remaining, fee);
        } catch (e) {
          assert.ok(e instanceof AmmError && e.code === "PRICE_OUT_OF_RANGE");
          return;
        }
        const zeroForOne = current >= target;
        const next = s.sqrtPriceNextX96;
        assert.ok(
          zeroForOne ? next <= current && next >= target : next >= current && next <= target,
        );
        if (remaining > 0n) {
          assert.ok(s.amountIn + s.feeAmount <= remaining);
          if (next !== target) assert.equal(s.amountIn + s.feeAmount, remaining);
        } else {
          assert.ok(s.amountOut <= -remaining);
          if (next !== target) assert.equal(s.amountOut, -remaining);
        }
      },
    ),
    { numRuns: 500 },
  );
});
