// lib/chain/pool_cache.ts — one job: pool metadata on disk, loaded at start and replaced
// atomically, so discovery never asks the chain twice for what it already knows.
import { type Address, getAddress } from "viem";
import { removeStaleTemps, writeFileAtomic } from "./atomic_file.ts";
import { ChainError } from "./errors.ts";
import type { WatchedPool } from "./watched_pool.ts";

/** How far a factory's creation events have been read. */
export interface FactoryProgress {
  readonly factory: Address;
  readonly venue: string;
  readonly protocol: "v2" | "v3";
  /** Last block whose creation events are in the cache. */
  readonly scannedTo: bigint;
}

const VERSION = 1;

interface CacheFile {
  version: number;
  pools: Array<WatchedPool & { chainId: number }>;
  factories: Array<Omit<FactoryProgress, "scannedTo"> & { chainId: number; scannedTo: string }>;
}

/**
 * Pool metadata (tokens, decimals, fee, spacing, venue) and factory scan progress per chain,
 * kept in one JSON file. `save()` replaces the file atomically (temporary file, fsync, rename),
 * so a process killed at any moment leaves the previous or the new content, never a torn file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PoolCache } from "./pool_cache.ts";
 * const dir = await Deno.makeTempDir();
 * const cache = await PoolCache.load(`${dir}/pools.json`);
 * cache.set(31337, {
 *   address: "0x00000000000000000000000000000000000000Aa", venue: "sushiswap", protocol: "v2",
 *   token0: "0x0000000000000000000000000000000000000001",
 *   token1: "0x0000000000000000000000000000000000000002",
 *   decimals0: 6, decimals1: 18, fee: 3000, tickSpacing: 0,
 * });
 * await cache.save();
 * const again = await PoolCache.load(`${dir}/pools.json`);
 * assert(again.get(31337, "0x00000000000000000000000000000000000000aa")?.decimals0 === 6);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class PoolCache {
  readonly path: string;
  readonly #pools = new Map<string, WatchedPool & { chainId: number }>();
  readonly #factories = new Map<string, FactoryProgress & { chainId: number }>();
  #dirty = false;

  private constructor(path: string) {
    this.path = path;
  }

  /**
   * Reads the cache at `path`; a missing file is an empty cache. Temporary files left by a
   * killed writer are removed.
   *
   * @throws {ChainError} `BAD_POOL_CACHE` when the file is not a pool cache.
   */
  static async load(path: string): Promise<PoolCache> {
    const cache = new PoolCache(path);
    await removeStaleTemps(path);
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return cache;
      throw new ChainError("BAD_POOL_CACHE", `Cannot read pool cache ${path}: ${e}`, { path });
    }
    cache.#parse(text);
    return cache;
  }

  /** Number of pools held, over all chains. */
  get size(): number {
    return this.#pools.size;
  }

  /** The pool at `address` on `chainId`, or undefined. */
  get(chainId: number, address: string): WatchedPool | undefined {
    const hit = this.#pools.get(key(chainId, address));
    if (hit === undefined) return undefined;
    const { chainId: _, ...pool } = hit;
    return pool;
  }

  /** Every pool held for `chainId`. */
  pools(chainId: number): WatchedPool[] {
    return [...this.#pools.values()].filter((p) => p.chainId === chainId).map((p) => {
      const { chainId: _, ...pool } = p;
      return pool;
    });
  }

  /** Adds or replaces a pool; `save()` writes it. */
  set(chainId: number, pool: WatchedPool): void {
    this.#pools.set(key(chainId, pool.address), { ...pool, chainId });
    this.#dirty = true;
  }

  /** How far a factory has been scanned on `chainId`, or undefined. */
  factory(chainId: number, factory: string): FactoryProgress | undefined {
    const hit = this.#factories.get(key(chainId, factory));
    if (hit === undefined) return undefined;
    const { chainId: _, ...progress } = hit;
    return progress;
  }

  /** Records a factory's scan progress. */
  setFactory(chainId: number, progress: FactoryProgress): void {
    this.#factories.set(key(chainId, progress.factory), { ...progress, chainId });
    this.#dirty = true;
  }

  /** Writes the cache atomically when something changed since the last save or load. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    const body: CacheFile = {
      version: VERSION,
      pools: [...this.#pools.values()],
      factories: [...this.#factories.values()].map((f) => ({
        ...f,
        scannedTo: f.scannedTo.toString(),
      })),
    };
    await writeFileAtomic(this.path, JSON.stringify(body, null, 1) + "\n");
    this.#dirty = false;
  }

  #parse(text: string): void {
    const bad = (why: string) =>
      new ChainError("BAD_POOL_CACHE", `Pool cache ${this.path} is not valid: ${why}`, {
        path: this.path,
      });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw bad(`not JSON (${(e as Error).message})`);
    }
    const file = body as Partial<CacheFile>;
    if (typeof body !== "object" || body === null || file.version !== VERSION) {
      throw bad(`expected an object with "version": ${VERSION}`);
    }
    if (!Array.isArray(file.pools) || !Array.isArray(file.factories)) {
      throw bad(`expected "pools" and "factories" arrays`);
    }
    for (const p of file.pools) {
      if (!isPoolEntry(p)) throw bad(`bad pool entry ${JSON.stringify(p).slice(0, 120)}`);
      this.#pools.set(key(p.chainId, p.address), { ...p, address: getAddress(p.address) });
    }
    for (const f of file.factories) {
      if (
        typeof f !== "object" || f === null || !Number.isInteger(f.chainId) ||
        typeof f.factory !== "string" || typeof f.venue !== "string" ||
        (f.protocol !== "v2" && f.protocol !== "v3") || !/^[0-9]+$/.test(String(f.scannedTo))
      ) {
        throw bad(`bad factory entry ${JSON.stringify(f).slice(0, 120)}`);
      }
      this.#factories.set(key(f.chainId, f.factory), {
        ...f,
        factory: getAddress(f.factory),
        scannedTo: BigInt(f.scannedTo),
      });
    }
  }
}

function key(chainId: number, address: string): string {
  return `${chainId}:${address.toLowerCase()}`;
}

function isPoolEntry(p: unknown): p is WatchedPool & { chainId: number } {
  const o = p as Record<string, unknown>;
  const addr = (v: unknown) => typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v);
  return typeof p === "object" && p !== null && Number.isInteger(o.chainId) &&
    addr(o.address) && addr(o.token0) && addr(o.token1) && typeof o.venue === "string" &&
    (o.protocol === "v2" || o.protocol === "v3") && Number.isInteger(o.decimals0) &&
    Number.isInteger(o.decimals1) && Number.isInteger(o.fee) && Number.isInteger(o.tickSpacing);
}
