// lib/instrument/chains.ts — one job: the table of EVM chains an instrument can live on.
import { InstrumentError } from "./errors.ts";

/** Canonical name of a supported chain, as used in the text form of an instrument. */
export type ChainName =
  | "ethereum"
  | "polygon"
  | "arbitrum"
  | "base"
  | "bsc"
  | "polygon_amoy"
  | "anvil";

/** One supported EVM chain. */
export interface Chain {
  /** EIP-155 chain id, the value stored in the byte form. */
  readonly id: number;
  /** Canonical lower-case name, the value used in the text form. */
  readonly name: ChainName;
  /** Symbol of the native gas token. */
  readonly nativeSymbol: string;
  /** True for test networks and local devnets. */
  readonly testnet: boolean;
}

/**
 * Every supported chain. `anvil` is the local devnet (chain id 31337).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CHAINS } from "./chains.ts";
 * assert(CHAINS.some((c) => c.name === "anvil" && c.id === 31337));
 * ```
 */
export const CHAINS: readonly Chain[] = Object.freeze([
  { id: 1, name: "ethereum", nativeSymbol: "ETH", testnet: false },
  { id: 137, name: "polygon", nativeSymbol: "POL", testnet: false },
  { id: 42161, name: "arbitrum", nativeSymbol: "ETH", testnet: false },
  { id: 8453, name: "base", nativeSymbol: "ETH", testnet: false },
  { id: 56, name: "bsc", nativeSymbol: "BNB", testnet: false },
  { id: 80002, name: "polygon_amoy", nativeSymbol: "POL", testnet: true },
  { id: 31337, name: "anvil", nativeSymbol: "ETH", testnet: true },
].map((c) => Object.freeze(c as Chain)));

const BY_NAME: ReadonlyMap<string, Chain> = new Map(CHAINS.map((c) => [c.name, c]));
const BY_ID: ReadonlyMap<number, Chain> = new Map(CHAINS.map((c) => [c.id, c]));

/**
 * Whether `name` is the canonical name of a supported chain.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isChainName } from "./chains.ts";
 * assert(isChainName("polygon") && !isChainName("Polygon"));
 * ```
 */
export function isChainName(name: string): name is ChainName {
  return BY_NAME.has(name);
}

/**
 * The chain with this canonical name.
 *
 * @throws {InstrumentError} `UNKNOWN_CHAIN` when no chain has that name.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainByName } from "./chains.ts";
 * assert(chainByName("polygon").id === 137);
 * ```
 */
export function chainByName(name: string): Chain {
  const chain = BY_NAME.get(name);
  if (chain === undefined) {
    throw new InstrumentError("UNKNOWN_CHAIN", `Unknown chain "${name}"`, { chain: name });
  }
  return chain;
}

/**
 * The chain with this EIP-155 chain id.
 *
 * @throws {InstrumentError} `UNKNOWN_CHAIN` when no supported chain has that id.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainById } from "./chains.ts";
 * assert(chainById(31337).name === "anvil");
 * ```
 */
export function chainById(id: number): Chain {
  const chain = BY_ID.get(id);
  if (chain === undefined) {
    throw new InstrumentError("UNKNOWN_CHAIN", `Unknown chain id ${id}`, { chainId: id });
  }
  return chain;
}

/**
 * The chain with this EIP-155 chain id, or undefined: `chainById` for callers that handle the
 * miss themselves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findChainById } from "./chains.ts";
 * assert(findChainById(137)?.name === "polygon" && findChainById(5) === undefined);
 * ```
 */
export function findChainById(id: number): Chain | undefined {
  return BY_ID.get(id);
}
