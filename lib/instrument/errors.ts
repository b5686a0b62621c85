// lib/instrument/errors.ts — one job: the typed errors of the instrument layer.
import { TorqError } from "../error.ts";

/** Every way an instrument id, its byte form or its text form can be wrong, one code each. */
export type InstrumentErrorCode =
  | "WRONG_LENGTH"
  | "INVALID_KIND"
  | "RESERVED_NOT_ZERO"
  | "UNKNOWN_CHAIN"
  | "UNKNOWN_VENUE"
  | "WRONG_VENUE_KIND"
  | "VENUE_NOT_ON_CHAIN"
  | "BAD_SYMBOL"
  | "BAD_ADDRESS"
  | "BAD_FORMAT"
  | "NON_CANONICAL";

/**
 * A malformed instrument id, byte form, text form or address. `details` carries the offending
 * value and, for the byte form, the byte `offset`; a `NON_CANONICAL` error carries the
 * `canonical` text the input should have been.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InstrumentError } from "./errors.ts";
 * const err = new InstrumentError("UNKNOWN_CHAIN", "Unknown chain id 5", { chainId: 5 });
 * assert(err.code === "UNKNOWN_CHAIN" && err.details.chainId === 5);
 * ```
 */
export class InstrumentError extends TorqError {
  declare readonly code: InstrumentErrorCode;

  constructor(
    code: InstrumentErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
