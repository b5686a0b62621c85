// lib/chain/pool_reader.ts — one job: read a Uniswap V2 pair or V3 pool's whole state at one
// block, in a few batched round trips, into the exact states lib/amm computes on.
import { type Address, getAddress, parseAbi, type PublicClient } from "viem";
import {
  createV2PoolState,
  createV3PoolState,
  MAX_TICK,
  MIN_TICK,
  V2_DEFAULT_FEE_BPS,
  type V2PoolState,
  type V3PoolState,
  V3TickTable,
} from "../amm/mod.ts";
import { ChainError } from "./errors.ts";
import { rpcFailure } from "./rpc_client.ts";

const V2_PAIR_ABI = parseAbi([
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function token0() view returns (address)",
  "function token1() view returns (address)",
]);

const V3_POOL_ABI = parseAbi([
  "function slot0() view returns (uint160 sqrtPriceX96, int24 tick, uint16 observationIndex, uint16 observationCardinality, uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked)",
  "function liquidity() view returns (uint128)",
  "function fee() view returns (uint24)",
  "function tickSpacing() view returns (int24)",
  "function token0() view returns (address)",
  "function token1() view returns (address)",
  "function tickBitmap(int16 wordPosition) view returns (uint256)",
  "function ticks(int24 tick) view returns (uint128 liquidityGross, int128 liquidityNet, uint256 feeGrowthOutside0X128, uint256 feeGrowthOutside1X128, int56 tickCumulativeOutside, uint160 secondsPerLiquidityOutsideX128, uint32 secondsOutside, bool initialized)",
]);

const ERC20_ABI = parseAbi([
  "function decimals() view returns (uint8)",
  "function symbol() view returns (string)",
]);

/** A token of a pool. */
export interface PoolToken {
  /** EIP-55 checksummed address. */
  readonly address: Address;
  /** `decimals()`. */
  readonly decimals: number;
  /** `symbol()`, or undefined when the token has none readable as a string. */
  readonly symbol: string | undefined;
}

interface SnapshotBase {
  readonly address: Address;
  readonly token0: PoolToken;
  readonly token1: PoolToken;
  /** The block every field was read at. */
  readonly blockNumber: bigint;
}

/** A V2 pair's state at a block. */
export interface V2PoolSnapshot extends SnapshotBase {
  readonly protocol: "v2";
  readonly state: V2PoolState;
}

/** A V3 pool's state at a block, with every initialized tick. */
export interface V3PoolSnapshot extends SnapshotBase {
  readonly protocol: "v3";
  readonly state: V3PoolState;
}

/** A pool of either kind. */
export type PoolSnapshot = V2PoolSnapshot | V3PoolSnapshot;

/** Options of the pool readers. */
export interface ReadPoolOptions {
  /** Read at this block (default: the latest). */
  readonly blockNumber?: bigint;
  /** A V2 venue's fee in basis points (default 30, Uniswap V2's). */
  readonly v2FeeBps?: bigint;
  /** Shown in errors (default "the RPC"). */
  readonly rpcUrl?: string;
}

/**
 * Read a pool, finding out whether it is a V2 pair or a V3 pool: a V3 pool answers `slot0()`,
 * a V2 pair `getReserves()`. Anything else is a one-line `NOT_A_POOL` (or `NOT_A_CONTRACT`
 * when the address has no code).
 *
 * @example
 * ```ts ignore
 * const pool = await readPool(createReadClient("http://127.0.0.1:8545"), "0x…");
 * if (pool.protocol === "v3") console.log(pool.state.ticks.size, "initialized ticks");
 * ```
 */
export async function readPool(
  client: PublicClient,
  address: string,
  options: ReadPoolOptions = {},
): Promise<PoolSnapshot> {
  const pool = checksum(address);
  const url = options.rpcUrl ?? "the RPC";
  const blockNumber = options.blockNumber ?? await latestBlock(client, url);
  const code = await call(() => client.getCode({ address: pool, blockNumber }), url);
  if (code === undefined || code === "0x") {
    throw new ChainError(
      "NOT_A_CONTRACT",
      `${pool} has no code at block ${blockNumber}; check the pool address and the chain`,
      { address: pool, blockNumber },
    );
  }
  const isV3 = await client.readContract({
    address: pool,
    abi: V3_POOL_ABI,
    functionName: "slot0",
    blockNumber,
  }).then(() => true, () => false);
  if (isV3) return await readV3Pool(client, pool, { ...options, blockNumber });
  const isV2 = await client.readContract({
    address: pool,
    abi: V2_PAIR_ABI,
    functionName: "getReserves",
    blockNumber,
  }).then(() => true, () => false);
  if (isV2) return await readV2Pool(client, pool, { ...options, blockNumber });
  throw new ChainError(
    "NOT_A_POOL",
    `${pool} is a contract but neither a Uniswap V2 pair (getReserves) nor a V3 pool (slot0)`,
    { address: pool },
  );
}

/**
 * Read a V2 pair: reserves, tokens and their decimals, all at one block.
 *
 * @example
 * ```ts ignore
 * const pair = await readV2Pool(client, "0x…", { v2FeeBps: 25n });
 * ```
 */
export async function readV2Pool(
  client: PublicClient,
  address: string,
  options: ReadPoolOptions = {},
): Promise<V2PoolSnapshot> {
  const pool = checksum(address);
  const url = options.rpcUrl ?? "the RPC";
  const blockNumber = options.blockNumber ?? await latestBlock(client, url);
  const read = <F extends "getReserves" | "token0" | "token1">(functionName: F) =>
    client.readContract({ address: pool, abi: V2_PAIR_ABI, functionName, blockNumber });
  const [reserves, t0, t1] = await notPool(
    Promise.all([read("getReserves"), read("token0"), read("token1")]),
    pool,
    "V2 pair",
    url,
  );
  const [token0, token1] = await Promise.all([
    readToken(client, t0, blockNumber, url),
    readToken(client, t1, blockNumber, url),
  ]);
  return {
    protocol: "v2",
    address: pool,
    token0,
    token1,
    blockNumber,
    state: createV2PoolState(reserves[0], reserves[1], options.v2FeeBps ?? V2_DEFAULT_FEE_BPS),
  };
}

