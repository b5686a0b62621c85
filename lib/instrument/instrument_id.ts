// lib/instrument/instrument_id.ts — one job: the InstrumentId type, its constructors, equality.
import type { Address } from "./address.ts";
import type { ChainName } from "./chains.ts";
import type { CexVenueName, DexVenueName } from "./venues.ts";
import { normalizeAddress } from "./address.ts";
import { chainByName } from "./chains.ts";
import { assertSymbol, resolveCexVenue, resolveDexVenue } from "./_validate.ts";

/** A spot market of a centralised exchange: `binance:spot:BTC-USDT`. */
export interface CexSpotId {
  readonly kind: "cex_spot";
  readonly venue: CexVenueName;
  /** Base symbol: 1–12 characters A–Z or 0–9. */
  readonly base: string;
  /** Quote symbol: 1–12 characters A–Z or 0–9. */
  readonly quote: string;
}

/** A token contract on an EVM chain: `ethereum:token:0x…`. */
export interface EvmTokenId {
  readonly kind: "evm_token";
  readonly chain: ChainName;
  /** The full 20-byte token address, lower-case. */
  readonly address: Address;
}

/** A pool of an AMM on an EVM chain: `polygon:quickswap_v2:pool:0x…`. */
export interface DexPoolId {
  readonly kind: "dex_pool";
  readonly chain: ChainName;
  readonly venue: DexVenueName;
  /** The full 20-byte pool address, lower-case. */
  readonly address: Address;
}

/**
 * What a price, trade, pool event or position is about. It has exactly one 32-byte form
 * (`instrumentToBytes`) and one text form (`instrumentToText`); build it with `cexSpot`,
 * `evmToken` or `dexPool`, which validate.
 */
export type InstrumentId = CexSpotId | EvmTokenId | DexPoolId;

/** Which of the three kinds an `InstrumentId` is. */
export type InstrumentKind = InstrumentId["kind"];

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
