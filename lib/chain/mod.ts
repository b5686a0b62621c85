/**
 * The chain layer: viem clients, collectors, discovery and the embedded devnet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./mod.ts";
 * await using anvil = await startAnvil();
 * assert(anvil.rpcUrl.startsWith("http://127.0.0.1:"));
 * ```
 *
 * @module
 */
export * from "./devnet/mod.ts";
