// lib/execution/paper_errors.ts — one job: the typed error of the paper executor's options.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way a paper-execution input can be wrong. */
export type PaperExecutionErrorCode = "BAD_OPTION";

/**
 * A bad option of the paper executor (`details.key` names it): the user's input, so `userInput`
 * is set unless the thrower says otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PaperExecutionError } from "./paper_errors.ts";
 * const e = new PaperExecutionError("BAD_OPTION", "Option latencyNs must be ≥ 0, got -1", {
 *   key: "latencyNs",
 * });
 * assert(e.code === "BAD_OPTION" && e.details.key === "latencyNs");
 * ```
 */
export class PaperExecutionError extends TorqError {
  declare readonly code: PaperExecutionErrorCode;

  constructor(
    code: PaperExecutionErrorCode,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, {
      ...options,
      userInput: options.userInput ?? true,
    });
  }
}
