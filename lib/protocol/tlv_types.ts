// lib/protocol/tlv_types.ts — one job: the registry of TLV type numbers, their ranges and
// their compiled codecs.
import { RelayDomain } from "./constants.ts";
import { type CompiledLayout, compileLayout } from "./layout.ts";
import * as P from "./payloads.ts";

/**
 * Numbers of the TLV types the spec allocates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TlvType } from "./tlv_types.ts";
 * assert(TlvType.PoolSwap === 11);
 * ```
 */
export const TlvType = {
  Trade: 1,
  Quote: 2,
  OrderBook: 3,
  PoolLiquidity: 10,
  PoolSwap: 11,
  PoolMint: 12,
  PoolBurn: 13,
  PoolTick: 14,
  PoolState: 15,
  PoolSync: 16,
  PoolInvalidate: 17,
  GasPrice: 18,
  SignalIdentity: 20,
  Economics: 22,
  ArbitrageSignal: 32,
  OrderRequest: 40,
  OrderStatus: 41,
  Fill: 42,
  OrderCancel: 43,
  ExecutionReport: 45,
  RiskDecision: 60,
  PositionUpdate: 61,
  RiskAlert: 62,
  RiskMetrics: 70,
  CircuitBreaker: 71,
  Heartbeat: 100,
  Snapshot: 101,
  Error: 102,
  RecoveryRequest: 110,
  RecoveryResponse: 111,
  SequenceSync: 112,
} as const;

/** Name of a known TLV type. */
export type TlvName = keyof typeof TlvType;
/** Number of a known TLV type. */
export type KnownTlvType = typeof TlvType[TlvName];

/** The decoded value of each known TLV type, by number. */
export interface TlvValues {
  1: P.Trade;
  2: P.Quote;
  3: P.OrderBook;
  10: P.PoolLiquidity;
  11: P.PoolSwap;
  12: P.PoolMint;
  13: P.PoolBurn;
  14: P.PoolTick;
  15: P.PoolState;
  16: P.PoolSync;
  17: P.PoolInvalidate;
  18: P.GasPrice;
  20: P.SignalIdentity;
  22: P.Economics;
  32: P.ArbitrageSignal;
  40: P.OrderRequest;
  41: P.OrderStatus;
  42: P.Fill;
  43: P.OrderCancel;
  45: P.ExecutionReport;
  60: P.RiskDecision;
  61: P.PositionUpdate;
  62: P.RiskAlert;
  70: P.RiskMetrics;
  71: P.CircuitBreaker;
  100: P.Heartbeat;
  101: P.Snapshot;
  102: P.ErrorReport;
  110: P.RecoveryRequest;
  111: P.RecoveryResponse;
  112: P.SequenceSync;
}

const CODECS: (CompiledLayout | undefined)[] = new Array(256).fill(undefined);
/** Fixed value size per type: >= 0 fixed, -1 variable (with a minimum in MIN_SIZE), -2 unknown. */
export const FIXED_SIZE: Int32Array = new Int32Array(256).fill(-2);
/** Smallest valid value size of a variable type (0 for unknown types). */
export const MIN_SIZE: Int32Array = new Int32Array(256);
const BY_NAME = new Map<string, number>();

for (const layout of P.LAYOUTS) {
  const c = compileLayout(layout);
  CODECS[layout.type] = c;
  FIXED_SIZE[layout.type] = c.fixedSize;
  MIN_SIZE[layout.type] = c.headSize;
  BY_NAME.set(layout.name, layout.type);
}

/**
 * The compiled codec of a known type, or `undefined` for an unknown one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codecOf, TlvType } from "./tlv_types.ts";
 * assert(codecOf(TlvType.PoolSync)?.fixedSize === 108);
 * assert(codecOf(250) === undefined);
 * ```
 */
export function codecOf(type: number): CompiledLayout | undefined {
  return CODECS[type];
}

/**
 * The TLV type number for a name (`"PoolSwap"` → 11), or `undefined`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tlvTypeByName } from "./tlv_types.ts";
 * assert(tlvTypeByName("GasPrice") === 18);
 * ```
 */
export function tlvTypeByName(name: string): number | undefined {
  return BY_NAME.get(name);
}

/**
 * The name of a known type number, or `undefined`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tlvName } from "./tlv_types.ts";
 * assert(tlvName(32) === "ArbitrageSignal");
 * ```
 */
export function tlvName(type: number): string | undefined {
  return CODECS[type]?.layout.name;
}

/** What a type number's range is for, per the spec's table. */
export type TlvRange =
  | "market_data"
  | "signal"
  | "execution"
  | "portfolio_risk"
  | "compliance"
  | "system"
  | "unallocated"
  | "vendor"
  | "invalid";

/**
 * The range a type number falls in (type 0 and 255 are invalid as TLV types).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tlvRange } from "./tlv_types.ts";
 * assert(tlvRange(61) === "portfolio_risk" && tlvRange(230) === "vendor");
 * ```
 */
export function tlvRange(type: number): TlvRange {
  if (type <= 0 || type >= 255) return "invalid";
  if (type < 20) return "market_data";
  if (type < 40) return "signal";
  if (type < 60) return "execution";
  if (type < 80) return "portfolio_risk";
  if (type < 100) return "compliance";
  if (type < 120) return "system";
  if (type < 200) return "unallocated";
  return "vendor";
}

/**
 * The relay domain that carries a type (portfolio and risk ride the signal domain; compliance
 * and system the system domain), or `undefined` for unallocated, vendor and invalid types.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { domainOfTlv } from "./tlv_types.ts";
 * import { RelayDomain } from "./constants.ts";
 * assert(domainOfTlv(60) === RelayDomain.Signal);
 * ```
 */
export function domainOfTlv(type: number): RelayDomain | undefined {
  switch (tlvRange(type)) {
    case "market_data":
      return RelayDomain.MarketData;
    case "signal":
    case "portfolio_risk":
      return RelayDomain.Signal;
    case "execution":
      return RelayDomain.Execution;
    case "compliance":
    case "system":
      return RelayDomain.System;
    default:
      return undefined;
  }
}
