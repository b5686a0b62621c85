// tests/amm/pool_events_test.ts — rebuilding V3 state from Mint, Burn and Swap events.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AmmError,
  createV3PoolState,
  getAmount0Delta,
  getAmount1Delta,
  getSqrtRatioAtTick,
  v3ApplyBurn,
  v3ApplyMint,
  v3ApplySwap,
  v3MaxLiquidityPerTick,
  type V3PoolState,
} from "../../lib/amm/mod.ts";
import { liquidityAt } from "./_pools.ts";

function pool(tick = 0): V3PoolState {
  return createV3PoolState({
    sqrtPriceX96: getSqrtRatioAtTick(tick) + 1n,
    fee: 3000,
    tickSpacing: 60,
  });
}

function fingerprint(p: V3PoolState): string {
  return JSON.stringify(
    [p.liquidity, p.sqrtPriceX96, p.tick, [...p.ticks.entries()]],
    (_, v) => typeof v === "bigint" ? String(v) : v,
  );
}

function throwsUnchanged(p: V3PoolState, fn: () => unknown, code: string, revert?: string): void {
  const before = fingerprint(p);
  assert.throws(
    fn,
    (e: unknown) =>
      e instanceof AmmError && e.code === code &&
      (revert === undefined || e.details.revert === revert),
  );
  assert.equal(fingerprint(p), before, "state changed by a rejected event");
}

Deno.test("a mint around the price adds active liquidity and charges both tokens, rounded up", () => {
  const p = pool();
  const L = 10n ** 18n;
  const owed = v3ApplyMint(p, -120, 180, L);
  assert.equal(p.liquidity, L);
  assert.equal(owed.amount0, getAmount0Delta(p.sqrtPriceX96, getSqrtRatioAtTick(180), L, true));
  assert.equal(owed.amount1, getAmount1Delta(getSqrtRatioAtTick(-120), p.sqrtPriceX96, L, true));
  assert.deepEqual(p.ticks.get(-120), { liquidityGross: L, liquidityNet: L });
  assert.deepEqual(p.ticks.get(180), { liquidityGross: L, liquidityNet: -L });
});

Deno.test("a mint above the price costs only token0 and one below only token1", () => {
  const p = pool();
  const above = v3ApplyMint(p, 60, 600, 10n ** 18n);
  const below = v3ApplyMint(p, -600, -60, 10n ** 18n);
  assert.ok(above.amount0 > 0n && above.amount1 === 0n);
  assert.ok(below.amount0 === 0n && below.amount1 > 0n);
  assert.equal(p.liquidity, 0n);
  // the upper tick bound is exclusive: a position ending at the current tick is out of range
  const atTick = pool(60);
  v3ApplyMint(atTick, -60, 60, 5n);
  assert.equal(atTick.liquidity, 0n);
  v3ApplyMint(atTick, 60, 120, 7n);
  assert.equal(atTick.liquidity, 7n);
});

Deno.test("ticks shared by positions sum their gross and net liquidity", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.integer({ min: -40, max: 40 }),
          fc.integer({ min: 1, max: 20 }),
          fc.bigInt({ min: 1n, max: 10n ** 20n }),
        ),
        { minLength: 1, maxLength: 15 },
      ),
      (positions) => {
        const p = pool(7);
        const gross = new Map<number, bigint>();
        const net = new Map<number, bigint>();
        for (const [lo, width, L] of positions) {
          const [lower, upper] = [lo * 60, (lo + width) * 60];
          v3ApplyMint(p, lower, upper, L);
          gross.set(lower, (gross.get(lower) ?? 0n) + L);
          gross.set(upper, (gross.get(upper) ?? 0n) + L);
          net.set(lower, (net.get(lower) ?? 0n) + L);
          net.set(upper, (net.get(upper) ?? 0n) - L);
        }
        for (const t of p.ticks.entries()) {
          assert.deepEqual([t.liquidityGross, t.liquidityNet], [
            gross.get(t.tick),
            net.get(t.tick),
          ]);
        }
        assert.equal(p.ticks.size, gross.size);
        assert.equal(p.liquidity, liquidityAt(p.ticks, p.tick));
      },
    ),
  );
});

