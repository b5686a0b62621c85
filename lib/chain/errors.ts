// lib/chain/errors.ts — one job: the typed errors of talking to a chain.
import { TorqError } from "../error.ts";

/** Every way reading from or writing to a chain can fail. */
export type ChainErrorCode =
  | "BAD_RPC_URL"
  | "RPC_UNREACHABLE"
  | "RPC_ERROR"
  | "WRONG_CHAIN"
  | "NOT_A_CONTRACT"
  | "NOT_A_POOL"
  | "TOKEN_NOT_IN_POOL"
  | "INSUFFICIENT_LIQUIDITY";

/**
 * A chain failure, with the offending URL, address or call in `details`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ChainError } from "./errors.ts";
 * const e = new ChainError("NOT_A_POOL", "0xabc is not a pool", { address: "0xabc" });
 * assert.equal(e.code, "NOT_A_POOL");
 * ```
 */
export class ChainError extends TorqError {
  declare readonly code: ChainErrorCode;

  constructor(
    code: ChainErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
