// lib/risk/_route.ts — one job: check that a signal is a well-formed cycle and read what the
// checks need from it (its token, key and the venues of its pools).
import { evmToken, type EvmTokenId, findChainById } from "../instrument/mod.ts";
import { type TokenKey, tokenKey } from "../portfolio/mod.ts";
import type { ArbitrageSignal } from "../protocol/mod.ts";

/** What the pre-trade checks read from a well-formed signal. */
export interface Route {
  readonly token: EvmTokenId;
  readonly key: TokenKey;
  /** Venue codes of the route's pools, each once, in route order. */
  readonly venues: readonly number[];
}

const hexByte = (s: string, at: number) => parseInt(s.slice(at, at + 2), 16);

// 32-byte DEX pool id hex: byte 0 kind 3, bytes 1..3 venue (LE u16), bytes 4..8 chain (LE u32)
function poolVenue(pool: string, chainId: number): number | undefined {
  if (pool.length !== 66 || pool.slice(0, 4) !== "0x03") return undefined;
  const venue = hexByte(pool, 4) | (hexByte(pool, 6) << 8);
  const chain = (hexByte(pool, 10) | (hexByte(pool, 12) << 8) | (hexByte(pool, 14) << 16)) +
    hexByte(pool, 16) * 0x1000000;
  if (Number.isNaN(venue) || Number.isNaN(chain) || chain !== chainId || venue === 0) {
    return undefined;
  }
  return venue;
}

/**
 * The route of a signal, or undefined when the signal is malformed: no positive amount, an
 * unknown chain or bad address, hops that are not a cycle from tokenIn back to tokenIn over
 * DEX pools of the signal's chain, or amounts that do not chain (first hop in = amountIn, each
 * hop out = next hop in, last out = expectedOut, expectedProfit = expectedOut − amountIn,
 * netProfit = expectedProfit − gasCostIn).
 */
export function readRoute(s: ArbitrageSignal): Route | undefined {
  const chain = findChainById(s.chainId);
  const n = s.hops.length;
  if (chain === undefined || n < 2 || s.amountIn <= 0n) return undefined;
  if (
    s.expectedProfit !== s.expectedOut - s.amountIn ||
    s.netProfit !== s.expectedProfit - s.gasCostIn
  ) return undefined;
  let token: EvmTokenId;
  try {
    token = evmToken(chain.name, s.tokenIn);
  } catch {
    return undefined;
  }
  const venues: number[] = [];
  let from = token.address;
  let amount = s.amountIn;
  for (let i = 0; i < n; i++) {
    const h = s.hops[i]!;
    if (h.tokenIn.toLowerCase() !== from || h.amountIn !== amount) return undefined;
    const venue = poolVenue(h.pool, s.chainId);
    if (venue === undefined) return undefined;
    if (!venues.includes(venue)) venues.push(venue);
    from = h.tokenOut.toLowerCase() as typeof from;
    amount = h.amountOut;
  }
  if (from !== token.address || amount !== s.expectedOut) return undefined;
  return { token, key: tokenKey(token), venues };
}
