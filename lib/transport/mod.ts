/**
 * Transports: batched stdio writing and the JSON-lines form of frames. (Unix-socket relays
 * and NATS JetStream join this layer with the pipeline.)
 *
 * @example
 * ```ts
 * import { BatchedWriter } from "./mod.ts";
 * const w = new BatchedWriter({ write: async () => {} });
 * await w.flush();
 * ```
 *
 * @module
 */
export { BatchedWriter, type ByteSink, resourceSink } from "./batched_writer.ts";
export { appendJsonLine, type FrameJson, frameToJson, JsonLineError } from "./json_lines.ts";
export {
  type ConversionSummary,
  type DecodeOptions,
  framesToJsonLines,
  jsonLinesToFrames,
  lines,
} from "./json_pipe.ts";
