// lib/pipeline/_live_choice.ts — one job: the on-chain executor of `torq pipeline --live`: the
// signer, the ArbitrageExecutor (deployed on the embedded devnet), the connected stage.
import { deployDevnetExecutor } from "../devnet/mod.ts";
import {
  LiveExecuteProcessor,
  LiveExecutor,
  LiveSigner,
  loadSigner,
  resolveNetwork,
} from "../execution/mod.ts";
import { PipelineError } from "./errors.ts";
import type { LiveChoiceOptions } from "./live_choice_options.ts";
import type { PipelineContext } from "./run_pipeline.ts";

/** The live stage and where it sends. */
export interface LiveChoice {
  readonly stage: LiveExecuteProcessor;
  readonly deployment: {
    readonly executorAddress: string;
    readonly owner: string;
    readonly deployGas: string | null;
    readonly network: string;
  };
}

/** Builds the live stage for the pipeline's chain. */
export async function liveExecutor(
  ctx: PipelineContext,
  o: LiveChoiceOptions,
): Promise<LiveChoice> {
  const onDevnet = ctx.devnet !== undefined;
  if (!onDevnet && (o.executor === undefined || o.key === undefined)) {
    throw new PipelineError(
      "BAD_OPTION",
      `Live execution on chain ${ctx.chainId} needs --executor ADDRESS and --key-env VAR or --key-file PATH`,
      { chainId: ctx.chainId },
    );
  }
  const rpcUrl = o.rpcUrl ??
    (ctx.devnet !== undefined ? ctx.devnet.rpcUrl : ctx.rpcUrl.replace(/^ws(s?):/i, "http$1:"));
  const signer = o.key !== undefined
    ? await loadSigner(o.key)
    : LiveSigner.fromHex(freshKey(), "a fresh devnet account");
  if (o.executor !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(o.executor)) {
    throw new PipelineError("BAD_ADDRESS", `Executor ${o.executor} is not an address`, {
      executor: o.executor,
    });
  }
  let executor = o.executor;
  let deployGas: string | null = null;
  if (executor === undefined) {
    const deployed = await deployDevnetExecutor(rpcUrl, signer.account);
    executor = deployed.address;
    deployGas = deployed.gasUsed.toString();
    ctx.log(
      `live: ArbitrageExecutor ${executor} deployed for ${signer.address} (gas ${deployGas})`,
    );
  }
  const network = resolveNetwork(ctx.chainId, {
    rpcUrl,
    ...(o.maxGasPriceWei !== undefined ? { maxGasPriceWei: o.maxGasPriceWei } : {}),
  });
  const live = await LiveExecutor.connect({
    network,
    executor: executor as `0x${string}`,
    signer,
    ...(onDevnet ? { pollingIntervalMs: 20 } : {}),
  });
  ctx.log(`live: sending to ${live.executor} on ${network.name} as ${signer.address}`);
  const stage = new LiveExecuteProcessor(live, {
    maxNotionalUsd: network.maxNotionalUsd,
    ...(o.log !== undefined ? { log: o.log } : {}),
  });
  return {
    stage,
    deployment: {
      executorAddress: live.executor,
      owner: signer.address,
      deployGas,
      network: network.name,
    },
  };
}

// 32 random bytes: a private key with overwhelming probability below the curve order.
function freshKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
