// strategies/_check.ts — option checks shared by the strategy factories.
import { StrategyError } from "./errors.ts";

/**
 * `value` if it is an integer in [min, max], else an `INVALID_OPTION` naming the strategy (as
 * `label`, e.g. `--strategy: stable-triangles`, when the caller knows where it was chosen).
 */
export function hopLimit(
  strategy: string,
  value: number,
  min: number,
  max: number,
  label: string = strategy,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StrategyError(
      "INVALID_OPTION",
      `${label}: maxHops must be ${min} to ${max}, got ${value}`,
      { strategy, maxHops: value },
    );
  }
  return value;
}

/** `value` if it is a bigint ≥ `min`, else an `INVALID_OPTION` naming the option. */
export function amountAtLeast(
  strategy: string,
  name: string,
  value: unknown,
  min: bigint,
  label: string = strategy,
): bigint {
  if (typeof value !== "bigint" || value < min) {
    throw new StrategyError(
      "INVALID_OPTION",
      `${label}: ${name} must be a bigint ≥ ${min}, got ${String(value)}`,
      { strategy, [name]: value },
    );
  }
  return value;
}
