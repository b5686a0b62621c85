// lib/pipeline/_frame_pipe.ts — one job: connect a byte writer (the collector) to a stage in
// the same process: bytes in, validated frames out, with backpressure; and a sink that keeps
// nothing, for a pipeline whose frames go nowhere but the view.
import { FrameStream } from "../protocol/mod.ts";
import { type ByteSink, type FrameSink, type FrameSource, FrameWriter } from "../transport/mod.ts";

/** Both ends of an in-process frame pipe. */
export interface FramePipe {
  /** Where the producer writes whole or partial frames (copied, so it may reuse its buffer). */
  readonly sink: ByteSink;
  /** The frames, for `runStage`. Ends after `close`. */
  readonly source: FrameSource;
  /** No more bytes: the source ends once the frames written so far are read. */
  close(): Promise<void>;
}

/** A pipe holding at most `highWaterMark` chunks before the writer waits. */
export function framePipe(highWaterMark = 64): FramePipe {
  const bytes = new TransformStream<Uint8Array, Uint8Array>(
    {},
    { highWaterMark },
    { highWaterMark },
  );
  const writer = bytes.writable.getWriter();
  const frames = bytes.readable.pipeThrough(new FrameStream());
  let closed = false;
  const url = new URL("inproc://collector");
  return {
    sink: { write: (chunk) => writer.write(chunk.slice()) },
    source: {
      endpoint: { kind: "url", text: url.href, scheme: "inproc", url },
      frames,
      positions: () => undefined,
      close: async () => {
        await frames.cancel().catch(() => {});
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await writer.close().catch(() => {});
    },
  };
}

/** A sink that counts and drops what it is given. */
export function discardSink(): FrameSink {
  const writer = new FrameWriter({ write: () => Promise.resolve() });
  return {
    stats: writer.stats,
    writeFrame: (f) => writer.writeFrame(f),
    write: (b) => writer.write(b),
    flush: () => writer.flush(),
    close: () => writer.flush(),
  };
}