/**
 * Read a V3 pool: slot0, liquidity, fee, tick spacing, tokens, and every initialized tick with
 * its liquidityNet and liquidityGross, found through the tick bitmap. All calls go out
 * concurrently, so the HTTP transport batches them; all are pinned to one block.
 *
 * @example
 * ```ts ignore
 * const pool = await readV3Pool(client, "0x…");
 * console.log(pool.state.sqrtPriceX96, pool.state.ticks.size);
 * ```
 */
export async function readV3Pool(
  client: PublicClient,
  address: string,
  options: ReadPoolOptions = {},
): Promise<V3PoolSnapshot> {
  const pool = checksum(address);
  const url = options.rpcUrl ?? "the RPC";
  const blockNumber = options.blockNumber ?? await latestBlock(client, url);
  const base = { address: pool, abi: V3_POOL_ABI, blockNumber } as const;
  const [slot0, liquidity, fee, tickSpacing, t0, t1] = await notPool(
    Promise.all([
      client.readContract({ ...base, functionName: "slot0" }),
      client.readContract({ ...base, functionName: "liquidity" }),
      client.readContract({ ...base, functionName: "fee" }),
      client.readContract({ ...base, functionName: "tickSpacing" }),
      client.readContract({ ...base, functionName: "token0" }),
      client.readContract({ ...base, functionName: "token1" }),
    ]),
    pool,
    "V3 pool",
    url,
  );
  // Every bitmap word that can hold a tick of this spacing.
  const firstWord = Math.floor(Math.floor(MIN_TICK / tickSpacing) / 256);
  const lastWord = Math.floor(Math.floor(MAX_TICK / tickSpacing) / 256);
  const words: number[] = [];
  for (let w = firstWord; w <= lastWord; w++) words.push(w);
  const bitmaps = await call(
    () =>
      Promise.all(
        words.map((w) => client.readContract({ ...base, functionName: "tickBitmap", args: [w] })),
      ),
    url,
  );
  const initialized: number[] = [];
  bitmaps.forEach((bits, i) => {
    for (let bit = 0; bits !== 0n; bit++, bits >>= 1n) {
      if ((bits & 1n) === 1n) initialized.push((words[i]! * 256 + bit) * tickSpacing);
    }
  });
  const infos = await call(
    () =>
      Promise.all(
        initialized.map((tick) =>
          client.readContract({ ...base, functionName: "ticks", args: [tick] })
        ),
      ),
    url,
  );
  const ticks = V3TickTable.from(
    tickSpacing,
    initialized.map((tick, i) => ({
      tick,
      liquidityGross: infos[i]![0],
      liquidityNet: infos[i]![1],
    })),
  );
  const [token0, token1] = await Promise.all([
    readToken(client, t0, blockNumber, url),
    readToken(client, t1, blockNumber, url),
  ]);
  return {
    protocol: "v3",
    address: pool,
    token0,
    token1,
    blockNumber,
    state: createV3PoolState({
      sqrtPriceX96: slot0[0],
      tick: slot0[1],
      liquidity,
      fee,
      tickSpacing,
      ticks,
      feeProtocol: slot0[5],
    }),
  };
}

/**
 * Read an ERC-20's decimals (required) and symbol (optional: some tokens have none, or a
 * bytes32 one).
 *
 * @example
 * ```ts ignore
 * const usdc = await readToken(client, "0x…", await client.getBlockNumber(), "http://…");
 * ```
 */
export async function readToken(
  client: PublicClient,
  address: string,
  blockNumber: bigint,
  url: string,
): Promise<PoolToken> {
  const token = checksum(address);
  const [decimals, symbol] = await Promise.all([
    client.readContract({ address: token, abi: ERC20_ABI, functionName: "decimals", blockNumber })
      .catch((e) => {
        throw new ChainError(
          "NOT_A_CONTRACT",
          `Token ${token} does not answer decimals(); is it an ERC-20?`,
          { address: token, url },
          { cause: e },
        );
      }),
    client.readContract({ address: token, abi: ERC20_ABI, functionName: "symbol", blockNumber })
      .catch(() => undefined),
  ]);
  return { address: token, decimals, symbol };
}

function checksum(address: string): Address {
  try {
    return getAddress(address);
  } catch {
    throw new ChainError(
      "NOT_A_POOL",
      `${JSON.stringify(address)} is not an address (0x and 40 hex digits)`,
      { address },
    );
  }
}

// viem caches the block number for the client's cacheTime (4 s by default): a reader asked for
// "latest" must not read the pool at a block that may be several blocks old.
function latestBlock(client: PublicClient, url: string): Promise<bigint> {
  return call(() => client.getBlockNumber({ cacheTime: 0 }), url);
}

async function call<T>(f: () => Promise<T>, url: string): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw rpcFailure(e, url);
  }
}

async function notPool<T>(p: Promise<T>, pool: Address, kind: string, url: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const failure = rpcFailure(e, url);
    if (failure.code === "RPC_UNREACHABLE") throw failure;
    throw new ChainError(
      "NOT_A_POOL",
      `${pool} is not a ${kind}: ${(e as Error).message.split("\n")[0]}`,
      { address: pool },
      { cause: e },
    );
  }
}
