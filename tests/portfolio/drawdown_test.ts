import assert from "node:assert/strict";
import fc from "fast-check";
import { drawdownBps, drawdownReaches } from "../../lib/portfolio/mod.ts";

Deno.test("drawdownBps is the floor of the exact drawdown and drawdownReaches compares it exactly", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 10n ** 18n }),
      fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
      fc.integer({ min: 1, max: 10_000 }),
      (peak, nav, bps) => {
        const dd = drawdownBps(nav, peak);
        if (nav >= peak) assert.equal(dd, 0);
        else {
          const exact = ((peak - nav) * 10_000n) / peak;
          assert.equal(BigInt(dd), exact > 0xffff_ffffn ? 0xffff_ffffn : exact); // u32 saturates
        }
        assert.equal(drawdownReaches(nav, peak, bps), (peak - nav) * 10_000n >= BigInt(bps) * peak);
      },
    ),
  );
});

Deno.test("drawdown is zero without a positive peak", () => {
  assert.equal(drawdownBps(-5n, 0n), 0);
  assert.equal(drawdownReaches(-5n, 0n, 1), false);
});
