// cli/commands/execute.ts — parse flags, run the paper or the live executor. Nothing else.
import { UsageError } from "../../lib/error.ts";
import { PaperExecuteProcessor, type PaperSummary, summaryJson } from "../../lib/execution/mod.ts";
import { formatUsd } from "../../lib/portfolio/mod.ts";
import { openStageIo, runStageUntilStopped } from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags, usdFlag } from "../_command.ts";
import { CONFIG_HELP, readStageConfig } from "./_stage_config.ts";
import { type ExecuteLiveFlags, runExecuteLive } from "./_execute_live.ts";

export const execute: Command = {
  summary: "execute approved signals: --paper (simulated fills) or --live (on chain)",
  help: `torq execute — execute the signals the risk stage approved

Usage:
  torq execute --paper (--config FILE | --tokens FILE) [--latency-ms N] [--in ENDPOINT] [--out ENDPOINT]
               [--json-log FILE] [--json FILE|-] [--quiet]
  torq execute --live --executor ADDRESS [--rpc URL] [--network NAME|CHAIN_ID]
               [--key-env VAR | --key-file PATH] [--max-gas-gwei N] [--in ENDPOINT]
               [--out ENDPOINT] [--json FILE|-] [--quiet]

--paper: reads frames (default stdin), forwards every one, keeps its own pool states from the
market frames, and executes each approved RiskDecision (with the signal copy the risk stage
puts in the same frame) --latency-ms after it arrives: every hop is re-quoted from the
approved amount against the pool states at that moment, with the exact Uniswap V2/V3 math
(ticks crossed). It writes OrderRequest, one Fill per hop, OrderStatus, ExecutionReport
(expected vs realised net profit, in the token and in USD) and PositionUpdate frames. A fill
whose realised net profit is not positive (slippage) or below the minimum is not executed and is
reported rejected with its reason; a signal past its expiry is reported expired.

At the end a summary goes to stderr: opportunities, approved, rejected by risk, executed, missed
(stale, below guard, slippage, no pool state), expected and theoretical P&L in USD, capture rate.

--live: sends each approved signal to the chain through a deployed ArbitrageExecutor (a
flash-swap cycle that reverts unless it earns at least the signal's gas estimate; see
docs/EXECUTION.md). It checks the RPC's chain and the executor's owner (the key's account)
first; per order it refuses above the gas-price cap, simulates (a revert there sends nothing),
signs locally, sends, waits for the receipt and decodes a revert. It writes OrderRequest,
OrderStatus (submitted, then filled, reverted or rejected), one Fill per hop (amounts from the
pools' Swap events, gas on the last) and ExecutionReport frames, and one line per order on
stderr (profit, or the decoded revert). At the end: executed, reverted, rejected, realised P&L
and gas spent. The key is never printed.

Options:
  --paper              paper execution
  --config FILE        --paper: market and starting capital (below; limits are ignored)
  --tokens FILE        instead of --config: the JSON torq devnet prints (paper defaults)
  --latency-ms N       decision to execution, ms (default 0: at the next frame or tick)
  --min-profit-usd D   least realised net profit to execute, dollars (default 1)
  --in ENDPOINT        where to read (default -): -, FILE, unix:PATH; repeatable, e.g.
                       --in unix:execution --in unix:market (the pool states it fills against)
  --out ENDPOINT       where to write (default -); to a relay only the frames of its domain
                       are published
  --json-log FILE      one JSON line per would-be execution (filled or not)
  --json FILE|-        also write the summary as one JSON object (- for stderr); USD values are
                       integers of 1e-8 USD, as strings
  --quiet              no health line, order lines or summary text

  --live               on-chain execution (exclusive with --paper)
  --executor ADDRESS   --live: the deployed ArbitrageExecutor, owned by the key; required
  --rpc URL            --live: HTTP RPC (default: the network's env var, e.g. TORQ_AMOY_RPC;
                       the devnet's is http://127.0.0.1:8545)
  --network NAME|ID    --live: anvil (default, the local devnet), polygon_amoy, polygon, ethereum,
                       arbitrum, base
                       or their chain ids; sets the gas cap and the per-trade notional limit
  --key-env VAR        --live: env var holding the hex private key (default TORQ_PRIVATE_KEY)
  --key-file PATH      --live: file holding the hex private key alone; mode 0600 or stricter
  --max-gas-gwei N     --live: send nothing above this gas price (default: the network's cap)

${CONFIG_HELP}

Exit status: 0 at the end of the input; 1 on a stage error; 2 on bad flags or config (a missing
or unreadable key, a key file others may read, the wrong chain, an executor the key does not own).

Examples:
  torq risk --config c.json --in signals.bin | torq execute --paper --config c.json --out /dev/null
  torq execute --paper --config c.json --in unix:execution --in unix:market \\
    --out unix:/tmp/reports.sock --latency-ms 200
  torq execute --paper --config c.json --in run.bin --json-log fills.jsonl --json summary.json
  TORQ_PRIVATE_KEY=0x… torq execute --live --rpc http://127.0.0.1:8545 --executor 0x… --in approved.bin --json -
  torq execute --live --network polygon_amoy --executor 0x… --key-file key.hex --in unix:execution
`,
  async run(args) {
    const { values, positionals } = parseFlags("execute", args, {
      paper: { type: "boolean" },
      live: { type: "boolean" },
      rpc: { type: "string" },
      executor: { type: "string" },
      network: { type: "string" },
      "key-env": { type: "string" },
      "key-file": { type: "string" },
      "max-gas-gwei": { type: "string" },
      config: { type: "string" },
      tokens: { type: "string" },
      "latency-ms": { type: "string" },
      "min-profit-usd": { type: "string" },
      in: { type: "string", multiple: true },
      out: { type: "string" },
      "json-log": { type: "string" },
      json: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (positionals.length > 0) {
      throw new UsageError(
        "BAD_FLAGS",
        `Unexpected argument "${positionals[0]}"; see torq execute --help`,
      );
    }
    if (values.live === true && values.paper === true) {
      throw new UsageError("BAD_FLAGS", "--paper and --live exclude each other; give one");
    }
    const liveOnly = ["rpc", "executor", "network", "key-env", "key-file", "max-gas-gwei"];
    const paperOnly = ["config", "tokens", "latency-ms", "min-profit-usd", "json-log"];
    if (values.live === true) {
      const wrong = paperOnly.find((k) => k in values);
      if (wrong !== undefined) throw new UsageError("BAD_FLAGS", `--${wrong} is for --paper`);
      const flags: ExecuteLiveFlags = {
        rpc: values.rpc,
        executor: values.executor,
        network: values.network,
        "key-env": values["key-env"],
        "key-file": values["key-file"],
        "max-gas-gwei": values["max-gas-gwei"],
        in: values.in,
        out: values.out,
        json: values.json,
        quiet: values.quiet,
      };
      return await runExecuteLive(flags);
    }
    if (values.paper !== true) {
      throw new UsageError("MISSING_FLAG", "Say --paper or --live; see torq execute --help");
    }
    const wrong = liveOnly.find((k) => k in values);
    if (wrong !== undefined) throw new UsageError("BAD_FLAGS", `--${wrong} is for --live`);
    const config = await readStageConfig("execute", values.config, values.tokens);
    const latencyMs = values["latency-ms"] === undefined
      ? 0
      : intFlag("--latency-ms", values["latency-ms"], 0);
    const minUsd = values["min-profit-usd"] === undefined
      ? undefined
      : usdFlag("--min-profit-usd", values["min-profit-usd"]);
    let logFile: Deno.FsFile | undefined;
    const lines: string[] = [];
    const encoder = new TextEncoder();
    const processor = new PaperExecuteProcessor({
      ...config.market,
      capital: config.capital,
      latencyNs: BigInt(latencyMs) * 1_000_000n,
      ...(minUsd !== undefined ? { minNetProfitUsd: minUsd } : {}),
      ...(values["json-log"] !== undefined ? { log: (l: string) => lines.push(l) } : {}),
    });
    if (values["json-log"] !== undefined) {
      logFile = await Deno.open(values["json-log"], { write: true, create: true, truncate: true });
    }
    const quiet = values.quiet === true;
    const io = await openStageIo("execute", {
      inputs: values.in ?? ["-"],
      output: values.out ?? "-",
    });
    // JSON lines go out after each frame's work, never from inside the processor
    const flushLog = async () => {
      if (logFile === undefined || lines.length === 0) return;
      const text = lines.join("\n") + "\n";
      lines.length = 0;
      await logFile.write(encoder.encode(text));
    };
    const logged = {
      process: async (
        f: Parameters<PaperExecuteProcessor["process"]>[0],
        o: Parameters<PaperExecuteProcessor["process"]>[1],
      ) => {
        processor.process(f, o);
        await flushLog();
      },
      tick: async (now: bigint, o: Parameters<PaperExecuteProcessor["tick"]>[1]) => {
        processor.tick(now, o);
        await flushLog();
      },
      finish: async (o: Parameters<PaperExecuteProcessor["finish"]>[0]) => {
        processor.finish(o);
        await flushLog();
      },
    };
    try {
      await runStageUntilStopped("execute", io, logged, { quiet });
    } finally {
      logFile?.close();
    }
    const summary = processor.summary();
    if (!quiet) console.error(summaryText(summary));
    if (values.json === "-") console.error(summaryJson(summary));
    else if (values.json !== undefined) {
      await Deno.writeTextFile(values.json, summaryJson(summary) + "\n");
    }
    return 0;
  },
};

function summaryText(s: PaperSummary): string {
  const m = s.missed;
  return `torq execute: ${s.opportunities} opportunit${s.opportunities === 1 ? "y" : "ies"}, ` +
    `${s.approved} approved, ${s.rejectedByRisk} rejected by risk, ${s.executed} executed; ` +
    `missed: ${m.stale} stale, ${m.belowGuard} below guard, ${m.slippage} slippage, ` +
    `${m.noPoolState} no pool state; expected ${formatUsd(s.expectedPnlUsd)} USD, ` +
    `theoretical ${formatUsd(s.theoreticalPnlUsd)} USD, capture ${
      (s.captureRate * 100).toFixed(1)
    }%`;
}
