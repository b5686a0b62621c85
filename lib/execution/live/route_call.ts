// lib/execution/live/route_call.ts — one job: turn an ArbitrageSignal into the executor's
// route (pools, tokens, hop kinds, V2 fees) and the least profit it must make.
import { type Address, getAddress } from "viem";
import {
  type DexPoolId,
  findChainById,
  instrumentFromBytes,
  venueByName,
} from "../../instrument/mod.ts";
import { type ArbitrageSignal, hexToBytes } from "../../protocol/mod.ts";
import { LiveExecutionError } from "./errors.ts";
import { HopKind } from "./executor_abi.ts";

/** One hop of the executor's route (the contract's `Hop` struct). */
export interface ExecutorHop {
  readonly pool: Address;
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly kind: HopKind;
  /** V2 pair fee in basis points; 0 for V3 (the pool knows its fee). */
  readonly feeBps: number;
}

/** What `execute` is called with. */
export interface RouteCall {
  readonly hops: readonly ExecutorHop[];
  readonly amountIn: bigint;
  /** Least profit in the start token, native units: below it the contract reverts. */
  readonly minProfit: bigint;
}

/**
 * The executor's route for a signal: each hop's pool address and venue from its InstrumentId,
 * V2 or V3 from the venue's protocol, the V2 fee from the venue table.
 *
 * @throws {LiveExecutionError} `UNSUPPORTED_ROUTE` for a signal of an unknown chain, with fewer
 * than 2 or more than 4 hops, a hop that is not a DEX pool of the signal's chain, or hops that
 * do not form a cycle from `tokenIn`
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../../instrument/mod.ts";
 * import { bytesToHex } from "../../protocol/mod.ts";
 * import { routeFromSignal } from "./route_call.ts";
 * const a = `0x${"0a".repeat(20)}` as const, b = `0x${"0b".repeat(20)}` as const;
 * const pool = (venue: string, n: string) =>
 *   bytesToHex(instrumentToBytes(dexPool("anvil", venue, "0x" + n.repeat(40))));
 * const hops = routeFromSignal({
 *   chainId: 31337, tokenIn: a, hops: [
 *     { pool: pool("sushiswap", "1"), tokenIn: a, tokenOut: b, amountIn: 1n, amountOut: 2n },
 *     { pool: pool("uniswap_v3", "2"), tokenIn: b, tokenOut: a, amountIn: 2n, amountOut: 3n },
 *   ],
 * });
 * assert.deepEqual(hops.map((h) => [h.kind, h.feeBps]), [[1, 30], [2, 0]]);
 * ```
 */
export function routeFromSignal(
  signal: Pick<ArbitrageSignal, "chainId" | "tokenIn" | "hops">,
): ExecutorHop[] {
  const chain = findChainById(signal.chainId);
  const n = signal.hops.length;
  if (chain === undefined) throw unsupported(`Signal chain ${signal.chainId} is unknown`, {});
  if (n < 2 || n > 4) throw unsupported(`Route has ${n} hops; the executor runs 2 to 4`, { n });
  const start = signal.tokenIn.toLowerCase();
  let expect = start;
  const hops = signal.hops.map((hop, i): ExecutorHop => {
    let id: DexPoolId;
    try {
      const parsed = instrumentFromBytes(hexToBytes(hop.pool, "pool"));
      if (parsed.kind !== "dex_pool") throw new Error(parsed.kind);
      id = parsed;
    } catch {
      throw unsupported(`Hop ${i} pool ${hop.pool} is not a DEX pool id`, { hop: i });
    }
    if (id.chain !== chain.name) {
      throw unsupported(`Hop ${i} pool is on ${id.chain}, the signal on ${chain.name}`, { hop: i });
    }
    if (hop.tokenIn.toLowerCase() !== expect) {
      throw unsupported(`Hop ${i} pays ${hop.tokenIn}, the route holds ${expect}`, { hop: i });
    }
    expect = hop.tokenOut.toLowerCase();
    const venue = venueByName(id.venue);
    if (venue.kind !== "dex") throw unsupported(`Hop ${i} venue ${id.venue} is no DEX`, { hop: i });
    const v2 = venue.protocol === "uniswap_v2";
    return {
      pool: getAddress(id.address),
      tokenIn: getAddress(hop.tokenIn),
      tokenOut: getAddress(hop.tokenOut),
      kind: v2 ? HopKind.V2 : HopKind.V3,
      feeBps: v2 ? Number(venue.feeBps) : 0,
    };
  });
  if (expect !== start) {
    throw unsupported(`Route ends in ${expect}, not in its start token ${start}`, {});
  }
  return hops;
}

/**
 * The least on-chain profit a signal's execution must make (the `minProfit` the contract
 * enforces): the gas the detector priced into the start token plus the guard's minimum net
 * profit in that token (at least 1 unit, as the guard wants net profit strictly positive). A
 * route that cannot pay for its own gas reverts instead of losing money.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { minProfitFor } from "./route_call.ts";
 * assert.equal(minProfitFor({ gasCostIn: 1_500n }), 1_501n);
 * assert.equal(minProfitFor({ gasCostIn: 1_500n }, 100n), 1_600n);
 * ```
 */
export function minProfitFor(
  signal: Pick<ArbitrageSignal, "gasCostIn">,
  minNetProfit = 1n,
): bigint {
  return signal.gasCostIn + (minNetProfit > 1n ? minNetProfit : 1n);
}

function unsupported(message: string, details: Record<string, unknown>): LiveExecutionError {
  return new LiveExecutionError("UNSUPPORTED_ROUTE", message, details);
}
