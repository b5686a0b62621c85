// cli/commands/execute.ts — parse flags, run the paper executor. Nothing else.
import { UsageError } from "../../lib/error.ts";
import {
  PaperExecuteProcessor,
  PaperExecutionError,
  type PaperSummary,
  summaryJson,
} from "../../lib/execution/mod.ts";
import { formatUsd } from "../../lib/portfolio/mod.ts";
import { RiskError } from "../../lib/risk/mod.ts";
import { openFrameSink, openFrameSource, parseEndpoint } from "../../lib/transport/mod.ts";
import { runStage } from "../../lib/transport/stage.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";
import { CONFIG_HELP, readStageConfig } from "./_stage_config.ts";

export const execute: Command = {
  summary: "execute approved signals: --paper (simulated fills at execution time)",
  help: `torq execute — execute the signals the risk stage approved

Usage:
  torq execute --paper --config FILE [--latency-ms N] [--in ENDPOINT] [--out ENDPOINT]
               [--json-log FILE] [--json FILE|-] [--quiet]
  torq execute --live …   (not built yet)

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

Options:
  --paper              paper execution (required until --live exists)
  --config FILE        market and starting capital (below; limits are ignored); required
  --latency-ms N       decision to execution, ms (default 0: at the next frame or tick)
  --min-profit-usd D   least realised net profit to execute, dollars (default 1)
  --in ENDPOINT        where to read (default -): -, FILE, unix:PATH
  --out ENDPOINT       where to write (default -)
  --json-log FILE      one JSON line per would-be execution (filled or not)
  --json FILE|-        also write the summary as one JSON object (- for stderr)
  --quiet              no health line and no summary text

${CONFIG_HELP}

Exit status: 0 at the end of the input; 1 on a stage error; 2 on bad flags or config.

Examples:
  torq risk --config c.json --in signals.bin | torq execute --paper --config c.json --out /dev/null
  torq execute --paper --config c.json --in unix:execution --out unix:execution --latency-ms 200
  torq execute --paper --config c.json --in run.bin --json-log fills.jsonl --json summary.json
`,
  async run(args) {
    const { values, positionals } = parseFlags("execute", args, {
      paper: { type: "boolean" },
      live: { type: "boolean" },
      config: { type: "string" },
      "latency-ms": { type: "string" },
      "min-profit-usd": { type: "string" },
      in: { type: "string" },
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
    if (values.live === true) {
      throw new UsageError("NOT_BUILT", "--live is not built yet; use --paper");
    }
    if (values.paper !== true) {
      throw new UsageError(
        "MISSING_FLAG",
        "Say --paper (the only mode so far); see torq execute --help",
      );
    }
    const config = await readStageConfig("execute", values.config);
    const latencyMs = values["latency-ms"] === undefined
      ? 0
      : intFlag("--latency-ms", values["latency-ms"], 0);
    let minUsd: bigint | undefined;
    if (values["min-profit-usd"] !== undefined) {
      const m = /^([0-9]+)(?:\.([0-9]{1,8}))?$/.exec(values["min-profit-usd"]);
      if (m === null) {
        throw new UsageError(
          "BAD_FLAG_VALUE",
          `--min-profit-usd takes dollars such as 1 or 0.25, got "${values["min-profit-usd"]}"`,
        );
      }
      minUsd = BigInt(m[1]!) * 100_000_000n + BigInt((m[2] ?? "").padEnd(8, "0"));
    }
    let logFile: Deno.FsFile | undefined;
    const lines: string[] = [];
    const encoder = new TextEncoder();
    let processor: PaperExecuteProcessor;
    try {
      processor = new PaperExecuteProcessor({
        ...config.market,
        capital: config.capital,
        latencyNs: BigInt(latencyMs) * 1_000_000n,
        ...(minUsd !== undefined ? { minNetProfitUsd: minUsd } : {}),
        ...(values["json-log"] !== undefined ? { log: (l: string) => lines.push(l) } : {}),
      });
    } catch (e) {
      if (e instanceof RiskError || e instanceof PaperExecutionError) {
        throw new UsageError("BAD_CONFIG", `--config ${values.config}: ${e.message}`);
      }
      throw e;
    }
    if (values["json-log"] !== undefined) {
      logFile = await Deno.open(values["json-log"], { write: true, create: true, truncate: true });
    }
    const quiet = values.quiet === true;
    const source = await openFrameSource(parseEndpoint(values.in ?? "-"));
    const sink = await openFrameSink(parseEndpoint(values.out ?? "-"), { name: "torq execute" });
    const ctrl = new AbortController();
    const stop = () => ctrl.abort();
    Deno.addSignalListener("SIGINT", stop);
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
      await runStage("execute", source, sink, logged, { quiet, signal: ctrl.signal });
    } finally {
      Deno.removeSignalListener("SIGINT", stop);
      await sink.close();
      await source.close();
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
