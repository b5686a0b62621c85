// tests/amm/liquidity_math_test.ts — LiquidityMath.addDelta and its reverts.
import assert from "node:assert/strict";
import { addLiquidityDelta, AmmError } from "../../lib/amm/mod.ts";

const MAX_UINT128 = (1n << 128n) - 1n;

function throwsCode(fn: () => unknown, code: string, revert?: string): void {
  assert.throws(
    fn,
    (e: unknown) =>
      e instanceof AmmError && e.code === code &&
      (revert === undefined || e.details.revert === revert),
  );
}

Deno.test("addLiquidityDelta adds and subtracts within uint128", () => {
  assert.equal(addLiquidityDelta(1n, 0n), 1n);
  assert.equal(addLiquidityDelta(1n, -1n), 0n);
  assert.equal(addLiquidityDelta(1n, 1n), 2n);
  assert.equal(addLiquidityDelta(MAX_UINT128 - 15n, 15n), MAX_UINT128);
});

Deno.test("addLiquidityDelta throws LS below zero and LA above uint128", () => {
  throwsCode(() => addLiquidityDelta(0n, -1n), "LIQUIDITY_UNDERFLOW", "LS");
  throwsCode(() => addLiquidityDelta(3n, -4n), "LIQUIDITY_UNDERFLOW", "LS");
  throwsCode(() => addLiquidityDelta(MAX_UINT128 - 14n, 15n), "LIQUIDITY_OVERFLOW", "LA");
});

Deno.test("addLiquidityDelta rejects a delta outside int128", () => {
  throwsCode(() => addLiquidityDelta(0n, 1n << 127n), "VALUE_OUT_OF_RANGE");
  throwsCode(() => addLiquidityDelta(-1n, 0n), "VALUE_OUT_OF_RANGE");
});
