// lib/devnet/errors.ts — one job: the typed errors of the embedded devnet.
import { TorqError } from "../error.ts";

/** Every way starting Anvil, compiling, deploying or transacting on the devnet can fail. */
export type DevnetErrorCode =
  | "BAD_OPTION"
  | "UNSUPPORTED_PLATFORM"
  | "BINARY_NOT_FOUND"
  | "START_FAILED"
  | "FORK_FAILED"
  | "START_TIMEOUT"
  | "ARTIFACT_INVALID"
  | "COMPILE_FAILED"
  | "BAD_TOKEN_ORDER"
  | "TX_FAILED"
  | "CALL_FAILED"
  | "TX_REVERTED"
  | "EVENT_MISSING"
  | "BAD_DESCRIPTION"
  | "WRONG_CHAIN"
  | "DEPLOY_FAILED";

/**
 * A devnet failure. `details` names the offending value: the binary path, the fork URL and the
 * tail of Anvil's stderr, the contract or function, the transaction hash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DevnetError } from "./errors.ts";
 * const err = new DevnetError("BINARY_NOT_FOUND", "No Anvil binary at /opt/anvil", {
 *   path: "/opt/anvil",
 * });
 * assert(err.code === "BINARY_NOT_FOUND" && err.details.path === "/opt/anvil");
 * ```
 */
export class DevnetError extends TorqError {
  declare readonly code: DevnetErrorCode;

  constructor(
    code: DevnetErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, details, options);
  }
}
