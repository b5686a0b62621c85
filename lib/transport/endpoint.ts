// lib/transport/endpoint.ts — one job: parse the endpoint text a stage is pointed at.
import type { RelayDomain } from "../protocol/mod.ts";
import { EndpointError } from "./errors.ts";
import { defaultSocketPath, parseDomain, type SocketEnv } from "./socket_path.ts";

/**
 * Where frames come from or go to:
 * - `stdio`: `-`, the process's stdin (as a source) or stdout (as a sink);
 * - `unix`: `unix:/path/to.sock`, a relay's Unix socket (`unix:market` and the other domain
 *   names stand for that domain's default socket);
 * - `file`: any other text, a file of concatenated frames (a recording);
 * - `url`: `scheme://…`, served by a registered transport (`nats://host:port/subject`).
 */
export type Endpoint =
  | { readonly kind: "stdio"; readonly text: string }
  | {
    readonly kind: "unix";
    readonly text: string;
    readonly path: string;
    /** The domain when the endpoint was given by domain name. */
    readonly domain?: RelayDomain;
  }
  | { readonly kind: "file"; readonly text: string; readonly path: string }
  | {
    readonly kind: "url";
    readonly text: string;
    /** Scheme without `://`, lower case (`nats`). */
    readonly scheme: string;
    readonly url: URL;
  };

const DOMAIN_WORDS = new Set(["market", "signal", "execution", "system"]);

/**
 * Parse endpoint text. Empty text, `unix:` without a path and a malformed URL are
 * EndpointErrors naming the text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseEndpoint } from "./endpoint.ts";
 * assert.equal(parseEndpoint("-").kind, "stdio");
 * const u = parseEndpoint("unix:/tmp/torq/market.sock");
 * assert(u.kind === "unix" && u.path === "/tmp/torq/market.sock");
 * const d = parseEndpoint("unix:signal", { uid: 7 });
 * assert(d.kind === "unix" && d.path === "/tmp/torq-7/signal.sock" && d.domain === 2);
 * assert.equal(parseEndpoint("recording.bin").kind, "file");
 * const n = parseEndpoint("nats://127.0.0.1:4222/torq.market");
 * assert(n.kind === "url" && n.scheme === "nats");
 * ```
 */
export function parseEndpoint(text: string, env?: SocketEnv): Endpoint {
  if (text === "") {
    throw new EndpointError(
      "BAD_ENDPOINT",
      "Endpoint is empty; use -, unix:PATH, a file path or nats://host:port/subject",
    );
  }
  if (text === "-") return { kind: "stdio", text };
  if (text.startsWith("unix:") && !text.startsWith("unix://")) {
    const rest = text.slice(5);
    if (rest === "") {
      throw new EndpointError(
        "BAD_ENDPOINT",
        `Endpoint "${text}" has no socket path; use unix:/path/to.sock or unix:market`,
        { endpoint: text },
      );
    }
    if (DOMAIN_WORDS.has(rest)) {
      const domain = parseDomain(rest);
      return { kind: "unix", text, path: defaultSocketPath(domain, env), domain };
    }
    return { kind: "unix", text, path: rest };
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  if (scheme !== null) {
    if (scheme[1]!.toLowerCase() === "unix") {
      throw new EndpointError("BAD_ENDPOINT", `Endpoint "${text}": write unix:/path, not unix://`, {
        endpoint: text,
      });
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new EndpointError("BAD_ENDPOINT", `Endpoint "${text}" is not a valid URL`, {
        endpoint: text,
      });
    }
    return { kind: "url", text, scheme: scheme[1]!.toLowerCase(), url };
  }
  return { kind: "file", text, path: text };
}
