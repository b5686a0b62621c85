// tests/amm/v3_swap_test.ts — properties of the simulated V3 swap loop.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  createV3PoolState,
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  v3ApplySwap,
  type V3PoolState,
  v3Swap,
  v3SwapWithFees,
} from "../../lib/amm/mod.ts";
import { buildPool, liquidityAt, poolArb, poolFrom } from "./_pools.ts";

const MAX_INT256 = (1n << 255n) - 1n;

function defaultLimit(zeroForOne: boolean): bigint {
  return zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
}

function snapshot(pool: V3PoolState): string {
  return JSON.stringify(
    { ...pool, ticks: [...pool.ticks.entries()] },
    (_, v) => (typeof v === "bigint" ? String(v) : v),
  );
}

const amountArb = fc.bigInt({ min: 1n, max: 10n ** 24n });

Deno.test("a swap ends with the liquidity its crossed ticks imply and counts them", () => {
  fc.assert(
    fc.property(
      poolArb,
      fc.boolean(),
      amountArb,
      fc.boolean(),
      (spec, zeroForOne, amount, exactIn) => {
        const pool = poolFrom(spec);
        assert.equal(pool.liquidity, liquidityAt(pool.ticks, pool.tick));
        const r = v3Swap(pool, zeroForOne, exactIn ? amount : -amount, defaultLimit(zeroForOne));
        assert.equal(r.liquidity, liquidityAt(pool.ticks, r.tick));
        const [low, high] = zeroForOne ? [r.tick + 1, pool.tick] : [pool.tick + 1, r.tick];
        assert.equal(r.initializedTicksCrossed, pool.ticks.countInRange(low, high));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("exact input never spends more than specified and exact output never pays more", () => {
  fc.assert(
    fc.property(poolArb, fc.boolean(), amountArb, (spec, zeroForOne, amount) => {
      const pool = poolFrom(spec);
      const limit = defaultLimit(zeroForOne);
      const exactIn = v3Swap(pool, zeroForOne, amount, limit);
      const [paid, received] = zeroForOne
        ? [exactIn.amount0, -exactIn.amount1]
        : [exactIn.amount1, -exactIn.amount0];
      assert.ok(paid >= 0n && paid <= amount && received >= 0n);
      const exactOut = v3Swap(pool, zeroForOne, -amount, limit);
      const [paidOut, got] = zeroForOne
        ? [exactOut.amount0, -exactOut.amount1]
        : [exactOut.amount1, -exactOut.amount0];
      assert.ok(got >= 0n && got <= amount && paidOut >= 0n);
    }),
    { numRuns: 300 },
  );
});

Deno.test("buying exactly what an exact-input swap received never costs more than it paid", () => {
  fc.assert(
    fc.property(poolArb, fc.boolean(), amountArb, (spec, zeroForOne, amount) => {
      const pool = poolFrom(spec);
      const limit = defaultLimit(zeroForOne);
      const first = v3Swap(pool, zeroForOne, amount, limit);
      const received = zeroForOne ? -first.amount1 : -first.amount0;
      fc.pre(received > 0n);
      const back = v3Swap(pool, zeroForOne, -received, limit);
      const [paid, got] = zeroForOne
        ? [back.amount0, -back.amount1]
        : [back.amount1, -back.amount0];
      assert.equal(got, received);
      assert.ok(paid <= amount, `paid ${paid} for what ${amount} bought`);
      // the price moves at most as far as the exact-input swap moved it
      assert.ok(
        zeroForOne
          ? back.sqrtPriceX96 >= first.sqrtPriceX96
          : back.sqrtPriceX96 <= first.sqrtPriceX96,
      );
    }),
    { numRuns: 300 },
  );
});

Deno.test("a price limit stops the swap exactly at the limit", () => {
  fc.assert(
    fc.property(poolArb, fc.boolean(), fc.integer({ min: 1, max: 20_000 }), fc.boolean(), (
      spec,
      zeroForOne,
      distance,
      exactIn,
    ) => {
      const pool = poolFrom(spec);
      const limitTick = pool.tick + (zeroForOne ? -distance : distance);
      const limit = getSqrtRatioAtTick(limitTick) + 12345n;
      fc.pre(zeroForOne ? limit < pool.sqrtPriceX96 : limit > pool.sqrtPriceX96);
      const r = v3Swap(pool, zeroForOne, exactIn ? MAX_INT256 : -MAX_INT256, limit);
      assert.equal(r.sqrtPriceX96, limit);
      assert.equal(r.tick, getTickAtSqrtRatio(limit));
      assert.equal(r.liquidity, liquidityAt(pool.ticks, r.tick));
      const used = exactIn === zeroForOne ? r.amount0 : r.amount1;
      assert.ok(exactIn ? used < MAX_INT256 : used > -MAX_INT256);
    }),
    { numRuns: 200 },
  );
});

Deno.test("v3Swap leaves the pool state untouched", () => {
  fc.assert(
    fc.property(poolArb, fc.boolean(), amountArb, (spec, zeroForOne, amount) => {
      const pool = poolFrom(spec);
      const before = snapshot(pool);
      v3Swap(pool, zeroForOne, amount, defaultLimit(zeroForOne));
      v3SwapWithFees(pool, zeroForOne, -amount, defaultLimit(zeroForOne));
      assert.equal(snapshot(pool), before);
    }),
    { numRuns: 50 },
  );
});

Deno.test("v3Swap and v3SwapWithFees agree and the fee is what the input paid beyond the curve", () => {
  fc.assert(
    fc.property(poolArb, fc.boolean(), amountArb, (spec, zeroForOne, amount) => {
      const pool = poolFrom(spec);
      const limit = defaultLimit(zeroForOne);
      const plain = v3Swap(pool, zeroForOne, amount, limit);
      const withFees = v3SwapWithFees(pool, zeroForOne, amount, limit);
      assert.deepEqual({
        ...withFees,
        feeAmount: 0n,
        protocolFee: 0n,
        feeGrowthGlobalX128Delta: 0n,
      }, {
        ...plain,
        feeAmount: 0n,
        protocolFee: 0n,
        feeGrowthGlobalX128Delta: 0n,
      });
      const paid = zeroForOne ? plain.amount0 : plain.amount1;
      assert.ok(withFees.feeAmount <= paid && withFees.protocolFee === 0n);
      // fee ≥ the tier's share of the input, rounded down (each step rounds its fee up)
      assert.ok(withFees.feeAmount * 1_000_000n >= paid * BigInt(spec.fee) - 1_000_000n);
    }),
    { numRuns: 200 },
  );
});

Deno.test("the protocol fee takes its share without changing the swap amounts", () => {
  const { pool } = buildPool(getSqrtRatioAtTick(0), 3000, 60, [
    { tickLower: -600, tickUpper: 600, liquidity: 10n ** 20n },
    { tickLower: -120, tickUpper: 180, liquidity: 10n ** 21n },
  ]);
  const off = v3SwapWithFees(pool, true, 10n ** 19n, MIN_SQRT_RATIO + 1n);
  const on = v3SwapWithFees(
    { ...pool, feeProtocol: 4 + (6 << 4) },
    true,
    10n ** 19n,
    MIN_SQRT_RATIO + 1n,
  );
  assert.deepEqual([on.amount0, on.amount1, on.sqrtPriceX96, on.tick], [
    off.amount0,
    off.amount1,
    off.sqrtPriceX96,
    off.tick,
  ]);
  assert.ok(on.protocolFee > 0n && on.protocolFee <= on.feeAmount / 4n);
  assert.ok(on.feeGrowthGlobalX128Delta < off.feeGrowthGlobalX128Delta);
});

Deno.test("v3Swap rejects a zero amount with AS and a limit on the wrong side with SPL", () => {
  const { pool } = buildPool(1n << 96n, 500, 10, [{
    tickLower: -100,
    tickUpper: 100,
    liquidity: 10n ** 18n,
  }]);
  const code = (fn: () => unknown, revert: string) =>
    assert.throws(fn, (e: unknown) => e instanceof AmmError && e.details.revert === revert);
  code(() => v3Swap(pool, true, 0n, MIN_SQRT_RATIO + 1n), "AS");
  code(() => v3Swap(pool, true, 1n, pool.sqrtPriceX96), "SPL");
  code(() => v3Swap(pool, true, 1n, pool.sqrtPriceX96 + 1n), "SPL");
  code(() => v3Swap(pool, true, 1n, MIN_SQRT_RATIO), "SPL");
  code(() => v3Swap(pool, false, 1n, pool.sqrtPriceX96), "SPL");
  code(() => v3Swap(pool, false, 1n, MAX_SQRT_RATIO), "SPL");
  assert.throws(() => v3Swap(pool, true, 1n << 255n, MIN_SQRT_RATIO + 1n), AmmError);
});

Deno.test("a swap through an empty range jumps it and resumes in the next position", () => {
  const { pool } = buildPool(getSqrtRatioAtTick(0), 3000, 60, [
    { tickLower: -6000, tickUpper: -3000, liquidity: 10n ** 20n },
    { tickLower: 3000, tickUpper: 6000, liquidity: 10n ** 20n },
  ]);
  assert.equal(pool.liquidity, 0n);
  const r = v3Swap(pool, true, 10n ** 17n, MIN_SQRT_RATIO + 1n);
  assert.ok(r.tick < -3000 && r.tick > -6000 && r.liquidity === 10n ** 20n);
  assert.equal(r.initializedTicksCrossed, 1);
});

Deno.test("applying a swap result moves the state so the next swap continues from it", () => {
  const { pool } = buildPool(getSqrtRatioAtTick(-30), 500, 10, [
    { tickLower: -500, tickUpper: 500, liquidity: 10n ** 20n },
    { tickLower: -100, tickUpper: 20, liquidity: 5n * 10n ** 20n },
  ]);
  const r = v3Swap(pool, true, 10n ** 18n, MIN_SQRT_RATIO + 1n);
  v3ApplySwap(pool, r);
  assert.deepEqual([pool.sqrtPriceX96, pool.tick, pool.liquidity], [
    r.sqrtPriceX96,
    r.tick,
    r.liquidity,
  ]);
  const next = v3Swap(pool, false, 10n ** 18n, MAX_SQRT_RATIO - 1n);
  assert.ok(next.sqrtPriceX96 > r.sqrtPriceX96);
  assert.equal(next.liquidity, liquidityAt(pool.ticks, next.tick));
});

Deno.test("a swap from a price exactly on a tick crosses it without moving first", () => {
  const start = getSqrtRatioAtTick(60);
  const pool = createV3PoolState({ sqrtPriceX96: start, fee: 3000, tickSpacing: 60 });
  const { pool: withLiquidity } = buildPool(start, 3000, 60, [
    { tickLower: 60, tickUpper: 600, liquidity: 10n ** 18n },
    { tickLower: -600, tickUpper: 600, liquidity: 10n ** 18n },
  ]);
  assert.equal(pool.tick, 60);
  const r = v3Swap(withLiquidity, true, 1000n, MIN_SQRT_RATIO + 1n);
  assert.equal(r.initializedTicksCrossed, 1);
  assert.equal(r.liquidity, 10n ** 18n);
  assert.ok(r.tick < 60);
});
