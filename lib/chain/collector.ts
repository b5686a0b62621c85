// lib/chain/collector.ts — one job: follow a chain block by block and turn the watched pools'
// logs into market-data frames: state snapshots at the start, then every event exactly once,
// in (block, logIndex) order, with reorgs invalidated and re-read, and a checkpoint per flush.
import { type Address, getAddress, type Hex, numberToHex, type PublicClient } from "viem";
import { AmmError } from "../amm/mod.ts";
import { ChainError } from "./errors.ts";
import type { Checkpoint } from "./checkpoint.ts";
import { describeCreations, type FactoryWatch, getLogs } from "./discovery.ts";
import { HeadWatcher } from "./head_watcher.ts";
import { InvalidateReason, PoolFrames } from "./pool_frames.ts";
import {
  decodeCreationLog,
  decodePoolLog,
  FACTORY_EVENT_TOPICS,
  logPosition,
  type RawLog,
  V2_EVENT_TOPICS,
  V3_EVENT_TOPICS,
} from "./pool_log.ts";
import { type PoolSnapshot, readPool } from "./pool_reader.ts";
import { rpcFailure } from "./rpc_client.ts";
import type { WatchedPool } from "./watched_pool.ts";
import type { FrameSink } from "../transport/mod.ts";

/** Options of a {@linkcode Collector}. */
export interface CollectorOptions {
  /** Reads (blocks, logs, pool state); an HTTP client batches them. */
  readonly client: PublicClient;
  /** The read client's URL, shown in messages. */
  readonly rpcUrl: string;
  /** WebSocket URL for the newHeads trigger; without it the collector polls. */
  readonly wsUrl?: string | undefined;
  /** The chain's id (frames carry it; instrument ids need its name). */
  readonly chainId: number;
  readonly pools: readonly WatchedPool[];
  /** Factories whose new pools join the watched set as they are created. */
  readonly factories?: readonly FactoryWatch[];
  /** Last block whose creation events `pools` already include (default: the start block). */
  readonly factoriesScannedTo?: bigint | undefined;
  /** Where frames go: written in order, then flushed before the checkpoint moves. */
  readonly output: Pick<FrameSink, "write" | "flush">;
  /** Start with events of this block (state is read at the block before); default: the head. */
  readonly fromBlock?: bigint | undefined;
  /** Resume after this checkpoint (takes precedence over `fromBlock`). */
  readonly resume?: Checkpoint | undefined;
  /** Called after each flush with the block the frames reach; write it durably. */
  readonly onCheckpoint?: (checkpoint: Checkpoint) => Promise<void>;
  /** Health lines (reorgs, reconnects, retries). */
  readonly log?: (line: string) => void;
  /** Poll interval without a live subscription, ms (default 1000). */
  readonly pollIntervalMs?: number;
  /** Most blocks per eth_getLogs (default 500). */
  readonly maxBlockRange?: number;
  /** Reconnect and retry backoff, ms (defaults 250 doubling to 10000). */
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** V2 fee in basis points by venue, for snapshots (default 30). */
  readonly v2FeeBps?: bigint;
}

/** Counters of a running collector. */
export interface CollectorStats {
  blocks: number;
  events: number;
  duplicates: number;
  reorgs: number;
  snapshots: number;
  frames: number;
  /** Last block whose frames were flushed. */
  lastBlock: bigint;
}

interface Header {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  timestamp: bigint;
  baseFeePerGas: bigint;
}

// Blocks of history kept for reorg checks and duplicate suppression.
const HISTORY = 256n;

/** A retryable inconsistency: the chain moved while a range was being read. */
class ChainMoved extends Error {}

/**
 * Follows a chain for a set of pools. `run()` first emits a PoolState frame (and PoolTick
 * frames for V3) per pool, read at the starting block, then for every block: a GasPrice frame
 * and the pools' events in (block, logIndex) order — PoolSync, PoolSwap, PoolMint, PoolBurn and
 * PoolLiquidity where a V3 mint or burn changes the active liquidity. A log is identified by
 * (block hash, log index) and emitted once. A block whose parent hash is not the one stored
 * starts reorg handling: PoolInvalidate frames for the pools touched by the replaced blocks,
 * their state re-read at the common ancestor, then the new chain's events. Frames of a range
 * are flushed before `onCheckpoint` is called with its last block, so a restart from the
 * checkpoint resumes right after the last flushed block.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Collector } from "./collector.ts";
 * import { deployScenario, startAnvil } from "../devnet/mod.ts";
 * import { createReadClient } from "./rpc_client.ts";
 * await using anvil = await startAnvil();
 * const { pools } = await deployScenario(anvil);
 * const chunks: Uint8Array[] = [];
 * const collector = new Collector({
 *   client: createReadClient(anvil.rpcUrl), rpcUrl: anvil.rpcUrl, wsUrl: anvil.wsUrl,
 *   chainId: anvil.chainId, pools,
 *   output: { write: async (c) => void chunks.push(c.slice()), flush: async () => {} },
 * });
 * const stats = await collector.run(AbortSignal.timeout(1000));
 * assert(stats.snapshots === pools.length && chunks.length > 0);
 * ```
 */
