import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmountError,
  amountForUsd,
  ceilDiv,
  floorDiv,
  formatUsd,
  usd,
  USD_ONE,
  usdValue,
} from "../../lib/market/mod.ts";
import { caught } from "../portfolio/_fixtures.ts";

const price = fc.record({
  num: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  den: fc.bigInt({ min: 1n, max: 10n ** 12n }),
});
const decimals = fc.integer({ min: 0, max: 24 });

Deno.test("floorDiv and ceilDiv bracket the exact quotient within one unit", () => {
  fc.assert(
    fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 30n }), (a, b) => {
      const lo = floorDiv(a, b);
      const hi = ceilDiv(a, b);
      assert(lo * b <= a && a < (lo + 1n) * b);
      assert((hi - 1n) * b < a && a <= hi * b);
      assert.equal(hi - lo, a % b === 0n ? 0n : 1n);
    }),
  );
});

Deno.test("usdValue values one whole token at the price and floors or ceils the remainder", () => {
  const eth = { num: 3000n, den: 1n };
  assert.equal(usdValue(10n ** 18n, 18, eth), 3000n * USD_ONE);
  assert.equal(usdValue(1n, 18, eth, "floor"), 0n);
  assert.equal(usdValue(1n, 18, eth, "ceil"), 1n);
  assert.equal(usdValue(-1n, 18, eth, "floor"), -1n);
  assert.equal(usdValue(-1n, 18, eth, "ceil"), 0n);
  // 1/3 USD per whole 6-decimal token: 1 token = 33333333.33… units
  assert.equal(usdValue(1_000_000n, 6, { num: 1n, den: 3n }), 33_333_333n);
});

Deno.test("usdValue is exact: floor times the denominator never exceeds the exact product", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), decimals, price, (a, d, p) => {
      const v = usdValue(a, d, p, "floor");
      const exact = a * p.num * USD_ONE;
      const den = p.den * 10n ** BigInt(d);
      assert(v * den <= exact && exact < (v + 1n) * den);
      assert.equal(usdValue(a, d, p, "ceil") - v, exact % den === 0n ? 0n : 1n);
    }),
  );
});

Deno.test("amountForUsd gives the largest amount whose value rounded up fits the budget", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n }), decimals, price, (budget, d, p) => {
      const a = amountForUsd(budget, d, p);
      assert(a >= 0n);
      assert(usdValue(a, d, p, "ceil") <= budget);
      assert(usdValue(a + 1n, d, p, "ceil") > budget);
    }),
  );
});

Deno.test("amountForUsd refuses a zero price", () => {
  const err = caught(() => amountForUsd(1n, 18, { num: 0n, den: 1n }));
  assert(err instanceof AmountError && err.code === "BAD_PRICE");
});

Deno.test("usd parses dollars exactly and formatUsd prints them back", () => {
  assert.equal(usd("0.00000001"), 1n);
  assert.equal(usd("-12.5"), -1_250_000_000n);
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (v) => {
      assert.equal(usd(formatUsd(v)), v);
    }),
  );
});

Deno.test("usd refuses more than 8 decimals or text that is not a number", () => {
  for (const text of ["1.123456789", "1e3", "", "1.", "$1"]) {
    const err = caught(() => usd(text));
    assert(err instanceof AmountError && err.code === "BAD_AMOUNT", text);
    assert.match(err.message, /USD amount/);
  }
});
