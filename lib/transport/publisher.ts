// lib/transport/publisher.ts — one job: publish frames to a relay through batched writes.
import { type Frame, FrameStream } from "../protocol/mod.ts";
import { isRelayControl, readControl } from "./control.ts";
import { TransportError } from "./errors.ts";
import type { FrameWriterStats } from "./frame_writer.ts";
import { connectRelay, type RelayInfo } from "./relay_client.ts";
import type { FrameSink, PublishOptions } from "./transport_types.ts";

/** A publisher's sink, with the relay's answer. */
export interface RelayPublisher extends FrameSink {
  /** The relay's answer to the hello. */
  readonly info: RelayInfo;
}

/**
 * Connect to the relay at `path` as a publisher. `writeFrame` refuses a frame of another
 * domain than the relay's (WRONG_DOMAIN) before it is sent; an Error the relay sends (it is
 * stopping) fails the next write with DISCONNECTED_BY_RELAY.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RelayDomain } from "../protocol/mod.ts";
 * import { Relay } from "./relay.ts";
 * import { connectPublisher } from "./publisher.ts";
 * const dir = await Deno.makeTempDir();
 * const relay = await Relay.start({ domain: RelayDomain.MarketData, path: `${dir}/m.sock`,
 *   log: () => {}, reportEveryMs: 0 });
 * const pub = await connectPublisher(relay.path, { name: "doc" });
 * assert.equal(pub.info.domain, RelayDomain.MarketData);
 * await pub.close();
 * await relay.stop();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function connectPublisher(
  path: string,
  options: PublishOptions = {},
): Promise<RelayPublisher> {
  const rc = await connectRelay(path, { ...options, role: "publish" });
  let failure: TransportError | null = null;
  let closing = false;
  // The relay sends a publisher nothing but a last Error; read so it is seen.
  const watching = (async () => {
    try {
      for await (const f of rc.readable.pipeThrough(new FrameStream())) {
        if (!isRelayControl(f)) continue;
        const c = readControl(f);
        if (c.kind === "error") {
          failure = new TransportError(
            "DISCONNECTED_BY_RELAY",
            `Relay at ${path} disconnected this publisher: ${c.message}`,
            { path, errorCode: c.errorCode },
          );
        }
      }
    } catch { /* the connection went away: the next write says so */ }
    if (failure === null && !closing) {
      failure = new TransportError("CLOSED", `Relay at ${path} closed the connection`, { path });
    }
  })();
  const check = () => {
    if (failure !== null) throw failure;
  };
  return {
    info: rc.info,
    get stats(): FrameWriterStats {
      return rc.writer.stats;
    },
    writeFrame(frame: Frame) {
      check();
      if (frame.domain !== rc.info.domain) {
        throw new TransportError(
          "WRONG_DOMAIN",
          `Frame of source ${frame.source} sequence ${frame.sequence} is on domain ${frame.domain}; the relay at ${path} carries domain ${rc.info.domain}`,
          { path, domain: frame.domain, relayDomain: rc.info.domain },
        );
      }
      return rc.writer.writeFrame(frame);
    },
    write(bytes: Uint8Array) {
      check();
      return rc.writer.write(bytes);
    },
    async flush() {
      check();
      await rc.writer.flush();
    },
    async close() {
      closing = true;
      await rc.close();
      await watching;
    },
  };
}
