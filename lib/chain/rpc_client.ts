// lib/chain/rpc_client.ts — one job: a viem read client for an RPC URL, with batching and
// errors that say what is wrong with the URL.
import { createPublicClient, http, type PublicClient, webSocket } from "viem";
import { ChainError } from "./errors.ts";

/** Options of {@linkcode createReadClient}. */
export interface ReadClientOptions {
  /** Require this chain id (checked by {@linkcode checkRpc}). */
  readonly chainId?: number;
  /** Calls per JSON-RPC batch (default 256). */
  readonly batchSize?: number;
}

/**
 * A viem public client for `url` (http(s):// or ws(s)://). Concurrent calls are sent as
 * JSON-RPC batches, which is how pool reads stay to a few round trips.
 *
 * @throws {ChainError} `BAD_RPC_URL` for anything that is not an http or ws URL
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createReadClient } from "./rpc_client.ts";
 * assert.throws(() => createReadClient("localhost:8545"), /http:\/\/ or ws:\/\//);
 * ```
 */
export function createReadClient(url: string, options: ReadClientOptions = {}): PublicClient {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(url);
  }
  const batchSize = options.batchSize ?? 256;
  if (parsed.protocol === "http:" || parsed.protocol === "https:") {
    return createPublicClient({
      transport: http(url, { batch: { batchSize }, retryCount: 2, timeout: 30_000 }),
    });
  }
  if (parsed.protocol === "ws:" || parsed.protocol === "wss:") {
    return createPublicClient({ transport: webSocket(url, { retryCount: 2, timeout: 30_000 }) });
  }
  throw badUrl(url);
}

function badUrl(url: string): ChainError {
  return new ChainError(
    "BAD_RPC_URL",
    `RPC URL ${JSON.stringify(url)} must start with http:// or ws:// (e.g. http://127.0.0.1:8545)`,
    { url },
  );
}

/**
 * Ask the node for its chain id: turns a refused connection, a timeout or a non-RPC answer into
 * a one-line ChainError, and a chain other than `expected` into `WRONG_CHAIN`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkRpc, createReadClient } from "./rpc_client.ts";
 * await assert.rejects(checkRpc(createReadClient("http://127.0.0.1:9"), "http://127.0.0.1:9"),
 *   (e: { code: string }) => e.code === "RPC_UNREACHABLE");
 * ```
 */
export async function checkRpc(
  client: PublicClient,
  url: string,
  expected?: number,
): Promise<number> {
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (e) {
    throw rpcFailure(e, url);
  }
  if (expected !== undefined && chainId !== expected) {
    throw new ChainError(
      "WRONG_CHAIN",
      `RPC ${url} serves chain ${chainId}, expected ${expected}; point --rpc at the right network`,
      { url, chainId, expected },
    );
  }
  return chainId;
}

/**
 * A ChainError for a failed RPC call: unreachable (refused, DNS, timeout) or an RPC error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rpcFailure } from "./rpc_client.ts";
 * assert.equal(rpcFailure(new Error("fetch failed"), "http://x").code, "RPC_UNREACHABLE");
 * ```
 */
export function rpcFailure(e: unknown, url: string): ChainError {
  if (e instanceof ChainError) return e;
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  const unreachable =
    /fetch failed|ECONNREFUSED|Connection refused|HttpRequestError|TimeoutError|timed out|dns|socket|WebSocket/i
      .test(text);
  const first = (e instanceof Error ? e.message : String(e)).split("\n")[0];
  return new ChainError(
    unreachable ? "RPC_UNREACHABLE" : "RPC_ERROR",
    unreachable
      ? `Cannot reach RPC ${url} (${first}); check the URL and that the node is running`
      : `RPC ${url} failed: ${first}`,
    { url },
    { cause: e },
  );
}
