// lib/market/amount.ts — one job: token amounts between native integers and decimal text, and
// the integer roundings every money figure uses, exactly. The one parser of money text.
import { AmountError } from "./errors.ts";

/**
 * Parse a decimal amount into native units of `decimals`, exactly: `"1.5"` with 6 decimals is
 * `1500000n`. More fractional digits than `decimals` is an error, never a rounding. Token
 * amounts are non-negative; `signed` admits a leading `-` (USD figures, see `usd`).
 *
 * @throws {AmountError} `BAD_AMOUNT` naming `what`, the text and the decimals
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAmount } from "./amount.ts";
 * assert.equal(parseAmount("1.5", 6), 1_500_000n);
 * assert.equal(parseAmount("42", 0), 42n);
 * assert.equal(parseAmount("-0.5", 2, "delta", true), -50n);
 * assert.throws(() => parseAmount("0.0000001", 6), /6 decimals/);
 * ```
 */
export function parseAmount(
  text: string,
  decimals: number,
  what = "amount",
  signed = false,
): bigint {
  const m = (signed ? SIGNED : UNSIGNED).exec(text.trim());
  if (m === null) {
    const like = signed ? "a decimal number like -1.5" : "a non-negative decimal number like 1.5";
    throw new AmountError("BAD_AMOUNT", `${what} ${JSON.stringify(text)} is not ${like}`, {
      text,
    });
  }
  const frac = m[3] ?? "";
  if (frac.length > decimals) {
    throw new AmountError(
      "BAD_AMOUNT",
      `${what} ${text} has ${frac.length} fractional digits, more than its ${decimals} decimals`,
      { text, decimals },
    );
  }
  const v = BigInt(m[2]!) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  return m[1] === "-" ? -v : v;
}

const UNSIGNED = /^()([0-9]+)(?:\.([0-9]+))?$/;
const SIGNED = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/**
 * Format native units as a decimal string with every significant digit (no rounding, no
 * trailing zeros): `1500000n` with 6 decimals is `"1.5"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatAmount } from "./amount.ts";
 * assert.equal(formatAmount(1_500_000n, 6), "1.5");
 * assert.equal(formatAmount(-5n, 2), "-0.05");
 * assert.equal(formatAmount(7n, 0), "7");
 * ```
 */
export function formatAmount(value: bigint, decimals: number): string {
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const unit = 10n ** BigInt(decimals);
  const whole = abs / unit;
  const frac = (abs % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac.length > 0 ? `.${frac}` : ""}`;
}

/**
 * Format the ratio `numerator / denominator` as a decimal with `digits` fractional digits,
 * truncated toward zero (for displaying prices; decisions never use it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRatio } from "./amount.ts";
 * assert.equal(formatRatio(1n, 3n, 4), "0.3333");
 * assert.equal(formatRatio(10n, 4n, 2), "2.5");
 * ```
 */
export function formatRatio(numerator: bigint, denominator: bigint, digits = 18): string {
  return formatAmount((numerator * 10n ** BigInt(digits)) / denominator, digits);
}

/** Decimals of every USD figure: USD is fixed point with 8 decimals (1 USD = 10^8). */
export const USD_DECIMALS = 8;
/** One US dollar in fixed point. */
export const USD_ONE = 100_000_000n;
/** Smallest value of an i64 wire field (USD figures travel as i64). */
export const I64_MIN: bigint = -(1n << 63n);
/** Largest value of an i64 wire field (about 92 billion USD in fixed point). */
export const I64_MAX: bigint = (1n << 63n) - 1n;
/** How a division that is not exact is rounded: toward −∞ (`floor`) or toward +∞ (`ceil`). */
export type Rounding = "floor" | "ceil";

/**
 * `a / b` rounded toward −∞ (bigint `/` truncates toward zero). `b` must be positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { floorDiv } from "./amount.ts";
 * assert.equal(floorDiv(-7n, 2n), -4n);
 * assert.equal(floorDiv(7n, 2n), 3n);
 * ```
 */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * `a / b` rounded toward +∞. `b` must be positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ceilDiv } from "./amount.ts";
 * assert.equal(ceilDiv(7n, 2n), 4n);
 * assert.equal(ceilDiv(-7n, 2n), -3n);
 * ```
 */
export function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}
