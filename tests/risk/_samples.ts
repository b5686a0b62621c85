// tests/risk/_samples.ts — deterministic samples of known distributions for the VaR tests.
import { normalInverseCdf } from "../../lib/risk/mod.ts";

/** A seeded 32-bit PRNG (mulberry32): uniform doubles in (0, 1), same sequence every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** `n` draws of N(mu, sigma²) by Box–Muller from a seeded PRNG. */
export function boxMuller(n: number, sigma: number, mu = 0, seed = 42): number[] {
  const u = mulberry32(seed);
  const out: number[] = [];
  while (out.length < n) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const t = 2 * Math.PI * u();
    out.push(mu + sigma * r * Math.cos(t), mu + sigma * r * Math.sin(t));
  }
  return out.slice(0, n);
}

/** The exact quantile grid of N(mu, sigma²): x_i = mu + sigma·Φ⁻¹((i + ½)/n). */
export function normalGrid(n: number, sigma: number, mu = 0): number[] {
  return Array.from({ length: n }, (_, i) => mu + sigma * normalInverseCdf((i + 0.5) / n));
}

/** Fisher–Yates shuffle with a seeded PRNG (the estimators must not depend on order). */
export function shuffled<T>(xs: readonly T[], seed = 7): T[] {
  const u = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
