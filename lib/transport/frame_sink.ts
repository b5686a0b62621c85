// lib/transport/frame_sink.ts — one job: open the writing end of any endpoint as a FrameSink
// (the interface is in transport_types.ts).
import { resourceSink } from "./batched_writer.ts";
import { type Endpoint, parseEndpoint } from "./endpoint.ts";
import { EndpointError } from "./errors.ts";
import { FrameWriter } from "./frame_writer.ts";
import { connectPublisher } from "./publisher.ts";
import { transportFor } from "./transports.ts";
import type { FrameSink, FrameSinkOptions } from "./transport_types.ts";

function writerSink(w: FrameWriter, release: () => void): FrameSink {
  return {
    stats: w.stats,
    writeFrame: (f) => w.writeFrame(f),
    write: (b) => w.write(b),
    flush: () => w.flush(),
    async close() {
      try {
        await w.flush();
      } finally {
        release();
      }
    },
  };
}

/**
 * Open `endpoint` (text or parsed) for writing frames: `-` is stdout, a path is a file
 * (created; truncated unless `append`), `unix:PATH` publishes to a relay, `scheme://…` goes
 * to the transport registered for the scheme.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { openFrameSink } from "./frame_sink.ts";
 * const path = await Deno.makeTempFile();
 * const sink = await openFrameSink(path);
 * await sink.write(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]));
 * await sink.close();
 * assert.equal((await Deno.readFile(path)).length, 44);
 * await Deno.remove(path);
 * ```
 */
export async function openFrameSink(
  endpoint: string | Endpoint,
  options: FrameSinkOptions = {},
): Promise<FrameSink> {
  const ep = typeof endpoint === "string" ? parseEndpoint(endpoint) : endpoint;
  switch (ep.kind) {
    case "stdio":
      return writerSink(new FrameWriter(resourceSink(Deno.stdout)), () => {});
    case "file": {
      let file: Deno.FsFile;
      try {
        file = await Deno.open(ep.path, {
          write: true,
          create: true,
          truncate: options.append !== true,
          append: options.append === true,
        });
      } catch (e) {
        throw new EndpointError(
          "BAD_ENDPOINT",
          `Cannot open ${ep.path} for writing: ${(e as Error).message}`,
          { path: ep.path },
        );
      }
      return writerSink(new FrameWriter(resourceSink(file)), () => file.close());
    }
    case "unix":
      return await connectPublisher(ep.path, {
        ...options,
        ...(ep.domain !== undefined && options.domain === undefined ? { domain: ep.domain } : {}),
      });
    case "url":
      return await transportFor(ep).openSink(ep, options);
  }
}
