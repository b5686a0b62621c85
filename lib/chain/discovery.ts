// lib/chain/discovery.ts — one job: find pools and what they trade: from factory creation
// events, and by asking unknown addresses (token0, token1, fee, tickSpacing, decimals) in
// batched, rate-limited calls, remembered in the pool cache. Never on the collector's hot path.
import { type Address, type Hex, numberToHex, type PublicClient } from "viem";
import { dexVenueByName, isVenueOnChain, VENUES } from "../instrument/mod.ts";
import { ChainError } from "./errors.ts";
import { poolViewsAbi } from "./event_abis.ts";
import type { PoolCache } from "./pool_cache.ts";
import {
  decodeCreationLog,
  FACTORY_EVENT_TOPICS,
  type PoolCreation,
  type RawLog,
} from "./pool_log.ts";
import type { RateLimiter } from "./rate_limiter.ts";
import { rpcFailure } from "./rpc_client.ts";
import { chainNameOf, checksumAddress, type WatchedPool } from "./watched_pool.ts";
import { hasMulticall3, MULTICALL3, readMany, type ViewCall } from "./_read_many.ts";

export { MULTICALL3 } from "./_read_many.ts";

/** A factory whose pools to follow, and the venue they belong to. */
export interface FactoryWatch {
  readonly address: Address;
  readonly venue: string;
  readonly protocol: "v2" | "v3";
}

/** Where discovery runs and what helps it. */
export interface DiscoveryContext {
  readonly client: PublicClient;
  readonly chainId: number;
  /** Shown in errors. */
  readonly rpcUrl: string;
  readonly cache?: PoolCache | undefined;
  readonly limiter?: RateLimiter | undefined;
  /** Use Multicall3 when the chain has it (checked once); default true. */
  readonly useMulticall?: boolean;
}

const multicallSeen = new WeakMap<PublicClient, Promise<Address | undefined>>();

function multicallOf(ctx: DiscoveryContext): Promise<Address | undefined> {
  if (ctx.useMulticall === false) return Promise.resolve(undefined);
  let hit = multicallSeen.get(ctx.client);
  if (hit === undefined) {
    hit = hasMulticall3(ctx.client, ctx.rpcUrl).then((yes) => yes ? MULTICALL3 : undefined);
    multicallSeen.set(ctx.client, hit);
  }
  return hit;
}

/**
 * The venue assumed for a pool or factory of `protocol` on a chain when none is named: the first
 * venue of lib/instrument hosted there (on `anvil`: `sushiswap` for V2, `uniswap_v3` for V3).
 *
 * @throws {ChainError} `BAD_OPTION` when the chain hosts no venue of that protocol.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultVenue } from "./discovery.ts";
 * assert(defaultVenue("anvil", "v3") === "uniswap_v3");
 * ```
 */
export function defaultVenue(chain: string, protocol: "v2" | "v3"): string {
  const wanted = protocol === "v2" ? "uniswap_v2" : "uniswap_v3";
  const hit = VENUES.find((v) =>
    v.kind === "dex" && v.protocol === wanted && isVenueOnChain(v, chain as never)
  );
  if (hit === undefined) {
    throw new ChainError("BAD_OPTION", `Chain ${chain} hosts no ${protocol} venue torq knows`, {
      chain,
      protocol,
    });
  }
  return hit.name;
}

function checkVenue(chain: string, venue: string, protocol: "v2" | "v3"): string {
  let v;
  try {
    v = dexVenueByName(venue);
  } catch {
    throw new ChainError("BAD_OPTION", `Unknown venue ${JSON.stringify(venue)}`, { venue });
  }
  if (
    !isVenueOnChain(v, chain as never) ||
    v.protocol !== (protocol === "v2" ? "uniswap_v2" : "uniswap_v3")
  ) {
    throw new ChainError(
      "BAD_OPTION",
      `Venue ${venue} is not a ${protocol} venue on chain ${chain}`,
      { venue, chain, protocol },
    );
  }
  return v.name;
}

