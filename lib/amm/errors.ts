// lib/amm/errors.ts — one job: the typed errors of the pool math.
import { TorqError } from "../error.ts";

/**
 * Every way a pool computation can fail, one code each. The Uniswap contract's revert reason,
 * when it has one, is in `details.revert` (e.g. `"SPL"`, `"UniswapV2: K"`).
 */
export type AmmErrorCode =
  // Uniswap V2 (names follow the pair and library revert strings)
  | "INSUFFICIENT_INPUT_AMOUNT"
  | "INSUFFICIENT_OUTPUT_AMOUNT"
  | "INSUFFICIENT_LIQUIDITY"
  | "RESERVE_OUT_OF_RANGE"
  | "INVALID_FEE"
  | "K_INVARIANT"
  // shared
  | "VALUE_OUT_OF_RANGE"
  | "MATH_OVERFLOW"
  | "DIVISION_BY_ZERO"
  // Uniswap V3
  | "AMOUNT_SPECIFIED_ZERO"
  | "PRICE_LIMIT_OUT_OF_RANGE"
  | "TICK_OUT_OF_RANGE"
  | "SQRT_PRICE_OUT_OF_RANGE"
  | "PRICE_OUT_OF_RANGE"
  | "ZERO_LIQUIDITY"
  | "LIQUIDITY_UNDERFLOW"
  | "LIQUIDITY_OVERFLOW"
  | "TICK_LIQUIDITY_OVERFLOW"
  | "INVALID_TICK_RANGE"
  | "TICK_NOT_SPACED"
  | "ZERO_AMOUNT"
  | "INVALID_POOL_STATE"
  | "QUOTE_NOTHING_PAID"
  | "QUOTE_OUTPUT_NOT_FILLED";

/**
 * An input the Uniswap contracts would reject, or a computation they would revert on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AmmError } from "./errors.ts";
 * const err = new AmmError("INSUFFICIENT_INPUT_AMOUNT", "Amount in must be positive, got 0", {
 *   amountIn: 0n,
 * });
 * assert(err.code === "INSUFFICIENT_INPUT_AMOUNT" && err instanceof Error);
 * ```
 */
export class AmmError extends TorqError {
  declare readonly code: AmmErrorCode;

  constructor(
    code: AmmErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
