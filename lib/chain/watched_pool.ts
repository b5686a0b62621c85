// lib/chain/watched_pool.ts — one job: what the collector knows of a pool before it reads it,
// and the pool's 32-byte InstrumentId as frames carry it.
import { type Address, getAddress } from "viem";
import { dexPool, findChainById, instrumentToBytes } from "../instrument/mod.ts";
import { bytesToHex, type Hex } from "../protocol/mod.ts";
import { ChainError } from "./errors.ts";

/** A pool to watch: its venue, kind, tokens and their decimals, fee and tick spacing. */
export interface WatchedPool {
  /** EIP-55 checksummed pool address. */
  readonly address: Address;
  /** Venue name of lib/instrument (e.g. `sushiswap`, `uniswap_v3`). */
  readonly venue: string;
  /** `v2` for a Uniswap V2 pair, `v3` for a V3 pool. */
  readonly protocol: "v2" | "v3";
  readonly token0: Address;
  readonly token1: Address;
  readonly decimals0: number;
  readonly decimals1: number;
  /** Fee in hundredths of a basis point (3000 = 0.30%); a V2 venue's fee × 100. */
  readonly fee: number;
  /** V3 tick spacing; 0 for V2. */
  readonly tickSpacing: number;
  /** The factory that created the pool, when known. */
  readonly factory?: Address;
}

/**
 * The lib/instrument chain name of a chain id.
 *
 * @throws {ChainError} `UNKNOWN_CHAIN` when lib/instrument has no chain with that id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainNameOf } from "./watched_pool.ts";
 * assert(chainNameOf(31337) === "anvil");
 * ```
 */
export function chainNameOf(chainId: number): string {
  const chain = findChainById(chainId);
  if (chain === undefined) {
    throw new ChainError(
      "UNKNOWN_CHAIN",
      `Chain id ${chainId} is not one torq knows (lib/instrument CHAINS); instrument ids need it`,
      { chainId },
    );
  }
  return chain.name;
}

/**
 * The pool's InstrumentId in its 32-byte form as `0x` hex: the `pool` field of every pool TLV.
 *
 * @throws {InstrumentError} when the venue is not hosted on the chain.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { poolInstrumentHex } from "./watched_pool.ts";
 * const hex = poolInstrumentHex("anvil", { venue: "sushiswap", address: "0x00000000000000000000000000000000000000aa" });
 * assert(hex.length === 66);
 * ```
 */
export function poolInstrumentHex(
  chain: string,
  pool: Pick<WatchedPool, "venue" | "address">,
): Hex {
  return bytesToHex(instrumentToBytes(dexPool(chain, pool.venue, pool.address)));
}

/**
 * The address with its EIP-55 checksum, or a `BAD_ADDRESS` ChainError naming `what`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checksumAddress } from "./watched_pool.ts";
 * assert(checksumAddress("0x00000000000000000000000000000000000000aa", "pool").length === 42);
 * ```
 */
export function checksumAddress(value: string, what: string): Address {
  try {
    return getAddress(value);
  } catch {
    throw new ChainError(
      "BAD_ADDRESS",
      `${what} ${JSON.stringify(value)} is not an address (0x and 40 hex digits)`,
      { value },
    );
  }
}