/**
 * Finds out whether `address` is a Uniswap V2 factory (`allPairsLength()`) or a V3 one
 * (`feeAmountTickSpacing(500)`), under `venue` or the chain's default venue for its kind.
 *
 * @throws {ChainError} `NOT_A_FACTORY`, `BAD_ADDRESS`, `BAD_OPTION`, `RPC_UNREACHABLE`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { identifyFactory } from "./discovery.ts";
 * import { createDevnetClient, createV2Pair, deployDevnet, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const dev = createDevnetClient(anvil);
 * const dep = await deployDevnet(dev, { v3Venues: [], tokens: [{ symbol: "A", decimals: 6 }, { symbol: "B", decimals: 18 }] });
 * const pair = await createV2Pair(dev, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const ctx = { client: createReadClient(anvil.rpcUrl), chainId: anvil.chainId, rpcUrl: anvil.rpcUrl };
 * const f = await identifyFactory(ctx, dep.v2[0]!.factory, "quickswap_v2");
 * assert(f.protocol === "v2" && f.venue === "quickswap_v2" && pair.startsWith("0x"));
 * ```
 */
export async function identifyFactory(
  ctx: DiscoveryContext,
  address: string,
  venue?: string,
): Promise<FactoryWatch> {
  const factory = checksumAddress(address, "Factory");
  const chain = chainNameOf(ctx.chainId);
  const [v2, v3] = await readMany(ctx.client, [
    { address: factory, abi: poolViewsAbi, functionName: "allPairsLength" },
    { address: factory, abi: poolViewsAbi, functionName: "feeAmountTickSpacing", args: [500] },
  ], { rpcUrl: ctx.rpcUrl, limiter: ctx.limiter });
  const protocol = v2?.ok ? "v2" : v3?.ok ? "v3" : undefined;
  if (protocol === undefined) {
    throw new ChainError(
      "NOT_A_FACTORY",
      `${factory} is neither a Uniswap V2 factory (allPairsLength) nor a V3 one (feeAmountTickSpacing)`,
      { address: factory },
    );
  }
  return {
    address: factory,
    protocol,
    venue: venue === undefined ? defaultVenue(chain, protocol) : checkVenue(chain, venue, protocol),
  };
}

/** Where to look for creation events. */
export interface DiscoverOptions {
  /** First block to scan (default 0); a cached factory resumes after its last scanned block. */
  readonly fromBlock?: bigint;
  /** Last block to scan (default: latest). */
  readonly toBlock?: bigint;
  /** Blocks per eth_getLogs call (default 5000). */
  readonly chunk?: bigint;
}

/**
 * Every pool the factories created, from their PairCreated / PoolCreated events, with token
 * decimals read in batches. With a cache, known pools are not asked again, each factory resumes
 * where the last scan ended, and the cache is saved (atomically) at the end.
 *
 * @throws {ChainError} `RPC_UNREACHABLE`, `RPC_ERROR`, `NOT_A_CONTRACT` (a token without decimals).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { discoverFactoryPools } from "./discovery.ts";
 * import { createDevnetClient, createV2Pair, deployDevnet, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const dev = createDevnetClient(anvil);
 * const dep = await deployDevnet(dev, { v3Venues: [], tokens: [{ symbol: "A", decimals: 6 }, { symbol: "B", decimals: 18 }] });
 * const pair = await createV2Pair(dev, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const ctx = { client: createReadClient(anvil.rpcUrl), chainId: anvil.chainId, rpcUrl: anvil.rpcUrl };
 * const factory = { address: dep.v2[0]!.factory, venue: "sushiswap", protocol: "v2" } as const;
 * const [found] = await discoverFactoryPools(ctx, [factory]);
 * assert(found?.address === pair && found.fee === 3000);
 * ```
 */
