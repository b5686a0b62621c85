// lib/market/errors.ts — one job: the typed errors of the market layer.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way the market layer rejects an input, one code each. */
export type MarketErrorCode =
  | "BAD_CONFIG"
  | "WRONG_CHAIN"
  | "PROTOCOL_MISMATCH"
  | "INVALID_POOL_UPDATE"
  | "UNKNOWN_TOKENS"
  | "BAD_ADDRESS"
  | "BAD_TOKENS_FILE"
  | "BAD_OPTION";

/**
 * A pool update that contradicts the book, or a market configured wrongly (chain, token roles,
 * the devnet description).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MarketError } from "./errors.ts";
 * const err = new MarketError("WRONG_CHAIN", "Pool 0x01 is on chain 137, the book on 1", {
 *   pool: "0x01",
 * });
 * assert(err.code === "WRONG_CHAIN" && err instanceof Error);
 * ```
 */
export class MarketError extends TorqError {
  declare readonly code: MarketErrorCode;

  constructor(
    code: MarketErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, {
      ...options,
      userInput: options.userInput ?? MARKET_INPUT_CODES.has(code),
    });
  }
}

// Codes that only a user's configuration, flags or files produce: the CLI exits 2 on them.
const MARKET_INPUT_CODES: ReadonlySet<MarketErrorCode> = new Set<MarketErrorCode>([
  "BAD_CONFIG",
  "UNKNOWN_TOKENS",
  "BAD_ADDRESS",
  "BAD_TOKENS_FILE",
  "BAD_OPTION",
]);

/** Every way a money figure is refused. */
export type AmountErrorCode = "BAD_AMOUNT" | "BAD_PRICE";

/**
 * Money the market layer cannot take: text that is not a token amount or a USD figure
 * (`BAD_AMOUNT`, the text in `details.text`), or a price that is not one (`BAD_PRICE`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AmountError } from "./errors.ts";
 * const err = new AmountError("BAD_AMOUNT", "amount \"x\" is not a decimal", { text: "x" });
 * assert(err.code === "BAD_AMOUNT" && err.details.text === "x");
 * ```
 */
export class AmountError extends TorqError {
  declare readonly code: AmountErrorCode;

  constructor(
    code: AmountErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    // Amounts and prices are parsed from what a user typed or configured.
    super(code, shortMessage, details, { ...options, userInput: options.userInput ?? true });
  }
}
