// lib/devnet/_prng.ts — one job: a small seeded random generator (sfc32), so a seed gives
// the same devnet and the same sequence of simulated trades on every run.

/** A seeded generator of uniform numbers in [0, 1), integers and standard normals. */
export interface Prng {
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
}

/** A generator seeded with any safe integer. */
export function createPrng(seed: number): Prng {
  // splitmix32 spreads the seed over sfc32's four words.
  let s = (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
  const mix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix(), b = mix(), c = mix(), d = mix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
