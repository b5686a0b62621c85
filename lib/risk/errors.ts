// lib/risk/errors.ts — one job: the typed errors of the risk engine.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way a risk input can be wrong, one code each. */
export type RiskErrorCode =
  | "BAD_CONFIG"
  | "BAD_RETURNS"
  | "BAD_PROBABILITY"
  | "BAD_CONFIDENCE"
  | "BAD_METHOD"
  | "UNKNOWN_BREAKER"
  | "VALUE_OUT_OF_RANGE"
  | "KILL_SWITCH_FILE";

/**
 * A bad risk config (`details.key` names the offending key), a bad statistic input, or a
 * kill-switch file that cannot be written. `BAD_CONFIG` is the user's input (`userInput` set
 * unless the thrower says otherwise); the others are not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RiskError } from "./errors.ts";
 * const err = new RiskError("BAD_CONFIG", "Config key limits.maxNotionalUsd must be positive, got 0", {
 *   key: "limits.maxNotionalUsd",
 * });
 * assert(err.code === "BAD_CONFIG" && err.details.key === "limits.maxNotionalUsd");
 * ```
 */
export class RiskError extends TorqError {
  declare readonly code: RiskErrorCode;

  constructor(
    code: RiskErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, {
      ...options,
      userInput: options.userInput ?? code === "BAD_CONFIG",
    });
  }
}
