// lib/execution/live/deploy.ts — one job: deploy contracts/ArbitrageExecutor.sol, compiled by
// solc at run time (cached), owned by the deploying account.
import { type Address, getAddress, type Hex } from "viem";
import { type DevnetClient, loadOwnContract } from "../../devnet/mod.ts";
import { LiveExecutionError } from "./errors.ts";

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
 * @throws {LiveExecutionError} `DEPLOY_FAILED` when the transaction fails or reverts; the
 * DevnetError `COMPILE_FAILED` when the source does not compile
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDevnetClient, startAnvil } from "../../devnet/mod.ts";
 * import { deployArbitrageExecutor } from "./deploy.ts";
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
      throw new LiveExecutionError("DEPLOY_FAILED", `Executor deployment ${txHash} reverted`, {
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
    if (cause instanceof LiveExecutionError) throw cause;
    const text = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new LiveExecutionError("DEPLOY_FAILED", `Executor deployment failed: ${text}`, {}, {
      cause,
    });
  }
}
