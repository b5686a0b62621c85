// lib/chain/pools_file.ts — one job: read the pools a collector should follow from a file: the
// JSON `torq devnet` prints, a JSON list, or plain text with one address per line.
import { ChainError } from "./errors.ts";
import type { PoolRef } from "./discovery.ts";
import { checksumAddress, type WatchedPool } from "./watched_pool.ts";

/** What a pools file names: fully described pools, and bare addresses to resolve on chain. */
export interface PoolsFileContent {
  readonly pools: readonly WatchedPool[];
  readonly refs: readonly PoolRef[];
}

/**
 * Parses a pools file. Accepted forms: an object with a `pools` array (what `torq devnet`
 * prints), a JSON array, or text with one pool per line (`ADDRESS` or `VENUE:ADDRESS`; blank
 * lines and `#` comments are skipped). An array entry is an address string, or an object with
 * `address` (and `venue`); an object that also has protocol, tokens, decimals, fee and tick
 * spacing is taken as it is, without asking the chain.
 *
 * @throws {ChainError} `BAD_POOLS_FILE` naming the entry, `BAD_ADDRESS`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePoolsFile } from "./pools_file.ts";
 * const c = parsePoolsFile("# mine\nsushiswap:0x00000000000000000000000000000000000000aa\n", "pools.txt");
 * assert(c.refs.length === 1 && c.refs[0]?.venue === "sushiswap");
 * ```
 */
export function parsePoolsFile(text: string, path: string): PoolsFileContent {
  const trimmed = text.trim();
  const bad = (why: string) =>
    new ChainError("BAD_POOLS_FILE", `Pools file ${path}: ${why}`, { path });
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let body: unknown;
    try {
      body = JSON.parse(trimmed);
    } catch (e) {
      throw bad(`not valid JSON (${(e as Error).message})`);
    }
    const list = Array.isArray(body) ? body : (body as { pools?: unknown }).pools;
    if (!Array.isArray(list)) throw bad(`expected a "pools" array or a JSON array of pools`);
    const pools: WatchedPool[] = [];
    const refs: PoolRef[] = [];
    for (const [i, entry] of list.entries()) {
      if (typeof entry === "string") {
        refs.push(lineRef(entry, `entry ${i}`));
        continue;
      }
      if (typeof entry !== "object" || entry === null || typeof entry.address !== "string") {
        throw bad(`entry ${i} is neither an address nor an object with "address"`);
      }
      const full = fullPool(entry as Record<string, unknown>);
      if (full !== undefined) pools.push(full);
      else {
        refs.push({
          address: checksumAddress(entry.address, `Pool of entry ${i}`),
          venue: typeof entry.venue === "string" ? entry.venue : undefined,
        });
      }
    }
    return { pools, refs };
  }
  const refs: PoolRef[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line.length > 0) refs.push(lineRef(line, `line ${i + 1}`));
  }
  if (refs.length === 0) throw bad("names no pool");
  return { pools: [], refs };
}

function lineRef(text: string, where: string): PoolRef {
  const m = /^(?:([a-z0-9_]+)\s*[:= ]\s*)?(\S+)$/.exec(text.trim());
  const address = m?.[2] ?? text;
  return { address: checksumAddress(address, `Pool on ${where}`), venue: m?.[1] };
}

function fullPool(o: Record<string, unknown>): WatchedPool | undefined {
  const isInt = (v: unknown) => Number.isInteger(v);
  if (
    typeof o.venue !== "string" || (o.protocol !== "v2" && o.protocol !== "v3") ||
    typeof o.token0 !== "string" || typeof o.token1 !== "string" || !isInt(o.decimals0) ||
    !isInt(o.decimals1) || !isInt(o.fee) || !isInt(o.tickSpacing)
  ) {
    return undefined;
  }
  return {
    address: checksumAddress(String(o.address), "Pool"),
    venue: o.venue,
    protocol: o.protocol,
    token0: checksumAddress(o.token0, "token0"),
    token1: checksumAddress(o.token1, "token1"),
    decimals0: o.decimals0 as number,
    decimals1: o.decimals1 as number,
    fee: o.fee as number,
    tickSpacing: o.tickSpacing as number,
    ...(typeof o.factory === "string" ? { factory: checksumAddress(o.factory, "factory") } : {}),
  };
}
