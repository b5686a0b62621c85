/**
 * The chain layer: viem clients, pool reading and quoting, the collector, pool discovery with
 * its on-disk cache, and production event decoding. The devnet is its own layer (lib/devnet).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createReadClient } from "./mod.ts";
 * const client = createReadClient("http://127.0.0.1:8545");
 * assert(client.transport.type === "http");
 * ```
 *
 * @module
 */
export { ChainError, type ChainErrorCode, isInputError } from "./errors.ts";
export { checkRpc, createReadClient, type ReadClientOptions, rpcFailure } from "./rpc_client.ts";
export {
  type PoolSnapshot,
  type PoolToken,
  readPool,
  type ReadPoolOptions,
  readToken,
  readV2Pool,
  readV3Pool,
  type V2PoolSnapshot,
  type V3PoolSnapshot,
} from "./pool_reader.ts";
export { quoteOnChain, type QuoteReport, type QuoteRequest } from "./pool_quote_report.ts";
export { factoryEventsAbi, poolViewsAbi, v2PairEventsAbi, v3PoolEventsAbi } from "./event_abis.ts";
export {
  decodeCreationLog,
  decodePoolLog,
  FACTORY_EVENT_TOPICS,
  type LogPosition,
  logPosition,
  type PoolCreation,
  type PoolEvent,
  type RawLog,
  V2_EVENT_TOPICS,
  V3_EVENT_TOPICS,
} from "./pool_log.ts";
export {
  chainNameOf,
  checksumAddress,
  poolInstrumentHex,
  type WatchedPool,
} from "./watched_pool.ts";
export { type BlockFees, InvalidateReason, PoolFrames } from "./pool_frames.ts";
export { removeStaleTemps, writeFileAtomic } from "./atomic_file.ts";
export { type FactoryProgress, PoolCache } from "./pool_cache.ts";
export { type Checkpoint, readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
export { RateLimiter } from "./rate_limiter.ts";
export {
  defaultVenue,
  describeCreations,
  discoverFactoryPools,
  type DiscoverOptions,
  type DiscoveryContext,
  type FactoryWatch,
  getLogs,
  identifyFactory,
  MULTICALL3,
  type PoolRef,
  resolvePools,
  tokenDecimals,
} from "./discovery.ts";
export { parsePoolsFile, type PoolsFileContent } from "./pools_file.ts";
export { HeadWatcher, type HeadWatcherOptions } from "./head_watcher.ts";
export { Collector, type CollectorOptions, type CollectorStats } from "./collector.ts";
export { frameSink } from "./frame_sink.ts";
export { type CollectRunOptions, runCollect } from "./collect_run.ts";
export { type V2SwapEvent, v2SwapEvents, type V3SwapEvent, v3SwapEvents } from "./swap_events.ts";
