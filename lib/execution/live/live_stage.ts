// lib/execution/live/live_stage.ts — one job: wire a live execute stage from flag values
// (network, RPC, executor, key source, gas cap).
import { type Address, getAddress } from "viem";
import { LiveExecutionError } from "./errors.ts";
import {
  LiveExecuteProcessor,
  type LiveExecuteProcessorOptions,
} from "./live_execute_processor.ts";
import { LiveExecutor, type LiveExecutorOptions } from "./live_executor.ts";
import { type NetworkOverrides, resolveNetwork } from "./networks.ts";
import { type KeySource, loadSigner } from "./signer.ts";

/** What `torq execute --live` (and `arb-scan --live`) pass in. */
export interface LiveStageOptions extends NetworkOverrides {
  /** Network name or chain id (default `anvil`, the local devnet). */
  readonly network?: string | number;
  /** The deployed ArbitrageExecutor. */
  readonly executor: string;
  /** Default: env `TORQ_PRIVATE_KEY`. */
  readonly key?: KeySource;
  /** More LiveExecutor options (deadline, retries, polling). */
  readonly executorOptions?: Omit<LiveExecutorOptions, "network" | "executor" | "signer">;
  /** More processor options (log, min profit). */
  readonly processorOptions?: LiveExecuteProcessorOptions;
}

/**
 * Resolves the network, loads the key, connects the executor (chain and owner checked) and
 * returns the stage processor; the network's notional limit applies unless overridden.
 *
 * @throws {LiveExecutionError} `BAD_CONFIG`, `KEY_*`, `KEYSTORE_*`, `WRONG_CHAIN`, `RPC_FAILED`
 *
 * @example
 * ```ts ignore
 * const stage = await connectLiveStage({ executor: "0x…", rpcUrl: "http://127.0.0.1:8545" });
 * await runStage("execute", source, sink, stage);
 * ```
 */
export async function connectLiveStage(options: LiveStageOptions): Promise<LiveExecuteProcessor> {
  let executor: Address;
  try {
    executor = getAddress(options.executor);
  } catch {
    throw new LiveExecutionError("BAD_CONFIG", `Executor ${options.executor} is not an address`, {
      executor: options.executor,
    });
  }
  const network = resolveNetwork(options.network ?? "anvil", options);
  const signer = await loadSigner(options.key);
  const live = await LiveExecutor.connect({
    ...options.executorOptions,
    network,
    executor,
    signer,
  });
  return new LiveExecuteProcessor(live, {
    maxNotionalUsd: network.maxNotionalUsd,
    ...options.processorOptions,
  });
}
