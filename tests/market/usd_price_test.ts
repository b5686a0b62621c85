import assert from "node:assert/strict";
import { AmountError, parseUsdPrice, samePrice, usdPrice } from "../../lib/market/mod.ts";
import { StaticPriceSource } from "../../lib/portfolio/mod.ts";
import { caught, USDC, WETH } from "../portfolio/_fixtures.ts";

Deno.test("usdPrice accepts a non-negative rational with a positive denominator", () => {
  assert.deepEqual(usdPrice(0n), { num: 0n, den: 1n });
  for (const [num, den] of [[1n, 0n], [1n, -2n], [-1n, 1n]] as const) {
    const err = caught(() => usdPrice(num, den));
    assert(err instanceof AmountError && err.code === "BAD_PRICE");
    assert.deepEqual(err.details, { num, den });
  }
});

Deno.test("parseUsdPrice reads a decimal exactly and refuses anything else", () => {
  assert.deepEqual(parseUsdPrice("0.000001"), { num: 1n, den: 1_000_000n });
  assert(samePrice(parseUsdPrice("3000.50"), { num: 6001n, den: 2n }));
  for (const text of ["-1", "1e3", "abc", ""]) {
    const err = caught(() => parseUsdPrice(text));
    assert(err instanceof AmountError && err.code === "BAD_PRICE", text);
  }
});

Deno.test("StaticPriceSource returns what was set, per token, and forgets on delete", () => {
  const prices = new StaticPriceSource().set(WETH, { num: 3000n, den: 1n });
  assert.deepEqual(prices.usdPrice(WETH), { num: 3000n, den: 1n });
  assert.equal(prices.usdPrice(USDC), undefined);
  prices.delete(WETH);
  assert.equal(prices.usdPrice(WETH), undefined);
});

Deno.test("StaticPriceSource validates the prices it is given", () => {
  const err = caught(() => new StaticPriceSource().set(WETH, { num: 1n, den: 0n }));
  assert(err instanceof AmountError && err.code === "BAD_PRICE");
});
