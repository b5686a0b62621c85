// lib/error.ts — one job: the error base every torq layer throws.

/**
 * Base class of every error torq throws on purpose: a stable `code`, a short message that
 * names the offending value, and `details` a program can read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TorqError } from "./error.ts";
 * const err = new TorqError("BAD_INPUT", "Amount must be positive, got -1", { amount: -1n });
 * assert(err.code === "BAD_INPUT" && err instanceof Error);
 * ```
 */
export class TorqError extends Error {
  /** Stable machine-readable code, e.g. `"CHECKSUM_MISMATCH"`. */
  readonly code: string;
  /** The offending values and context (byte offsets, inputs). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(shortMessage, options);
    this.code = code;
    this.details = details;
    this.name = new.target.name;
  }
}

/**
 * An error caused by what a user typed or fed in (flags, input files, JSON): the CLI prints
 * it on one line and exits 2, where any other error is a bug (exit 1 with the stack).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./error.ts";
 * const err = new UsageError("UNKNOWN_FLAG", "Unknown flag --foo; see torq decode --help");
 * assert(err.code === "UNKNOWN_FLAG");
 * ```
 */
export class UsageError extends TorqError {}
