// cli/commands/arb_scan.ts — parse flags, wire the detector stage, print. Nothing else.
import { ScanProcessor } from "../../lib/arbitrage/mod.ts";
import { loadTokenRoles } from "../../lib/market/mod.ts";
import { openStageIo, runStageUntilStopped } from "../../lib/transport/mod.ts";
import {
  strategyByName,
  type StrategyParams,
  type StrategyStageOptions,
} from "../../strategies/mod.ts";
import { type Command, intFlag, parseFlags, usdFlag } from "../_command.ts";

export const arbScan: Command = {
  summary: "detector stage: market-data frames in, ArbitrageSignal frames added",
  help: `torq arb-scan — find arbitrage in a market-data stream

Usage:
  torq arb-scan [--in ENDPOINT] [--out ENDPOINT] [--chain-id ID] [--tokens FILE]
                [--native ADDR] [--stable ADDR…] [--min-net-usd USD] [--max-hops N]
                [--strategy NAME] [--quiet]

Reads frames, rebuilds the pools from the market data (PoolState, PoolTick, PoolSync, PoolSwap,
PoolMint, PoolBurn, PoolInvalidate, GasPrice), and after each frame re-evaluates the cycles
through the pools it changed: exact integer sizing on Uniswap V2/V3 math, gas in the input token
and in USD, a minimum-profit guard. Every input frame is forwarded unchanged; each detection is
added right after the frame that caused it as a signal-domain frame (SignalIdentity, Economics,
ArbitrageSignal). A frame the detector refuses (a pool of another chain, a contradiction) is
forwarded, counted and named on stderr. A health line goes to stderr once a second.

The detector values gas and profit through the chain's wrapped native token and stablecoins:
known for ethereum (1), polygon (137), arbitrum (42161), base (8453) and bsc (56); for the
devnet give the JSON torq devnet prints (--tokens), or name them (--native, --stable).

Options:
  --in ENDPOINT          where to read (default -): a file, unix:PATH or unix:market, nats://…
  --out ENDPOINT         where to write (default -)
  --chain-id ID          the chain of the pools (default: the tokens file's)
  --tokens FILE          the JSON torq devnet prints: WETH, the stablecoins, the chain id
  --native ADDR          wrapped native token
  --stable ADDR          a stablecoin taken at 1 USD; repeatable
  --min-net-usd USD      least net profit in USD (default 1)
  --max-hops N           longest cycle, 2 to 4 (default 4)
  --strategy NAME        run a strategy plug-in (strategies/) instead of the plain detector;
                         --min-net-usd and --max-hops then set its floor and hop limit:
                           stable-triangles (strategy 2): from a stablecoin back to it,
                             2–3 hops, at least 5 USD net
                           native-cycles (strategy 3): from the wrapped native token back
                             to it, 2–4 hops, at least 0.001 of it net
  --quiet                no health lines
  -h, --help             this help

Exit status: 0 when the input ends or on Ctrl-C; 2 for bad flags; 1 when a frame is invalid.

Examples:
  torq devnet --json > devnet.json &
  torq collect --rpc "$(jq -r .wsUrl devnet.json)" --pools devnet.json \\
    | torq arb-scan --tokens devnet.json | torq decode | grep ArbitrageSignal
  torq arb-scan --in unix:market --out unix:signal --chain-id 137 --min-net-usd 0.5
  torq arb-scan --in recording.bin --out signals.bin --chain-id 1 --max-hops 3
  torq arb-scan --in unix:market --out unix:signal --tokens devnet.json --strategy native-cycles
`,
  async run(args) {
    const { values } = parseFlags("arb-scan", args, {
      in: { type: "string" },
      out: { type: "string" },
      "chain-id": { type: "string" },
      tokens: { type: "string" },
      native: { type: "string" },
      stable: { type: "string", multiple: true },
      "min-net-usd": { type: "string" },
      "max-hops": { type: "string" },
      strategy: { type: "string" },
      quiet: { type: "boolean" },
    });
    const chainId = values["chain-id"] === undefined
      ? undefined
      : intFlag("--chain-id", values["chain-id"], 1, 0xffff_ffff);
    const maxHops = values["max-hops"] === undefined
      ? undefined
      : intFlag("--max-hops", values["max-hops"], 2, 4);
    const minNetProfitUsd = values["min-net-usd"] === undefined
      ? undefined
      : usdFlag("--min-net-usd", values["min-net-usd"]);
    const roles = await loadTokenRoles({
      chainId,
      tokensFile: values.tokens,
      native: values.native,
      stables: values.stable,
    });
    const quiet = values.quiet === true;
    const refusals = new Map<string, number>();
    const stage: StrategyStageOptions = {
      chainId: roles.chainId,
      nativeToken: roles.nativeToken,
      stablecoins: roles.stablecoins,
      onRefused: (e) => {
        // Named once per kind of refusal, counted always (the summary gives the total).
        const seen = refusals.get(e.code) ?? 0;
        refusals.set(e.code, seen + 1);
        if (seen === 0) console.error(`torq arb-scan: refused a frame: ${e.message}`);
      },
    };
    const params: StrategyParams = {
      ...(minNetProfitUsd !== undefined ? { minNetProfitUsd } : {}),
      ...(maxHops !== undefined ? { maxHops } : {}),
    };
    const scan = values.strategy === undefined
      ? new ScanProcessor({ ...stage, ...params })
      : strategyByName(values.strategy).create(stage, { ...params, chosenBy: "--strategy" });
    const io = await openStageIo("arb-scan", {
      inputs: [values.in ?? "-"],
      output: values.out ?? "-",
    });
    await runStageUntilStopped("arb-scan", io, scan, { quiet });
    if (!quiet) {
      const d = scan.detector.stats;
      const s = scan.stats;
      console.error(
        `torq arb-scan: ${s.signals} signal(s) from ${s.marketFrames} market frame(s); ` +
          `${d.updates} updates, ${d.candidates} candidates, ${d.sized} sized, ` +
          `${d.belowGuard} below the guard, ${s.refused} frame(s) refused`,
      );
    }
    return 0;
  },
};
