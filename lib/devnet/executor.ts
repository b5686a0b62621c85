// lib/devnet/executor.ts — one job: deploy contracts/ArbitrageExecutor.sol on the devnet,
// compiled by solc at run time (cached), owned by the deploying account.
import {
  type Address,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  type LocalAccount,
  publicActions,
} from "viem";
import { devnetChain, type DevnetClient } from "./client.ts";
import { loadOwnContract } from "./contracts.ts";
import { DevnetError } from "./errors.ts";

/** A deployed executor. */
export interface ExecutorDeployment {
  readonly address: Address;
  /** The account that deployed it: the only one allowed to call `execute`. */
  readonly owner: Address;
  readonly txHash: Hex;
  readonly gasUsed: bigint;
}

/**
 * Compiles (or takes from the solc cache) and deploys an ArbitrageExecutor from the client's
 * account, which becomes its owner.
 *
 * @throws {DevnetError} `DEPLOY_FAILED` when the transaction fails or reverts, `COMPILE_FAILED`
 * when the source does not compile
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDevnetClient, startAnvil } from "./mod.ts";
 * import { deployArbitrageExecutor } from "./executor.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const executor = await deployArbitrageExecutor(client);
 * assert.equal(executor.owner, client.account.address);
 * ```
 */
export async function deployArbitrageExecutor(client: DevnetClient): Promise<ExecutorDeployment> {
  const artifact = await loadOwnContract("ArbitrageExecutor");
  try {
    const txHash = await client.deployContract(
      {
        abi: artifact.abi,
        bytecode: artifact.bytecode,
        args: [],
      } as Parameters<DevnetClient["deployContract"]>[0],
    );
    const receipt = await client.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== "success" || receipt.contractAddress == null) {
      throw new DevnetError("DEPLOY_FAILED", `Executor deployment ${txHash} reverted`, {
        txHash,
      });
    }
    return {
      address: getAddress(receipt.contractAddress),
      owner: client.account.address,
      txHash,
      gasUsed: receipt.gasUsed,
    };
  } catch (cause) {
    if (cause instanceof DevnetError) throw cause;
    const text = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new DevnetError("DEPLOY_FAILED", `Executor deployment failed: ${text}`, {}, {
      cause,
    });
  }
}

/**
 * Deploys an ArbitrageExecutor owned by `account` on a local Anvil devnet, first topping the
 * account up to 100 ether with `anvil_setBalance` (a devnet-only method) when it holds less.
 *
 * @throws {DevnetError} `WRONG_CHAIN` when the RPC is not chain 31337, `DEPLOY_FAILED`
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { privateKeyToAccount } from "viem/accounts";
 * import { startAnvil } from "./anvil.ts";
 * import { deployDevnetExecutor } from "./executor.ts";
 * await using anvil = await startAnvil();
 * const account = privateKeyToAccount(`0x${"42".repeat(32)}`);
 * const dep = await deployDevnetExecutor(anvil.rpcUrl, account);
 * assert.equal(dep.owner, account.address);
 * ```
 */
export async function deployDevnetExecutor(
  rpcUrl: string,
  account: LocalAccount,
): Promise<ExecutorDeployment> {
  const wsUrl = rpcUrl.replace(/^http/, "ws");
  const probe = createWalletClient({ account: account, transport: http(rpcUrl) })
    .extend(publicActions);
  const chainId = await probe.getChainId();
  if (chainId !== 31337) {
    throw new DevnetError(
      "WRONG_CHAIN",
      `Chain ${chainId} at ${rpcUrl} is not the devnet (31337); deploy the executor yourself`,
      { chainId },
    );
  }
  const hundred = 100n * 10n ** 18n;
  if (await probe.getBalance({ address: account.address }) < hundred) {
    await probe.request({
      method: "anvil_setBalance" as never,
      params: [account.address, `0x${hundred.toString(16)}`] as never,
    });
  }
  const client = createWalletClient({
    account: account,
    chain: devnetChain({ chainId, rpcUrl, wsUrl }),
    transport: http(rpcUrl),
    pollingInterval: 20,
  }).extend(publicActions) as unknown as DevnetClient;
  return await deployArbitrageExecutor(client);
}