Deno.test("burning every position empties the table and returns at most what was paid", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.integer({ min: -40, max: 40 }),
          fc.integer({ min: 1, max: 20 }),
          fc.bigInt({ min: 1n, max: 10n ** 20n }),
        ),
        { minLength: 1, maxLength: 10 },
      ),
      (positions) => {
        const p = pool(-13);
        const paid = positions.map(([lo, width, L]) =>
          v3ApplyMint(p, lo * 60, (lo + width) * 60, L)
        );
        positions.forEach(([lo, width, L], i) => {
          const back = v3ApplyBurn(p, lo * 60, (lo + width) * 60, L);
          const { amount0, amount1 } = paid[i]!;
          assert.ok(amount0 - back.amount0 <= 1n && back.amount0 <= amount0);
          assert.ok(amount1 - back.amount1 <= 1n && back.amount1 <= amount1);
        });
        assert.equal(p.ticks.size, 0);
        assert.equal(p.liquidity, 0n);
      },
    ),
  );
});

Deno.test("a burn of zero changes nothing", () => {
  const p = pool();
  v3ApplyMint(p, -60, 60, 100n);
  const before = fingerprint(p);
  assert.deepEqual(v3ApplyBurn(p, -60, 60, 0n), { amount0: 0n, amount1: 0n });
  assert.equal(fingerprint(p), before);
});

Deno.test("mints and burns the pool would reject throw and leave the state unchanged", () => {
  const p = pool();
  v3ApplyMint(p, -60, 60, 100n);
  throwsUnchanged(p, () => v3ApplyMint(p, 60, 60, 1n), "INVALID_TICK_RANGE", "TLU");
  throwsUnchanged(p, () => v3ApplyMint(p, -887280, 60, 1n), "INVALID_TICK_RANGE", "TLM");
  throwsUnchanged(p, () => v3ApplyMint(p, -60, 887280, 1n), "INVALID_TICK_RANGE", "TUM");
  throwsUnchanged(p, () => v3ApplyMint(p, -60, 90, 1n), "TICK_NOT_SPACED");
  throwsUnchanged(p, () => v3ApplyMint(p, -60, 60, 0n), "ZERO_AMOUNT");
  throwsUnchanged(p, () => v3ApplyMint(p, -60, 60, 1n << 127n), "VALUE_OUT_OF_RANGE");
  throwsUnchanged(
    p,
    () => v3ApplyMint(p, -60, 120, v3MaxLiquidityPerTick(60)),
    "TICK_LIQUIDITY_OVERFLOW",
    "LO",
  );
  throwsUnchanged(p, () => v3ApplyBurn(p, -60, 60, 101n), "LIQUIDITY_UNDERFLOW", "LS");
  throwsUnchanged(p, () => v3ApplyBurn(p, -120, 60, 1n), "LIQUIDITY_UNDERFLOW", "LS");
});

Deno.test("v3ApplySwap sets price, tick and liquidity and rejects an inconsistent tick", () => {
  const p = pool();
  v3ApplyMint(p, -600, 600, 10n ** 18n);
  const price = getSqrtRatioAtTick(-300);
  v3ApplySwap(p, { sqrtPriceX96: price, tick: -300, liquidity: 10n ** 18n });
  assert.deepEqual([p.sqrtPriceX96, p.tick], [price, -300]);
  // one below is what a zeroForOne swap ending exactly on the tick leaves
  v3ApplySwap(p, { sqrtPriceX96: price, tick: -301, liquidity: 10n ** 18n });
  assert.equal(p.tick, -301);
  throwsUnchanged(
    p,
    () => v3ApplySwap(p, { sqrtPriceX96: price, tick: -299, liquidity: 1n }),
    "INVALID_POOL_STATE",
  );
  throwsUnchanged(
    p,
    () => v3ApplySwap(p, { sqrtPriceX96: price, tick: -300, liquidity: -1n }),
    "VALUE_OUT_OF_RANGE",
  );
});
