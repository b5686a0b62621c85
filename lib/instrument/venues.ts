// lib/instrument/venues.ts — one job: the table of trading venues (exchanges and AMMs).
import type { ChainName } from "./chains.ts";
import { InstrumentError } from "./errors.ts";

/** Canonical name of a centralised exchange. */
export type CexVenueName = "binance" | "coinbase" | "kraken" | "okx" | "bybit";

/** Canonical name of an on-chain AMM. */
export type DexVenueName =
  | "uniswap_v2"
  | "uniswap_v3"
  | "sushiswap"
  | "quickswap_v2"
  | "quickswap_v3"
  | "pancakeswap_v2"
  | "pancakeswap_v3";

/** Canonical name of any venue, as used in the text form of an instrument. */
export type VenueName = CexVenueName | DexVenueName;

/** A centralised exchange. */
export interface CexVenue {
  readonly kind: "cex";
  /** Numeric code stored in the byte form (u16, never 0: the protocol uses 0 for the wallet). */
  readonly code: number;
  readonly name: CexVenueName;
}

/** An AMM whose pools follow the Uniswap V2 constant-product design. */
export interface V2DexVenue {
  readonly kind: "dex";
  readonly code: number;
  readonly name: DexVenueName;
  readonly protocol: "uniswap_v2";
  /** Swap fee in basis points taken from the input amount, e.g. `30n` for 0.30%. */
  readonly feeBps: bigint;
  /** Chains the venue is deployed on. */
  readonly chains: readonly ChainName[];
}

/** An AMM whose pools follow the Uniswap V3 concentrated-liquidity design. */
export interface V3DexVenue {
  readonly kind: "dex";
  readonly code: number;
  readonly name: DexVenueName;
  readonly protocol: "uniswap_v3";
  /** Fee tiers in hundredths of a basis point (the pool's uint24 `fee`, 3000n = 0.30%). */
  readonly feeTiers: readonly bigint[];
  /** The tier to assume when none is given, in hundredths of a basis point. */
  readonly defaultFee: bigint;
  /** True when each pool sets its own fee over time (Algebra): read it from the pool. */
  readonly dynamicFee: boolean;
  /** Chains the venue is deployed on. */
  readonly chains: readonly ChainName[];
}

/** An on-chain AMM. */
export type DexVenue = V2DexVenue | V3DexVenue;

/** Any venue. */
export type Venue = CexVenue | DexVenue;

const MAJOR_EVM: readonly ChainName[] = ["ethereum", "polygon", "arbitrum", "base", "bsc"];
const UNISWAP_TIERS: readonly bigint[] = [100n, 500n, 3000n, 10000n];

function cex(code: number, name: CexVenueName): CexVenue {
  return Object.freeze({ kind: "cex", code, name });
}

function v2(code: number, name: DexVenueName, feeBps: bigint, chains: ChainName[]): V2DexVenue {
  return Object.freeze({
    kind: "dex",
    code,
    name,
    protocol: "uniswap_v2",
    feeBps,
    chains: Object.freeze(chains),
  });
}

function v3(
  code: number,
  name: DexVenueName,
  feeTiers: readonly bigint[],
  defaultFee: bigint,
  dynamicFee: boolean,
  chains: ChainName[],
): V3DexVenue {
  return Object.freeze({
    kind: "dex",
    code,
    name,
    protocol: "uniswap_v3",
    feeTiers: Object.freeze([...feeTiers]),
    defaultFee,
    dynamicFee,
    chains: Object.freeze(chains),
  });
}

/**
 * Every supported venue. Codes 1–99 are centralised exchanges, 101 and up AMMs. The `anvil`
 * devnet hosts `quickswap_v2`, `sushiswap` and `uniswap_v3`: it deploys real Uniswap bytecode
 * standing in for them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VENUES } from "./venues.ts";
 * assert(VENUES.filter((v) => v.kind === "dex" && v.chains.includes("anvil")).length === 3);
 * ```
 */
