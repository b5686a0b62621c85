// lib/instrument/instrument_types.ts — one job: the InstrumentId types, shared by the
// constructors and the validators without either importing the other.
import type { Address } from "./address.ts";
import type { ChainName } from "./chains.ts";
import type { CexVenueName, DexVenueName } from "./venues.ts";

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
