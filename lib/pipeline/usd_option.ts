// lib/pipeline/usd_option.ts — one job: read a USD amount a person typed (a minimum profit)
// into the 8-decimal fixed point the detector compares against, exactly.
import { parseAmount, USD_DECIMALS } from "../amount.ts";
import { PipelineError } from "./errors.ts";

/**
 * `"1.5"` → `150_000_000n` (USD with 8 decimals); no float on the way.
 *
 * @throws {PipelineError} `BAD_OPTION` naming `what` for a negative amount, more than 8
 *   decimals or text that is not a number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseUsdOption } from "./usd_option.ts";
 * assert.equal(parseUsdOption("1.5", "--min-net-usd"), 150_000_000n);
 * assert.throws(() => parseUsdOption("-1", "--min-net-usd"), /--min-net-usd/);
 * ```
 */
export function parseUsdOption(text: string, what: string): bigint {
  try {
    const usd = parseAmount(text.trim(), USD_DECIMALS, what);
    if (usd >= 0n) return usd;
  } catch {
    // reported below, naming the option
  }
  throw new PipelineError(
    "BAD_OPTION",
    `${what} takes a USD amount ≥ 0 with up to 8 decimals, got "${text}"`,
    { [what]: text },
  );
}
