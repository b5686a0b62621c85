// lib/arbitrage/isqrt.ts — one job: the exact integer square root of a bigint.
import { ArbitrageError } from "./errors.ts";

const TWO_POW_52 = 1n << 52n;

/**
 * `floor(sqrt(n))` exactly, for any non-negative bigint: Newton's iteration on bigints, started
 * from a float estimate (scaled so it never overflows) and finished by exact correction.
 *
 * @throws {ArbitrageError} `INVALID_AMOUNT` for a negative `n`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isqrt } from "./isqrt.ts";
 * assert(isqrt(10n ** 36n) === 10n ** 18n && isqrt(10n ** 36n - 1n) === 10n ** 18n - 1n);
 * ```
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) {
    throw new ArbitrageError("INVALID_AMOUNT", `Square root needs a non-negative value, got ${n}`, {
      n,
    });
  }
  if (n < TWO_POW_52) return BigInt(Math.floor(Math.sqrt(Number(n)))) + fix(n);
  // float estimate of the top bits: shift by an even amount so sqrt scales by a power of two
  const bits = n.toString(16).length * 4;
  const shift = BigInt(Math.max(0, bits - 100) & ~1);
  let x = BigInt(Math.floor(Math.sqrt(Number(n >> shift)))) << (shift >> 1n);
  if (x === 0n) x = 1n;
  // Newton from above converges monotonically; start above the root
  x = (x + n / x) >> 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

// float sqrt of a number below 2^52 can be off by one either way; correct it exactly
function fix(n: bigint): bigint {
  const r = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (r * r > n) return -1n;
  if ((r + 1n) * (r + 1n) <= n) return 1n;
  return 0n;
}
