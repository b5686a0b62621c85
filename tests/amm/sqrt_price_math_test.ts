// tests/amm/sqrt_price_math_test.ts — SqrtPriceMath values, rounding directions and reverts.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  getAmount0Delta,
  getAmount0DeltaSigned,
  getAmount1Delta,
  getAmount1DeltaSigned,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
} from "../../lib/amm/mod.ts";
import { encodePriceSqrt } from "./_pools.ts";

const E18 = 10n ** 18n;
const ONE = 1n << 96n; // encodePriceSqrt(1, 1)
const MAX_UINT256 = (1n << 256n) - 1n;

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AmmError && e.code === code);
}

Deno.test("getNextSqrtPriceFromInput matches SqrtPriceMath's known results", () => {
  assert.equal(
    getNextSqrtPriceFromInput(ONE, E18, E18 / 10n, false),
    87150978765690771352898345369n,
  );
  assert.equal(
    getNextSqrtPriceFromInput(ONE, E18, E18 / 10n, true),
    72025602285694852357767227579n,
  );
  assert.equal(getNextSqrtPriceFromInput(ONE, 10n * E18, 1n << 100n, true), 624999999995069620n);
  assert.equal(getNextSqrtPriceFromInput(ONE, 1n, MAX_UINT256 / 2n, true), 1n);
  assert.equal(getNextSqrtPriceFromInput(1n, 1n, 1n << 255n, true), 1n);
  assert.equal(getNextSqrtPriceFromInput(ONE, E18 / 10n, 0n, true), ONE);
  assert.equal(getNextSqrtPriceFromInput(ONE, E18 / 10n, 0n, false), ONE);
});

Deno.test("getNextSqrtPriceFromInput handles sqrtP·sqrtQ overflow like the contract", () => {
  const sqrtP = 1025574284609383690408304870162715216695788925244n;
  const liquidity = 50015962439936049619261659728067971248n;
  const sqrtQ = getNextSqrtPriceFromInput(sqrtP, liquidity, 406n, true);
  assert.equal(sqrtQ, 1025574284609383582644711336373707553698163132913n);
  assert.equal(getAmount0Delta(sqrtP, sqrtQ, liquidity, true), 406n);
});

Deno.test("getNextSqrtPriceFromInput throws where the contract reverts", () => {
  throwsCode(() => getNextSqrtPriceFromInput(0n, 1n, E18 / 10n, false), "PRICE_OUT_OF_RANGE");
  throwsCode(() => getNextSqrtPriceFromInput(1n, 0n, E18 / 10n, true), "ZERO_LIQUIDITY");
  throwsCode(
    () => getNextSqrtPriceFromInput((1n << 160n) - 1n, 1024n, 1024n, false),
    "PRICE_OUT_OF_RANGE",
  );
});

Deno.test("getNextSqrtPriceFromOutput matches SqrtPriceMath's known results", () => {
  assert.equal(
    getNextSqrtPriceFromOutput(ONE, E18, E18 / 10n, false),
    88031291682515930659493278152n,
  );
  assert.equal(
    getNextSqrtPriceFromOutput(ONE, E18, E18 / 10n, true),
    71305346262837903834189555302n,
  );
  assert.equal(getNextSqrtPriceFromOutput(ONE, E18 / 10n, 0n, true), ONE);
  assert.equal(getNextSqrtPriceFromOutput(ONE, E18 / 10n, 0n, false), ONE);
});

Deno.test("getNextSqrtPriceFromOutput throws when the output reaches the virtual reserves", () => {
  const price = 20282409603651670423947251286016n;
  throwsCode(() => getNextSqrtPriceFromOutput(price, 1024n, 4n, false), "PRICE_OUT_OF_RANGE");
  throwsCode(() => getNextSqrtPriceFromOutput(price, 1024n, 5n, false), "PRICE_OUT_OF_RANGE");
  throwsCode(() => getNextSqrtPriceFromOutput(price, 1024n, 262144n, true), "PRICE_OUT_OF_RANGE");
  throwsCode(() => getNextSqrtPriceFromOutput(price, 1024n, 262145n, true), "PRICE_OUT_OF_RANGE");
  // the quotient amount·2^96 / liquidity itself overflows FullMath here
  throwsCode(() => getNextSqrtPriceFromOutput(ONE, 1n, MAX_UINT256, true), "MATH_OVERFLOW");
  throwsCode(() => getNextSqrtPriceFromOutput(ONE, 1n, MAX_UINT256, false), "PRICE_OUT_OF_RANGE");
  throwsCode(() => getNextSqrtPriceFromOutput(1n, 0n, 1n, true), "ZERO_LIQUIDITY");
});

