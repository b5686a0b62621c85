// lib/chain/errors.ts — one job: the typed errors of talking to a chain.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way reading from or writing to a chain can fail. */
export type ChainErrorCode =
  | "BAD_RPC_URL"
  | "RPC_UNREACHABLE"
  | "RPC_ERROR"
  | "WRONG_CHAIN"
  | "NOT_A_CONTRACT"
  | "NOT_A_POOL"
  | "TOKEN_NOT_IN_POOL"
  | "INSUFFICIENT_LIQUIDITY"
  | "UNKNOWN_CHAIN"
  | "BAD_ADDRESS"
  | "BAD_POOLS_FILE"
  | "BAD_CHECKPOINT"
  | "BAD_POOL_CACHE"
  | "NOT_A_FACTORY"
  | "BAD_OPTION";

/**
 * A chain failure, with the offending URL, address or call in `details`. `userInput` is set for
 * the codes {@linkcode isInputError} lists (what the user gave) unless the thrower says otherwise.
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
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, {
      ...options,
      userInput: options.userInput ?? INPUT_CODES.has(code),
    });
  }
}

const INPUT_CODES: ReadonlySet<string> = new Set([
  "BAD_RPC_URL",
  "WRONG_CHAIN",
  "NOT_A_CONTRACT",
  "NOT_A_POOL",
  "NOT_A_FACTORY",
  "TOKEN_NOT_IN_POOL",
  "UNKNOWN_CHAIN",
  "BAD_ADDRESS",
  "BAD_POOLS_FILE",
  "BAD_CHECKPOINT",
  "BAD_POOL_CACHE",
  "BAD_OPTION",
]);

/**
 * Whether a chain error comes from what the user gave (a URL, an address, a file, a chain id)
 * rather than from the chain at run time (unreachable, failing RPC): the CLI exits 2 for the
 * former and 1 for the latter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ChainError, isInputError } from "./errors.ts";
 * assert(isInputError(new ChainError("NOT_A_POOL", "x")));
 * assert(!isInputError(new ChainError("RPC_UNREACHABLE", "x")));
 * ```
 */
export function isInputError(e: unknown): e is ChainError {
  return e instanceof ChainError && e.userInput;
}
