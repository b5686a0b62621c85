import assert from "node:assert/strict";
import {
  empiricalQuantile,
  ewmaVar,
  ewmaVolatility,
  historicalVar,
  normalPdf,
  parametricVar,
  RiskError,
  type RiskErrorCode,
} from "../../lib/risk/mod.ts";
import { caught } from "./_fixtures.ts";
import { boxMuller, normalGrid, shuffled } from "./_samples.ts";

const Z95 = 1.6448536269514727;
const Z99 = 2.3263478740408411;
const close = (got: number, want: number, rel: number, what: string) =>
  assert(Math.abs(got - want) <= rel * Math.abs(want), `${what}: ${got} vs ${want}`);

function rejects(f: () => unknown, code: RiskErrorCode): void {
  const err = caught(f);
  assert(err instanceof RiskError && err.code === code, String(err));
}

// 1001 returns evenly spaced over [−0.5, 0.5]: the uniform distribution on a grid
const UNIFORM = shuffled(Array.from({ length: 1001 }, (_, i) => (i - 500) / 1000));

Deno.test("historical VaR of a uniform grid is the grid's exact quantile at 95% and 99%", () => {
  assert.equal(historicalVar(UNIFORM, 9_500).valueAtRisk, 0.45);
  assert.equal(historicalVar(UNIFORM, 9_900).valueAtRisk, 0.49);
  assert.equal(historicalVar(UNIFORM, 9_750).valueAtRisk, 0.475);
});

Deno.test("historical CVaR of a uniform grid is the mean of its tail, (a + q)/2", () => {
  close(historicalVar(UNIFORM, 9_500).expectedShortfall, 0.475, 1e-14, "cvar95");
  close(historicalVar(UNIFORM, 9_900).expectedShortfall, 0.495, 1e-14, "cvar99");
});

Deno.test("empiricalQuantile interpolates linearly between order statistics (type 7)", () => {
  const x = [10, 20, 30, 40, 50];
  assert.equal(empiricalQuantile(x, 0), 10);
  assert.equal(empiricalQuantile(x, 1), 50);
  assert.equal(empiricalQuantile(x, 0.5), 30);
  assert.equal(empiricalQuantile(x, 0.125), 15);
  assert.equal(empiricalQuantile([7], 0.3), 7);
});

Deno.test("historical CVaR between grid points integrates the interpolated quantile exactly", () => {
  // n = 3: Q(u) = −1 + 2u on [0, ½]; tail 1/4 → VaR 0.5, CVaR = −4·∫₀^¼ Q = 0.75
  const v = historicalVar([1, 0, -1], 7_500);
  assert.equal(v.valueAtRisk, 0.5);
  assert.equal(v.expectedShortfall, 0.75);
});

Deno.test("historical and parametric VaR of an exact normal quantile grid match z·σ tightly", () => {
  const sigma = 0.02;
  const grid = normalGrid(100_000, sigma);
  close(historicalVar(grid, 9_500).valueAtRisk, Z95 * sigma, 1e-4, "hist 95");
  close(historicalVar(grid, 9_900).valueAtRisk, Z99 * sigma, 2e-4, "hist 99");
  close(parametricVar(grid, 9_500).valueAtRisk, Z95 * sigma, 1e-4, "param 95");
  close(parametricVar(grid, 9_900).valueAtRisk, Z99 * sigma, 1e-4, "param 99");
});

Deno.test("CVaR of the normal is σ·φ(z)/(1 − α), historically and parametrically", () => {
  const sigma = 0.02;
  const grid = normalGrid(100_000, sigma);
  const es95 = (sigma * normalPdf(Z95)) / 0.05;
  const es99 = (sigma * normalPdf(Z99)) / 0.01;
  close(historicalVar(grid, 9_500).expectedShortfall, es95, 5e-4, "hist 95");
  close(historicalVar(grid, 9_900).expectedShortfall, es99, 1e-3, "hist 99");
  close(parametricVar(grid, 9_500).expectedShortfall, es95, 1e-4, "param 95");
  close(parametricVar(grid, 9_900).expectedShortfall, es99, 1e-4, "param 99");
});

