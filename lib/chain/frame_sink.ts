// lib/chain/frame_sink.ts — one job: where collected frames go: binary frames or JSON lines,
// batched through a BatchedWriter (the write and flush of the transport's FrameSink).
import { parseFrame } from "../protocol/mod.ts";
import { type BatchedWriter, type FrameSink, frameToJson } from "../transport/mod.ts";

/**
 * A frame sink writing to `writer`: the frames as they are, or (`json`) one JSON object per
 * frame per line, as `torq decode` prints them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BatchedWriter } from "../transport/mod.ts";
 * import { PoolFrames } from "./pool_frames.ts";
 * import { frameSink } from "./frame_sink.ts";
 * let text = "";
 * const sink = frameSink(new BatchedWriter({ write: async (c) => { text += new TextDecoder().decode(c); } }), "json");
 * const frames = new PoolFrames(31337);
 * frames.gasPrice({ number: 1n, timestamp: 2n, baseFeePerGas: 3n, priorityFeePerGas: 4n });
 * await sink.write(frames.take());
 * await sink.flush();
 * assert(JSON.parse(text).tlvs[0].type === "GasPrice");
 * ```
 */
export function frameSink(
  writer: BatchedWriter,
  format: "binary" | "json",
): Pick<FrameSink, "write" | "flush"> {
  if (format === "binary") {
    return { write: (chunk) => writer.write(chunk), flush: () => writer.flush() };
  }
  return {
    async write(chunk) {
      for (let off = 0; off < chunk.length;) {
        const frame = parseFrame(chunk, off);
        await writer.writeText(JSON.stringify(frameToJson(frame)) + "\n");
        off += frame.size;
      }
    },
    flush: () => writer.flush(),
  };
}