export async function discoverFactoryPools(
  ctx: DiscoveryContext,
  factories: readonly FactoryWatch[],
  options: DiscoverOptions = {},
): Promise<WatchedPool[]> {
  const { client, chainId, cache } = ctx;
  const toBlock = options.toBlock ?? await call(() => client.getBlockNumber(), ctx.rpcUrl);
  const chunk = options.chunk ?? 5000n;
  const found: WatchedPool[] = [];
  for (const f of factories) {
    const progress = cache?.factory(chainId, f.address);
    let from = options.fromBlock ?? 0n;
    if (progress !== undefined && progress.scannedTo + 1n > from) {
      found.push(...cache!.pools(chainId).filter((p) => p.factory === f.address));
      from = progress.scannedTo + 1n;
    }
    const creations: PoolCreation[] = [];
    for (let start = from; start <= toBlock; start += chunk) {
      const end = start + chunk - 1n < toBlock ? start + chunk - 1n : toBlock;
      await ctx.limiter?.take(1);
      const logs = await getLogs(client, [f.address], FACTORY_EVENT_TOPICS, start, end, ctx.rpcUrl);
      for (const log of logs) {
        const c = decodeCreationLog(log);
        if (c !== undefined) creations.push(c);
      }
    }
    found.push(...await describeCreations(ctx, f, creations));
    cache?.setFactory(chainId, { ...f, factory: f.address, scannedTo: toBlock });
  }
  await cache?.save();
  return found;
}

/**
 * The watched-pool records of pools a factory created: decimals read in a batch (or taken from
 * the cache), cached.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeCreations } from "./discovery.ts";
 * import { createDevnetClient, createV2Pair, deployDevnet, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const dev = createDevnetClient(anvil);
 * const dep = await deployDevnet(dev, { v3Venues: [], tokens: [{ symbol: "A", decimals: 6 }, { symbol: "B", decimals: 18 }] });
 * const pair = await createV2Pair(dev, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const ctx = { client: createReadClient(anvil.rpcUrl), chainId: anvil.chainId, rpcUrl: anvil.rpcUrl };
 * const factory = { address: dep.v2[0]!.factory, venue: "sushiswap", protocol: "v2" } as const;
 * const [t0, t1] = [dep.tokens[0]!.address, dep.tokens[1]!.address].sort((a, b) => BigInt(a) < BigInt(b) ? -1 : 1);
 * const [pool] = await describeCreations(ctx, factory, [
 *   { protocol: "v2", pool: pair, token0: t0!, token1: t1!, fee: 0, tickSpacing: 0 },
 * ]);
 * assert(pool!.decimals0 + pool!.decimals1 === 24);
 * ```
 */
export async function describeCreations(
  ctx: DiscoveryContext,
  factory: FactoryWatch,
  creations: readonly PoolCreation[],
): Promise<WatchedPool[]> {
  const decimals = await tokenDecimals(ctx, creations.flatMap((c) => [c.token0, c.token1]));
  return creations.map((c) => {
    const pool: WatchedPool = {
      address: c.pool,
      venue: factory.venue,
      protocol: c.protocol,
      token0: c.token0,
      token1: c.token1,
      decimals0: decimals.get(c.token0)!,
      decimals1: decimals.get(c.token1)!,
      fee: c.protocol === "v2" ? venueFeePips(factory.venue) : c.fee,
      tickSpacing: c.tickSpacing,
      factory: factory.address,
    };
    ctx.cache?.set(ctx.chainId, pool);
    return pool;
  });
}

/** An address to resolve, optionally with the venue it belongs to. */
export interface PoolRef {
  readonly address: string;
  readonly venue?: string | undefined;
}

/**
 * What each address is: a V2 pair (`getReserves`) or a V3 pool (`slot0`), its tokens, fee,
 * spacing and factory, and the tokens' decimals — all in batched, rate-limited calls (Multicall3
 * where the chain has it), cached. Cached pools cost no call at all.
 *
 * @throws {ChainError} `NOT_A_POOL` naming the first address that is neither, `NOT_A_CONTRACT`
 * for an address without code, `BAD_ADDRESS`, `RPC_UNREACHABLE`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvePools } from "./discovery.ts";
 * import { createDevnetClient, createV2Pair, deployDevnet, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const dev = createDevnetClient(anvil);
 * const dep = await deployDevnet(dev, { v3Venues: [], tokens: [{ symbol: "A", decimals: 6 }, { symbol: "B", decimals: 18 }] });
 * const pair = await createV2Pair(dev, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const ctx = { client: createReadClient(anvil.rpcUrl), chainId: anvil.chainId, rpcUrl: anvil.rpcUrl };
 * const [pool] = await resolvePools(ctx, [{ address: pair, venue: "sushiswap" }]);
 * assert(pool?.protocol === "v2" && pool.venue === "sushiswap");
 * ```
 */
