// lib/portfolio/token_key.ts — one job: the exact map key of a token (the hex of its 32-byte
// InstrumentId, as PositionUpdate carries it) and the native gas token of a chain.
import { chainById, evmToken, type EvmTokenId, instrumentToBytes } from "../instrument/mod.ts";
import { NATIVE_TOKEN_ADDRESS } from "../market/mod.ts";
import { bytesToHex, type Hex } from "../protocol/mod.ts";

// The native gas token's address is a chain fact, defined in lib/market; re-exported here.
export { NATIVE_TOKEN_ADDRESS } from "../market/mod.ts";

/** A token's 32-byte InstrumentId in lower-case hex: exact, and what PositionUpdate carries. */
export type TokenKey = Hex;

/**
 * The key of a token: the hex of its 32-byte InstrumentId.
 *
 * @throws {InstrumentError} when the id breaks a rule (built by hand)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evmToken } from "../instrument/mod.ts";
 * import { tokenKey } from "./token_key.ts";
 * const key = tokenKey(evmToken("anvil", "0x" + "aa".repeat(20)));
 * assert(key.startsWith("0x02000000697a0000aaaa") && key.length === 66);
 * ```
 */
export function tokenKey(token: EvmTokenId): TokenKey {
  return bytesToHex(instrumentToBytes(token));
}

/**
 * The token with `address` on the chain with EIP-155 id `chainId` (how signals and fills name
 * tokens).
 *
 * @throws {InstrumentError} `UNKNOWN_CHAIN` or `BAD_ADDRESS`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tokenOnChain } from "./token_key.ts";
 * assert.equal(tokenOnChain(31337, "0x" + "AA".repeat(20)).chain, "anvil");
 * ```
 */
export function tokenOnChain(chainId: number, address: string): EvmTokenId {
  return evmToken(chainById(chainId).name, address);
}

/**
 * The native gas token of a chain, named by the zero address.
 *
 * @throws {InstrumentError} `UNKNOWN_CHAIN`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NATIVE_TOKEN_ADDRESS, nativeToken } from "./token_key.ts";
 * assert.equal(nativeToken("polygon").address, NATIVE_TOKEN_ADDRESS);
 * ```
 */
export function nativeToken(chain: string): EvmTokenId {
  return evmToken(chain, NATIVE_TOKEN_ADDRESS);
}
