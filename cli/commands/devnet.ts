// cli/commands/devnet.ts — parse flags, wire the library, print. Nothing else.
import { deployDevnetExecutor, runDevnetSession, watchParent } from "../../lib/devnet/mod.ts";
import { loadSigner } from "../../lib/execution/live/mod.ts";
import { UsageError } from "../../lib/error.ts";
import { type Command, intFlag, numberFlag, parseFlags } from "../_command.ts";
import { untilStopped } from "../../lib/transport/mod.ts";

export const devnet: Command = {
  summary: "local chain with real Uniswap V2/V3 and a simulated market",
  help: `torq devnet — a local chain with real Uniswap V2/V3 pools and a simulated market

Usage:
  torq devnet [--seed N] [--rate R] [--volatility V] [--liquidity-share S] [--traders N]
              [--fork-url URL] [--executor [--key-env NAME]] [--json]

Starts Anvil on a free loopback port (HTTP and WebSocket on the same port), deploys the real
Uniswap bytecode — V2 venues quickswap_v2 and sushiswap, V3 venue uniswap_v3 with the 500, 3000
and 10000 fee tiers — six tokens with 6, 8 and 18 decimals plus WETH, V2 pairs on both V2
venues at slightly different prices and V3 pools with positions over several ranges. It then
prints the RPC URLs and every address (tokens, venues, pools with their venue, protocol and fee)
as JSON on stdout, and simulates a market: swaps through the real routers from several
accounts, plus some liquidity added and removed, so prices drift apart across venues and
arbitrage appears. The same seed gives the same deployment and the same sequence of trades.
Progress goes to stderr. Ctrl-C or SIGTERM stops it (Anvil too); so does the end of the process
that started it.

Options:
  --seed N               seeds the prices and the trade sequence (default 1)
  --rate R               simulated steps per second, fractions allowed; 0 for none (default 5)
  --volatility V         typical relative price move per trade (default 0.002 = 0.2%)
  --liquidity-share S    share of steps that add or remove liquidity (default 0.05)
  --traders N            trader accounts, 1 to 8 (default 3)
  --fork-url URL         fork this chain through Anvil instead (no deployment, no simulator)
  --executor             also deploy an ArbitrageExecutor owned by the key in TORQ_PRIVATE_KEY
                         (funded with ether first) and print it as "executor" in the JSON
  --key-env NAME         env var holding that key (default TORQ_PRIVATE_KEY)
  --json                 print the description as one JSON line (default: indented JSON)
  -h, --help             this help

Examples:
  torq devnet --json > devnet.json &
  torq collect --rpc "$(jq -r .wsUrl devnet.json)" --pools devnet.json | torq decode
  torq devnet --seed 42 --rate 20 --volatility 0.005
  torq devnet --fork-url https://polygon-rpc.example
  TORQ_PRIVATE_KEY=0x… torq devnet --executor --json > devnet.json &
`,
  async run(args) {
    const { values } = parseFlags("devnet", args, {
      seed: { type: "string" },
      rate: { type: "string" },
      volatility: { type: "string" },
      "liquidity-share": { type: "string" },
      traders: { type: "string" },
      "fork-url": { type: "string" },
      json: { type: "boolean" },
      executor: { type: "boolean" },
      "key-env": { type: "string" },
    });
    const seed = values.seed === undefined ? 1 : intFlag("--seed", values.seed, 0);
    const rate = numberFlag("--rate", values.rate, 0, 10_000) ?? 5;
    const volatility = numberFlag("--volatility", values.volatility, 1e-6, 0.1) ?? 0.002;
    const liquidityShare = numberFlag("--liquidity-share", values["liquidity-share"], 0, 1) ?? 0.05;
    const traders = values.traders === undefined ? 3 : intFlag("--traders", values.traders, 1, 8);
    const forkUrl = values["fork-url"];
    if (forkUrl !== undefined && !/^(https?|wss?):\/\//.test(forkUrl)) {
      throw new UsageError(
        "BAD_FLAG_VALUE",
        `--fork-url must be an http(s) or ws(s) URL, got "${forkUrl}"`,
      );
    }

    // Load the key before starting anything, so a missing key is a one-line error.
    const signer = values.executor
      ? await loadSigner({ env: values["key-env"] ?? "TORQ_PRIVATE_KEY" })
      : undefined;

    return await untilStopped(async (stopped) => {
      const parentGone = new AbortController();
      const unwatch = watchParent(() => {
        console.error("torq devnet: parent process ended; stopping");
        parentGone.abort();
      });
      try {
        const stats = await runDevnetSession({
          seed,
          rate,
          volatility,
          liquidityShare,
          traders,
          forkUrl,
          signal: AbortSignal.any([stopped, parentGone.signal]),
          log: (line) => console.error(`torq devnet: ${line}`),
          onReady: async (d) => {
            if (signer !== undefined && typeof d.rpcUrl === "string") {
              const e = await deployDevnetExecutor(d.rpcUrl, signer.account);
              d = {
                ...d,
                executor: { address: e.address, owner: e.owner, gasUsed: `${e.gasUsed}` },
              };
            }
            console.log(values.json ? JSON.stringify(d) : JSON.stringify(d, null, 2));
          },
        });
        if (stats !== undefined) {
          console.error(
            `torq devnet: stopped after ${stats.swaps} swaps, ${stats.mints} mints, ${stats.burns} burns, ${stats.failed} failed`,
          );
        } else console.error("torq devnet: stopped");
        return 0;
      } finally {
        unwatch();
      }
    });
  },
};
