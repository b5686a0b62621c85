import assert from "node:assert/strict";
import fc from "fast-check";
import { normalCdf, normalInverseCdf, normalPdf, RiskError } from "../../lib/risk/mod.ts";
import { caught } from "./_fixtures.ts";

// Reference quantiles computed to 20 digits with mpmath (bisection on ncdf at 50 digits).
const QUANTILES: [number, number][] = [
  [0.5, 0],
  [0.975, 1.9599639845400542355],
  [0.99, 2.3263478740408411009],
  [0.999, 3.0902323061678135415],
  [0.3, -0.52440051270804078404],
  [0.02425, -1.9729610513118848503],
  [0.0001, -3.7190164854556805644],
  [1e-5, -4.2648907939228246285],
  [1e-10, -6.3613409024040562047],
  [1e-300, -37.047096299361199237],
];

Deno.test("normalInverseCdf matches reference quantiles to a few ulps in all three regions", () => {
  for (const [p, z] of QUANTILES) {
    const got = normalInverseCdf(p);
    assert(Math.abs(got - z) <= 4e-16 * Math.max(1, Math.abs(z)), `p=${p}: ${got} vs ${z}`);
  }
  // 0.95 is stored as 0.94999999999999995559: its quantile lies 4.3e-16 below Φ⁻¹(0.95)
  assert(Math.abs(normalInverseCdf(0.95) - 1.6448536269514727149) < 1.5e-15);
});

Deno.test("normalInverseCdf is odd around one half and increasing", () => {
  fc.assert(
    // p = k / 2^30, so that 1 − p is exact too
    fc.property(fc.integer({ min: 1, max: 2 ** 29 }), (k) => {
      const p = k / 2 ** 30;
      assert(Math.abs(normalInverseCdf(p) + normalInverseCdf(1 - p)) < 1e-14);
      assert(normalInverseCdf(p) < normalInverseCdf((k + 1) / 2 ** 30));
    }),
  );
});

Deno.test("normalCdf inverts normalInverseCdf to a relative 1e-12 of the smaller tail", () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-300, max: 1 - 1e-9, noNaN: true }), (p) => {
      const err = Math.abs(normalCdf(normalInverseCdf(p)) - p) / Math.min(p, 1 - p);
      assert(err < 1e-12, `p=${p}: ${err}`);
    }),
  );
});

Deno.test("normalCdf and normalPdf match reference values", () => {
  assert(Math.abs(normalCdf(1) - 0.84134474606854294859) < 2e-16);
  assert(Math.abs(normalCdf(2) - 0.97724986805182079280) < 2e-16);
  assert(Math.abs(normalCdf(-3) / 0.0013498980316300945267 - 1) < 1e-14);
  assert(Math.abs(normalCdf(-8) / 6.2209605742717841235e-16 - 1) < 1e-13);
  assert(Math.abs(normalPdf(2.3263478740408411) - 0.026652142203458048132) < 1e-17);
});

Deno.test("normalInverseCdf refuses a probability outside (0, 1)", () => {
  for (const p of [0, 1, -0.1, 1.5, NaN]) {
    const err = caught(() => normalInverseCdf(p));
    assert(err instanceof RiskError && err.code === "BAD_PROBABILITY", String(p));
  }
});
