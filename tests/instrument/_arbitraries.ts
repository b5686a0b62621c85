// tests/instrument/_arbitraries.ts — fast-check generators of valid ids, built from the tables.
import fc from "fast-check";
import {
  type CexVenue,
  CHAINS,
  type DexVenue,
  type InstrumentId,
  type Venue,
  VENUES,
} from "../../lib/instrument/mod.ts";

export const SYMBOL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export const cexVenues = VENUES.filter((v: Venue): v is CexVenue => v.kind === "cex");
export const dexVenues = VENUES.filter((v: Venue): v is DexVenue => v.kind === "dex");

/** Every (chain, venue) pair a DEX pool id may have. */
export const dexPairs = dexVenues.flatMap((v) => v.chains.map((chain) => ({ chain, venue: v })));

export const symbolArb = fc.string({
  unit: fc.constantFrom(...SYMBOL_CHARS),
  minLength: 1,
  maxLength: 12,
});

export const addressBytesArb = fc.uint8Array({ minLength: 20, maxLength: 20 });

export const addressArb = addressBytesArb.map((b) =>
  ("0x" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")) as `0x${string}`
);

export const cexSpotArb: fc.Arbitrary<InstrumentId> = fc.record({
  venue: fc.constantFrom(...cexVenues),
  base: symbolArb,
  quote: symbolArb,
}).map(({ venue, base, quote }) => ({
  kind: "cex_spot" as const,
  venue: venue.name,
  base,
  quote,
}));

export const evmTokenArb: fc.Arbitrary<InstrumentId> = fc.record({
  chain: fc.constantFrom(...CHAINS),
  address: addressArb,
}).map(({ chain, address }) => ({ kind: "evm_token" as const, chain: chain.name, address }));

export const dexPoolArb: fc.Arbitrary<InstrumentId> = fc.record({
  pair: fc.constantFrom(...dexPairs),
  address: addressArb,
}).map(({ pair, address }) => ({
  kind: "dex_pool" as const,
  chain: pair.chain,
  venue: pair.venue.name,
  address,
}));

export const instrumentArb: fc.Arbitrary<InstrumentId> = fc.oneof(
  cexSpotArb,
  evmTokenArb,
  dexPoolArb,
);

/** Byte positions that must be zero for each kind byte (1, 2, 3). */
export const RESERVED_BYTES: Record<1 | 2 | 3, number[]> = {
  1: [3, 28, 29, 30, 31],
  2: [1, 2, 3, 28, 29, 30, 31],
  3: [3, 28, 29, 30, 31],
};

export const KNOWN_CHAIN_IDS = new Set(CHAINS.map((c) => c.id));
export const KNOWN_VENUE_CODES = new Set(VENUES.map((v) => v.code));
