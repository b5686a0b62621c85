// cli/commands/pipeline.ts — parse flags, wire the library, print. Nothing else.
import { watchParent } from "../../lib/devnet/mod.ts";
import { UsageError } from "../../lib/error.ts";
import type { KeySource } from "../../lib/execution/mod.ts";
import {
  executorDownstream,
  runPipeline,
  signalJson,
  summaryJson,
  summaryText,
  TerminalView,
} from "../../lib/pipeline/mod.ts";
import { openFrameSink, untilStopped } from "../../lib/transport/mod.ts";
import { type Command, intFlag, numberFlag, parseFlags, usdFlag } from "../_command.ts";
import { executorFlag, gweiFlag, keySourceFlag } from "./_live_flags.ts";

export const pipeline: Command = {
  summary: "the main job: devnet or chain → collect → arb-scan → risk → paper or live execution",
  help: `torq pipeline — the whole arbitrage loop in one process, with a live view

Usage:
  torq pipeline [--duration S] [--json] [--seed N] [--rate R] [--volatility V]
                [--min-net-usd USD] [--max-hops N] [--out ENDPOINT]
                [--paper | --live [--key-env VAR | --key-file PATH] [--max-gas-gwei N]]
  torq pipeline --rpc URL (--pools FILE | --factory [VENUE:]ADDRESS…) [--chain-id ID]
                [--http-rpc URL] [--pool-cache FILE] [--tokens FILE | --native ADDR
                [--stable ADDR…]] [--duration S] [--json]
                [--live --executor ADDRESS (--key-env VAR | --key-file PATH) [--max-gas-gwei N]]

With no arguments it starts the embedded devnet — Anvil with the real Uniswap V2/V3 bytecode,
the scenario's tokens and pools, and the market simulator whose swaps move prices apart across
venues — then runs the collector in this process and chains the stages in memory:
arb-scan (pool graph, cycles, exact sizing, gas) → risk (pre-trade checks, breakers) →
execute --paper (each approved signal executed against the pool states of the moment).
Every signal is followed to its risk decision and its execution report.

On a terminal it shows a status line (elapsed time, block, market frames per second, counts,
P&L) and a table of the latest opportunities (route, size, expected profit, gas, net USD,
decision), redrawn at most four times a second; when stdout is not a terminal it prints one
line per finished signal and a status line every 5 s instead. It ends after --duration or on
Ctrl-C / SIGTERM with a summary: opportunities seen, approved, executed on paper, theoretical
P&L in USD, capture rate (P&L over the net profit detected) and the signals missed, by reason.
Anvil is always stopped. Startup progress goes to stderr.

With --live the approved signals are executed on chain instead, through the ArbitrageExecutor
contract (a flash-swap cycle that reverts below its minimum profit; docs/EXECUTION.md): on the
devnet one is deployed first, owned by the key in --key-env / --key-file or else by a fresh
account made for the run (its key is never printed). Each line then shows the transaction's
outcome — executed on chain with its realised P&L, or reverted on chain with the decoded reason
(the simulator keeps trading while our transactions land, so some do revert) — and the summary
adds the reverted count, the realised P&L (gas included) and the gas spent.

With --rpc it runs the same on a real chain, read-only unless --live (nothing is sent): pools from --pools or
--factory exactly as torq collect takes them. The detector needs the chain's wrapped native
token and stablecoins: known for ethereum, polygon, arbitrum, base and bsc; taken from the
devnet JSON given as --pools or --tokens; or named with --native and --stable.

Options:
  --duration S           stop after S seconds (fractions allowed; default: until Ctrl-C)
  --json                 one JSON object per signal (with its decision and execution), then a
                         summary object ({"type":"summary", opportunities, approved, executed,
                         theoreticalPnlUsd, captureRate, missed, …}); no live view
  --seed N               devnet: seeds prices and trades (default 1)
  --rate R               devnet: simulated steps per second (default 5)
  --volatility V         devnet: typical relative price move per trade (default 0.002)
  --min-net-usd USD      detector: least net profit in USD (default 1; 0 keeps any profit)
  --max-hops N           detector: longest cycle, 2 to 4 (default 4)
  --paper                execute on paper (the default)
  --live                 execute on chain through an ArbitrageExecutor (see above)
  --executor ADDRESS     --live with --rpc: the deployed ArbitrageExecutor (owned by the key)
  --key-env VAR          --live: env var holding the hex private key (default on --rpc:
                         TORQ_PRIVATE_KEY)
  --key-file PATH        --live: file holding the hex private key alone, mode 0600
  --max-gas-gwei N       --live: send nothing above this gas price (default: the network's cap)
  --latency-ms MS        paper: time from a risk approval to its execution (default 150, a
                         bot's round trip to a node); the market moves meanwhile, so some fills
                         slip or go stale — 0 fills at once
  --out ENDPOINT         also write every frame (market data, signals, decisions, executions)
                         to a file, unix:PATH relay or nats:// subject
  --rpc URL              a real chain instead of the devnet: ws(s):// or http(s)://
  --pools FILE           pools to follow (the JSON torq devnet prints, a JSON list, addresses)
  --factory [VENUE:]ADDR discover pools from a factory; repeatable
  --chain-id ID          refuse to run unless the RPC serves this chain
  --http-rpc URL         read endpoint when it is not the ws URL with an http scheme
  --pool-cache FILE      pool metadata cache
  --tokens FILE          the devnet JSON, for the token roles and symbols
  --native ADDR          wrapped native token of the chain
  --stable ADDR          a stablecoin (1 USD); repeatable
  -h, --help             this help

Examples:
  torq pipeline                                  # devnet, live view, Ctrl-C for the summary
  torq pipeline --duration 30 --json | jq -c 'select(.type == "summary")'
  torq pipeline --rate 20 --volatility 0.005 --min-net-usd 0.5
  torq pipeline --rpc wss://polygon.example/ws --factory quickswap_v2:0x5757371414417b8C6CAad45bAeF941aBc7d3Ab32 --duration 600
  deno task arb-scan                             # the same as torq pipeline
  deno task arb-scan --live --duration 60 --json # devnet: deploy the executor, trade on chain
  torq pipeline --rpc wss://… --pools pools.json --live --executor 0x… --key-file key.hex
`,
  async run(args) {
    const { values } = parseFlags("pipeline", args, {
      duration: { type: "string" },
      json: { type: "boolean" },
      seed: { type: "string" },
      rate: { type: "string" },
      volatility: { type: "string" },
      "min-net-usd": { type: "string" },
      "max-hops": { type: "string" },
      paper: { type: "boolean" },
      live: { type: "boolean" },
      executor: { type: "string" },
      "key-env": { type: "string" },
      "key-file": { type: "string" },
      "max-gas-gwei": { type: "string" },
      "latency-ms": { type: "string" },
      out: { type: "string" },
      rpc: { type: "string" },
      pools: { type: "string" },
      factory: { type: "string", multiple: true },
      "chain-id": { type: "string" },
      "http-rpc": { type: "string" },
      "pool-cache": { type: "string" },
      tokens: { type: "string" },
      native: { type: "string" },
      stable: { type: "string", multiple: true },
    });
    const duration = numberFlag("--duration", values.duration, 0.1, 1e7);
    const rate = numberFlag("--rate", values.rate, 0.01, 10_000);
    const volatility = numberFlag("--volatility", values.volatility, 1e-6, 0.1);
    const onChain = values.rpc !== undefined;
    if (onChain && values.pools === undefined && values.factory === undefined) {
      throw new UsageError(
        "MISSING_FLAG",
        "With --rpc, give --pools FILE or --factory ADDRESS; see torq pipeline --help",
      );
    }
    const devnetOnly = ["seed", "rate", "volatility"].filter((k) => k in values);
    if (onChain && devnetOnly.length > 0) {
      throw new UsageError(
        "BAD_FLAGS",
        `--${devnetOnly[0]} is for the embedded devnet; drop it or drop --rpc`,
      );
    }
    const chainOnly = ["pools", "factory", "chain-id", "http-rpc", "pool-cache"]
      .filter((k) => k in values);
    if (!onChain && chainOnly.length > 0) {
      throw new UsageError(
        "BAD_FLAGS",
        `--${chainOnly[0]} needs --rpc URL (without it the embedded devnet is used)`,
      );
    }
    const live = liveFlags(values, onChain);
    const minNetProfitUsd = values["min-net-usd"] === undefined
      ? undefined
      : usdFlag("--min-net-usd", values["min-net-usd"]);
    const maxHops = values["max-hops"] === undefined
      ? undefined
      : intFlag("--max-hops", values["max-hops"], 2, 4);

    return await untilStopped(async (stopped) => {
      const parentGone = new AbortController();
      const unwatch = watchParent(() => parentGone.abort());
      const json = values.json === true;
      const tty = !json && Deno.stdout.isTerminal();
      let view: TerminalView | undefined;
      let refresh: ReturnType<typeof setInterval> | undefined;
      const log = (line: string) => {
        if (view !== undefined && tty) view.note(line);
        else console.error(`torq pipeline: ${line}`);
      };
      const out = values.out === undefined ? undefined : await openFrameSink(values.out);
      try {
        const result = await runPipeline({
          rpcUrl: values.rpc,
          httpUrl: values["http-rpc"],
          chainId: values["chain-id"] === undefined
            ? undefined
            : intFlag("--chain-id", values["chain-id"]),
          poolsFile: values.pools,
          factories: values.factory,
          poolCachePath: values["pool-cache"],
          seed: values.seed === undefined ? undefined : intFlag("--seed", values.seed, 0),
          rate,
          volatility,
          tokensFile: values.tokens,
          native: values.native,
          stables: values.stable,
          minNetProfitUsd,
          maxHops,
          downstream: executorDownstream(live === undefined ? "paper" : "live", {
            ...(live !== undefined
              ? { live: { ...live, log: (l: string) => log(`execute: ${l}`) } }
              : {}),
            ...(minNetProfitUsd !== undefined ? { minNetProfitUsd } : {}),
            ...(live === undefined
              ? {
                latencyNs:
                  BigInt(intFlag("--latency-ms", values["latency-ms"] ?? "150", 0, 60_000)) *
                  1_000_000n,
              }
              : {}),
          }),
          out,
          durationMs: duration === undefined ? undefined : duration * 1000,
          signal: AbortSignal.any([stopped, parentGone.signal]),
          log,
          onStart: (ledger) => {
            if (json) return;
            view = new TerminalView(ledger, {
              tty,
              write: (text) => writeOut(text),
              columns: tty ? Deno.consoleSize().columns : 120,
            });
            refresh = setInterval(() => view?.refresh(), 250);
          },
          onResolved: (record) => {
            if (json) writeOut(`${JSON.stringify(signalJson(record))}\n`);
            else view?.resolved(record);
          },
        });
        clearInterval(refresh);
        view?.close();
        if (json) {
          writeOut(`${
            JSON.stringify({
              ...summaryJson(result.summary, { live: live !== undefined }),
              chainId: result.chainId ?? null,
              devnet: result.devnet ?? null,
              simulator: result.simulator ?? null,
              detector: result.scan ?? null,
              executor: result.executor ?? null,
            }, (_, v) => typeof v === "bigint" ? v.toString() : v)
          }\n`);
        } else writeOut(`${summaryText(result.summary, live === undefined ? "paper" : "chain")}\n`);
        return 0;
      } finally {
        clearInterval(refresh);
        view?.close();
        await out?.close();
        unwatch();
      }
    });
  },
};

