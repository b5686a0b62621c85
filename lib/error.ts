// lib/error.ts — one job: the error base every torq layer throws, and its mark for errors in
// what a user gave.

/** Options of a {@linkcode TorqError}: the standard `cause`, and whether the user's input is wrong. */
export interface TorqErrorOptions extends ErrorOptions {
  /**
   * The error is in what a user gave (a flag, a value, a file, a config key), not in torq or
   * its surroundings: the CLI prints it on one line and exits 2. Default false.
   */
  readonly userInput?: boolean;
}

/**
 * Base class of every error torq throws on purpose: a stable `code`, a short message that
 * names the offending value, `details` a program can read, and `userInput` saying whether the
 * user's input is what is wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TorqError } from "./error.ts";
 * const err = new TorqError("BAD_INPUT", "Amount must be positive, got -1", { amount: -1n }, {
 *   userInput: true,
 * });
 * assert(err.code === "BAD_INPUT" && err instanceof Error && err.userInput);
 * assert(!new TorqError("RPC_FAILED", "The node went away").userInput);
 * ```
 */
export class TorqError extends Error {
  /** Stable machine-readable code, e.g. `"CHECKSUM_MISMATCH"`. */
  readonly code: string;
  /** The offending values and context (byte offsets, inputs). */
  readonly details: Readonly<Record<string, unknown>>;
  /** The user's input is wrong (the CLI exits 2 with one line); otherwise a run-time failure. */
  readonly userInput: boolean;

  /** An error with its code, message, details, and `cause` / `userInput` options. */
  constructor(
    code: string,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = details;
    this.userInput = options.userInput === true;
    this.name = new.target.name;
  }
}

/**
 * An error in how the CLI was called (flags, their values, files named by them): a
 * {@linkcode TorqError} with `userInput` always set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./error.ts";
 * const err = new UsageError("UNKNOWN_FLAG", "Unknown flag --foo; see torq decode --help");
 * assert(err.code === "UNKNOWN_FLAG" && err.userInput);
 * ```
 */
export class UsageError extends TorqError {
  /** A usage error: `userInput` is always set. */
  constructor(
    code: string,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: ErrorOptions = {},
  ) {
    super(code, shortMessage, details, { ...options, userInput: true });
  }
}
