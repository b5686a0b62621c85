// tests/amm/tick_table_test.ts — the sorted tick table against a model of the 256-bit bitmap.
import assert from "node:assert/strict";
import fc from "fast-check";
import { AmmError, V3TickTable } from "../../lib/amm/mod.ts";
import { BitmapModel } from "./_bitmap_model.ts";

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AmmError && e.code === code);
}

function tableOf(tickSpacing: number, ticks: readonly number[]): V3TickTable {
  return V3TickTable.from(
    tickSpacing,
    ticks.map((tick) => ({ tick, liquidityGross: 1n, liquidityNet: 1n })),
  );
}

// The tick set of Uniswap's TickBitmap tests (tick spacing 1).
const SPEC_TICKS = [-200, -55, -4, 70, 78, 84, 139, 240, 535];

Deno.test("nextInitializedTickWithinOneWord searching right stops at ticks and word ends", () => {
  const t = tableOf(1, SPEC_TICKS);
  const next = (tick: number) => {
    const r = t.nextInitializedTickWithinOneWord(tick, false);
    return [r.tick, r.initialized];
  };
  assert.deepEqual(next(78), [84, true]); // from an initialized tick, the next one
  assert.deepEqual(next(-55), [-4, true]);
  assert.deepEqual(next(77), [78, true]); // directly to the right
  assert.deepEqual(next(-56), [-55, true]);
  assert.deepEqual(next(255), [511, false]); // next word has no tick before 535's word end
  assert.deepEqual(next(-257), [-200, true]);
  assert.deepEqual(next(508), [511, false]); // does not exceed the word boundary
  assert.deepEqual(next(383), [511, false]);
});

Deno.test("nextInitializedTickWithinOneWord searching left includes the start tick", () => {
  const t = tableOf(1, SPEC_TICKS);
  const next = (tick: number) => {
    const r = t.nextInitializedTickWithinOneWord(tick, true);
    return [r.tick, r.initialized];
  };
  assert.deepEqual(next(78), [78, true]); // an initialized start tick is returned
  assert.deepEqual(next(79), [78, true]);
  assert.deepEqual(next(258), [256, false]); // stops at the word's first tick
  assert.deepEqual(next(256), [256, false]);
  assert.deepEqual(next(72), [70, true]);
  assert.deepEqual(next(-257), [-512, false]);
  assert.deepEqual(next(1023), [768, false]);
  assert.deepEqual(next(900), [768, false]);
});

Deno.test("nextInitializedTickWithinOneWord agrees with the bitmap model for any spacing", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(1, 10, 60, 200, 7),
      fc.uniqueArray(fc.integer({ min: -1200, max: 1200 }), { maxLength: 40 }),
      fc.integer({ min: -400_000, max: 400_000 }),
      fc.boolean(),
      (spacing, compressed, tick, lte) => {
        const ticks = compressed.map((c) => c * spacing).filter((t) => Math.abs(t) <= 887272);
        const model = new BitmapModel(spacing);
        for (const t of ticks) model.flip(t);
        const r = tableOf(spacing, ticks).nextInitializedTickWithinOneWord(tick, lte);
        assert.deepEqual(
          [r.tick, r.initialized],
          model.nextInitializedTickWithinOneWord(tick, lte),
        );
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("set, get and delete keep the table sorted and report initialization", () => {
  const t = new V3TickTable(10);
  for (const tick of [30, -20, 0, 100]) t.set(tick, { liquidityGross: 5n, liquidityNet: -5n });
  assert.deepEqual(t.ticks(), [-20, 0, 30, 100]);
  t.set(0, { liquidityGross: 9n, liquidityNet: 3n });
  assert.deepEqual(t.get(0), { liquidityGross: 9n, liquidityNet: 3n });
  assert.equal(t.delete(30), true);
  assert.equal(t.delete(30), false);
  t.set(100, { liquidityGross: 0n, liquidityNet: 0n });
  assert.deepEqual(t.ticks(), [-20, 0]);
  assert.equal(t.has(-20) && !t.has(-10), true);
  assert.equal(t.countInRange(-20, 0), 2);
  assert.equal(t.countInRange(-19, 10), 1);
});

Deno.test("set rejects unspaced, out-of-range and impossible ticks", () => {
  const t = new V3TickTable(60);
  throwsCode(() => t.set(30, { liquidityGross: 1n, liquidityNet: 1n }), "TICK_NOT_SPACED");
  throwsCode(() => t.set(887280, { liquidityGross: 1n, liquidityNet: 1n }), "TICK_OUT_OF_RANGE");
  throwsCode(() => t.set(60, { liquidityGross: 1n, liquidityNet: 2n }), "VALUE_OUT_OF_RANGE");
  throwsCode(
    () => t.set(60, { liquidityGross: 1n << 128n, liquidityNet: 0n }),
    "VALUE_OUT_OF_RANGE",
  );
  throwsCode(() => new V3TickTable(0), "INVALID_POOL_STATE");
  throwsCode(() => new V3TickTable(16384), "INVALID_POOL_STATE");
});

Deno.test("clone copies the table so later changes do not leak", () => {
  const a = tableOf(1, [1, 2, 3]);
  const b = a.clone();
  b.delete(2);
  assert.deepEqual(a.ticks(), [1, 2, 3]);
  assert.deepEqual(b.ticks(), [1, 3]);
  assert.equal(b.sqrtPriceAt(1), a.sqrtPriceAt(2));
});
