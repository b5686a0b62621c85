// lib/transport/errors.ts — one job: the typed errors of moving frames between processes.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way a transport can fail at run time. */
export type TransportErrorCode =
  | "RELAY_ALIVE"
  | "NOT_A_SOCKET"
  | "CANNOT_LISTEN"
  | "CANNOT_CONNECT"
  | "NOT_A_RELAY"
  | "HANDSHAKE_REJECTED"
  | "BAD_HELLO"
  | "WRONG_DOMAIN"
  | "DISCONNECTED_BY_RELAY"
  | "RECOVERY_UNAVAILABLE"
  | "CLOSED"
  | "NO_JETSTREAM"
  | "NOT_ACKNOWLEDGED"
  | "BAD_MESSAGE";

/**
 * A transport failure at run time (a relay already running, a refused handshake, a peer that
 * went away), with the socket path, domain or sequence range in `details`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TransportError } from "./errors.ts";
 * const e = new TransportError("RELAY_ALIVE", "A relay is already running on /tmp/x.sock", {
 *   path: "/tmp/x.sock",
 * });
 * assert.equal(e.code, "RELAY_ALIVE");
 * ```
 */
export class TransportError extends TorqError {
  declare readonly code: TransportErrorCode;

  constructor(
    code: TransportErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, options);
  }
}

/** Every way an endpoint or relay option given by a user can be wrong. */
export type EndpointErrorCode =
  | "BAD_ENDPOINT"
  | "UNKNOWN_SCHEME"
  | "NOT_AVAILABLE"
  | "BAD_DOMAIN"
  | "BAD_TOPICS"
  | "BAD_OPTION";

/**
 * A bad endpoint or relay option typed by a user, marked `userInput`: the CLI prints it on one
 * line, exit 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EndpointError } from "./errors.ts";
 * const e = new EndpointError("UNKNOWN_SCHEME", 'Unknown endpoint scheme "ftp" in ftp://x');
 * assert(e.code === "UNKNOWN_SCHEME" && e.userInput);
 * ```
 */
export class EndpointError extends TorqError {
  declare readonly code: EndpointErrorCode;

  constructor(
    code: EndpointErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: ErrorOptions = {},
  ) {
    super(code, shortMessage, details, { ...options, userInput: true });
  }
}