export class Collector {
  readonly #o: CollectorOptions;
  readonly #frames: PoolFrames;
  readonly #pools = new Map<Address, WatchedPool>();
  readonly #factories = new Map<Address, FactoryWatch>();
  /** V3 pools' tick and active liquidity, to tell when a mint or burn changes the latter. */
  readonly #v3 = new Map<Address, { tick: number; liquidity: bigint }>();
  /** Processed blocks' hashes, for parent checks and ancestor search. */
  readonly #recent = new Map<bigint, Hex>();
  /** Pools with events per processed block, to know whom a reorg affects. */
  readonly #touched = new Map<bigint, Set<Address>>();
  /** `blockHash:logIndex` of emitted logs, by block number for pruning. */
  readonly #seen = new Map<bigint, Set<string>>();
  #last: { number: bigint; hash: Hex } | undefined;
  readonly stats: CollectorStats = {
    blocks: 0,
    events: 0,
    duplicates: 0,
    reorgs: 0,
    snapshots: 0,
    frames: 0,
    lastBlock: -1n,
  };

  constructor(options: CollectorOptions) {
    this.#o = options;
    this.#frames = new PoolFrames(options.chainId);
    for (const p of options.pools) this.#pools.set(getAddress(p.address), p);
    for (const f of options.factories ?? []) this.#factories.set(getAddress(f.address), f);
  }

