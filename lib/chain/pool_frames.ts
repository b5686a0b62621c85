// lib/chain/pool_frames.ts — one job: turn pool snapshots, decoded events and block fees into
// market-data frames (one builder, one sequence per collector).
import {
  FrameBuilder,
  type Hex,
  type PoolMint,
  RelayDomain,
  SourceType,
  type TlvEntry,
  TlvType,
} from "../protocol/mod.ts";
import type { LogPosition, PoolEvent } from "./pool_log.ts";
import type { PoolSnapshot } from "./pool_reader.ts";
import { chainNameOf, poolInstrumentHex, type WatchedPool } from "./watched_pool.ts";

/** Reasons a PoolInvalidate frame gives. */
export const InvalidateReason = {
  /** A chain reorganisation removed blocks the pool had events in. */
  Reorg: 1,
  /** The collector could not follow the chain and re-read the state. */
  Resync: 2,
} as const;

/** A block's fee market as a GasPrice frame needs it. */
export interface BlockFees {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly baseFeePerGas: bigint;
  readonly priorityFeePerGas: bigint;
}

// PoolTick TLVs per frame: 76-byte values, far below the 1 MiB payload cap.
const TICKS_PER_FRAME = 4096;

/**
 * Builds the collector's market-data frames into one buffer: `take()` hands over every frame
 * built so far as one chunk. Pools are named by their 32-byte InstrumentId on `chainId`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeTlvs, parseFrame } from "../protocol/mod.ts";
 * import { PoolFrames } from "./pool_frames.ts";
 * const frames = new PoolFrames(31337);
 * frames.gasPrice({ number: 5n, timestamp: 1_700_000_000n, baseFeePerGas: 7n, priorityFeePerGas: 1n });
 * const [tlv] = decodeTlvs(parseFrame(frames.take()));
 * assert(tlv?.name === "GasPrice");
 * ```
 */
export class PoolFrames {
  readonly chainId: number;
  readonly #chain: string;
  readonly #builder: FrameBuilder;
  readonly #ids = new Map<string, Hex>();
  /** Frames built since construction. */
  frames = 0;

  constructor(chainId: number, builder?: FrameBuilder) {
    this.chainId = chainId;
    this.#chain = chainNameOf(chainId);
    this.#builder = builder ?? new FrameBuilder({ source: SourceType.Collector });
  }

  /** Bytes of frames waiting for `take()`. */
  get pending(): number {
    return this.#builder.pending;
  }

  /** Every frame built since the last call, as one chunk. */
  take(): Uint8Array {
    return this.#builder.take();
  }

