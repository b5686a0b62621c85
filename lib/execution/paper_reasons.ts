// lib/execution/paper_reasons.ts — one job: the numbers execution frames carry: order states
// (OrderStatus.status, ExecutionReport.status) and why an order was not filled (reasonCode).

/**
 * Order states, as docs/PROTOCOL.md numbers them (OrderStatus.status, ExecutionReport.status).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OrderState } from "./paper_reasons.ts";
 * assert.equal(OrderState.Filled, 3);
 * ```
 */
export const OrderState = {
  Pending: 1,
  Submitted: 2,
  Filled: 3,
  PartiallyFilled: 4,
  Cancelled: 5,
  Rejected: 6,
  Reverted: 7,
  Expired: 8,
} as const;
/** An order state, 1 to 8. */
export type OrderState = typeof OrderState[keyof typeof OrderState];

/**
 * Why an execution did not fill (OrderStatus.reasonCode); docs/EXECUTION.md has the table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExecutionReason } from "./paper_reasons.ts";
 * assert.equal(ExecutionReason.Slippage, 3);
 * ```
 */
export const ExecutionReason = {
  /** Filled. */
  None: 0,
  /** The signal was past its expiry (SignalIdentity.expiresNs) when its turn came. */
  StaleSignal: 1,
  /** The realised net profit was positive but below the minimum-profit guard. */
  BelowGuard: 2,
  /** The realised net profit was zero or negative: the market moved against the route. */
  Slippage: 3,
  /** A hop could not be quoted at all (not enough liquidity for the amount). */
  QuoteFailed: 4,
  /** A pool of the route has no usable state (never seen, voided, or V3 ticks missing). */
  PoolStateUnknown: 5,
  /** A hop's tokens are not the pool's tokens. */
  RouteMismatch: 6,
} as const;
/** An execution reason code. */
export type ExecutionReason = typeof ExecutionReason[keyof typeof ExecutionReason];

const NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ExecutionReason).map(([name, code]) => [code, name]),
);

/**
 * The name of an execution reason code, or `Unknown(n)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { executionReasonName } from "./paper_reasons.ts";
 * assert.equal(executionReasonName(1), "StaleSignal");
 * assert.equal(executionReasonName(99), "Unknown(99)");
 * ```
 */
export function executionReasonName(code: number): string {
  return NAMES[code] ?? `Unknown(${code})`;
}