  /** The pools watched now (those given plus those factories created since). */
  get pools(): WatchedPool[] {
    return [...this.#pools.values()];
  }

  /**
   * Emits the starting state, then follows the chain until `signal` aborts; resolves after the
   * range in progress is flushed and checkpointed.
   *
   * @throws {ChainError} when the starting state cannot be read (unreachable RPC, not a pool,
   * a checkpoint of another chain).
   */
  async run(signal?: AbortSignal): Promise<CollectorStats> {
    await this.#start();
    const watcher = new HeadWatcher({
      ...(this.#o.wsUrl !== undefined ? { wsUrl: this.#o.wsUrl } : {}),
      ...(this.#o.pollIntervalMs !== undefined ? { pollIntervalMs: this.#o.pollIntervalMs } : {}),
      ...(this.#o.backoffInitialMs !== undefined
        ? { backoffInitialMs: this.#o.backoffInitialMs }
        : {}),
      ...(this.#o.backoffMaxMs !== undefined ? { backoffMaxMs: this.#o.backoffMaxMs } : {}),
      ...(this.#o.log !== undefined ? { log: this.#o.log } : {}),
    });
    const onAbort = () => watcher.poke();
    signal?.addEventListener("abort", onAbort);
    watcher.start();
    let retryDelay = this.#o.backoffInitialMs ?? 250;
    try {
      while (!aborted(signal)) {
        try {
          await this.#sync(signal);
          retryDelay = this.#o.backoffInitialMs ?? 250;
        } catch (e) {
          if (!(e instanceof ChainMoved) && !isTransient(e)) throw e;
          const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
          this.#o.log?.(`read failed (${why}); retrying in ${retryDelay} ms`);
          await sleep(retryDelay, signal);
          retryDelay = Math.min(retryDelay * 2, this.#o.backoffMaxMs ?? 10_000);
          continue;
        }
        if (aborted(signal)) break;
        await watcher.next();
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      await watcher.close();
    }
    return this.stats;
  }

  async #start(): Promise<void> {
    const o = this.#o;
    let at: { number: bigint; hash: Hex };
    const resume = o.resume;
    if (resume !== undefined) {
      if (resume.chainId !== o.chainId) {
        throw new ChainError(
          "BAD_CHECKPOINT",
          `Checkpoint is for chain ${resume.chainId}, but RPC ${o.rpcUrl} serves chain ${o.chainId}`,
          { checkpointChainId: resume.chainId, chainId: o.chainId },
        );
      }
      for (const r of resume.recent) this.#recent.set(r.number, r.hash);
      this.#recent.set(resume.blockNumber, resume.blockHash);
      const now = await this.#header(resume.blockNumber);
      if (now?.hash === resume.blockHash) {
        at = { number: resume.blockNumber, hash: resume.blockHash };
      } else {
        // The chain reorganised while we were stopped: resume at the common ancestor.
        const ancestor = await this.#ancestor(resume.blockNumber);
        at = ancestor ?? await this.#latest();
        const from = ancestor === undefined ? this.#oldest() : ancestor.number + 1n;
        o.log?.(
          ancestor === undefined
            ? `checkpoint block ${resume.blockNumber} is gone and no common ancestor is known; resynchronising at block ${at.number}`
            : `blocks ${from}..${resume.blockNumber} were replaced while stopped; resuming at block ${at.number}`,
        );
        for (const pool of this.#pools.values()) {
          this.#frames.invalidate(
            pool,
            from,
            ancestor === undefined ? InvalidateReason.Resync : InvalidateReason.Reorg,
          );
        }
        this.stats.reorgs++;
      }
    } else if (o.fromBlock !== undefined && o.fromBlock > 0n) {
      const h = await this.#header(o.fromBlock - 1n);
      if (h === undefined) {
        throw new ChainError(
          "BAD_OPTION",
          `Block ${o.fromBlock - 1n} (before --from-block ${o.fromBlock}) does not exist yet`,
          { fromBlock: o.fromBlock },
        );
      }
      at = { number: h.number, hash: h.hash };
    } else if (o.fromBlock === 0n) {
      // Nothing exists before genesis: pools start empty and fill from their events.
      const h = (await this.#header(0n))!;
      at = { number: -1n, hash: h.parentHash };
    } else {
      at = await this.#latest();
    }
    for (const [n] of this.#recent) if (n > at.number) this.#recent.delete(n);
    this.#recent.set(at.number, at.hash);
    await this.#catchUpFactories(at.number);
    await this.#snapshot([...this.#pools.values()], at.number);
    this.#last = at;
    await this.#commit();
  }

  /** Adds the pools the factories created between their scan and the start block. */
  async #catchUpFactories(to: bigint): Promise<void> {
    const scanned = this.#o.factoriesScannedTo;
    if (this.#factories.size === 0 || scanned === undefined || scanned >= to) return;
    const step = BigInt(this.#o.maxBlockRange ?? 500);
    for (let from = scanned + 1n; from <= to; from += step) {
      const end = from + step - 1n < to ? from + step - 1n : to;
      const logs = await getLogs(
        this.#o.client,
        [...this.#factories.keys()],
        FACTORY_EVENT_TOPICS,
        from,
        end,
        this.#o.rpcUrl,
      );
      for (const log of logs) {
        const creation = decodeCreationLog(log);
        const factory = this.#factories.get(getAddress(log.address));
        if (creation === undefined || factory === undefined) continue;
        if (this.#pools.has(creation.pool)) continue;
        const [pool] = await describeCreations(this.#context(), factory, [creation]);
        this.#pools.set(pool!.address, pool!);
      }
    }
  }

  #context() {
    return { client: this.#o.client, chainId: this.#o.chainId, rpcUrl: this.#o.rpcUrl };
  }

  /** Reads pools at a block and emits their state; pools not deployed yet start empty. */
  async #snapshot(pools: readonly WatchedPool[], blockNumber: bigint): Promise<void> {
    const snaps: (PoolSnapshot | undefined)[] = [];
    const parallel = 4;
    for (let i = 0; i < pools.length; i += parallel) {
      snaps.push(
        ...await Promise.all(
          pools.slice(i, i + parallel).map(async (pool) => {
            if (blockNumber < 0n) return undefined;
            try {
              return await readPool(this.#o.client, pool.address, {
                blockNumber,
                rpcUrl: this.#o.rpcUrl,
                ...(this.#o.v2FeeBps !== undefined ? { v2FeeBps: this.#o.v2FeeBps } : {}),
              });
            } catch (e) {
              if (e instanceof ChainError && e.code === "NOT_A_CONTRACT") {
                // No code yet at that block is fine for a pool deployed later, not for a typo.
                if (await this.#hasCode(pool.address)) return undefined;
                throw e;
              }
              if (pool.protocol === "v3" && e instanceof AmmError) {
                return undefined; // created but not initialized (price 0): Initialize brings its state
              }
              throw e;
            }
          }),
        ),
      );
    }
    for (const [i, pool] of pools.entries()) {
      const snap = snaps[i];
      if (snap !== undefined && snap.protocol !== pool.protocol) {
        throw new ChainError(
          "NOT_A_POOL",
          `${pool.address} is a ${snap.protocol} pool, but was given as ${pool.protocol}`,
          { address: pool.address },
        );
      }
      if (snap === undefined) {
        this.#v3.delete(pool.address);
        if (pool.protocol === "v2") this.#emptyV2(pool, blockNumber < 0n ? 0n : blockNumber);
        continue;
      }
      if (snap.protocol === "v3") {
        this.#v3.set(pool.address, { tick: snap.state.tick, liquidity: snap.state.liquidity });
      }
      this.#frames.state(pool, snap);
      this.stats.snapshots++;
    }
  }

  async #hasCode(address: Address): Promise<boolean> {
    try {
      const code = await this.#o.client.getCode({ address });
      return code !== undefined && code !== "0x";
    } catch (e) {
      throw rpcFailure(e, this.#o.rpcUrl);
    }
  }

  #emptyV2(pool: WatchedPool, blockNumber: bigint): void {
    this.#frames.state(pool, {
      protocol: "v2",
      address: pool.address,
      blockNumber,
      token0: { address: pool.token0, decimals: pool.decimals0, symbol: undefined },
      token1: { address: pool.token1, decimals: pool.decimals1, symbol: undefined },
      state: { reserve0: 0n, reserve1: 0n, feeBps: BigInt(pool.fee / 100) },
    });
    this.stats.snapshots++;
  }

  async #sync(signal?: AbortSignal): Promise<void> {
    const head = await this.#latest();
    const last = this.#last!;
    if (head.number <= last.number) {
      const known = this.#recent.get(head.number);
      if (known !== undefined && known !== head.hash) await this.#reorg();
      else if (head.number < last.number) await this.#reorg();
      return;
    }
    const range = BigInt(this.#o.maxBlockRange ?? 500);
    while (this.#last!.number < head.number && signal?.aborted !== true) {
      const from = this.#last!.number + 1n;
      const to = from + range - 1n < head.number ? from + range - 1n : head.number;
      await this.#range(from, to);
    }
  }

  async #range(from: bigint, to: bigint): Promise<void> {
    const numbers: bigint[] = [];
    for (let n = from; n <= to; n++) numbers.push(n);
    const headers = await Promise.all(numbers.map((n) => this.#header(n)));
    if (headers.some((h) => h === undefined)) throw new ChainMoved("the head moved back");
    const blocks = headers as Header[];
    if (blocks[0]!.parentHash !== this.#last!.hash) {
      await this.#reorg();
      return;
    }
    for (let i = 1; i < blocks.length; i++) {
      if (blocks[i]!.parentHash !== blocks[i - 1]!.hash) {
        throw new ChainMoved(`block ${blocks[i]!.number} changed while reading`);
      }
    }
    const byBlock = new Map<bigint, RawLog[]>();
    for (
      const log of await this.#logs([...this.#pools.keys(), ...this.#factories.keys()], from, to)
    ) {
      const n = BigInt(log.blockNumber);
      if (blocks[Number(n - from)]?.hash !== log.blockHash) {
        throw new ChainMoved(`logs of block ${n} came from another fork`);
      }
      const list = byBlock.get(n);
      if (list === undefined) byBlock.set(n, [log]);
      else list.push(log);
    }
    const tips = await this.#priorityFees(from, to);
    for (const [i, block] of blocks.entries()) {
      this.#frames.gasPrice({
        number: block.number,
        timestamp: block.timestamp,
        baseFeePerGas: block.baseFeePerGas,
        priorityFeePerGas: tips[i] ?? 0n,
      });
      const logs = byBlock.get(block.number) ?? [];
      logs.sort(byLogIndex);
      for (let k = 0; k < logs.length; k++) {
        const log = logs[k]!;
        const created = await this.#apply(block, log);
        if (created.length > 0) {
          // Pools created in this range may have events later in it: fetch and merge them.
          const more = await this.#logs(created, block.number, to);
          const creationIndex = BigInt(log.logIndex);
          for (const m of more) {
            const n = BigInt(m.blockNumber);
            if (n === block.number && BigInt(m.logIndex) <= creationIndex) continue;
            if (n === block.number) logs.push(m);
            else (byBlock.get(n) ?? byBlock.set(n, []).get(n)!).push(m);
          }
          logs.sort(byLogIndex);
        }
      }
      this.#recent.set(block.number, block.hash);
      this.stats.blocks++;
    }
    const tail = blocks[blocks.length - 1]!;
    this.#last = { number: tail.number, hash: tail.hash };
    this.#prune();
    await this.#commit();
  }

  /** Applies one log: emits its frames; returns the pools it created (factory logs). */
  async #apply(block: Header, log: RawLog): Promise<Address[]> {
    const at = logPosition(log);
    const seenKey = `${at.blockHash}:${at.logIndex}`;
    const seen = this.#seen.get(at.blockNumber) ?? new Set<string>();
    if (seen.has(seenKey)) {
      this.stats.duplicates++;
      return [];
    }
    seen.add(seenKey);
    this.#seen.set(at.blockNumber, seen);
    const factory = this.#factories.get(at.address);
    if (factory !== undefined) {
      const creation = decodeCreationLog(log);
      if (creation === undefined || this.#pools.has(creation.pool)) return [];
      const [pool] = await describeCreations(this.#context(), factory, [creation]);
      this.#pools.set(pool!.address, pool!);
      this.#o.log?.(
        `new ${pool!.protocol} pool ${pool!.address} on ${pool!.venue} at block ${block.number}`,
      );
      if (pool!.protocol === "v2") this.#emptyV2(pool!, block.number);
      return [pool!.address];
    }
    const pool = this.#pools.get(at.address);
    if (pool === undefined) return [];
    const ev = decodePoolLog(pool.protocol, log);
    if (ev === undefined) return [];
    this.stats.events++;
    this.#touch(at.blockNumber, pool.address);
    this.#frames.event(pool, at, ev);
    switch (ev.kind) {
      case "v3_initialize":
        this.#v3.set(pool.address, { tick: ev.tick, liquidity: 0n });
        break;
      case "v3_swap":
        this.#v3.set(pool.address, { tick: ev.tick, liquidity: ev.liquidity });
        break;
      case "v3_mint":
      case "v3_burn": {
        const s = this.#v3.get(pool.address);
        if (s !== undefined && ev.amount > 0n && ev.tickLower <= s.tick && s.tick < ev.tickUpper) {
          s.liquidity += ev.kind === "v3_mint" ? ev.amount : -ev.amount;
          this.#frames.liquidity(pool, s.liquidity, s.tick, at.blockNumber);
        }
        break;
      }
    }
    return [];
  }

  /** Finds the common ancestor, invalidates what the replaced blocks touched, re-reads it. */
  async #reorg(): Promise<void> {
    const last = this.#last!;
    const ancestor = await this.#ancestor(last.number);
    const at = ancestor ?? await this.#latest();
    const from = ancestor === undefined ? this.#oldest() : ancestor.number + 1n;
    const affected = new Set<Address>();
    if (ancestor === undefined) {
      for (const a of this.#pools.keys()) affected.add(a);
    } else {
      for (const [n, set] of this.#touched) {
        if (n > ancestor.number) set.forEach((a) => affected.add(a));
      }
    }
    this.stats.reorgs++;
    this.#o.log?.(
      ancestor === undefined
        ? `reorg deeper than ${HISTORY} blocks; resynchronising ${affected.size} pool(s) at block ${at.number}`
        : `reorg: blocks ${from}..${last.number} replaced; invalidating ${affected.size} pool(s) and re-reading them at block ${at.number}`,
    );
    const pools = [...affected].map((a) => this.#pools.get(a)!);
    for (const pool of pools) {
      this.#frames.invalidate(
        pool,
        from,
        ancestor === undefined ? InvalidateReason.Resync : InvalidateReason.Reorg,
      );
    }
    await this.#snapshot(pools, at.number);
    for (const map of [this.#recent, this.#touched, this.#seen] as Map<bigint, unknown>[]) {
      for (const n of [...map.keys()]) if (n > at.number) map.delete(n);
    }
    this.#recent.set(at.number, at.hash);
    this.#last = at;
    await this.#commit();
  }

  /** The newest processed block still on the canonical chain, at or below `from`. */
  async #ancestor(from: bigint): Promise<{ number: bigint; hash: Hex } | undefined> {
    const known = [...this.#recent.keys()].filter((n) => n <= from).sort((a, b) =>
      a > b ? -1 : a < b ? 1 : 0
    );
    for (let i = 0; i < known.length; i += 16) {
      const part = known.slice(i, i + 16);
      const headers = await Promise.all(part.map((n) => this.#header(n)));
      for (const [j, n] of part.entries()) {
        const h = headers[j];
        if (h !== undefined && h.hash === this.#recent.get(n)) return { number: n, hash: h.hash };
      }
    }
    return undefined;
  }

  #oldest(): bigint {
    let min: bigint | undefined;
    for (const n of this.#recent.keys()) if (min === undefined || n < min) min = n;
    return min ?? 0n;
  }

  #touch(n: bigint, pool: Address): void {
    const set = this.#touched.get(n);
    if (set === undefined) this.#touched.set(n, new Set([pool]));
    else set.add(pool);
  }

  #prune(): void {
    const keep = this.#last!.number - HISTORY;
    for (const map of [this.#recent, this.#touched, this.#seen] as Map<bigint, unknown>[]) {
      for (const n of map.keys()) if (n < keep) map.delete(n);
    }
  }

  /** Writes and flushes the frames built so far, then moves the checkpoint. */
  async #commit(): Promise<void> {
    const chunk = this.#frames.take();
    if (chunk.length > 0) await this.#o.output.write(chunk);
    await this.#o.output.flush();
    this.stats.frames = this.#frames.frames;
    const last = this.#last!;
    this.stats.lastBlock = last.number;
    if (this.#o.onCheckpoint === undefined || last.number < 0n) return;
    const recent = [...this.#recent.entries()]
      .filter(([n]) => n <= last.number && n > last.number - 64n)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([number, hash]) => ({ number, hash }));
    await this.#o.onCheckpoint({
      chainId: this.#o.chainId,
      blockNumber: last.number,
      blockHash: last.hash,
      recent,
    });
  }

  async #logs(addresses: readonly Address[], from: bigint, to: bigint): Promise<RawLog[]> {
    const topics = [...V2_EVENT_TOPICS, ...V3_EVENT_TOPICS, ...FACTORY_EVENT_TOPICS];
    const out: RawLog[] = [];
    for (let i = 0; i < addresses.length; i += 500) {
      const part = addresses.slice(i, i + 500);
      out.push(...await getLogs(this.#o.client, part, topics, from, to, this.#o.rpcUrl));
    }
    return out.filter((l) => l.removed !== true);
  }

  async #priorityFees(from: bigint, to: bigint): Promise<bigint[]> {
    try {
      const history = await this.#o.client.request({
        method: "eth_feeHistory",
        params: [numberToHex(to - from + 1n), numberToHex(to), [50]],
      }) as { oldestBlock: Hex; reward?: Hex[][] };
      const oldest = BigInt(history.oldestBlock);
      const tips: bigint[] = [];
      for (let n = from; n <= to; n++) {
        tips.push(BigInt(history.reward?.[Number(n - oldest)]?.[0] ?? "0x0"));
      }
      return tips;
    } catch (e) {
      if (isTransient(e)) throw e;
      return []; // a node without eth_feeHistory: the priority fee is reported as 0
    }
  }

  async #header(n: bigint | "latest"): Promise<Header | undefined> {
    let raw: Record<string, Hex> | null;
    try {
      raw = await this.#o.client.request({
        method: "eth_getBlockByNumber",
        params: [typeof n === "bigint" ? numberToHex(n) : n, false],
      }) as Record<string, Hex> | null;
    } catch (e) {
      throw rpcFailure(e, this.#o.rpcUrl);
    }
    if (raw === null) return undefined;
    return {
      number: BigInt(raw.number!),
      hash: raw.hash!,
      parentHash: raw.parentHash!,
      timestamp: BigInt(raw.timestamp!),
      baseFeePerGas: BigInt(raw.baseFeePerGas ?? "0x0"),
    };
  }

  async #latest(): Promise<{ number: bigint; hash: Hex }> {
    const h = await this.#header("latest");
    if (h === undefined) throw new ChainMoved("the node has no latest block");
    return { number: h.number, hash: h.hash };
  }
}

function byLogIndex(a: RawLog, b: RawLog): number {
  const x = BigInt(a.logIndex);
  const y = BigInt(b.logIndex);
  return x < y ? -1 : x > y ? 1 : 0;
}

function isTransient(e: unknown): boolean {
  return e instanceof ChainError && (e.code === "RPC_UNREACHABLE" || e.code === "RPC_ERROR");
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done);
  });
}