export async function resolvePools(
  ctx: DiscoveryContext,
  refs: readonly PoolRef[],
): Promise<WatchedPool[]> {
  const chain = chainNameOf(ctx.chainId);
  const wanted = refs.map((r) => ({ address: checksumAddress(r.address, "Pool"), venue: r.venue }));
  const unknown = wanted.filter((r) => ctx.cache?.get(ctx.chainId, r.address) === undefined);
  if (unknown.length > 0) {
    const multicall = await multicallOf(ctx);
    const views = ["slot0", "getReserves", "token0", "token1", "fee", "tickSpacing", "factory"];
    const calls: ViewCall[] = unknown.flatMap((r) =>
      views.map((functionName) => ({ address: r.address, abi: poolViewsAbi, functionName }))
    );
    const results = await readMany(ctx.client, calls, {
      rpcUrl: ctx.rpcUrl,
      multicall,
      limiter: ctx.limiter,
    });
    const described: Omit<WatchedPool, "decimals0" | "decimals1">[] = [];
    for (const [i, r] of unknown.entries()) {
      const [slot0, reserves, t0, t1, fee, spacing, factory] = results.slice(i * 7, i * 7 + 7);
      const protocol = slot0?.ok ? "v3" : reserves?.ok ? "v2" : undefined;
      if (protocol === undefined || !t0?.ok || !t1?.ok) await notAPool(ctx, r.address);
      const venue = r.venue === undefined
        ? defaultVenue(chain, protocol!)
        : checkVenue(chain, r.venue, protocol!);
      described.push({
        address: r.address,
        venue,
        protocol: protocol!,
        token0: checksumAddress(String(t0!.ok ? t0!.value : ""), "token0"),
        token1: checksumAddress(String(t1!.ok ? t1!.value : ""), "token1"),
        fee: protocol === "v3" && fee?.ok ? Number(fee.value) : venueFeePips(venue),
        tickSpacing: protocol === "v3" && spacing?.ok ? Number(spacing.value) : 0,
        ...(factory?.ok ? { factory: checksumAddress(String(factory.value), "factory") } : {}),
      });
    }
    const decimals = await tokenDecimals(ctx, described.flatMap((d) => [d.token0, d.token1]));
    for (const d of described) {
      ctx.cache?.set(ctx.chainId, {
        ...d,
        decimals0: decimals.get(d.token0)!,
        decimals1: decimals.get(d.token1)!,
      });
    }
    await ctx.cache?.save();
    // Without a cache the described pools are returned directly.
    if (ctx.cache === undefined) {
      return wanted.map((w) => {
        const d = described.find((x) => x.address === w.address)!;
        return { ...d, decimals0: decimals.get(d.token0)!, decimals1: decimals.get(d.token1)! };
      });
    }
  }
  return wanted.map((w) => {
    const hit = ctx.cache!.get(ctx.chainId, w.address)!;
    return w.venue === undefined || w.venue === hit.venue ? hit : { ...hit, venue: w.venue };
  });
}

/**
 * Decimals of each token (deduplicated, one batch; cached pools' tokens cost nothing).
 *
 * @throws {ChainError} `NOT_A_CONTRACT` for a token without `decimals()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tokenDecimals } from "./discovery.ts";
 * import { createDevnetClient, createV2Pair, deployDevnet, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const dev = createDevnetClient(anvil);
 * const dep = await deployDevnet(dev, { v3Venues: [], tokens: [{ symbol: "A", decimals: 6 }, { symbol: "B", decimals: 18 }] });
 * const pair = await createV2Pair(dev, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const ctx = { client: createReadClient(anvil.rpcUrl), chainId: anvil.chainId, rpcUrl: anvil.rpcUrl };
 * const map = await tokenDecimals(ctx, [dep.tokens[0]!.address]);
 * assert(map.get(dep.tokens[0]!.address) === 6 && pair.startsWith("0x"));
 * ```
 */
