// lib/risk/usd_from_fraction.ts — one job: turn a statistic (a float fraction of NAV) into USD
// fixed point deterministically: the float's exact binary value times NAV, rounded once.
import { fitsI64 } from "../portfolio/mod.ts";
import { RiskError } from "./errors.ts";

const view = new DataView(new ArrayBuffer(8));

// The exact value of a finite double as mantissa · 2^exponent (both integers).
function exactParts(x: number): { mantissa: bigint; exponent: bigint } {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = BigInt((biased === 0 ? 1 : biased) - 1075);
  return { mantissa: sign * mantissa, exponent };
}

/**
 * `navUsd · fraction` in USD fixed point, where `fraction` is taken at its exact binary value
 * (no decimal detour) and the product is rounded once, half away from zero. Deterministic on
 * every platform, and exact when the product is a whole number of units.
 *
 * @throws {RiskError} `VALUE_OUT_OF_RANGE` for a fraction that is not finite or a result
 * outside i64
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usdFromFraction } from "./usd_from_fraction.ts";
 * assert.equal(usdFromFraction(1_000_000_00000000n, 0.45), 450_000_00000000n);
 * assert.equal(usdFromFraction(3n, 0.5), 2n); // 1.5 rounds away from zero
 * assert.equal(usdFromFraction(3n, -0.5), -2n);
 * ```
 */
export function usdFromFraction(navUsd: bigint, fraction: number): bigint {
  if (!Number.isFinite(fraction)) {
    throw new RiskError("VALUE_OUT_OF_RANGE", `Fraction of NAV must be finite, got ${fraction}`, {
      fraction,
    });
  }
  const { mantissa, exponent } = exactParts(fraction);
  let out: bigint;
  if (exponent >= 0n) out = navUsd * mantissa * (1n << exponent);
  else {
    const num = navUsd * mantissa;
    const den = 1n << -exponent;
    const neg = num < 0n;
    const a = neg ? -num : num;
    const q = (a + den / 2n) / den; // den is a power of two ≥ 2: half is exact
    out = neg ? -q : q;
  }
  if (!fitsI64(out)) {
    throw new RiskError("VALUE_OUT_OF_RANGE", `USD figure ${out} is outside the i64 range`, {
      navUsd,
      fraction,
    });
  }
  return out;
}