Deno.test("VaR of a seeded Box–Muller normal sample lies within its sampling error of z·σ", () => {
  // n = 200000: the 5% quantile's standard error is about 0.2% of it; the bounds allow 5 of them
  const sigma = 0.015;
  const sample = boxMuller(200_000, sigma);
  close(historicalVar(sample, 9_500).valueAtRisk, Z95 * sigma, 0.01, "hist 95");
  close(historicalVar(sample, 9_900).valueAtRisk, Z99 * sigma, 0.015, "hist 99");
  close(parametricVar(sample, 9_500).valueAtRisk, Z95 * sigma, 0.01, "param 95");
  close(
    historicalVar(sample, 9_500).expectedShortfall,
    (sigma * normalPdf(Z95)) / 0.05,
    0.015,
    "es",
  );
});

Deno.test("parametric VaR and CVaR move down one for one with the mean return", () => {
  const grid = normalGrid(10_000, 0.01);
  const shifted = grid.map((x) => x + 0.003);
  const a = parametricVar(grid, 9_900);
  const b = parametricVar(shifted, 9_900);
  close(a.valueAtRisk - b.valueAtRisk, 0.003, 1e-9, "var");
  close(a.expectedShortfall - b.expectedShortfall, 0.003, 1e-9, "es");
});

Deno.test("EWMA volatility of a constant-variance series is that volatility", () => {
  const series = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? 0.013 : -0.013));
  close(ewmaVolatility(series), 0.013, 1e-15, "sigma");
});

Deno.test("EWMA variance forgets a shock geometrically: σ² + λ^(n−1)·(shock² − σ²)", () => {
  const sigma = 0.01;
  for (const n of [2, 10, 50, 200]) {
    const series = [
      10 * sigma,
      ...Array.from({ length: n - 1 }, (_, i) => (i % 2 ? sigma : -sigma)),
    ];
    const want = sigma ** 2 + 0.94 ** (n - 1) * (100 * sigma ** 2 - sigma ** 2);
    close(ewmaVolatility(series) ** 2, want, 1e-12, `n=${n}`);
  }
  const long = [10 * sigma, ...Array.from({ length: 600 }, (_, i) => (i % 2 ? sigma : -sigma))];
  close(ewmaVolatility(long), sigma, 1e-12, "converged");
});

Deno.test("EWMA variance over a long seeded normal series averages σ²", () => {
  const sigma = 0.02;
  // 3000 windows of 100 returns; each estimate is unbiased (E[r²] = σ²) with a relative
  // standard deviation near 0.25, so the mean's is near 0.5%: the bound allows 4 of them
  const sample = boxMuller(300_000, sigma, 0, 1234);
  let sum = 0;
  for (let t = 100; t <= sample.length; t += 100) {
    sum += ewmaVolatility(sample.slice(t - 100, t)) ** 2;
  }
  close(sum / 3000, sigma ** 2, 0.02, "mean variance");
});

Deno.test("EWMA VaR and CVaR are z·σ and σ·φ(z)/(1 − α) with the EWMA σ", () => {
  const series = [0.01, -0.01, 0.01, -0.01];
  close(ewmaVar(series, 9_900).valueAtRisk, Z99 * 0.01, 1e-15, "var");
  close(ewmaVar(series, 9_500).expectedShortfall, (0.01 * normalPdf(Z95)) / 0.05, 1e-14, "es");
});

Deno.test("the estimators refuse too few or non-finite returns, a bad confidence, a bad λ", () => {
  rejects(() => historicalVar([0.1], 9_500), "BAD_RETURNS");
  rejects(() => parametricVar([0.1, NaN], 9_500), "BAD_RETURNS");
  rejects(() => ewmaVolatility([]), "BAD_RETURNS");
  rejects(() => ewmaVolatility([Infinity]), "BAD_RETURNS");
  for (const c of [0, 10_000, 9_500.5, -1]) {
    rejects(() => historicalVar([0, 1], c), "BAD_CONFIDENCE");
  }
  rejects(() => ewmaVolatility([0.1], 1), "BAD_CONFIG");
  rejects(() => ewmaVolatility([0.1], 0), "BAD_CONFIG");
});
