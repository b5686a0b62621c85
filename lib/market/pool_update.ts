// lib/market/pool_update.ts — one job: which decoded values are market values (pool and gas).
import {
  type GasPrice,
  type PoolBurn,
  type PoolInvalidate,
  type PoolMint,
  type PoolState,
  type PoolSwap,
  type PoolSync,
  type PoolTick,
  TlvType,
} from "../protocol/mod.ts";

/** A decoded pool or gas value, tagged with its TLV type (a `DecodedTlv` of these types fits). */
export type PoolUpdate =
  | { readonly type: typeof TlvType.PoolState; readonly value: PoolState }
  | { readonly type: typeof TlvType.PoolTick; readonly value: PoolTick }
  | { readonly type: typeof TlvType.PoolSync; readonly value: PoolSync }
  | { readonly type: typeof TlvType.PoolSwap; readonly value: PoolSwap }
  | { readonly type: typeof TlvType.PoolMint; readonly value: PoolMint }
  | { readonly type: typeof TlvType.PoolBurn; readonly value: PoolBurn }
  | { readonly type: typeof TlvType.PoolInvalidate; readonly value: PoolInvalidate }
  | { readonly type: typeof TlvType.GasPrice; readonly value: GasPrice };

/**
 * Whether a TLV type carries a market value: PoolState, PoolTick, PoolSync, PoolSwap, PoolMint,
 * PoolBurn, PoolInvalidate or GasPrice (a decoded TLV of such a type is a {@linkcode PoolUpdate}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TlvType } from "../protocol/mod.ts";
 * import { isPoolUpdate } from "./pool_update.ts";
 * assert(isPoolUpdate(TlvType.PoolSync) && isPoolUpdate(TlvType.GasPrice));
 * assert(!isPoolUpdate(TlvType.ArbitrageSignal));
 * ```
 */
export function isPoolUpdate(type: number): boolean {
  return type === TlvType.PoolState || type === TlvType.PoolTick || type === TlvType.PoolSync ||
    type === TlvType.PoolSwap || type === TlvType.PoolMint || type === TlvType.PoolBurn ||
    type === TlvType.PoolInvalidate || type === TlvType.GasPrice;
}
