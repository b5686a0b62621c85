// strategies/errors.ts — one job: the error a strategy plug-in throws for a bad option or name.
import { TorqError, type TorqErrorOptions } from "../lib/error.ts";

/** Codes of {@linkcode StrategyError}. */
export type StrategyErrorCode = "INVALID_OPTION" | "UNKNOWN_STRATEGY";

/**
 * A strategy refused its options (a hop limit outside its policy, no stablecoin to start from)
 * or was asked for by a name no plug-in has: the user's input, so `userInput` is set unless the
 * thrower says otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StrategyError } from "./errors.ts";
 * const e = new StrategyError("UNKNOWN_STRATEGY", `No strategy named "x"`, { name: "x" });
 * assert.equal(e.code, "UNKNOWN_STRATEGY");
 * ```
 */
export class StrategyError extends TorqError {
  /** Which kind of refusal. */
  declare readonly code: StrategyErrorCode;

  constructor(
    code: StrategyErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, {
      ...options,
      userInput: options.userInput ?? true,
    });
  }
}
