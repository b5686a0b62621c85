// lib/execution/live/errors.ts — one job: the typed errors of on-chain execution.
import { TorqError, type TorqErrorOptions } from "../../error.ts";

/** Every way live execution can fail before or around a transaction. */
export type LiveExecutionErrorCode =
  | "BAD_CONFIG"
  | "KEY_MISSING"
  | "KEY_INVALID"
  | "KEYSTORE_INSECURE"
  | "KEYSTORE_UNREADABLE"
  | "WRONG_CHAIN"
  | "GAS_PRICE_TOO_HIGH"
  | "POSITION_LIMIT"
  | "UNSUPPORTED_ROUTE"
  | "RPC_FAILED"
  | "SEND_FAILED"
  | "RECEIPT_TIMEOUT"
  | "DEPLOY_FAILED";

/**
 * A live-execution failure. Messages and details never hold the private key: they name the
 * env var or the file it came from, and the signer's address. A refused configuration
 * (`BAD_CONFIG`, `WRONG_CHAIN`, `KEY_…`, `KEYSTORE_…`) is the user's input: `userInput` is set
 * for those codes unless the thrower says otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LiveExecutionError } from "./errors.ts";
 * const err = new LiveExecutionError("GAS_PRICE_TOO_HIGH", "Gas price 90 gwei is above the cap 50 gwei", {
 *   gasPriceWei: 90n * 10n ** 9n,
 * });
 * assert(err.code === "GAS_PRICE_TOO_HIGH" && err.name === "LiveExecutionError");
 * ```
 */
export class LiveExecutionError extends TorqError {
  declare readonly code: LiveExecutionErrorCode;
  constructor(
    code: LiveExecutionErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, {
      ...options,
      userInput: options.userInput ?? /^(BAD_CONFIG|WRONG_CHAIN|KEY_|KEYSTORE_)/.test(code),
    });
  }
}
