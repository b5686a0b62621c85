// lib/transport/transports.ts — one job: the registry of URL transports (`nats://` and any
// later scheme), so a new transport plugs in without stages knowing.
import { EndpointError } from "./errors.ts";
import { natsTransport } from "./nats/transport.ts";
import type { UrlEndpoint, UrlTransport } from "./transport_types.ts";

const REGISTRY = new Map<string, UrlTransport>([["nats", natsTransport]]);

/**
 * Register (or replace) the transport of a scheme; `openFrameSource` and `openFrameSink`
 * use it for `scheme://…` endpoints.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { registerTransport, transportFor } from "./transports.ts";
 * import { parseEndpoint } from "./endpoint.ts";
 * registerTransport({ scheme: "demo", openSource: () => Promise.reject(new Error("x")),
 *   openSink: () => Promise.reject(new Error("x")) });
 * const ep = parseEndpoint("demo://host/subject");
 * assert(ep.kind === "url" && transportFor(ep).scheme === "demo");
 * ```
 */
export function registerTransport(transport: UrlTransport): void {
  REGISTRY.set(transport.scheme.toLowerCase(), transport);
}

/**
 * The transport of a URL endpoint; an unknown scheme is an EndpointError naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { transportFor } from "./transports.ts";
 * import { parseEndpoint } from "./endpoint.ts";
 * const ep = parseEndpoint("nats://127.0.0.1:1/torq.market");
 * assert(ep.kind === "url" && transportFor(ep).scheme === "nats");
 * // Nothing listens on port 1: one clear error naming host:port and the fix.
 * await assert.rejects(transportFor(ep).openSource(ep, {}), /Cannot reach NATS at 127.0.0.1:1/);
 * ```
 */
export function transportFor(endpoint: UrlEndpoint): UrlTransport {
  const t = REGISTRY.get(endpoint.scheme);
  if (t === undefined) {
    throw new EndpointError(
      "UNKNOWN_SCHEME",
      `Unknown endpoint scheme "${endpoint.scheme}" in ${endpoint.text}; known: ${
        [...REGISTRY.keys()].join(", ")
      }`,
      { endpoint: endpoint.text },
    );
  }
  return t;
}
