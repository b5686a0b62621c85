// lib/arbitrage/errors.ts — one job: the typed errors of the arbitrage layer.
import { TorqError } from "../error.ts";

/** Every way the arbitrage layer rejects an input, one code each. */
export type ArbitrageErrorCode =
  | "INVALID_ROUTE"
  | "INVALID_AMOUNT"
  | "INVALID_OPTION"
  | "UNKNOWN_POOL"
  | "UNKNOWN_TOKEN"
  | "WRONG_CHAIN"
  | "PROTOCOL_MISMATCH"
  | "INVALID_POOL_UPDATE";

/**
 * A route, an option or a pool update the arbitrage layer cannot work with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ArbitrageError } from "./errors.ts";
 * const err = new ArbitrageError("INVALID_ROUTE", "Route must have 1 to 4 hops, got 0", {
 *   hops: 0,
 * });
 * assert(err.code === "INVALID_ROUTE" && err instanceof Error);
 * ```
 */
export class ArbitrageError extends TorqError {
  declare readonly code: ArbitrageErrorCode;

  constructor(
    code: ArbitrageErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
