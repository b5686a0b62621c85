// lib/pipeline/route_text.ts — one job: say a route and its amounts in words a person reads
// (symbols, venues, decimal amounts), for the live view and the JSON lines.
import { formatAmount } from "../market/mod.ts";
import { instrumentFromBytes } from "../instrument/mod.ts";
import { type ArbitrageSignal, hexToBytes } from "../protocol/mod.ts";

/** What names tokens and pools: symbols by lower-case address, V3 fees by pool id. */
export interface RouteNames {
  readonly symbols: ReadonlyMap<string, string>;
  /** Pool InstrumentId hex (lower-case) → fee in hundredths of a bp, for the V3 tiers. */
  readonly poolFees?: ReadonlyMap<string, number>;
}

/**
 * A token's symbol, or its address shortened to `0xabcd…1234` when unknown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tokenName } from "./route_text.ts";
 * assert.equal(tokenName("0x" + "ab".repeat(20), new Map()), "0xabab…abab");
 * assert.equal(tokenName("0xAA", new Map([["0xaa", "WETH"]])), "WETH");
 * ```
 */
export function tokenName(address: string, symbols: ReadonlyMap<string, string>): string {
  const a = address.toLowerCase();
  return symbols.get(a) ?? `${a.slice(0, 6)}…${a.slice(-4)}`;
}

/**
 * The route of a signal as `USDC >sushiswap> WETH >uniswap_v3/500> USDC`: tokens by symbol,
 * each hop's venue (and V3 fee tier when known) between them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../instrument/mod.ts";
 * import { bytesToHex } from "../protocol/mod.ts";
 * import { routeText } from "./route_text.ts";
 * const a = `0x${"0a".repeat(20)}` as const, b = `0x${"0b".repeat(20)}` as const;
 * const pool = bytesToHex(instrumentToBytes(dexPool("ethereum", "sushiswap", "0x" + "11".repeat(20))));
 * const text = routeText({ hops: [
 *   { pool, tokenIn: a, tokenOut: b, amountIn: 1n, amountOut: 2n },
 *   { pool, tokenIn: b, tokenOut: a, amountIn: 2n, amountOut: 3n },
 * ] }, { symbols: new Map([[a, "WETH"], [b, "USDC"]]) });
 * assert.equal(text, "WETH >sushiswap> USDC >sushiswap> WETH");
 * ```
 */
export function routeText(signal: Pick<ArbitrageSignal, "hops">, names: RouteNames): string {
  const first = signal.hops[0];
  if (first === undefined) return "(no hops)";
  const parts = [tokenName(first.tokenIn, names.symbols)];
  for (const hop of signal.hops) {
    parts.push(`>${venueText(hop.pool, names.poolFees)}>`, tokenName(hop.tokenOut, names.symbols));
  }
  return parts.join(" ");
}

/**
 * An exact amount in whole tokens, cut (never rounded) to `digits` decimals for display.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amountText } from "./route_text.ts";
 * assert.equal(amountText(1_234_567_891n, 8, 4), "12.3456");
 * assert.equal(amountText(-5n, 2, 4), "-0.05");
 * ```
 */
export function amountText(value: bigint, decimals: number, digits = 6): string {
  const full = formatAmount(value, decimals);
  const dot = full.indexOf(".");
  return dot < 0 || full.length - dot - 1 <= digits ? full : full.slice(0, dot + 1 + digits);
}

function venueText(pool: string, fees: ReadonlyMap<string, number> | undefined): string {
  try {
    const id = instrumentFromBytes(hexToBytes(pool));
    if (id.kind !== "dex_pool") return pool.slice(0, 10);
    const fee = fees?.get(pool.toLowerCase());
    return fee === undefined || !id.venue.endsWith("v3") ? id.venue : `${id.venue}/${fee}`;
  } catch {
    return pool.slice(0, 10); // not an InstrumentId: show its start rather than fail a display
  }
}
