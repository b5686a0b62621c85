/**
 * torq — exact, lossless, measured on-chain arbitrage research and trading for Deno.
 *
 * The public library surface, layer by layer (see docs/ and each folder's `mod.ts`):
 * Protocol V2 frames and TLVs, InstrumentId, exact Uniswap V2/V3 math, and transports.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, decodeTlvs, dexPool, instrumentToText, parseFrame, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.Signal, 3, 1n, [[TlvType.RiskDecision, {
 *   signalId: 7n, decision: 1, reasonCode: 0, approvedAmount: 10n ** 18n, tradingState: 1,
 * }]]);
 * const [decision] = decodeTlvs(parseFrame(bytes));
 * assert(decision?.name === "RiskDecision");
 * assert(instrumentToText(dexPool("polygon", "quickswap_v2", "0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827"))
 *   === "polygon:quickswap_v2:pool:0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827");
 * ```
 *
 * @module
 */
export * from "./lib/error.ts";
export * from "./lib/protocol/mod.ts";
export * from "./lib/instrument/mod.ts";
export * from "./lib/transport/mod.ts";
