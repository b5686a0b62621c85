// lib/chain/collect_run.ts — one job: wire a collector from what `torq collect` is given: the
// RPC URLs, the pools (file or factories), the cache, the checkpoint and the output format.
import type { Address } from "viem";
import {
  BatchedWriter,
  type ByteSink,
  type FrameSink,
  type StageReporter,
} from "../transport/mod.ts";
import { readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
import { Collector, type CollectorStats } from "./collector.ts";
import {
  discoverFactoryPools,
  type DiscoveryContext,
  type FactoryWatch,
  identifyFactory,
  resolvePools,
} from "./discovery.ts";
import { ChainError } from "./errors.ts";
import { frameSink } from "./frame_sink.ts";
import { PoolCache } from "./pool_cache.ts";
import { parsePoolsFile } from "./pools_file.ts";
import { RateLimiter } from "./rate_limiter.ts";
import { checkRpc, createReadClient } from "./rpc_client.ts";
import type { WatchedPool } from "./watched_pool.ts";

/** What `torq collect` was asked to do. */
export interface CollectRunOptions {
  /** ws(s):// (newHeads trigger, reads over the matching http(s) URL) or http(s):// (polling). */
  readonly rpcUrl: string;
  /** Read endpoint when it is not the WebSocket URL with an http scheme. */
  readonly httpUrl?: string | undefined;
  /** Refuse to run on another chain. */
  readonly chainId?: number | undefined;
  /** Pools file: the JSON `torq devnet` prints, a JSON list or one address per line. */
  readonly poolsFile?: string | undefined;
  /** Pools to follow, fully described (e.g. a devnet's): read from the chain as they are. */
  readonly pools?: readonly WatchedPool[] | undefined;
  /** Factories, as `ADDRESS` or `VENUE:ADDRESS`. */
  readonly factories?: readonly string[] | undefined;
  readonly fromBlock?: bigint | undefined;
  /** Checkpoint file: resumed from when present, rewritten after every flush. */
  readonly checkpointPath?: string | undefined;
  /** Pool metadata cache file. */
  readonly poolCachePath?: string | undefined;
  readonly format: "binary" | "json";
  /** Where the bytes go (JSON lines, or binary frames when `sink` is not given). */
  readonly out?: ByteSink | undefined;
  /** Binary frames go to this endpoint sink (`--out ENDPOINT`), flushed before each checkpoint. */
  readonly sink?: FrameSink | undefined;
  /** Counts every frame written for the health line (`torq collect: … written N …`). */
  readonly report?: StageReporter | undefined;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal | undefined;
  readonly pollIntervalMs?: number | undefined;
  /** Discovery calls per second (default 200). */
  readonly rateLimit?: number | undefined;
}

/**
 * Runs `torq collect`: checks the RPC and chain id, loads the pools (resolving bare addresses
 * and discovering factories' pools through the cache), then collects until `signal` aborts.
 *
 * @throws {ChainError} one-line errors for a bad URL, an unreachable node, a wrong chain, a
 * pool that is not a pool, a bad pools or checkpoint file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCollect } from "./collect_run.ts";
 * import { deployScenario, scenarioJson, startAnvil } from "../devnet/mod.ts";
 * await using anvil = await startAnvil();
 * const poolsFile = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(poolsFile, JSON.stringify(scenarioJson(await deployScenario(anvil))));
 * let text = "";
 * const stats = await runCollect({
 *   rpcUrl: anvil.wsUrl, poolsFile, format: "json", log: () => {},
 *   out: { write: async (c) => { text += new TextDecoder().decode(c); } },
 *   signal: AbortSignal.timeout(1000),
 * });
 * assert(stats.snapshots === text.split("\n").filter((l) => l.includes("PoolState")).length);
 * await Deno.remove(poolsFile);
 * ```
 */
export async function runCollect(o: CollectRunOptions): Promise<CollectorStats> {
  const ws = /^wss?:\/\//i.test(o.rpcUrl);
  const httpUrl = o.httpUrl ?? (ws ? o.rpcUrl.replace(/^ws/i, "http") : o.rpcUrl);
  createReadClient(o.rpcUrl); // validates the URL the user typed
  const client = createReadClient(httpUrl);
  // Errors name the URL the user typed (the reads of a ws:// URL go to its http:// twin).
  const chainId = await checkRpc(client, o.httpUrl ?? o.rpcUrl, o.chainId);
  if (o.poolsFile === undefined && o.pools === undefined && (o.factories ?? []).length === 0) {
    throw new ChainError(
      "BAD_OPTION",
      "Name the pools to follow with --pools FILE or --factory ADDRESS",
      {},
    );
  }
  const cache = o.poolCachePath === undefined ? undefined : await PoolCache.load(o.poolCachePath);
  const ctx: DiscoveryContext = {
    client,
    chainId,
    rpcUrl: httpUrl,
    cache,
    limiter: new RateLimiter(o.rateLimit ?? 200),
  };

  const pools = new Map<Address, WatchedPool>();
  for (const p of o.pools ?? []) pools.set(p.address, p);
  if (o.poolsFile !== undefined) {
    let text: string;
    try {
      text = await Deno.readTextFile(o.poolsFile);
    } catch (e) {
      throw new ChainError(
        "BAD_POOLS_FILE",
        `Cannot read pools file ${o.poolsFile}: ${(e as Error).message}`,
        { path: o.poolsFile },
      );
    }
    const content = parsePoolsFile(text, o.poolsFile);
    for (const p of content.pools) pools.set(p.address, p);
    for (const p of await resolvePools(ctx, content.refs)) pools.set(p.address, p);
  }
  const factories: FactoryWatch[] = [];
  let scannedTo: bigint | undefined;
  if ((o.factories ?? []).length > 0) {
    for (const spec of o.factories!) {
      const m = /^(?:([a-z0-9_]+)[:=])?(.+)$/.exec(spec.trim());
      factories.push(await identifyFactory(ctx, m?.[2] ?? spec, m?.[1]));
    }
    scannedTo = await client.getBlockNumber();
    const found = await discoverFactoryPools(ctx, factories, { toBlock: scannedTo });
    for (const p of found) pools.set(p.address, p);
    o.log(
      `discovered ${found.length} pool(s) from ${factories.length} factory(ies) up to block ${scannedTo}`,
    );
  }
  if (pools.size === 0 && factories.length === 0) {
    throw o.poolsFile === undefined
      ? new ChainError("BAD_OPTION", "The pool list given to runCollect names no pool", {})
      : new ChainError("BAD_POOLS_FILE", `Pools file ${o.poolsFile} names no pool`, {});
  }

  const resume = o.checkpointPath === undefined
    ? undefined
    : await readCheckpoint(o.checkpointPath);
  const output = collectorOutput(o);
  const collector = new Collector({
    client,
    rpcUrl: httpUrl,
    wsUrl: ws ? o.rpcUrl : undefined,
    chainId,
    pools: [...pools.values()],
    factories,
    factoriesScannedTo: scannedTo,
    output,
    fromBlock: o.fromBlock,
    resume,
    log: o.log,
    ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
    ...(o.checkpointPath !== undefined
      ? { onCheckpoint: (cp) => writeCheckpoint(o.checkpointPath!, cp) }
      : {}),
  });
  o.log(
    `collecting ${pools.size} pool(s) on chain ${chainId} from ${o.rpcUrl}` +
      (resume !== undefined ? `, resuming after block ${resume.blockNumber}` : ""),
  );
  const stats = await collector.run(o.signal);
  o.log(
    `stopped at block ${stats.lastBlock}: ${stats.blocks} blocks, ${stats.events} events, ` +
      `${stats.frames} frames, ${stats.reorgs} reorg(s), ${stats.duplicates} duplicate(s) dropped`,
  );
  return stats;
}

// Where the collector's chunks go: an endpoint sink (binary) or a byte sink, counted.
function collectorOutput(o: CollectRunOptions): Pick<FrameSink, "write" | "flush"> {
  const report = o.report;
  const count = (chunk: Uint8Array) => {
    if (report === undefined) return;
    // Count frames, not chunks: walk the headers (payload size at byte 24, u32 LE).
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = 0; at + 32 <= chunk.length;) {
      const size = 32 + view.getUint32(at + 24, true);
      report.wrote(chunk.subarray(at, at + size));
      at += size;
    }
  };
  if (o.sink !== undefined && o.format === "binary") {
    const sink = o.sink;
    return {
      write: (chunk) => {
        count(chunk);
        return sink.write(chunk);
      },
      flush: () => sink.flush(),
    };
  }
  if (o.out === undefined) {
    throw new ChainError("BAD_OPTION", "Give runCollect an output: out or sink", {});
  }
  const inner = frameSink(new BatchedWriter(o.out), o.format);
  return {
    write: (chunk) => {
      count(chunk);
      return inner.write(chunk);
    },
    flush: () => inner.flush(),
  };
}
