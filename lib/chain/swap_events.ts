// lib/chain/swap_events.ts — one job: a receipt's V2 and V3 Swap events, decoded by the
// collector's decoder (pool_log.ts); live execution reads its hops' amounts from them.
import { type Address, getAddress, type Log } from "viem";
import { decodePoolLog, type PoolEvent } from "./pool_log.ts";

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

// The Swap events of one protocol among a receipt's logs, decoded as the collector decodes them;
// a log with a Swap topic that does not decode (another contract's event) is not a swap.
function swapsOf(protocol: "v2" | "v3", logs: readonly Log[]): { log: Log; event: PoolEvent }[] {
  const out: { log: Log; event: PoolEvent }[] = [];
  for (const log of logs) {
    let event: PoolEvent | undefined;
    try {
      event = decodePoolLog(protocol, log);
    } catch {
      continue;
    }
    if (event?.kind === (protocol === "v2" ? "v2_swap" : "v3_swap")) out.push({ log, event });
  }
  return out;
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
  return swapsOf("v2", logs).flatMap(({ log, event: e }) =>
    e.kind !== "v2_swap" ? [] : [{
      pair: getAddress(log.address),
      sender: e.sender,
      to: e.to,
      amount0In: e.amount0In,
      amount1In: e.amount1In,
      amount0Out: e.amount0Out,
      amount1Out: e.amount1Out,
      logIndex: log.logIndex ?? -1,
    }]
  );
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
  return swapsOf("v3", logs).flatMap(({ log, event: e }) =>
    e.kind !== "v3_swap" ? [] : [{
      pool: getAddress(log.address),
      sender: e.sender,
      recipient: e.recipient,
      amount0: e.amount0,
      amount1: e.amount1,
      sqrtPriceX96: e.sqrtPriceX96,
      liquidity: e.liquidity,
      tick: e.tick,
      logIndex: log.logIndex ?? -1,
    }]
  );
}