Deno.test("getAmount0Delta and getAmount1Delta match the 1 to 1.21 case", () => {
  const p121 = encodePriceSqrt(121n, 100n);
  assert.equal(getAmount0Delta(p121, ONE, E18, true), 90909090909090910n);
  assert.equal(getAmount0Delta(p121, ONE, E18, false), 90909090909090909n);
  assert.equal(getAmount1Delta(ONE, p121, E18, true), 100000000000000000n);
  assert.equal(getAmount1Delta(ONE, p121, E18, false), 99999999999999999n);
  assert.equal(getAmount0Delta(encodePriceSqrt(2n, 1n), ONE, 0n, true), 0n);
  assert.equal(getAmount1Delta(ONE, ONE, E18, true), 0n);
});

Deno.test("getAmount0Delta works for prices whose product overflows 256 bits", () => {
  const a = encodePriceSqrt(1n << 96n, 1n);
  const b = encodePriceSqrt(1n << 90n, 1n);
  assert.equal(getAmount0Delta(a, b, E18, true), getAmount0Delta(a, b, E18, false) + 1n);
});

Deno.test("the signed deltas round up when adding liquidity and down when removing it", () => {
  const p121 = encodePriceSqrt(121n, 100n);
  assert.equal(getAmount0DeltaSigned(ONE, p121, E18), 90909090909090910n);
  assert.equal(getAmount0DeltaSigned(ONE, p121, -E18), -90909090909090909n);
  assert.equal(getAmount1DeltaSigned(ONE, p121, E18), 100000000000000000n);
  assert.equal(getAmount1DeltaSigned(ONE, p121, -E18), -99999999999999999n);
});

Deno.test("the amount deltas reject zero prices and out-of-range liquidity", () => {
  throwsCode(() => getAmount0Delta(0n, ONE, 1n, true), "PRICE_OUT_OF_RANGE");
  throwsCode(() => getAmount1Delta(ONE, ONE, 1n << 128n, true), "VALUE_OUT_OF_RANGE");
  throwsCode(() => getAmount0DeltaSigned(ONE, ONE, 1n << 127n), "VALUE_OUT_OF_RANGE");
});

const priceArb = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });
const liquidityArb = fc.bigInt({ min: 1n, max: (1n << 128n) - 1n });
const amountArb = fc.bigInt({ min: 0n, max: (1n << 200n) - 1n });

Deno.test("rounding up and down differ by at most one", () => {
  fc.assert(
    fc.property(priceArb, priceArb, liquidityArb, (a, b, l) => {
      const d0 = getAmount0Delta(a, b, l, true) - getAmount0Delta(a, b, l, false);
      const d1 = getAmount1Delta(a, b, l, true) - getAmount1Delta(a, b, l, false);
      assert.ok((d0 === 0n || d0 === 1n) && (d1 === 0n || d1 === 1n));
      assert.equal(getAmount0Delta(a, b, l, true), getAmount0Delta(b, a, l, true));
    }),
  );
});

Deno.test("the next price from an input never takes more than the input", () => {
  fc.assert(
    fc.property(priceArb, liquidityArb, amountArb, fc.boolean(), (p, l, amountIn, zeroForOne) => {
      let q: bigint;
      try {
        q = getNextSqrtPriceFromInput(p, l, amountIn, zeroForOne);
      } catch (e) {
        assert.ok(
          e instanceof AmmError && ["PRICE_OUT_OF_RANGE", "MATH_OVERFLOW"].includes(e.code),
        );
        return;
      }
      if (zeroForOne) {
        assert.ok(q <= p && (q === 0n || amountIn >= getAmount0Delta(q, p, l, true)));
      } else {
        assert.ok(q >= p && amountIn >= getAmount1Delta(p, q, l, true));
      }
    }),
  );
});

Deno.test("the next price from an output always pays at least the output", () => {
  fc.assert(
    fc.property(priceArb, liquidityArb, amountArb, fc.boolean(), (p, l, amountOut, zeroForOne) => {
      let q: bigint;
      try {
        q = getNextSqrtPriceFromOutput(p, l, amountOut, zeroForOne);
      } catch (e) {
        assert.ok(
          e instanceof AmmError && ["PRICE_OUT_OF_RANGE", "MATH_OVERFLOW"].includes(e.code),
        );
        return;
      }
      if (zeroForOne) {
        assert.ok(q <= p && amountOut <= getAmount1Delta(q, p, l, false));
      } else {
        assert.ok(q >= p && amountOut <= getAmount0Delta(p, q, l, false));
      }
    }),
  );
});
