// tests/amm/full_math_test.ts — FullMath.mulDiv / mulDivRoundingUp with uint256 semantics.
import assert from "node:assert/strict";
import fc from "fast-check";
import { AmmError, mulDiv, mulDivRoundingUp } from "../../lib/amm/mod.ts";

const Q128 = 1n << 128n;
const MAX = (1n << 256n) - 1n;

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AmmError && e.code === code);
}

Deno.test("mulDiv matches FullMath's known results with and without phantom overflow", () => {
  assert.equal(mulDiv(Q128, (50n * Q128) / 100n, (150n * Q128) / 100n), Q128 / 3n);
  assert.equal(mulDiv(Q128, 35n * Q128, 8n * Q128), (4375n * Q128) / 1000n);
  assert.equal(mulDiv(Q128, 1000n * Q128, 3000n * Q128), Q128 / 3n);
  assert.equal(mulDiv(MAX, MAX, MAX), MAX);
});

Deno.test("mulDivRoundingUp matches FullMath's known results", () => {
  assert.equal(mulDivRoundingUp(Q128, (50n * Q128) / 100n, (150n * Q128) / 100n), Q128 / 3n + 1n);
  assert.equal(mulDivRoundingUp(Q128, 35n * Q128, 8n * Q128), (4375n * Q128) / 1000n);
  assert.equal(mulDivRoundingUp(Q128, 1000n * Q128, 3000n * Q128), Q128 / 3n + 1n);
  assert.equal(mulDivRoundingUp(MAX, MAX, MAX), MAX);
});

Deno.test("mulDiv throws where FullMath reverts: zero denominator or a result past uint256", () => {
  throwsCode(() => mulDiv(Q128, 5n, 0n), "DIVISION_BY_ZERO");
  throwsCode(() => mulDiv(Q128, Q128, 0n), "DIVISION_BY_ZERO");
  throwsCode(() => mulDiv(Q128, Q128, 1n), "MATH_OVERFLOW");
  throwsCode(() => mulDiv(MAX, MAX, MAX - 1n), "MATH_OVERFLOW");
});

Deno.test("mulDivRoundingUp throws where rounding up would pass uint256", () => {
  throwsCode(() => mulDivRoundingUp(Q128, 5n, 0n), "DIVISION_BY_ZERO");
  throwsCode(() => mulDivRoundingUp(Q128, Q128, 1n), "MATH_OVERFLOW");
  throwsCode(() => mulDivRoundingUp(MAX, MAX, MAX - 1n), "MATH_OVERFLOW");
  throwsCode(
    () =>
      mulDivRoundingUp(
        535006138814359n,
        432862656469423142931042426214547535783388063929571229938474969n,
        2n,
      ),
    "MATH_OVERFLOW",
  );
  throwsCode(
    () =>
      mulDivRoundingUp(
        115792089237316195423570985008687907853269984659341747863450311749907997002549n,
        115792089237316195423570985008687907853269984659341747863450311749907997002550n,
        115792089237316195423570985008687907853269984653042931687443039491902864365164n,
      ),
    "MATH_OVERFLOW",
  );
});

Deno.test("mulDiv rejects inputs that are not uint256", () => {
  throwsCode(() => mulDiv(-1n, 1n, 1n), "VALUE_OUT_OF_RANGE");
  throwsCode(() => mulDiv(1n, MAX + 1n, 1n), "VALUE_OUT_OF_RANGE");
});

Deno.test("mulDiv is the floor and mulDivRoundingUp the ceiling of the exact quotient", () => {
  const u256 = fc.bigInt({ min: 0n, max: MAX });
  fc.assert(
    fc.property(u256, u256, fc.bigInt({ min: 1n, max: MAX }), (a, b, d) => {
      const p = a * b;
      if (p / d > MAX) {
        throwsCode(() => mulDiv(a, b, d), "MATH_OVERFLOW");
        return;
      }
      const floor = mulDiv(a, b, d);
      assert.ok(floor * d <= p && p < (floor + 1n) * d);
      const exact = p % d === 0n;
      if (!exact && floor === MAX) {
        throwsCode(() => mulDivRoundingUp(a, b, d), "MATH_OVERFLOW");
      } else {
        assert.equal(mulDivRoundingUp(a, b, d), exact ? floor : floor + 1n);
      }
    }),
  );
});
