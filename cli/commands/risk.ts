// cli/commands/risk.ts — parse flags, run the risk stage or engage the kill switch. Nothing else.
import { UsageError } from "../../lib/error.ts";
import {
  Breaker,
  buildFrame,
  RelayDomain,
  SourceType,
  TlvType,
  TradingState,
} from "../../lib/protocol/mod.ts";
import {
  engageKillSwitch,
  releaseKillSwitch,
  RiskProcessor,
  withFeedback,
} from "../../lib/risk/mod.ts";
import {
  defaultSocketDir,
  openFrameSink,
  openStageIo,
  parseEndpoint,
  runStageUntilStopped,
  skippedText,
} from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";
import { CONFIG_HELP, readStageConfig } from "./_stage_config.ts";

const defaultKillFile = () => `${defaultSocketDir()}/risk.halt`;

export const risk: Command = {
  summary: "risk stage: pre-trade checks, breakers, kill switch (and `risk halt`)",
  help: `torq risk — decide on every ArbitrageSignal with the risk engine

Usage:
  torq risk (--config FILE | --tokens FILE) [--in ENDPOINT…] [--out ENDPOINT] [--feedback ENDPOINT]
            [--kill-file PATH] [--metrics-ms N] [--quiet]
  torq risk halt [--file PATH | --socket unix:PATH] [--reason TEXT] [--release]

Reads frames (default stdin), forwards every one, and for each ArbitrageSignal writes an
execution-domain frame with a RiskDecision (approve, reject or reduce, with the reason and the
approved amount) and, when approved or reduced, a copy of the signal for the executor. Pool
frames keep its prices and pool liquidity current; ExecutionReport and Fill frames it reads
(feedback) close open executions and feed the circuit breakers: in a pipe nothing comes back,
so over relays give --feedback unix:execution (the relay the executor publishes to); its
ExecutionReport and Fill frames are taken in, between the main input's frames, and not
forwarded.
Breaker changes go out as CircuitBreaker and RiskAlert frames, and RiskMetrics (NAV, drawdown,
VaR and CVaR) every --metrics-ms. A health line goes to stderr once a second; at the end, the
counters (signals, approved, reduced, rejected by reason).

While the kill-switch file exists (torq risk halt), or after a kill-switch frame from
torq risk halt --socket, nothing is approved.

Options:
  --config FILE        market, capital, limits and breakers (below)
  --tokens FILE        instead of --config: the JSON torq devnet prints (paper defaults)
  --in ENDPOINT        where to read (default -): -, FILE, unix:PATH; repeatable, e.g.
                       --in unix:signal --in unix:market (prices and pool liquidity)
  --out ENDPOINT       where to write (default -); to a relay only the frames of its domain
                       are published (the others are counted in the summary)
  --feedback ENDPOINT  also read executions from here (unix:execution, a file): ExecutionReport
                       and Fill frames are taken in, not forwarded; the stage ends with --in
  --kill-file PATH     kill-switch file to watch (default ${defaultKillFile()})
  --metrics-ms N       RiskMetrics period, ms (default 1000; 0 for none)
  --quiet              no health line and no summary

torq risk halt:
  --file PATH          engage the kill switch by writing PATH (default: the --kill-file default)
  --socket unix:PATH   instead, publish a kill-switch frame to a relay the risk stage reads
  --reason TEXT        why (default "operator")
  --release            release instead of engage

${CONFIG_HELP}

Exit status: 0 at the end of the input; 1 on a stage error; 2 on bad flags or config.

Examples:
  torq collect --rpc ws://… --pools devnet.json | torq arb-scan … | torq risk --config risk.json \\
    | torq execute --paper --config risk.json
  torq risk --config risk.json --in unix:signal --in unix:market --out unix:execution \\
    --feedback unix:execution
  torq risk halt --reason "maintenance"
  torq risk halt --release
`,
  async run(args) {
    if (args[0] === "halt") return await halt(args.slice(1));
    const { values, positionals } = parseFlags("risk", args, {
      config: { type: "string" },
      tokens: { type: "string" },
      in: { type: "string", multiple: true },
      out: { type: "string" },
      feedback: { type: "string" },
      "kill-file": { type: "string" },
      "metrics-ms": { type: "string" },
      quiet: { type: "boolean" },
    });
    if (positionals.length > 0) {
      throw new UsageError(
        "BAD_FLAGS",
        `Unexpected argument "${positionals[0]}"; see torq risk --help`,
      );
    }
    const config = await readStageConfig("risk", values.config, values.tokens);
    const metricsMs = values["metrics-ms"] === undefined
      ? 1000
      : intFlag("--metrics-ms", values["metrics-ms"], 0);
    const processor = new RiskProcessor({
      ...config.market,
      config: config.risk,
      capital: config.capital,
      metricsIntervalNs: BigInt(metricsMs) * 1_000_000n,
      killSwitchFile: values["kill-file"] ?? defaultKillFile(),
    });
    await processor.pollKillSwitch();
    const quiet = values.quiet === true;
    const io = await openStageIo("risk", {
      inputs: values.in ?? ["-"],
      output: values.out ?? "-",
      ...(values.feedback !== undefined
        ? {
          feedback: {
            endpoint: values.feedback,
            topics: { types: [TlvType.ExecutionReport, TlvType.Fill] },
          },
        }
        : {}),
    });
    const stage = values.feedback === undefined
      ? processor
      : withFeedback(processor, (f) => io.isFeedback(f));
    await runStageUntilStopped("risk", io, stage, { quiet });
    if (!quiet) {
      const c = processor.counters;
      const reasons = Object.entries(c.byReason).map(([k, v]) => `${k} ${v}`).join(", ");
      console.error(
        `torq risk: ${c.signals} signal(s): ${c.approved} approved, ${c.reduced} reduced, ` +
          `${c.rejected} rejected${
            reasons === "" ? "" : ` (${reasons})`
          }; state ${processor.tradingState}; feedback ${c.reports} report(s), ${c.fills} fill(s)`,
      );
      if ("feedback" in stage) {
        console.error(
          `torq risk: feedback input: ${stage.feedback.taken} frame(s) taken, ` +
            `${stage.feedback.ignored} ignored`,
        );
      }
      const skipped = skippedText(io.sink, values.out ?? "-");
      if (skipped !== undefined) console.error(`torq risk: ${skipped}`);
    }
    return 0;
  },
};

