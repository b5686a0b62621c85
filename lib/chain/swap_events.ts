// lib/chain/swap_events.ts — one job: decode V2 and V3 Swap events from a receipt (live
// execution reads its hops' amounts from them; the devnet's swaps too).
import { type Address, getAddress, type Log, parseEventLogs } from "viem";
import { v2PairEventsAbi, v3PoolEventsAbi } from "./event_abis.ts";

/** A UniswapV2Pair Swap event; amounts in native units of token0 and token1. */
export interface V2SwapEvent {
  readonly pair: Address;
  readonly sender: Address;
  readonly to: Address;
  readonly amount0In: bigint;
  readonly amount1In: bigint;
  readonly amount0Out: bigint;
  readonly amount1Out: bigint;
  readonly logIndex: number;
}

/** A UniswapV3Pool Swap event: positive amounts entered the pool, negative ones left it. */
export interface V3SwapEvent {
  readonly pool: Address;
  readonly sender: Address;
  readonly recipient: Address;
  readonly amount0: bigint;
  readonly amount1: bigint;
  /** Price after the swap. */
  readonly sqrtPriceX96: bigint;
  /** In-range liquidity after the swap. */
  readonly liquidity: bigint;
  /** Tick after the swap. */
  readonly tick: number;
  readonly logIndex: number;
}

/**
 * Every V2 Swap event among `logs` (a receipt's logs), in log order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2SwapEvents } from "./swap_events.ts";
 * assert(v2SwapEvents([]).length === 0);
 * ```
 */
export function v2SwapEvents(logs: readonly Log[]): V2SwapEvent[] {
  return parseEventLogs({ abi: v2PairEventsAbi, eventName: "Swap", logs: [...logs] }).map((l) => ({
    pair: getAddress(l.address),
    sender: getAddress(l.args.sender),
    to: getAddress(l.args.to),
    amount0In: l.args.amount0In,
    amount1In: l.args.amount1In,
    amount0Out: l.args.amount0Out,
    amount1Out: l.args.amount1Out,
    logIndex: l.logIndex ?? -1,
  }));
}

/**
 * Every V3 Swap event among `logs` (a receipt's logs), in log order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v3SwapEvents } from "./swap_events.ts";
 * assert(v3SwapEvents([]).length === 0);
 * ```
 */
export function v3SwapEvents(logs: readonly Log[]): V3SwapEvent[] {
  return parseEventLogs({ abi: v3PoolEventsAbi, eventName: "Swap", logs: [...logs] }).map((l) => ({
    pool: getAddress(l.address),
    sender: getAddress(l.args.sender),
    recipient: getAddress(l.args.recipient),
    amount0: l.args.amount0,
    amount1: l.args.amount1,
    sqrtPriceX96: l.args.sqrtPriceX96,
    liquidity: l.args.liquidity,
    tick: l.args.tick,
    logIndex: l.logIndex ?? -1,
  }));
}
