// lib/transport/nats/subject.ts — one job: read a `nats://host:port/subject?…` endpoint into
// the server, subject, stream and consumer settings it names (pure; no connection).
import { RelayDomain } from "../../protocol/mod.ts";
import { EndpointError } from "../errors.ts";
import type { UrlEndpoint } from "../transport_types.ts";

/** What a `nats://` endpoint names. */
export interface NatsTarget {
  /** The endpoint text, for messages. */
  readonly text: string;
  /** `host:port` of the server (port 4222 when left out). */
  readonly server: string;
  /** User and password from the URL, when given. */
  readonly user?: string;
  readonly pass?: string;
  /** The subject: exact for a sink; a source may use `*` and `>` wildcards. */
  readonly subject: string;
  /** The first two tokens (`torq.market`): the default stream takes `root` and `root.>`. */
  readonly root: string;
  /** The name of the stream created for `root` when none takes the subject (`TORQ_MARKET`). */
  readonly streamName: string;
  /** The domain when the second token names one (`torq.market.…` is market data). */
  readonly domain?: RelayDomain;
  /** `?durable=NAME`: the source's durable consumer. */
  readonly durable?: string;
  /** `?max_age=SECONDS` of a stream created here (default 86,400). */
  readonly maxAgeSeconds: number;
  /** `?max_bytes=N` of a stream created here (default -1: the server's store limit). */
  readonly maxBytes: number;
  /** `?window=N`: publishes awaiting their ack at most (default 8,192). */
  readonly window: number;
}

const DOMAINS: Record<string, RelayDomain> = {
  market: RelayDomain.MarketData,
  signal: RelayDomain.Signal,
  execution: RelayDomain.Execution,
  system: RelayDomain.System,
};
const QUERY = new Set(["durable", "max_age", "max_bytes", "window"]);
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function bad(text: string, message: string): EndpointError {
  return new EndpointError("BAD_ENDPOINT", message, { endpoint: text });
}

/**
 * Check a NATS subject: dot-separated non-empty tokens of printable non-space characters;
 * with `wildcards`, `*` may stand for a whole token and `>` for the last ones. Returns the
 * subject or throws an EndpointError naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSubject } from "./subject.ts";
 * assert.equal(checkSubject("torq.market.>", true, "x"), "torq.market.>");
 * assert.throws(() => checkSubject("torq.market.>", false, "x"), /wildcard/);
 * assert.throws(() => checkSubject("torq..market", true, "x"), /empty token/);
 * ```
 */
export function checkSubject(subject: string, wildcards: boolean, text: string): string {
  if (subject === "") {
    throw bad(text, `Endpoint ${text} names no subject; write nats://host:port/torq.market`);
  }
  const tokens = subject.split(".");
  tokens.forEach((t, i) => {
    if (t === "") throw bad(text, `Subject "${subject}" has an empty token; tokens are a.b.c`);
    if ([...t].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f)) {
      throw bad(text, `Subject "${subject}" has a space or control character`);
    }
    const wild = t === "*" || t === ">";
    if (!wild && /[*>]/.test(t)) {
      throw bad(text, `Subject "${subject}": * and > must be whole tokens`);
    }
    if (wild && !wildcards) {
      throw bad(
        text,
        `Subject "${subject}" has a wildcard; a sink publishes to one exact subject`,
      );
    }
    if (t === ">" && i !== tokens.length - 1) {
      throw bad(text, `Subject "${subject}": > may only be the last token`);
    }
  });
  return subject;
}

function intParam(text: string, key: string, value: string, min: number): number {
  if (!/^-?\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new EndpointError(
      "BAD_OPTION",
      `?${key}=${value} in ${text} is not an integer of at least ${min}`,
      { endpoint: text, [key]: value },
    );
  }
  return Number(value);
}

/**
 * Read a parsed `nats://` endpoint. `forSink` refuses wildcards. The subject is the URL's
 * path without its leading slash; a bad subject, an unknown `?key` or a bad number is an
 * EndpointError naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseEndpoint } from "../endpoint.ts";
 * import { natsTarget } from "./subject.ts";
 * const ep = parseEndpoint("nats://127.0.0.1:4333/torq.market.uniswap_v3?durable=scan");
 * assert(ep.kind === "url");
 * const t = natsTarget(ep, false);
 * assert.equal(t.server, "127.0.0.1:4333");
 * assert.equal(t.streamName, "TORQ_MARKET");
 * assert.equal(t.durable, "scan");
 * assert.equal(t.domain, 1);
 * ```
 */
export function natsTarget(endpoint: UrlEndpoint, forSink: boolean): NatsTarget {
  const { url, text } = endpoint;
  if (url.hostname === "") throw bad(text, `Endpoint ${text} names no host; nats://host:port/…`);
  const subject = checkSubject(decodeURIComponent(url.pathname.replace(/^\//, "")), !forSink, text);
  for (const key of url.searchParams.keys()) {
    if (!QUERY.has(key)) {
      throw new EndpointError(
        "BAD_OPTION",
        `Unknown option ?${key} in ${text}; known: ${[...QUERY].join(", ")}`,
        { endpoint: text },
      );
    }
  }
  const q = (k: string) => url.searchParams.get(k) ?? undefined;
  const durable = q("durable");
  if (durable !== undefined && !NAME.test(durable)) {
    throw new EndpointError(
      "BAD_OPTION",
      `?durable=${durable} in ${text}: use 1 to 64 letters, digits, _ or -`,
      { endpoint: text },
    );
  }
  const tokens = subject.split(".");
  const root = tokens.slice(0, 2).join(".");
  const domain = DOMAINS[tokens[1] ?? ""];
  const maxAge = q("max_age");
  const maxBytes = q("max_bytes");
  const window = q("window");
  return {
    text,
    server: `${url.hostname}:${url.port === "" ? "4222" : url.port}`,
    ...(url.username !== "" ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password !== "" ? { pass: decodeURIComponent(url.password) } : {}),
    subject,
    root,
    streamName: root.toUpperCase().replace(/[^A-Z0-9_-]/g, "_"),
    ...(domain !== undefined ? { domain } : {}),
    ...(durable !== undefined ? { durable } : {}),
    maxAgeSeconds: maxAge === undefined ? 86_400 : intParam(text, "max_age", maxAge, 0),
    maxBytes: maxBytes === undefined ? -1 : intParam(text, "max_bytes", maxBytes, -1),
    window: window === undefined ? 8192 : intParam(text, "window", window, 1),
  };
}

/**
 * A durable consumer name from a stage name: letters, digits, `_` and `-` kept, anything else
 * becomes `_` (`"torq cat"` → `torq_cat`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { durableFromName } from "./subject.ts";
 * assert.equal(durableFromName("torq cat"), "torq_cat");
 * assert.equal(durableFromName(undefined), "torq");
 * ```
 */
export function durableFromName(name: string | undefined): string {
  const clean = (name ?? "").replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
  return clean === "" ? "torq" : clean;
}
