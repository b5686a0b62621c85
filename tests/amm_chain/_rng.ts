// tests/amm_chain/_rng.ts — one job: a seeded PRNG for the chain scenarios, and replayable seeds.

/** sfc32: small, fast, and good enough to spread swaps over a pool's ticks. */
export class Rng {
  readonly seed: number;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = this.seed;
    for (let i = 0; i < 16; i++) this.next32();
  }

  /** A uniform 32-bit unsigned integer. */
  next32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next32() / 2 ** 32;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    const hit = list[this.int(0, list.length - 1)];
    if (hit === undefined) throw new RangeError("Cannot pick from an empty list");
    return hit;
  }

  /** Uniform bigint in [0, n) for n > 0. */
  below(n: bigint): bigint {
    if (n <= 0n) throw new RangeError(`Bound must be positive, got ${n}`);
    const bits = n.toString(2).length + 32; // extra bits keep the modulo bias negligible
    let x = 0n;
    for (let got = 0; got < bits; got += 32) x = (x << 32n) | BigInt(this.next32());
    return x % n;
  }

  /** `amount` scaled by a log-uniform factor in [2^-lo2, 2^hi2], at least 1. */
  scale(amount: bigint, lo2: number, hi2: number): bigint {
    const factor = 2 ** (lo2 + this.float() * (hi2 - lo2));
    const ppm = BigInt(Math.max(1, Math.round(factor * 1_000_000)));
    const scaled = (amount * ppm) / 1_000_000n;
    return scaled > 0n ? scaled : 1n;
  }
}

/** The seed of this run: `TORQ_SEED` when set (to replay a failure), else a random one. */
export function runSeed(): number {
  const fixed = Deno.env.get("TORQ_SEED");
  if (fixed !== undefined && fixed !== "") {
    const seed = Number(fixed);
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      throw new RangeError(`TORQ_SEED must be an integer in [0, 2^32), got ${fixed}`);
    }
    return seed;
  }
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/**
 * Runs `fn` with a PRNG seeded from `runSeed()`; a failure's message starts with the seed and
 * the command that replays it.
 */
export async function withSeed<T>(file: string, fn: (rng: Rng) => Promise<T>): Promise<T> {
  const seed = runSeed();
  try {
    return await fn(new Rng(seed));
  } catch (e) {
    const replay = `[seed ${seed}; replay: TORQ_SEED=${seed} deno test -A tests/amm_chain/${file}]`;
    console.error(replay);
    if (e instanceof Error) {
      e.message = `${replay} ${e.message}`;
      if (e.stack !== undefined) e.stack = `${replay}\n${e.stack}`;
      throw e;
    }
    throw new Error(`${replay} ${String(e)}`, { cause: e });
  }
}
