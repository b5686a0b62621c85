// lib/portfolio/errors.ts — one job: the typed errors of the portfolio.
import { TorqError } from "../error.ts";

/** Every way a portfolio input can be wrong, one code each. */
export type PortfolioErrorCode =
  | "BAD_PRICE"
  | "PRICE_UNAVAILABLE"
  | "BAD_AMOUNT"
  | "BAD_DECIMALS"
  | "DECIMALS_CONFLICT"
  | "UNKNOWN_TOKEN"
  | "BAD_VENUE"
  | "BAD_FILL"
  | "VALUE_OUT_OF_RANGE"
  | "BAD_CAPITAL";

/**
 * A price, amount, token or fill the portfolio cannot account for. `details` names the
 * offending value (the token's text form, the amount, the field).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PortfolioError } from "./errors.ts";
 * const err = new PortfolioError("BAD_PRICE", "Price denominator must be positive, got 0", {
 *   den: 0n,
 * });
 * assert(err.code === "BAD_PRICE" && err instanceof Error);
 * ```
 */
export class PortfolioError extends TorqError {
  declare readonly code: PortfolioErrorCode;

  constructor(
    code: PortfolioErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