async function halt(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags("risk halt", args, {
    file: { type: "string" },
    socket: { type: "string" },
    reason: { type: "string" },
    release: { type: "boolean" },
  });
  if (positionals.length > 0) {
    throw new UsageError(
      "BAD_FLAGS",
      `Unexpected argument "${positionals[0]}"; see torq risk --help`,
    );
  }
  const release = values.release === true;
  if (values.socket !== undefined) {
    if (values.file !== undefined) {
      throw new UsageError("BAD_FLAGS", "Use --file or --socket, not both");
    }
    const endpoint = parseEndpoint(values.socket);
    if (endpoint.kind !== "unix") {
      throw new UsageError("BAD_FLAG_VALUE", `--socket takes unix:PATH, got "${values.socket}"`);
    }
    const sink = await openFrameSink(endpoint, { name: "torq risk halt" });
    await sink.write(
      buildFrame(RelayDomain.Signal, SourceType.Monitor, 1n, [[TlvType.CircuitBreaker, {
        breaker: Breaker.KillSwitch,
        state: release ? TradingState.Active : TradingState.Halted,
        previousState: release ? TradingState.Halted : TradingState.Active,
        triggerValue: 0n,
        threshold: 0n,
        resetAfterNs: 0n,
      }]]),
    );
    await sink.close();
    console.error(
      `torq risk halt: kill switch ${release ? "release" : "engage"} sent to ${values.socket}`,
    );
    return 0;
  }
  const path = values.file ?? defaultKillFile();
  if (release) {
    const was = await releaseKillSwitch(path);
    console.error(`torq risk halt: ${was ? "released" : "was not engaged"} (${path})`);
    return 0;
  }
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")) || ".", { recursive: true });
  await engageKillSwitch(path, values.reason ?? "operator");
  console.error(`torq risk halt: kill switch engaged (${path}); torq risk halt --release lifts it`);
  return 0;
}