export const VENUES: readonly Venue[] = Object.freeze([
  cex(1, "binance"),
  cex(2, "coinbase"),
  cex(3, "kraken"),
  cex(4, "okx"),
  cex(5, "bybit"),
  v2(101, "uniswap_v2", 30n, [...MAJOR_EVM]),
  v3(102, "uniswap_v3", UNISWAP_TIERS, 3000n, false, [...MAJOR_EVM, "anvil"]),
  v2(103, "sushiswap", 30n, [...MAJOR_EVM, "anvil"]),
  v2(104, "quickswap_v2", 30n, ["polygon", "anvil"]),
  // QuickSwap V3 runs Algebra: one pool per pair, fee adjusted by the pool (starts at 0.01%).
  v3(105, "quickswap_v3", [], 100n, true, ["polygon"]),
  v2(106, "pancakeswap_v2", 25n, ["bsc", "ethereum", "arbitrum", "base"]),
  v3(107, "pancakeswap_v3", [100n, 500n, 2500n, 10000n], 2500n, false, [
    "bsc",
    "ethereum",
    "arbitrum",
    "base",
  ]),
]);

const BY_NAME: ReadonlyMap<string, Venue> = new Map(VENUES.map((v) => [v.name, v]));
const BY_CODE: ReadonlyMap<number, Venue> = new Map(VENUES.map((v) => [v.code, v]));

/**
 * Whether `name` is the canonical name of a supported venue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isVenueName } from "./venues.ts";
 * assert(isVenueName("binance") && !isVenueName("Binance"));
 * ```
 */
export function isVenueName(name: string): name is VenueName {
  return BY_NAME.has(name);
}

/**
 * The venue with this canonical name.
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE` when no venue has that name.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { venueByName } from "./venues.ts";
 * const v = venueByName("quickswap_v2");
 * assert(v.kind === "dex" && v.protocol === "uniswap_v2" && v.feeBps === 30n);
 * ```
 */
export function venueByName(name: string): Venue {
  const venue = BY_NAME.get(name);
  if (venue === undefined) {
    throw new InstrumentError("UNKNOWN_VENUE", `Unknown venue "${name}"`, { venue: name });
  }
  return venue;
}

/**
 * The venue with this numeric code (the value stored in the byte form).
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE` when no venue has that code.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { venueByCode } from "./venues.ts";
 * assert(venueByCode(1).name === "binance");
 * ```
 */
export function venueByCode(code: number): Venue {
  const venue = BY_CODE.get(code);
  if (venue === undefined) {
    throw new InstrumentError("UNKNOWN_VENUE", `Unknown venue code ${code}`, { venueCode: code });
  }
  return venue;
}

/**
 * The venue with this numeric code, or undefined: `venueByCode` for callers that handle the
 * miss themselves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findVenueByCode } from "./venues.ts";
 * assert(findVenueByCode(104)?.name === "quickswap_v2" && findVenueByCode(0) === undefined);
 * ```
 */
export function findVenueByCode(code: number): Venue | undefined {
  return BY_CODE.get(code);
}

/**
 * The centralised exchange with this name.
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE` for an unknown name, `WRONG_VENUE_KIND` for an AMM.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cexVenueByName } from "./venues.ts";
 * assert(cexVenueByName("kraken").code === 3);
 * ```
 */
export function cexVenueByName(name: string): CexVenue {
  const venue = venueByName(name);
  if (venue.kind !== "cex") {
    throw new InstrumentError(
      "WRONG_VENUE_KIND",
      `Venue "${name}" is an AMM, not a centralised exchange`,
      { venue: name, expected: "cex" },
    );
  }
  return venue;
}

/**
 * The AMM with this name.
 *
 * @throws {InstrumentError} `UNKNOWN_VENUE` for an unknown name, `WRONG_VENUE_KIND` for an
 * exchange.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexVenueByName } from "./venues.ts";
 * assert(dexVenueByName("uniswap_v3").protocol === "uniswap_v3");
 * ```
 */
export function dexVenueByName(name: string): DexVenue {
  const venue = venueByName(name);
  if (venue.kind !== "dex") {
    throw new InstrumentError(
      "WRONG_VENUE_KIND",
      `Venue "${name}" is a centralised exchange, not an AMM`,
      { venue: name, expected: "dex" },
    );
  }
  return venue;
}

/**
 * Whether the AMM is deployed on the chain.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexVenueByName, isVenueOnChain } from "./venues.ts";
 * assert(isVenueOnChain(dexVenueByName("quickswap_v2"), "anvil"));
 * assert(!isVenueOnChain(dexVenueByName("quickswap_v2"), "ethereum"));
 * ```
 */
export function isVenueOnChain(venue: DexVenue, chain: ChainName): boolean {
  return venue.chains.includes(chain);
}
