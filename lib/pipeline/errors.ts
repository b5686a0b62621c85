// lib/pipeline/errors.ts — one job: the typed errors of the main job's orchestration.
import { TorqError, type TorqErrorOptions } from "../error.ts";

/** Every way the pipeline refuses its inputs. */
export type PipelineErrorCode =
  | "BAD_OPTION"
  | "BAD_TOKENS_FILE"
  | "UNKNOWN_TOKENS"
  | "BAD_ADDRESS";

/**
 * An option, a tokens file or an address the pipeline cannot work with: each is the user's
 * input, so `userInput` is set unless the thrower says otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PipelineError } from "./errors.ts";
 * const e = new PipelineError("BAD_OPTION", "Duration must be positive, got -1", { duration: -1 });
 * assert(e.code === "BAD_OPTION" && e instanceof Error);
 * ```
 */
export class PipelineError extends TorqError {
  declare readonly code: PipelineErrorCode;

  constructor(
    code: PipelineErrorCode,
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
