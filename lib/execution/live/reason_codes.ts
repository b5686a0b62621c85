// lib/execution/live/reason_codes.ts — one job: the reason codes live execution writes into
// OrderStatus.reasonCode, and which contract error or local refusal each one stands for.

/**
 * Why a live order ended as it did (OrderStatus.reasonCode); 0 when it filled. Codes 100–149
 * belong to live execution; docs/EXECUTION.md has the same table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LiveReason } from "./reason_codes.ts";
 * assert.equal(LiveReason.InsufficientProfit, 101);
 * ```
 */
export const LiveReason = {
  None: 0,
  /** The contract's profit check failed: the price moved against the route. */
  InsufficientProfit: 101,
  /** The transaction landed after its deadline. */
  DeadlineExpired: 102,
  /** A V3 pool took less than the hop's input (ran out of liquidity). */
  PartialFill: 103,
  /** A V2 hop's output rounds to zero. */
  ZeroOutput: 104,
  /** A token transfer failed. */
  TransferFailed: 105,
  /** The contract refused the route (BadHop, BadRouteLength, BadAmount). */
  BadRoute: 106,
  /** The signer is not the executor's owner. */
  NotOwner: 107,
  /** A callback check failed (UnexpectedCallback, UnexpectedInitiator, CallbackMissing). */
  CallbackRejected: 108,
  /** A pool or token reverted with its own reason (e.g. `UniswapV2: K`). */
  PoolReverted: 109,
  /** A revert with no reason (out of gas, invalid opcode). */
  UnknownRevert: 110,
  /** The gas price was above the cap: nothing was sent. */
  GasPriceTooHigh: 120,
  /** The order's notional was above the network's position limit: nothing was sent. */
  PositionLimit: 121,
  /** The RPC failed after the retries. */
  RpcFailed: 122,
  /** The node refused the transaction (nonce, funds, underpriced). */
  SendFailed: 123,
  /** No receipt before the timeout. */
  ReceiptTimeout: 124,
  /** The signal's route cannot be run by the executor (venue, hop count, chain). */
  UnsupportedRoute: 125,
} as const;
/** A live reason code. */
export type LiveReason = typeof LiveReason[keyof typeof LiveReason];

const BY_ERROR: Readonly<Record<string, LiveReason>> = {
  InsufficientProfit: LiveReason.InsufficientProfit,
  DeadlineExpired: LiveReason.DeadlineExpired,
  PartialFill: LiveReason.PartialFill,
  ZeroOutput: LiveReason.ZeroOutput,
  TransferFailed: LiveReason.TransferFailed,
  BadHop: LiveReason.BadRoute,
  BadRouteLength: LiveReason.BadRoute,
  BadAmount: LiveReason.BadRoute,
  NotOwner: LiveReason.NotOwner,
  UnexpectedCallback: LiveReason.CallbackRejected,
  UnexpectedInitiator: LiveReason.CallbackRejected,
  CallbackMissing: LiveReason.CallbackRejected,
};

/**
 * The reason code of a decoded revert: the executor's custom error by name, a pool's revert
 * string, or nothing at all.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { revertReasonCode } from "./reason_codes.ts";
 * assert.equal(revertReasonCode("DeadlineExpired"), 102);
 * assert.equal(revertReasonCode(undefined, "UniswapV2: K"), 109);
 * assert.equal(revertReasonCode(undefined), 110);
 * ```
 */
export function revertReasonCode(errorName: string | undefined, reason?: string): LiveReason {
  if (errorName !== undefined) return BY_ERROR[errorName] ?? LiveReason.PoolReverted;
  return reason !== undefined && reason !== "" ? LiveReason.PoolReverted : LiveReason.UnknownRevert;
}
