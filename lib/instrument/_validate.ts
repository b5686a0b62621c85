// lib/instrument/_validate.ts — one job: the validity rules shared by constructors and codecs.
import { isLowerHexAddress } from "./_hex.ts";
import { chainByName, type ChainName } from "./chains.ts";
import { InstrumentError } from "./errors.ts";
import type { InstrumentId } from "./instrument_types.ts";
import { type CexVenue, cexVenueByName, type DexVenue, dexVenueByName } from "./venues.ts";

/** Longest symbol the 12-byte field holds. */
export const MAX_SYMBOL_LENGTH = 12;

/**
 * Whether a character code may appear in a symbol: A–Z or 0–9.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSymbolChar } from "./_validate.ts";
 * assert(isSymbolChar(65) && !isSymbolChar(97));
 * ```
 */
export function isSymbolChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Whether `s` is a valid symbol: 1–12 characters A–Z or 0–9.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSymbol } from "./_validate.ts";
 * assert(isSymbol("USDT") && !isSymbol("usdt") && !isSymbol(""));
 * ```
 */
export function isSymbol(s: string): boolean {
  if (s.length < 1 || s.length > MAX_SYMBOL_LENGTH) return false;
  for (let i = 0; i < s.length; i++) if (!isSymbolChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Throws unless `s` is a valid symbol.
 *
 * @throws {InstrumentError} `BAD_SYMBOL`, naming the symbol and the field.
 * @example
 * ```ts
 * import { assertSymbol } from "./_validate.ts";
 * assertSymbol("BTC", "base");
 * ```
 */
export function assertSymbol(s: string, field: "base" | "quote"): void {
  if (typeof s === "string" && isSymbol(s)) return;
  throw new InstrumentError(
    "BAD_SYMBOL",
    `Invalid ${field} symbol ${quote(s)}: expected 1 to ${MAX_SYMBOL_LENGTH} ` +
      `characters A-Z or 0-9`,
    { field, symbol: s },
  );
}

/**
 * The exchange with this name.
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE` or `WRONG_VENUE_KIND`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveCexVenue } from "./_validate.ts";
 * assert(resolveCexVenue("bybit").code === 5);
 * ```
 */
export function resolveCexVenue(name: string): CexVenue {
  return cexVenueByName(name);
}

/**
 * The AMM with this name, checked to be deployed on `chain`.
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE`, `WRONG_VENUE_KIND` or `VENUE_NOT_ON_CHAIN`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveDexVenue } from "./_validate.ts";
 * assert(resolveDexVenue("anvil", "uniswap_v3").code === 102);
 * ```
 */
export function resolveDexVenue(chain: ChainName, name: string): DexVenue {
  const venue = dexVenueByName(name);
  assertVenueOnChain(venue, chain);
  return venue;
}

/**
 * Throws unless the AMM is deployed on the chain.
 *
 * @throws {InstrumentError} `VENUE_NOT_ON_CHAIN`, listing the chains the venue is on.
 * @example
 * ```ts
 * import { assertVenueOnChain } from "./_validate.ts";
 * import { dexVenueByName } from "./venues.ts";
 * assertVenueOnChain(dexVenueByName("quickswap_v2"), "polygon");
 * ```
 */
export function assertVenueOnChain(
  venue: DexVenue,
  chain: ChainName,
  extraDetails: Record<string, unknown> = {},
): void {
  if (venue.chains.includes(chain)) return;
  throw new InstrumentError(
    "VENUE_NOT_ON_CHAIN",
    `Venue ${venue.name} is not on chain ${chain} (it is on ${venue.chains.join(", ")})`,
    { ...extraDetails, venue: venue.name, chain, venueChains: venue.chains },
  );
}

/**
 * A value quoted for an error message: strings in JSON quotes, anything else as `String` gives
 * it (JSON.stringify would throw on a bigint).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quote } from "./_validate.ts";
 * assert(quote("a b") === '"a b"' && quote(5n) === "5");
 * ```
 */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

/** Numeric fields of a checked id, ready for the byte form (0 where the kind has none). */
export interface CheckedCodes {
  readonly venueCode: number;
  readonly chainId: number;
}

function assertIdAddress(address: unknown): void {
  if (typeof address === "string" && isLowerHexAddress(address)) return;
  throw new InstrumentError(
    "BAD_ADDRESS",
    `Invalid instrument address ${quote(address)}: expected 0x and 40 lower-case ` +
      `hex digits (see normalizeAddress)`,
    { address },
  );
}

/**
 * Checks every rule on an id (which may have been built by hand rather than by a constructor)
 * and returns its numeric codes.
 *
 * @throws {InstrumentError} with the code of the first rule broken.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkInstrument } from "./_validate.ts";
 * const codes = checkInstrument({ kind: "cex_spot", venue: "binance", base: "BTC", quote: "USDT" });
 * assert(codes.venueCode === 1 && codes.chainId === 0);
 * ```
 */
export function checkInstrument(id: InstrumentId): CheckedCodes {
  const kind = typeof id === "object" && id !== null ? (id as { kind: unknown }).kind : undefined;
  switch (kind) {
    case "cex_spot": {
      const cex = id as Extract<InstrumentId, { kind: "cex_spot" }>;
      const venue = cexVenueByName(cex.venue);
      assertSymbol(cex.base, "base");
      assertSymbol(cex.quote, "quote");
      return { venueCode: venue.code, chainId: 0 };
    }
    case "evm_token": {
      const token = id as Extract<InstrumentId, { kind: "evm_token" }>;
      const chain = chainByName(token.chain);
      assertIdAddress(token.address);
      return { venueCode: 0, chainId: chain.id };
    }
    case "dex_pool": {
      const pool = id as Extract<InstrumentId, { kind: "dex_pool" }>;
      const chain = chainByName(pool.chain);
      const venue = resolveDexVenue(chain.name, pool.venue);
      assertIdAddress(pool.address);
      return { venueCode: venue.code, chainId: chain.id };
    }
    default:
      throw new InstrumentError(
        "INVALID_KIND",
        `Invalid instrument kind ${quote(kind)}: expected cex_spot, evm_token or dex_pool`,
        { kind },
      );
  }
}
