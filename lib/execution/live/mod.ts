/**
 * Live execution: the ArbitrageExecutor contract (contracts/ArbitrageExecutor.sol, a flash-swap
 * cycle over Uniswap V2 and V3 pools that reverts below a minimum profit; the devnet deploys it), a
 * safe sender (`LiveExecutor`) and the stage processor that turns approved signals into
 * transactions and OrderRequest / OrderStatus / Fill / ExecutionReport frames.
 * See docs/EXECUTION.md, "Live execution".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LIVE_NETWORKS, resolveNetwork, revertReasonCode } from "./mod.ts";
 * assert.equal(resolveNetwork("anvil").rpcUrl, LIVE_NETWORKS.anvil.defaultRpcUrl);
 * assert.equal(revertReasonCode("InsufficientProfit"), 101);
 * ```
 *
 * @module
 */
export { LiveExecutionError, type LiveExecutionErrorCode } from "./errors.ts";
export { arbitrageExecutorAbi, HopKind } from "./executor_abi.ts";
export {
  type DecodedRevert,
  decodeRevertData,
  decodeRevertError,
  revertReasonCode,
} from "./revert.ts";
export { DEFAULT_KEY_ENV, type KeySource, LiveSigner, loadSigner } from "./signer.ts";
export {
  LIVE_NETWORKS,
  type LiveNetwork,
  type LiveNetworkName,
  type NetworkOverrides,
  type ResolvedNetwork,
  resolveNetwork,
} from "./networks.ts";
export { type ExecutorHop, minProfitFor, type RouteCall, routeFromSignal } from "./route_call.ts";
export {
  type HopSwap,
  type LiveExecution,
  LiveExecutor,
  type LiveExecutorOptions,
  type SimulationResult,
} from "./live_executor.ts";
export {
  LiveExecuteProcessor,
  type LiveExecuteProcessorOptions,
  type LiveExecutionSummary,
} from "./live_execute_processor.ts";
export { connectLiveStage, type LiveStageOptions } from "./live_stage.ts";