export async function tokenDecimals(
  ctx: DiscoveryContext,
  tokens: readonly Address[],
): Promise<Map<Address, number>> {
  const out = new Map<Address, number>();
  for (const p of ctx.cache?.pools(ctx.chainId) ?? []) {
    out.set(p.token0, p.decimals0);
    out.set(p.token1, p.decimals1);
  }
  const missing = [...new Set(tokens)].filter((t) => !out.has(t));
  if (missing.length === 0) return out;
  const results = await readMany(
    ctx.client,
    missing.map((address) => ({ address, abi: poolViewsAbi, functionName: "decimals" })),
    { rpcUrl: ctx.rpcUrl, multicall: await multicallOf(ctx), limiter: ctx.limiter },
  );
  for (const [i, token] of missing.entries()) {
    const r = results[i];
    if (!r?.ok) {
      throw new ChainError(
        "NOT_A_CONTRACT",
        `Token ${token} does not answer decimals(); is it an ERC-20?`,
        { address: token },
      );
    }
    out.set(token, Number(r.value));
  }
  return out;
}

/**
 * `eth_getLogs` over one block range for some addresses and topic0 alternatives, as the node
 * returns them (raw, hex quantities).
 *
 * @throws {ChainError} `RPC_UNREACHABLE` or `RPC_ERROR` (e.g. a range the node refuses).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getLogs } from "./discovery.ts";
 * import { FACTORY_EVENT_TOPICS } from "./pool_log.ts";
 * import { createDevnetClient, createV2Pair, deployDevnet, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const dev = createDevnetClient(anvil);
 * const dep = await deployDevnet(dev, { v3Venues: [], tokens: [{ symbol: "A", decimals: 6 }, { symbol: "B", decimals: 18 }] });
 * const pair = await createV2Pair(dev, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const ctx = { client: createReadClient(anvil.rpcUrl), chainId: anvil.chainId, rpcUrl: anvil.rpcUrl };
 * const logs = await getLogs(ctx.client, [dep.v2[0]!.factory], FACTORY_EVENT_TOPICS, 0n, 1000n, anvil.rpcUrl);
 * assert(logs.length === 1 && pair.startsWith("0x"));
 * ```
 */
export async function getLogs(
  client: PublicClient,
  addresses: readonly Address[],
  topics: readonly Hex[],
  fromBlock: bigint,
  toBlock: bigint,
  rpcUrl: string,
): Promise<RawLog[]> {
  return await call(
    () =>
      client.request({
        method: "eth_getLogs",
        params: [{
          address: [...addresses],
          topics: [[...topics]],
          fromBlock: numberToHex(fromBlock),
          toBlock: numberToHex(toBlock),
        }],
      }) as Promise<RawLog[]>,
    rpcUrl,
  );
}

function venueFeePips(venue: string): number {
  const v = dexVenueByName(venue);
  return v.protocol === "uniswap_v2" ? Number(v.feeBps) * 100 : Number(v.defaultFee);
}

async function notAPool(ctx: DiscoveryContext, address: Address): Promise<never> {
  const code = await call(() => ctx.client.getCode({ address }), ctx.rpcUrl);
  if (code === undefined || code === "0x") {
    throw new ChainError(
      "NOT_A_CONTRACT",
      `Pool ${address} has no code; check the address and the chain`,
      { address },
    );
  }
  throw new ChainError(
    "NOT_A_POOL",
    `${address} is a contract but neither a Uniswap V2 pair (getReserves) nor a V3 pool (slot0)`,
    { address },
  );
}

async function call<T>(f: () => Promise<T>, url: string): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw rpcFailure(e, url);
  }
}
