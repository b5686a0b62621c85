// strategies/_check.ts — option checks shared by the strategy factories.
import { StrategyError } from "./errors.ts";

/** `value` if it is an integer in [min, max], else an `INVALID_OPTION` naming the strategy. */
export function hopLimit(strategy: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StrategyError(
      "INVALID_OPTION",
      `${strategy}: maxHops must be ${min} to ${max}, got ${value}`,
      { strategy, maxHops: value },
    );
  }
  return value;
}

/** `value` if it is a bigint ≥ `min`, else an `INVALID_OPTION` naming the option. */
export function amountAtLeast(strategy: string, name: string, value: unknown, min: bigint): bigint {
  if (typeof value !== "bigint" || value < min) {
    throw new StrategyError(
      "INVALID_OPTION",
      `${strategy}: ${name} must be a bigint ≥ ${min}, got ${String(value)}`,
      { strategy, [name]: value },
    );
  }
  return value;
}
