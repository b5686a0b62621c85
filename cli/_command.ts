// cli/_command.ts — one job: the shape of a subcommand and strict flag parsing.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../lib/error.ts";
import { parseAmount, USD_DECIMALS } from "../lib/market/mod.ts";

/** A torq subcommand: its help text and what it runs. */
export interface Command {
  /** One line for `torq --help`. */
  readonly summary: string;
  /** Full help with examples, printed by `--help`. */
  readonly help: string;
  /** Run with the arguments after the subcommand name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parse flags strictly: an unknown flag or a missing value is a UsageError naming it and
 * pointing at `--help`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFlags } from "./_command.ts";
 * const { values } = parseFlags("decode", ["--in", "x.bin"], { in: { type: "string" } });
 * assert.equal(values.in, "x.bin");
 * ```
 */
export function parseFlags<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(
      "BAD_FLAGS",
      `${(e as Error).message.replace(/\. To specify.*$/s, "")}; see torq ${command} --help`,
      { args },
    );
  }
}

/**
 * A whole-number flag value in `[min, max]` (default: 1 and up), or a UsageError naming the
 * flag and the range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { intFlag } from "./_command.ts";
 * assert.equal(intFlag("--max-payload", "4096"), 4096);
 * assert.equal(intFlag("--source", "0", 0, 255), 0);
 * assert.throws(() => intFlag("--source", "256", 0, 255), /0 to 255/);
 * ```
 */
export function intFlag(
  name: string,
  value: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
    throw new UsageError(
      "BAD_FLAG_VALUE",
      `${name} takes a whole number, ${range}, got "${value}"`,
      { [name]: value },
    );
  }
  return n;
}

/**
 * A decimal number flag value in `[min, max]`, or undefined when the flag was not given; a bad
 * value is a UsageError naming the flag and the range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numberFlag } from "./_command.ts";
 * assert.equal(numberFlag("--rate", "2.5", 0, 10), 2.5);
 * assert.equal(numberFlag("--rate", undefined, 0, 10), undefined);
 * assert.throws(() => numberFlag("--rate", "11", 0, 10), /0 to 10/);
 * ```
 */
export function numberFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(
      "BAD_FLAG_VALUE",
      `${name} takes a number from ${min} to ${max}, got "${value}"`,
      { [name]: value },
    );
  }
  return n;
}

/**
 * A USD amount flag (`"12.5"`) as fixed point with 8 decimals; a bad value is an error marked
 * `userInput`, naming the flag.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usdFlag } from "./_command.ts";
 * assert.equal(usdFlag("--min-net-usd", "1.5"), 150_000_000n);
 * ```
 */
export function usdFlag(name: string, value: string): bigint {
  return parseAmount(value, USD_DECIMALS, name);
}
