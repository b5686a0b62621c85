// lib/execution/live/live_stage.ts — one job: wire a live execute stage from flag values
// (network, RPC, executor, key source, gas cap), and deploy an executor on a devnet.
import { type Address, createWalletClient, getAddress, http, publicActions } from "viem";
import { devnetChain, type DevnetClient } from "../../devnet/mod.ts";
import { deployArbitrageExecutor, type ExecutorDeployment } from "./deploy.ts";
import { LiveExecutionError } from "./errors.ts";
import {
  LiveExecuteProcessor,
  type LiveExecuteProcessorOptions,
} from "./live_execute_processor.ts";
import { LiveExecutor, type LiveExecutorOptions } from "./live_executor.ts";
import { type NetworkOverrides, resolveNetwork } from "./networks.ts";
import { type KeySource, type LiveSigner, loadSigner } from "./signer.ts";

/** What `torq execute --live` (and `arb-scan --live`) pass in. */
export interface LiveStageOptions extends NetworkOverrides {
  /** Network name or chain id (default `devnet`). */
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
  const network = resolveNetwork(options.network ?? "devnet", options);
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

/**
 * Deploys an ArbitrageExecutor owned by `signer` on a local Anvil devnet, first topping the
 * signer up to 100 ether with `anvil_setBalance` (a devnet-only method) when it holds less.
 *
 * @throws {LiveExecutionError} `WRONG_CHAIN` when the RPC is not chain 31337, `DEPLOY_FAILED`
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "../../devnet/mod.ts";
 * import { deployDevnetExecutor } from "./live_stage.ts";
 * import { LiveSigner } from "./signer.ts";
 * await using anvil = await startAnvil();
 * const signer = LiveSigner.fromHex("0x" + "42".repeat(32), "doc");
 * const dep = await deployDevnetExecutor(anvil.rpcUrl, signer);
 * assert.equal(dep.owner, signer.address);
 * ```
 */
export async function deployDevnetExecutor(
  rpcUrl: string,
  signer: LiveSigner,
): Promise<ExecutorDeployment> {
  const wsUrl = rpcUrl.replace(/^http/, "ws");
  const probe = createWalletClient({ account: signer.account, transport: http(rpcUrl) })
    .extend(publicActions);
  const chainId = await probe.getChainId();
  if (chainId !== 31337) {
    throw new LiveExecutionError(
      "WRONG_CHAIN",
      `Chain ${chainId} at ${rpcUrl} is not the devnet (31337); deploy the executor yourself`,
      { chainId },
    );
  }
  const hundred = 100n * 10n ** 18n;
  if (await probe.getBalance({ address: signer.address }) < hundred) {
    await probe.request({
      method: "anvil_setBalance" as never,
      params: [signer.address, `0x${hundred.toString(16)}`] as never,
    });
  }
  const client = createWalletClient({
    account: signer.account,
    chain: devnetChain({ chainId, rpcUrl, wsUrl }),
    transport: http(rpcUrl),
    pollingInterval: 20,
  }).extend(publicActions) as unknown as DevnetClient;
  return await deployArbitrageExecutor(client);
}
