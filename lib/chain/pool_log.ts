// lib/chain/pool_log.ts — one job: decode a raw pool or factory log into a typed event.
import { type Address, decodeEventLog, getAddress, type Hex, toEventSelector } from "viem";
import { factoryEventsAbi, v2PairEventsAbi, v3PoolEventsAbi } from "./event_abis.ts";

/** A log as `eth_getLogs` returns it (hex quantities). */
export interface RawLog {
  readonly address: Hex;
  readonly topics: readonly Hex[];
  readonly data: Hex;
  readonly blockNumber: Hex;
  readonly blockHash: Hex;
  readonly logIndex: Hex;
  readonly transactionHash: Hex;
  readonly removed?: boolean;
}

/** Where a log sits on the chain; `(blockHash, logIndex)` identifies it exactly. */
export interface LogPosition {
  readonly address: Address;
  readonly blockNumber: bigint;
  readonly blockHash: Hex;
  readonly logIndex: number;
  readonly txHash: Hex;
}

/** A decoded pool event; amounts in native units, V3 amounts signed as the pool emits them. */
export type PoolEvent =
  | { readonly kind: "v2_sync"; readonly reserve0: bigint; readonly reserve1: bigint }
  | {
    readonly kind: "v2_swap";
    readonly sender: Address;
    readonly to: Address;
    readonly amount0In: bigint;
    readonly amount1In: bigint;
    readonly amount0Out: bigint;
    readonly amount1Out: bigint;
  }
  | {
    readonly kind: "v2_mint";
    readonly sender: Address;
    readonly amount0: bigint;
    readonly amount1: bigint;
  }
  | {
    readonly kind: "v2_burn";
    readonly sender: Address;
    readonly to: Address;
    readonly amount0: bigint;
    readonly amount1: bigint;
  }
  | { readonly kind: "v3_initialize"; readonly sqrtPriceX96: bigint; readonly tick: number }
  | {
    readonly kind: "v3_swap";
    readonly sender: Address;
    readonly recipient: Address;
    readonly amount0: bigint;
    readonly amount1: bigint;
    readonly sqrtPriceX96: bigint;
    readonly liquidity: bigint;
    readonly tick: number;
  }
  | {
    readonly kind: "v3_mint" | "v3_burn";
    readonly owner: Address;
    readonly tickLower: number;
    readonly tickUpper: number;
    readonly amount: bigint;
    readonly amount0: bigint;
    readonly amount1: bigint;
  };

/** A factory's pool-creation event. */
export interface PoolCreation {
  readonly protocol: "v2" | "v3";
  readonly pool: Address;
  readonly token0: Address;
  readonly token1: Address;
  /** V3 only; V2 creations report 0. */
  readonly fee: number;
  readonly tickSpacing: number;
}

function selectors(abi: readonly { type: string }[]): Hex[] {
  return abi.filter((x) => x.type === "event").map((x) =>
    toEventSelector(x as Parameters<typeof toEventSelector>[0])
  );
}

/** topic0 of the V2 pair events the collector follows (Sync, Swap, Mint, Burn). */
export const V2_EVENT_TOPICS: readonly Hex[] = selectors(v2PairEventsAbi);
/** topic0 of the V3 pool events the collector follows (Initialize, Swap, Mint, Burn). */
export const V3_EVENT_TOPICS: readonly Hex[] = selectors(v3PoolEventsAbi);
/** topic0 of PairCreated and PoolCreated. */
export const FACTORY_EVENT_TOPICS: readonly Hex[] = selectors(factoryEventsAbi);

/**
 * Where a raw log sits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logPosition } from "./pool_log.ts";
 * const h = `0x${"11".repeat(32)}` as const;
 * const p = logPosition({ address: "0x00000000000000000000000000000000000000aa", topics: [], data: "0x",
 *   blockNumber: "0x10", blockHash: h, logIndex: "0x2", transactionHash: h });
 * assert(p.blockNumber === 16n && p.logIndex === 2);
 * ```
 */
export function logPosition(log: RawLog): LogPosition {
  return {
    address: getAddress(log.address),
    blockNumber: BigInt(log.blockNumber),
    blockHash: log.blockHash,
    logIndex: Number(BigInt(log.logIndex)),
    txHash: log.transactionHash,
  };
}

