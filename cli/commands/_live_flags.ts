// cli/commands/_live_flags.ts — one job: the flags live execution shares between `torq execute
// --live` and `torq pipeline --live`: key source, gas cap and executor address.
import { UsageError } from "../../lib/error.ts";
import type { KeySource } from "../../lib/execution/mod.ts";

/** The key source from `--key-env VAR` / `--key-file PATH` (exclusive); undefined if neither. */
export function keySourceFlag(
  keyEnv: string | undefined,
  keyFile: string | undefined,
): KeySource | undefined {
  if (keyEnv !== undefined && keyFile !== undefined) {
    throw new UsageError("BAD_FLAGS", "--key-env and --key-file exclude each other; give one");
  }
  if (keyFile !== undefined) return { keyFile };
  if (keyEnv !== undefined) return { env: keyEnv };
  return undefined;
}

/** `--max-gas-gwei N` (decimals allowed, down to 1 wei) as wei. */
export function gweiFlag(value: string): bigint {
  const m = /^([0-9]+)(?:\.([0-9]{1,9}))?$/.exec(value);
  const wei = m === null ? 0n : BigInt(m[1]!) * 10n ** 9n + BigInt((m[2] ?? "").padEnd(9, "0"));
  if (wei <= 0n) {
    throw new UsageError(
      "BAD_FLAG_VALUE",
      `--max-gas-gwei takes a positive number of gwei such as 30 or 0.5, got "${value}"`,
    );
  }
  return wei;
}

/** `--executor ADDRESS`, checked for shape (the chain checks the rest). */
export function executorFlag(value: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new UsageError(
      "BAD_FLAG_VALUE",
      `--executor takes a 0x address of 40 hex digits, got "${value}"`,
    );
  }
  return value;
}
