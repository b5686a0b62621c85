import assert from "node:assert/strict";
import fc from "fast-check";
import { usd } from "../../lib/portfolio/mod.ts";
import {
  computeRiskMetrics,
  estimateVar,
  returnsFromNavs,
  RiskError,
  usdFromFraction,
} from "../../lib/risk/mod.ts";
import { caught } from "./_fixtures.ts";
import { normalGrid, shuffled } from "./_samples.ts";
import { VarMethod } from "../../lib/protocol/mod.ts";

const UNIFORM = shuffled(Array.from({ length: 1001 }, (_, i) => (i - 500) / 1000));

Deno.test("usdFromFraction multiplies by the fraction's exact binary value and rounds half away from zero", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.integer({ min: 0, max: 60 }),
      (nav, k, shift) => {
        const fraction = k / 2 ** shift; // exactly representable: k · 2^−shift
        const num = nav * BigInt(k);
        const den = 1n << BigInt(shift);
        const abs = num < 0n ? -num : num;
        const rounded = (2n * abs + den) / (2n * den);
        const want = num < 0n ? -rounded : rounded;
        if (want >= -(1n << 63n) && want < 1n << 63n) {
          assert.equal(usdFromFraction(nav, fraction), want);
        }
      },
    ),
  );
});

Deno.test("usdFromFraction refuses a fraction that is not finite or a result outside i64", () => {
  for (const [nav, f] of [[1n, NaN], [1n, Infinity], [usd("1000000000"), 1e6]] as const) {
    const err = caught(() => usdFromFraction(nav, f));
    assert(err instanceof RiskError && err.code === "VALUE_OUT_OF_RANGE");
  }
});

Deno.test("returnsFromNavs takes simple returns from the exact differences", () => {
  assert.deepEqual(returnsFromNavs([usd("100"), usd("105"), usd("94.5")]), [0.05, -0.1]);
  assert.deepEqual(returnsFromNavs([usd("1")]), []);
  const err = caught(() => returnsFromNavs([usd("1"), 0n, usd("1")]));
  assert(err instanceof RiskError && err.code === "BAD_RETURNS" && err.details.index === 1);
});

Deno.test("computeRiskMetrics on a uniform grid gives exact historical VaR in USD", () => {
  const nav = usd("1000000");
  const m = computeRiskMetrics({
    returns: UNIFORM,
    navUsd: nav,
    peakNavUsd: usd("1250000"),
    grossExposureUsd: usd("1100000"),
    method: VarMethod.Historical,
  });
  assert.equal(m.var95Usd, usd("450000"));
  assert.equal(m.var99Usd, usd("490000"));
  assert(m.cvar95Usd - usd("475000") <= 1_000n && usd("475000") - m.cvar95Usd <= 1_000n);
  assert(m.cvar99Usd - usd("495000") <= 1_000n && usd("495000") - m.cvar99Usd <= 1_000n);
  assert.deepEqual(
    [m.navUsd, m.peakNavUsd, m.drawdownBps, m.grossExposureUsd, m.method, m.window],
    [nav, usd("1250000"), 2_000, usd("1100000"), 1, 1001],
  );
});

Deno.test("computeRiskMetrics converts each method's VaR of a normal grid into USD of NAV", () => {
  const returns = normalGrid(20_000, 0.01);
  const nav = usd("50000");
  for (const method of [VarMethod.Historical, VarMethod.Parametric, VarMethod.Ewma]) {
    const m = computeRiskMetrics({
      returns,
      navUsd: nav,
      peakNavUsd: nav,
      grossExposureUsd: 0n,
      method,
    });
    const v99 = estimateVar(method, returns, 9_900);
    assert.equal(m.method, method);
    assert.equal(m.var99Usd, usdFromFraction(nav, v99.valueAtRisk));
    assert.equal(m.cvar99Usd, usdFromFraction(nav, v99.expectedShortfall));
    assert(m.var95Usd < m.var99Usd && m.var95Usd < m.cvar95Usd && m.var99Usd < m.cvar99Usd);
  }
  // historical and parametric agree on a normal sample: z₉₉·σ·NAV ≈ 1163.17 USD
  const p = computeRiskMetrics({
    returns,
    navUsd: nav,
    peakNavUsd: nav,
    grossExposureUsd: 0n,
    method: 2,
  });
  assert(p.var99Usd > usd("1162") && p.var99Usd < usd("1164"));
});

Deno.test("computeRiskMetrics refuses an unknown method and fewer than two returns", () => {
  const base = { navUsd: 1n, peakNavUsd: 1n, grossExposureUsd: 0n };
  const bad = caught(() =>
    computeRiskMetrics({ ...base, returns: [0, 1], method: 4 as VarMethod })
  );
  assert(bad instanceof RiskError && bad.code === "BAD_METHOD");
  const short = caught(() => computeRiskMetrics({ ...base, returns: [0], method: VarMethod.Ewma }));
  assert(short instanceof RiskError && short.code === "BAD_RETURNS");
});
