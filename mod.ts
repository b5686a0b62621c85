/**
 * torq — exact, lossless, measured on-chain arbitrage research and trading for Deno.
 *
 * The public library surface, layer by layer (see docs/ and each folder's `mod.ts`). The
 * foundation (errors, Protocol V2 frames and TLVs, InstrumentId, transports) is exported flat;
 * the layers above it as namespaces, so their names never collide: `amm` (exact Uniswap V2/V3
 * math), `market` (the exact pool book, prices, token roles, chain facts, money), `chain` (viem
 * reads, collector), `devnet` (Anvil, Uniswap, simulator), `arbitrage` (pool graph, sizing, detector),
 * `risk` (checks, breakers, VaR), `portfolio` (positions, P&L, NAV), `execution` (paper and
 * on-chain executors, order routing), `store` (InfluxDB, recordings) and `pipeline` (the main job).
 * This entry point loads every layer and its npm dependencies; to load one layer only, import its
 * own entry point (`@torq/torq/protocol`, `@torq/torq/amm`, … — the `exports` of deno.json).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { amm, buildFrame, decodeTlvs, dexPool, instrumentToText, parseFrame, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.Signal, 3, 1n, [[TlvType.RiskDecision, {
 *   signalId: 7n, decision: 1, reasonCode: 0, approvedAmount: 10n ** 18n, tradingState: 1,
 * }]]);
 * const [decision] = decodeTlvs(parseFrame(bytes));
 * assert(decision?.name === "RiskDecision");
 * assert(instrumentToText(dexPool("polygon", "quickswap_v2", "0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827"))
 *   === "polygon:quickswap_v2:pool:0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827");
 * assert.equal(amm.v2AmountOut(1000n, 10n ** 6n, 10n ** 6n), 996n);
 * ```
 *
 * @module
 */
export * from "./lib/error.ts";
export * from "./lib/protocol/mod.ts";
export * from "./lib/instrument/mod.ts";
export * from "./lib/transport/mod.ts";
export * as amm from "./lib/amm/mod.ts";
export * as market from "./lib/market/mod.ts";
export * as chain from "./lib/chain/mod.ts";
export * as devnet from "./lib/devnet/mod.ts";
export * as arbitrage from "./lib/arbitrage/mod.ts";
export * as risk from "./lib/risk/mod.ts";
export * as portfolio from "./lib/portfolio/mod.ts";
export * as execution from "./lib/execution/mod.ts";
export * as store from "./lib/store/mod.ts";
export * as pipeline from "./lib/pipeline/mod.ts";
