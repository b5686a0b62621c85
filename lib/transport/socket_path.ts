// lib/transport/socket_path.ts — one job: where each domain's relay socket lives by default.
import { DOMAIN_NAMES, type RelayDomain } from "../protocol/mod.ts";
import { EndpointError } from "./errors.ts";

/**
 * The relay domain for a name (`market`, `signal`, `execution`, `system`), or an
 * EndpointError naming the value and the choices.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDomain } from "./socket_path.ts";
 * assert.equal(parseDomain("signal"), 2);
 * ```
 */
export function parseDomain(name: string): RelayDomain {
  for (const [n, text] of Object.entries(DOMAIN_NAMES)) {
    if (text === name) return Number(n) as RelayDomain;
  }
  throw new EndpointError(
    "BAD_DOMAIN",
    `Unknown relay domain "${name}"; use market, signal, execution or system`,
    { domain: name },
  );
}

/** Where the environment says runtime files go (defaults to the real environment). */
export interface SocketEnv {
  /** `$XDG_RUNTIME_DIR`, when set. */
  readonly runtimeDir?: string | undefined;
  /** The user id, for `/tmp/torq-$UID`. */
  readonly uid?: number | null | undefined;
}

function realEnv(): SocketEnv {
  return { runtimeDir: Deno.env.get("XDG_RUNTIME_DIR"), uid: Deno.uid() };
}

/**
 * The folder of the default relay sockets: `$XDG_RUNTIME_DIR/torq`, else `/tmp/torq-$UID`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultSocketDir } from "./socket_path.ts";
 * assert.equal(defaultSocketDir({ runtimeDir: "/run/user/1000" }), "/run/user/1000/torq");
 * assert.equal(defaultSocketDir({ uid: 1000 }), "/tmp/torq-1000");
 * ```
 */
export function defaultSocketDir(env: SocketEnv = realEnv()): string {
  if (env.runtimeDir !== undefined && env.runtimeDir !== "") return `${env.runtimeDir}/torq`;
  return `/tmp/torq-${env.uid ?? "user"}`;
}

/**
 * The default socket path of a domain's relay: `<defaultSocketDir>/<domain>.sock`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultSocketPath } from "./socket_path.ts";
 * import { RelayDomain } from "../protocol/mod.ts";
 * assert.equal(defaultSocketPath(RelayDomain.MarketData, { uid: 0 }), "/tmp/torq-0/market.sock");
 * ```
 */
export function defaultSocketPath(domain: RelayDomain, env: SocketEnv = realEnv()): string {
  if (!(domain in DOMAIN_NAMES)) {
    throw new EndpointError("BAD_DOMAIN", `Invalid relay domain ${domain}`, { domain });
  }
  return `${defaultSocketDir(env)}/${DOMAIN_NAMES[domain]}.sock`;
}
