import assert from "node:assert/strict";
import fc from "fast-check";
import { ArbitrageError, isqrt } from "../../lib/arbitrage/mod.ts";

Deno.test("isqrt is the exact floor square root of every small integer", () => {
  for (let n = 0n; n < 20_000n; n++) {
    const r = isqrt(n);
    assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `isqrt(${n}) = ${r}`);
  }
});

Deno.test("isqrt is the exact floor square root of bigints up to 4096 bits", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: (1n << 4096n) - 1n }), (n) => {
      const r = isqrt(n);
      assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("isqrt returns the root of perfect squares and one less just below them", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: 1n << 1000n }), (r) => {
      assert.equal(isqrt(r * r), r);
      assert.equal(isqrt(r * r - 1n), r - 1n);
    }),
  );
});

Deno.test("isqrt rejects a negative input with an ArbitrageError naming it", () => {
  assert.throws(
    () => isqrt(-4n),
    (e) => e instanceof ArbitrageError && e.code === "INVALID_AMOUNT" && e.message.includes("-4"),
  );
});
