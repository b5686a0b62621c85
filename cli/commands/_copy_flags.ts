// cli/commands/_copy_flags.ts — one job: the flags `torq cat` and `torq record` share (what to
// read from a relay, and how), turned into runCopy options.
import { UsageError } from "../../lib/error.ts";
import type { CopyOptions } from "../../lib/store/mod.ts";
import { parseTopics, type QueuePolicy } from "../../lib/transport/mod.ts";
import { intFlag } from "../_command.ts";

/** parseArgs options of the shared flags. */
export const COPY_FLAGS = {
  in: { type: "string" },
  limit: { type: "string" },
  "allow-gaps": { type: "boolean" },
  types: { type: "string" },
  sources: { type: "string" },
  venues: { type: "string" },
  strategies: { type: "string" },
  policy: { type: "string" },
  queue: { type: "string" },
  name: { type: "string" },
  quiet: { type: "boolean" },
} as const;

/** Values of the shared flags as parseArgs gives them. */
export interface CopyFlagValues {
  readonly limit?: string | undefined;
  readonly "allow-gaps"?: boolean | undefined;
  readonly types?: string | undefined;
  readonly sources?: string | undefined;
  readonly venues?: string | undefined;
  readonly strategies?: string | undefined;
  readonly policy?: string | undefined;
  readonly queue?: string | undefined;
  readonly name?: string | undefined;
  readonly quiet?: boolean | undefined;
}

/** The runCopy options the shared flags set; a bad --policy is a UsageError. */
export function copyFlagOptions(
  command: string,
  values: CopyFlagValues,
): Pick<
  CopyOptions,
  "clientName" | "allowGaps" | "topics" | "quiet" | "limit" | "policy" | "queueFrames"
> {
  const policy = values.policy;
  if (policy !== undefined && policy !== "backpressure" && policy !== "disconnect") {
    throw new UsageError(
      "BAD_FLAG_VALUE",
      `--policy takes backpressure or disconnect, got "${policy}"`,
    );
  }
  return {
    clientName: values.name ?? `torq ${command}`,
    allowGaps: values["allow-gaps"] === true,
    topics: parseTopics(values),
    quiet: values.quiet === true,
    ...(values.limit !== undefined ? { limit: intFlag("--limit", values.limit) } : {}),
    ...(policy !== undefined ? { policy: policy as QueuePolicy } : {}),
    ...(values.queue !== undefined ? { queueFrames: intFlag("--queue", values.queue) } : {}),
  };
}
