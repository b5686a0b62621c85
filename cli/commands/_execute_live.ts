// cli/commands/_execute_live.ts — one job: `torq execute --live`: parse its flags, connect the
// live stage, run it between --in and --out, print the summary.
import { UsageError } from "../../lib/error.ts";
import {
  connectLiveStage,
  type LiveExecuteProcessor,
  type LiveExecutionSummary,
} from "../../lib/execution/mod.ts";
import { formatUsd } from "../../lib/portfolio/mod.ts";
import { openStageIo, runStageUntilStopped } from "../../lib/transport/mod.ts";
import { executorFlag, gweiFlag, keySourceFlag } from "./_live_flags.ts";

/** The flag values `torq execute --live` reads. */
export interface ExecuteLiveFlags {
  readonly rpc?: string | undefined;
  readonly executor?: string | undefined;
  readonly network?: string | undefined;
  readonly "key-env"?: string | undefined;
  readonly "key-file"?: string | undefined;
  readonly "max-gas-gwei"?: string | undefined;
  /** Endpoints to read, merged (default stdin). */
  readonly in?: readonly string[] | undefined;
  readonly out?: string | undefined;
  readonly json?: string | undefined;
  readonly quiet?: boolean | undefined;
}

/** Runs `torq execute --live`; resolves to the exit code. */
export async function runExecuteLive(values: ExecuteLiveFlags): Promise<number> {
  if (values.executor === undefined) {
    throw new UsageError(
      "MISSING_FLAG",
      "--live needs --executor ADDRESS (torq devnet --executor deploys one); see torq execute --help",
    );
  }
  const executor = executorFlag(values.executor);
  const key = keySourceFlag(values["key-env"], values["key-file"]);
  const network = values.network === undefined
    ? undefined
    : /^[0-9]+$/.test(values.network)
    ? Number(values.network)
    : values.network;
  const quiet = values.quiet === true;
  const stage: LiveExecuteProcessor = await connectLiveStage({
    executor,
    ...(values.rpc !== undefined ? { rpcUrl: values.rpc } : {}),
    ...(network !== undefined ? { network } : {}),
    ...(key !== undefined ? { key } : {}),
    ...(values["max-gas-gwei"] !== undefined
      ? { maxGasPriceWei: gweiFlag(values["max-gas-gwei"]) }
      : {}),
    processorOptions: quiet ? {} : { log: (line) => console.error(`torq execute: ${line}`) },
  });
  const io = await openStageIo("execute", {
    inputs: values.in ?? ["-"],
    output: values.out ?? "-",
  });
  await runStageUntilStopped("execute", io, stage, { quiet });
  const summary = stage.summary();
  if (!quiet) console.error(liveSummaryText(summary));
  const json = JSON.stringify(
    { mode: "live", ...summary },
    (_k, v) => (typeof v === "bigint" ? v.toString() : v),
  );
  if (values.json === "-") console.error(json);
  else if (values.json !== undefined) await Deno.writeTextFile(values.json, json + "\n");
  return 0;
}

function liveSummaryText(s: LiveExecutionSummary): string {
  return `torq execute: ${s.executed} executed on chain, ${s.reverted} reverted, ` +
    `${s.rejected} rejected before sending; realised ${formatUsd(s.realizedPnlUsd)} USD, ` +
    `gas spent ${formatUsd(s.gasSpentUsd)} USD (${s.gasSpentWei} wei)`;
}
