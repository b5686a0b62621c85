// lib/risk/normal.ts — one job: the standard normal distribution (density, CDF, inverse CDF)
// in double precision, for the VaR estimators. Statistics only: never used on amounts.
import { RiskError } from "./errors.ts";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Density of the standard normal, φ(x) = e^(−x²/2) / √(2π).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalPdf } from "./normal.ts";
 * assert(Math.abs(normalPdf(0) - 0.3989422804014327) < 1e-16);
 * ```
 */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

// Φ(x) for |x| < 3 from its Taylor series φ(x)·Σ x^(2k+1)/(1·3·…·(2k+1)), all terms positive.
function cdfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 1; k < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= x2 / (2 * k + 1);
    sum += term;
  }
  return 0.5 + normalPdf(x) * sum;
}

// Upper tail Q(x) = 1 − Φ(x) for x ≥ 3 from Laplace's continued fraction, evaluated backwards.
function upperTail(x: number): number {
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / f;
  return normalPdf(x) / f;
}

/**
 * The standard normal CDF Φ(x), to about 1e-15 (relative, in both tails).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalCdf } from "./normal.ts";
 * assert(Math.abs(normalCdf(1) - 0.8413447460685429) < 1e-15);
 * ```
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 3) return 1 - upperTail(x);
  if (x <= -3) return upperTail(-x);
  return cdfSeries(x);
}

// Wichura's AS 241 (PPND16): three rational approximations of degree 7, relative error ~1e-16.
const A = [
  3.387132872796366608,
  133.14166789178437745,
  1971.5909503065514427,
  13731.693765509461125,
  45921.953931549871457,
  67265.770927008700853,
  33430.575583588128105,
  2509.0809287301226727,
];
const B = [
  1,
  42.313330701600911252,
  687.1870074920579083,
  5394.1960214247511077,
  21213.794301586595867,
  39307.89580009271061,
  28729.085735721942674,
  5226.495278852854561,
];
const C = [
  1.42343711074968357734,
  4.6303378461565452959,
  5.7694972214606914055,
  3.64784832476320460504,
  1.27045825245236838258,
  0.24178072517745061177,
  0.0227238449892691845833,
  7.7454501427834140764e-4,
];
const D = [
  1,
  2.05319162663775882187,
  1.6763848301838038494,
  0.68976733498510000455,
  0.14810397642748007459,
  0.0151986665636164571966,
  5.475938084995344946e-4,
  1.05075007164441684324e-9,
];
const E = [
  6.6579046435011037772,
  5.4637849111641143699,
  1.7848265399172913358,
  0.29656057182850489123,
  0.026532189526576123093,
  0.0012426609473880784386,
  2.71155556874348757815e-5,
  2.01033439929228813265e-7,
];
const F = [
  1,
  0.59983220655588793769,
  0.13692988092273580531,
  0.0148753612908506148525,
  7.868691311456132591e-4,
  1.8463183175100546818e-5,
  1.4215117583164458887e-7,
  2.04426310338993978564e-15,
];

function poly(c: readonly number[], x: number): number {
  let y = 0;
  for (let i = c.length - 1; i >= 0; i--) y = y * x + c[i]!;
  return y;
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Wichura's algorithm AS 241, about 16
 * significant digits): `normalInverseCdf(0.99)` ≈ 2.3263478740408408.
 *
 * @throws {RiskError} `BAD_PROBABILITY` unless 0 < p < 1
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalInverseCdf } from "./normal.ts";
 * assert(Math.abs(normalInverseCdf(0.975) - 1.959963984540054) < 1e-15);
 * ```
 */
export function normalInverseCdf(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new RiskError(
      "BAD_PROBABILITY",
      `Probability must be strictly between 0 and 1, got ${p}`,
      {
        p,
      },
    );
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}