/**
 * Decodes a log of a V2 pair or a V3 pool; undefined for events that change no state the
 * collector follows (e.g. V2 Transfer, V3 Collect or Flash).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeAbiParameters, toEventSelector } from "viem";
 * import { decodePoolLog } from "./pool_log.ts";
 * const ev = decodePoolLog("v2", {
 *   topics: [toEventSelector("event Sync(uint112 reserve0, uint112 reserve1)")],
 *   data: encodeAbiParameters([{ type: "uint112" }, { type: "uint112" }], [5n, 7n]),
 * });
 * assert(ev?.kind === "v2_sync" && ev.reserve1 === 7n);
 * ```
 */
export function decodePoolLog(
  protocol: "v2" | "v3",
  log: Pick<RawLog, "topics" | "data">,
): PoolEvent | undefined {
  const topic0 = log.topics[0];
  if (topic0 === undefined) return undefined;
  const topics = log.topics as [Hex, ...Hex[]];
  if (protocol === "v2") {
    if (!V2_EVENT_TOPICS.includes(topic0)) return undefined;
    const ev = decodeEventLog({ abi: v2PairEventsAbi, topics, data: log.data });
    switch (ev.eventName) {
      case "Sync":
        return { kind: "v2_sync", reserve0: ev.args.reserve0, reserve1: ev.args.reserve1 };
      case "Swap":
        return {
          kind: "v2_swap",
          sender: getAddress(ev.args.sender),
          to: getAddress(ev.args.to),
          amount0In: ev.args.amount0In,
          amount1In: ev.args.amount1In,
          amount0Out: ev.args.amount0Out,
          amount1Out: ev.args.amount1Out,
        };
      case "Mint":
        return {
          kind: "v2_mint",
          sender: getAddress(ev.args.sender),
          amount0: ev.args.amount0,
          amount1: ev.args.amount1,
        };
      case "Burn":
        return {
          kind: "v2_burn",
          sender: getAddress(ev.args.sender),
          to: getAddress(ev.args.to),
          amount0: ev.args.amount0,
          amount1: ev.args.amount1,
        };
    }
  }
  if (!V3_EVENT_TOPICS.includes(topic0)) return undefined;
  const ev = decodeEventLog({ abi: v3PoolEventsAbi, topics, data: log.data });
  switch (ev.eventName) {
    case "Initialize":
      return { kind: "v3_initialize", sqrtPriceX96: ev.args.sqrtPriceX96, tick: ev.args.tick };
    case "Swap":
      return {
        kind: "v3_swap",
        sender: getAddress(ev.args.sender),
        recipient: getAddress(ev.args.recipient),
        amount0: ev.args.amount0,
        amount1: ev.args.amount1,
        sqrtPriceX96: ev.args.sqrtPriceX96,
        liquidity: ev.args.liquidity,
        tick: ev.args.tick,
      };
    case "Mint":
    case "Burn":
      return {
        kind: ev.eventName === "Mint" ? "v3_mint" : "v3_burn",
        owner: getAddress(ev.args.owner),
        tickLower: ev.args.tickLower,
        tickUpper: ev.args.tickUpper,
        amount: ev.args.amount,
        amount0: ev.args.amount0,
        amount1: ev.args.amount1,
      };
  }
}

/**
 * Decodes a factory's PairCreated or PoolCreated log; undefined for any other log.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeCreationLog } from "./pool_log.ts";
 * const h = `0x${"11".repeat(32)}` as const;
 * assert(decodeCreationLog({ address: "0x00000000000000000000000000000000000000aa",
 *   topics: [h], data: "0x", blockNumber: "0x1", blockHash: h, logIndex: "0x0",
 *   transactionHash: h }) === undefined);
 * ```
 */
export function decodeCreationLog(log: RawLog): PoolCreation | undefined {
  const topic0 = log.topics[0];
  if (topic0 === undefined || !FACTORY_EVENT_TOPICS.includes(topic0)) return undefined;
  const ev = decodeEventLog({
    abi: factoryEventsAbi,
    topics: log.topics as [Hex, ...Hex[]],
    data: log.data,
  });
  if (ev.eventName === "PairCreated") {
    return {
      protocol: "v2",
      pool: getAddress(ev.args.pair),
      token0: getAddress(ev.args.token0),
      token1: getAddress(ev.args.token1),
      fee: 0,
      tickSpacing: 0,
    };
  }
  return {
    protocol: "v3",
    pool: getAddress(ev.args.pool),
    token0: getAddress(ev.args.token0),
    token1: getAddress(ev.args.token1),
    fee: ev.args.fee,
    tickSpacing: ev.args.tickSpacing,
  };
}
