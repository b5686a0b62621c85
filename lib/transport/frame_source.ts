// lib/transport/frame_source.ts — one job: open the reading end of any endpoint as a stream
// of validated frames (the interface is in transport_types.ts).
import { FrameStream } from "../protocol/mod.ts";
import { type Endpoint, parseEndpoint } from "./endpoint.ts";
import { EndpointError } from "./errors.ts";
import { subscribe } from "./subscriber.ts";
import { transportFor } from "./transports.ts";
import type { FrameSource, FrameSourceOptions } from "./transport_types.ts";

/**
 * Open `endpoint` (text or parsed) for reading frames: `-` is stdin, a path is a file (a
 * recording), `unix:PATH` subscribes to a relay (with recovery; see {@linkcode subscribe}),
 * `scheme://…` goes to the transport registered for the scheme. Frames are cut by header,
 * never by read size; a bad frame errors the stream unless `skipInvalid`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { openFrameSource } from "./frame_source.ts";
 * const path = await Deno.makeTempFile();
 * const one = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * await Deno.writeFile(path, one);
 * const source = await openFrameSource(path);
 * const frames = await Array.fromAsync(source.frames);
 * assert.equal(frames[0]?.sequence, 1n);
 * await source.close();
 * await Deno.remove(path);
 * ```
 */
export async function openFrameSource(
  endpoint: string | Endpoint,
  options: FrameSourceOptions = {},
): Promise<FrameSource> {
  const ep = typeof endpoint === "string" ? parseEndpoint(endpoint) : endpoint;
  const framer = () =>
    new FrameStream({
      ...(options.skipInvalid !== undefined ? { skipInvalid: options.skipInvalid } : {}),
      ...(options.onSkip !== undefined ? { onSkip: options.onSkip } : {}),
      ...(options.verifyChecksum !== undefined ? { verifyChecksum: options.verifyChecksum } : {}),
      ...(options.maxPayloadSize !== undefined ? { maxPayloadSize: options.maxPayloadSize } : {}),
    });
  switch (ep.kind) {
    case "stdio": {
      const frames = Deno.stdin.readable.pipeThrough(framer());
      return {
        endpoint: ep,
        frames,
        positions: () => undefined,
        close: async () => {
          await frames.cancel().catch(() => {});
        },
      };
    }
    case "file": {
      let file: Deno.FsFile;
      try {
        file = await Deno.open(ep.path, { read: true });
      } catch (e) {
        throw new EndpointError(
          "BAD_ENDPOINT",
          `Cannot open ${ep.path} for reading: ${(e as Error).message}; check the path`,
          { path: ep.path },
        );
      }
      const frames = file.readable.pipeThrough(framer());
      return {
        endpoint: ep,
        frames,
        positions: () => undefined,
        close: async () => {
          // Cancelling closes the file; a fully read stream closed it already.
          await frames.cancel().catch(() => {});
        },
      };
    }
    case "unix": {
      const sub = await subscribe(ep.path, {
        ...options,
        ...(ep.domain !== undefined && options.domain === undefined ? { domain: ep.domain } : {}),
      });
      return {
        endpoint: ep,
        frames: sub.frames,
        positions: () => sub.positions(),
        close: () => sub.close(),
      };
    }
    case "url":
      return await transportFor(ep).openSource(ep, options);
  }
}
