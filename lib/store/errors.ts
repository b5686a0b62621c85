// lib/store/errors.ts — one job: the typed errors of persistence and recordings.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way storing can fail, one code each. */
export type StoreErrorCode =
  | "BAD_NAME"
  | "BAD_VALUE"
  | "BAD_URL"
  | "BAD_SPEED"
  | "INFLUX_UNREACHABLE"
  | "INFLUX_REJECTED"
  | "INFLUX_QUERY";

/**
 * A name or value InfluxDB line protocol cannot carry, an InfluxDB that cannot be reached or
 * refuses a write (`details.url` names it), or a bad replay speed. A bad URL or speed is
 * thrown with `userInput` set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StoreError } from "./errors.ts";
 * const err = new StoreError("BAD_NAME", 'Tag key "a\\nb" holds a newline', { name: "a\nb" });
 * assert(err.code === "BAD_NAME" && err.details.name === "a\nb");
 * ```
 */
export class StoreError extends TorqError {
  declare readonly code: StoreErrorCode;

  constructor(
    code: StoreErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, options);
  }
}
