// lib/instrument/instrument_id.ts — one job: InstrumentId constructors (which validate) and equality.
import type { CexSpotId, DexPoolId, EvmTokenId, InstrumentId } from "./instrument_types.ts";
import { normalizeAddress } from "./address.ts";
import { chainByName } from "./chains.ts";
import { assertSymbol, resolveCexVenue, resolveDexVenue } from "./_validate.ts";

export type {
  CexSpotId,
  DexPoolId,
  EvmTokenId,
  InstrumentId,
  InstrumentKind,
} from "./instrument_types.ts";

/**
 * A CEX spot instrument.
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE` or `WRONG_VENUE_KIND` for a venue that is not a
 * known exchange, `BAD_SYMBOL` for a symbol that is not 1–12 characters A–Z or 0–9.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cexSpot } from "./instrument_id.ts";
 * const id = cexSpot("binance", "BTC", "USDT");
 * assert(id.kind === "cex_spot" && id.quote === "USDT");
 * ```
 */
export function cexSpot(venue: string, base: string, quote: string): CexSpotId {
  const v = resolveCexVenue(venue);
  assertSymbol(base, "base");
  assertSymbol(quote, "quote");
  return { kind: "cex_spot", venue: v.name, base, quote };
}

/**
 * An EVM token. The address may be lower-case, upper-case or EIP-55 checksummed; the id holds
 * it in lower case.
 *
 * @throws {InstrumentError} `UNKNOWN_CHAIN` for an unknown chain, `BAD_ADDRESS` for an address
 * that is malformed or fails its checksum.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evmToken } from "./instrument_id.ts";
 * const weth = evmToken("ethereum", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
 * assert(weth.address === "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
 * ```
 */
export function evmToken(chain: string, address: string): EvmTokenId {
  const c = chainByName(chain);
  return { kind: "evm_token", chain: c.name, address: normalizeAddress(address) };
}

/**
 * A DEX pool. The venue must be an AMM deployed on the chain; the address may be lower-case,
 * upper-case or EIP-55 checksummed.
 *
 * @throws {InstrumentError} `UNKNOWN_CHAIN`, `UNKNOWN_VENUE`, `WRONG_VENUE_KIND`,
 * `VENUE_NOT_ON_CHAIN` or `BAD_ADDRESS`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool } from "./instrument_id.ts";
 * const pool = dexPool("anvil", "quickswap_v2", "0x" + "11".repeat(20));
 * assert(pool.kind === "dex_pool" && pool.venue === "quickswap_v2");
 * ```
 */
export function dexPool(chain: string, venue: string, address: string): DexPoolId {
  const c = chainByName(chain);
  const v = resolveDexVenue(c.name, venue);
  return { kind: "dex_pool", chain: c.name, venue: v.name, address: normalizeAddress(address) };
}

/**
 * Whether two ids name the same instrument (field by field; ids are canonical, so this is
 * exact).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cexSpot, instrumentEquals } from "./instrument_id.ts";
 * assert(instrumentEquals(cexSpot("okx", "ETH", "USDT"), cexSpot("okx", "ETH", "USDT")));
 * assert(!instrumentEquals(cexSpot("okx", "ETH", "USDT"), cexSpot("okx", "USDT", "ETH")));
 * ```
 */
export function instrumentEquals(a: InstrumentId, b: InstrumentId): boolean {
  switch (a.kind) {
    case "cex_spot":
      return b.kind === "cex_spot" && a.venue === b.venue && a.base === b.base &&
        a.quote === b.quote;
    case "evm_token":
      return b.kind === "evm_token" && a.chain === b.chain && a.address === b.address;
    case "dex_pool":
      return b.kind === "dex_pool" && a.chain === b.chain && a.venue === b.venue &&
        a.address === b.address;
  }
}
