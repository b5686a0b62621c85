// tests/amm/pool_state_test.ts — building and validating V3 pool state.
import assert from "node:assert/strict";
import {
  AmmError,
  cloneV3PoolState,
  createV3PoolState,
  getSqrtRatioAtTick,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  v3ApplyMint,
  v3MaxLiquidityPerTick,
  V3TickTable,
} from "../../lib/amm/mod.ts";

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AmmError && e.code === code);
}

Deno.test("createV3PoolState derives the tick from the price as initialize does", () => {
  const s = createV3PoolState({
    sqrtPriceX96: getSqrtRatioAtTick(-887) + 5n,
    fee: 500,
    tickSpacing: 10,
  });
  assert.deepEqual([s.tick, s.liquidity, s.feeProtocol, s.ticks.size], [-887, 0n, 0, 0]);
});

Deno.test("createV3PoolState accepts the tick below a price that sits exactly on a tick", () => {
  const price = getSqrtRatioAtTick(120);
  assert.equal(
    createV3PoolState({ sqrtPriceX96: price, tick: 119, fee: 3000, tickSpacing: 60 }).tick,
    119,
  );
  throwsCode(
    () => createV3PoolState({ sqrtPriceX96: price + 1n, tick: 119, fee: 3000, tickSpacing: 60 }),
    "INVALID_POOL_STATE",
  );
  throwsCode(
    () => createV3PoolState({ sqrtPriceX96: price, tick: 121, fee: 3000, tickSpacing: 60 }),
    "INVALID_POOL_STATE",
  );
});

Deno.test("createV3PoolState rejects what no pool can hold", () => {
  const base = { sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 };
  throwsCode(
    () => createV3PoolState({ ...base, sqrtPriceX96: MAX_SQRT_RATIO }),
    "SQRT_PRICE_OUT_OF_RANGE",
  );
  throwsCode(
    () => createV3PoolState({ ...base, sqrtPriceX96: MIN_SQRT_RATIO - 1n }),
    "SQRT_PRICE_OUT_OF_RANGE",
  );
  throwsCode(() => createV3PoolState({ ...base, fee: 1_000_000 }), "INVALID_POOL_STATE");
  throwsCode(() => createV3PoolState({ ...base, tickSpacing: 0 }), "INVALID_POOL_STATE");
  throwsCode(() => createV3PoolState({ ...base, liquidity: 1n << 128n }), "VALUE_OUT_OF_RANGE");
  throwsCode(
    () => createV3PoolState({ ...base, ticks: new V3TickTable(10) }),
    "INVALID_POOL_STATE",
  );
  throwsCode(() => createV3PoolState({ ...base, feeProtocol: 3 }), "INVALID_POOL_STATE");
  assert.equal(createV3PoolState({ ...base, feeProtocol: 4 + (10 << 4) }).feeProtocol, 164);
});

Deno.test("v3MaxLiquidityPerTick matches Tick.tickSpacingToMaxLiquidityPerTick", () => {
  assert.equal(v3MaxLiquidityPerTick(10), 1917569901783203986719870431555990n);
  assert.equal(v3MaxLiquidityPerTick(60), 11505743598341114571880798222544994n);
  assert.equal(v3MaxLiquidityPerTick(200), 38350317471085141830651933667504588n);
  assert.equal(v3MaxLiquidityPerTick(2302), 441351967472034323558203122479595605n);
  assert.equal(v3MaxLiquidityPerTick(16383), ((1n << 128n) - 1n) / 109n);
});

Deno.test("cloneV3PoolState copies the tick table so events on the copy stay there", () => {
  const a = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 500, tickSpacing: 10 });
  const b = cloneV3PoolState(a);
  v3ApplyMint(b, -10, 10, 1000n);
  assert.deepEqual([a.ticks.size, a.liquidity, b.ticks.size, b.liquidity], [0, 0n, 2, 1000n]);
});
