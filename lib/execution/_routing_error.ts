// lib/execution/_routing_error.ts — one job: the typed error of the order router.
import { TorqError } from "../error.ts";

/** Every way an order-routing input can be wrong. */
export type RoutingErrorCode =
  | "INVALID_AMOUNT"
  | "NO_POOLS"
  | "POOL_MISMATCH"
  | "INSUFFICIENT_LIQUIDITY"
  | "NO_OUTPUT";

/**
 * A trade the order router cannot split (`details` names the offending value).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RoutingError } from "./_routing_error.ts";
 * const e = new RoutingError("INVALID_AMOUNT", "Amount in must be positive, got 0", {
 *   amountIn: 0n,
 * });
 * assert(e.code === "INVALID_AMOUNT" && e.details.amountIn === 0n);
 * ```
 */
export class RoutingError extends TorqError {
  declare readonly code: RoutingErrorCode;

  constructor(
    code: RoutingErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