  /** The pool's InstrumentId hex (cached). */
  poolId(pool: Pick<WatchedPool, "venue" | "address">): Hex {
    let id = this.#ids.get(pool.address);
    if (id === undefined) {
      id = poolInstrumentHex(this.#chain, pool);
      this.#ids.set(pool.address, id);
    }
    return id;
  }

  /** A PoolState frame for a snapshot, carrying the first ticks; more PoolTick frames follow. */
  state(pool: WatchedPool, snap: PoolSnapshot): void {
    const id = this.poolId(pool);
    const blockNumber = snap.blockNumber;
    const base = {
      pool: id,
      token0: pool.token0,
      token1: pool.token1,
      decimals0: pool.decimals0,
      decimals1: pool.decimals1,
      blockNumber,
    };
    if (snap.protocol === "v2") {
      this.#frame([[TlvType.PoolState, {
        ...base,
        protocol: 1,
        fee: pool.fee,
        tickSpacing: 0,
        reserve0: snap.state.reserve0,
        reserve1: snap.state.reserve1,
        sqrtPriceX96: 0n,
        liquidity: 0n,
        tick: 0,
      }]]);
      return;
    }
    const s = snap.state;
    const entries: TlvEntry[] = [[TlvType.PoolState, {
      ...base,
      protocol: 2,
      fee: s.fee,
      tickSpacing: s.tickSpacing,
      reserve0: 0n,
      reserve1: 0n,
      sqrtPriceX96: s.sqrtPriceX96,
      liquidity: s.liquidity,
      tick: s.tick,
    }]];
    for (const tick of s.ticks.ticks()) {
      const info = s.ticks.get(tick)!;
      if (entries.length === TICKS_PER_FRAME) this.#frame(entries.splice(0));
      entries.push([TlvType.PoolTick, {
        pool: id,
        tick,
        liquidityNet: info.liquidityNet,
        liquidityGross: info.liquidityGross,
        blockNumber,
      }]);
    }
    this.#frame(entries);
  }

  /** A PoolState for a V3 pool just initialized: its price, no liquidity, no ticks. */
  initialized(pool: WatchedPool, sqrtPriceX96: bigint, tick: number, blockNumber: bigint): void {
    this.#frame([[TlvType.PoolState, {
      pool: this.poolId(pool),
      protocol: 2,
      token0: pool.token0,
      token1: pool.token1,
      decimals0: pool.decimals0,
      decimals1: pool.decimals1,
      fee: pool.fee,
      tickSpacing: pool.tickSpacing,
      reserve0: 0n,
      reserve1: 0n,
      sqrtPriceX96,
      liquidity: 0n,
      tick,
      blockNumber,
    }]]);
  }

  /** The frame of one decoded event (Initialize is handled by `initialized`). */
  event(pool: WatchedPool, at: LogPosition, ev: PoolEvent): void {
    const pos = { blockNumber: at.blockNumber, logIndex: at.logIndex, txHash: at.txHash };
    const id = this.poolId(pool);
    switch (ev.kind) {
      case "v2_sync":
        this.#frame([[TlvType.PoolSync, {
          pool: id,
          reserve0: ev.reserve0,
          reserve1: ev.reserve1,
          ...pos,
        }]]);
        return;
      case "v2_swap":
        this.#frame([[TlvType.PoolSwap, {
          pool: id,
          sender: ev.sender,
          recipient: ev.to,
          amount0In: ev.amount0In,
          amount1In: ev.amount1In,
          amount0Out: ev.amount0Out,
          amount1Out: ev.amount1Out,
          sqrtPriceX96: 0n,
          liquidity: 0n,
          tick: 0,
          decimals0: pool.decimals0,
          decimals1: pool.decimals1,
          ...pos,
        }]]);
        return;
      case "v3_swap":
        this.#frame([[TlvType.PoolSwap, {
          pool: id,
          sender: ev.sender,
          recipient: ev.recipient,
          amount0In: ev.amount0 > 0n ? ev.amount0 : 0n,
          amount1In: ev.amount1 > 0n ? ev.amount1 : 0n,
          amount0Out: ev.amount0 < 0n ? -ev.amount0 : 0n,
          amount1Out: ev.amount1 < 0n ? -ev.amount1 : 0n,
          sqrtPriceX96: ev.sqrtPriceX96,
          liquidity: ev.liquidity,
          tick: ev.tick,
          decimals0: pool.decimals0,
          decimals1: pool.decimals1,
          ...pos,
        }]]);
        return;
      case "v2_mint":
      case "v2_burn":
        this.#mintBurn(ev.kind === "v2_mint", {
          pool: id,
          owner: ev.sender,
          tickLower: 0,
          tickUpper: 0,
          liquidity: 0n,
          amount0: ev.amount0,
          amount1: ev.amount1,
          ...pos,
        });
        return;
      case "v3_mint":
      case "v3_burn":
        this.#mintBurn(ev.kind === "v3_mint", {
          pool: id,
          owner: ev.owner,
          tickLower: ev.tickLower,
          tickUpper: ev.tickUpper,
          liquidity: ev.amount,
          amount0: ev.amount0,
          amount1: ev.amount1,
          ...pos,
        });
        return;
      case "v3_initialize":
        this.initialized(pool, ev.sqrtPriceX96, ev.tick, at.blockNumber);
        return;
    }
  }

  /** A PoolLiquidity frame: a V3 pool's active liquidity after a mint or burn in range. */
  liquidity(pool: WatchedPool, liquidity: bigint, tick: number, blockNumber: bigint): void {
    this.#frame([[TlvType.PoolLiquidity, {
      pool: this.poolId(pool),
      liquidity,
      tick,
      blockNumber,
    }]]);
  }

  /** A GasPrice frame for a block. */
  gasPrice(block: BlockFees): void {
    this.#frame([[TlvType.GasPrice, {
      chainId: this.chainId,
      blockNumber: block.number,
      blockTimestamp: block.timestamp,
      baseFeeWei: block.baseFeePerGas,
      priorityFeeWei: block.priorityFeePerGas,
    }]]);
  }

  /** A PoolInvalidate frame: what was derived for the pool from `fromBlock` on is void. */
  invalidate(pool: WatchedPool, fromBlock: bigint, reason: number): void {
    this.#frame([[TlvType.PoolInvalidate, { pool: this.poolId(pool), fromBlock, reason }]]);
  }

  #mintBurn(mint: boolean, value: PoolMint): void {
    this.#frame([mint ? [TlvType.PoolMint, value] : [TlvType.PoolBurn, value]]);
  }

  #frame(entries: TlvEntry[]): void {
    const b = this.#builder.begin(RelayDomain.MarketData);
    for (const [type, value] of entries) b.add(type as never, value as never);
    b.end();
    this.frames++;
  }
}
