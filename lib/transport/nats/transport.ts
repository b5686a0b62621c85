// lib/transport/nats/transport.ts — one job: the `nats://` UrlTransport, loading the NATS
// client only when a nats endpoint is opened.
import type { UrlTransport } from "../transport_types.ts";

/**
 * The `nats://host:port/subject` transport: sinks publish to JetStream, sources read a
 * durable consumer (see `openNatsSink`, `openNatsSource`). Registered by default.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { natsTransport } from "./transport.ts";
 * assert.equal(natsTransport.scheme, "nats");
 * ```
 */
export const natsTransport: UrlTransport = {
  scheme: "nats",
  openSource: async (endpoint, options) =>
    (await import("./source.ts")).openNatsSource(endpoint, options),
  openSink: async (endpoint, options) =>
    (await import("./sink.ts")).openNatsSink(endpoint, options),
};
