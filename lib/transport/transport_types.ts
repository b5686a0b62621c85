// lib/transport/transport_types.ts — one job: the types every transport implements and every
// stage uses (FrameSource, FrameSink, UrlTransport), so the openers, the transport registry
// and the NATS transport share them without importing one another.
import type { Frame, FramerOptions } from "../protocol/mod.ts";
import type { Endpoint } from "./endpoint.ts";
import type { FrameWriterStats } from "./frame_writer.ts";
import type { RelayClientOptions } from "./relay_client.ts";
import type { SubscribeOptions } from "./subscriber.ts";

/** Where a stage reads frames, whatever the transport. */
export interface FrameSource {
  /** The endpoint it reads. */
  readonly endpoint: Endpoint;
  /** Validated frames (in order per source for relays). */
  readonly frames: ReadableStream<Frame>;
  /** The last sequence read per source, when the transport tracks it (relays). */
  positions(): Map<number, bigint> | undefined;
  /** Stop reading and release the endpoint. */
  close(): Promise<void>;
  /**
   * Transports with acknowledgements (NATS): take the frames handed on so far; once what was
   * made of them is written (`sink.flush()`), call the returned function to acknowledge them.
   * From the first call on, only that acknowledges.
   */
  mark?(): () => Promise<void>;
}

/** Options of `openFrameSource`: framing, and the subscription for relays. */
export type FrameSourceOptions =
  & Omit<FramerOptions, "verifyChecksum" | "maxPayloadSize">
  & SubscribeOptions;

/**
 * Where a stage writes frames, whatever the transport: batched (64 KiB, or the next turn of
 * the event loop when traffic is light). Await each write before the next; `close` flushes.
 */
export interface FrameSink {
  /** Queue one frame. */
  writeFrame(frame: Frame): Promise<void>;
  /** Queue bytes holding whole frames. */
  write(bytes: Uint8Array): Promise<void>;
  /** Write everything queued. */
  flush(): Promise<void>;
  /** Flush and release the endpoint. */
  close(): Promise<void>;
  /** Live counts. */
  readonly stats: FrameWriterStats;
}

/** Options of `connectPublisher`. */
export type PublishOptions = Pick<RelayClientOptions, "domain" | "name" | "timeoutMs">;

/** Options of `openFrameSink`. */
export interface FrameSinkOptions extends PublishOptions {
  /** Files: append instead of truncating (default false). */
  readonly append?: boolean;
}

/** A parsed `scheme://…` endpoint. */
export type UrlEndpoint = Extract<Endpoint, { kind: "url" }>;

/** What a transport for a URL scheme provides. */
export interface UrlTransport {
  /** The scheme it serves, lower case, without `://`. */
  readonly scheme: string;
  /** Open a source of frames (a subscription). */
  openSource(endpoint: UrlEndpoint, options: FrameSourceOptions): Promise<FrameSource>;
  /** Open a sink of frames (a publisher). */
  openSink(endpoint: UrlEndpoint, options: FrameSinkOptions): Promise<FrameSink>;
}