type LiveFlags = {
  executor?: string;
  key?: KeySource;
  maxGasPriceWei?: bigint;
};

// --paper / --live and the live flags: undefined for paper; the live options otherwise.
function liveFlags(values: Record<string, unknown>, onChain: boolean): LiveFlags | undefined {
  const live = values.live === true;
  if (live && values.paper === true) {
    throw new UsageError("BAD_FLAGS", "--paper and --live exclude each other; give one");
  }
  const liveOnly = ["executor", "key-env", "key-file", "max-gas-gwei"].filter((k) => k in values);
  if (!live) {
    if (liveOnly.length > 0) throw new UsageError("BAD_FLAGS", `--${liveOnly[0]} needs --live`);
    return undefined;
  }
  if ("latency-ms" in values) {
    throw new UsageError("BAD_FLAGS", "--latency-ms is for --paper; on chain the latency is real");
  }
  const key = keySourceFlag(
    values["key-env"] as string | undefined,
    values["key-file"] as string | undefined,
  );
  const executor = values.executor === undefined
    ? undefined
    : executorFlag(values.executor as string);
  if (!onChain && executor !== undefined) {
    throw new UsageError(
      "BAD_FLAGS",
      "--executor needs --rpc URL (on the embedded devnet the executor is deployed for the run)",
    );
  }
  if (onChain && (executor === undefined || key === undefined)) {
    throw new UsageError(
      "MISSING_FLAG",
      "--live with --rpc needs --executor ADDRESS and --key-env VAR or --key-file PATH",
    );
  }
  const gwei = values["max-gas-gwei"] as string | undefined;
  return {
    ...(executor !== undefined ? { executor } : {}),
    ...(key !== undefined ? { key } : {}),
    ...(gwei !== undefined ? { maxGasPriceWei: gweiFlag(gwei) } : {}),
  };
}

const encoder = new TextEncoder();
function writeOut(text: string): void {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length;) at += Deno.stdout.writeSync(bytes.subarray(at));
}
