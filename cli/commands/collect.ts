// cli/commands/collect.ts — parse flags, wire the library, print. Nothing else.
import { runCollect } from "../../lib/chain/mod.ts";
import { UsageError } from "../../lib/error.ts";
import {
  type FrameSink,
  openFrameSink,
  parseEndpoint,
  resourceSink,
  StageReporter,
  untilStopped,
} from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";

export const collect: Command = {
  summary: "chain events of pools to market-data frames",
  help: `torq collect — follow pools on a chain and write their events as frames

Usage:
  torq collect --rpc URL (--pools FILE | --factory [VENUE:]ADDRESS…) [--from-block N]
               [--checkpoint FILE] [--pool-cache FILE] [--chain-id ID] [--http-rpc URL]
               [--poll-ms MS] [--out ENDPOINT] [--json] [--quiet]

Writes Protocol V2 market-data frames to --out (stdout by default; a file or unix:market to
publish to the relay; batched): first a PoolState frame per pool
(with PoolTick frames for every initialized V3 tick) read at the starting block, so the
state can be rebuilt from frames alone; then for each block a GasPrice frame and the pools'
events in (block, logIndex) order — PoolSync, PoolSwap, PoolMint, PoolBurn, and PoolLiquidity
when a V3 mint or burn changes the active liquidity — with full addresses and native amounts.

With a ws:// URL new blocks are signalled by a newHeads subscription and read over the same
address with http://; when the socket drops it says so on stderr, polls over HTTP and
reconnects with exponential backoff. Every block range is read with eth_getLogs from the last
processed block, so nothing is lost across a reconnect; logs are deduplicated by block hash and
log index. A block whose parent hash is not the stored one is a reorg: PoolInvalidate frames for
the pools the replaced blocks touched, their state re-read (fresh PoolState/PoolTick), then the
new chain's events.

Checkpoint guarantee: the checkpoint (last block number and hash) is written atomically only
after the frames up to that block were flushed to stdout, and a restart resumes right after
it, first re-emitting each pool's state at that block. A kill between a flush and the next
checkpoint write can repeat the events of the blocks read since that checkpoint in the next run; every event frame carries
(blockNumber, logIndex, txHash), so a reader drops the repeats by that key. Nothing is missed.

Options:
  --rpc URL              ws(s):// (newHeads) or http(s):// (polling) JSON-RPC endpoint
  --pools FILE           the JSON torq devnet prints, a JSON list, or one address per line
                         (ADDRESS or VENUE:ADDRESS)
  --factory [VENUE:]ADDR discover pools from a V2 (PairCreated) or V3 (PoolCreated) factory,
                         then follow new ones; repeatable. Without VENUE, the chain's default
                         venue of that kind is assumed
  --from-block N         start with the events of block N (state read at N-1); default: head
  --checkpoint FILE      resume after the block in FILE and keep it up to date
  --pool-cache FILE      pool metadata cache (tokens, decimals, fee, spacing), atomic on disk
  --chain-id ID          refuse to run unless the RPC serves this chain
  --http-rpc URL         read endpoint when it is not the ws URL with an http scheme
  --poll-ms MS           HTTP polling interval while there is no subscription (default 1000)
  --out ENDPOINT         where frames go: - (stdout, default), a file, unix:market or
                         unix:PATH (publish to a relay); see torq cat --help
  --json                 JSON lines (as torq decode prints) on stdout instead of frames
  --quiet                no health line (written, dropped; at most once a second) on stderr
  -h, --help             this help

Exit status: 0 when stopped by Ctrl-C or SIGTERM; 2 for bad input (URL, chain id, pools,
files); 1 when the node cannot be reached.

Examples:
  torq collect --rpc ws://127.0.0.1:8545 --pools devnet.json | torq decode
  torq collect --rpc ws://127.0.0.1:8545 --pools devnet.json --checkpoint cp.json > md.bin
  torq collect --rpc ws://127.0.0.1:8545 --pools devnet.json --out unix:market
  torq collect --rpc http://127.0.0.1:8545 --factory sushiswap:0x… --pool-cache pools.json --json
`,
  async run(args) {
    const { values } = parseFlags("collect", args, {
      rpc: { type: "string" },
      pools: { type: "string" },
      factory: { type: "string", multiple: true },
      "from-block": { type: "string" },
      checkpoint: { type: "string" },
      "pool-cache": { type: "string" },
      "chain-id": { type: "string" },
      "http-rpc": { type: "string" },
      "poll-ms": { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (values.rpc === undefined) {
      throw new UsageError("MISSING_FLAG", "Missing --rpc URL; see torq collect --help");
    }
    const rpcUrl = values.rpc;
    if (values.pools === undefined && values.factory === undefined) {
      throw new UsageError(
        "MISSING_FLAG",
        "Give --pools FILE or --factory ADDRESS; see torq collect --help",
      );
    }
    const fromBlock = values["from-block"] === undefined
      ? undefined
      : BigInt(intFlag("--from-block", values["from-block"], 0));
    const chainId = values["chain-id"] === undefined
      ? undefined
      : intFlag("--chain-id", values["chain-id"]);
    const pollIntervalMs = values["poll-ms"] === undefined
      ? undefined
      : intFlag("--poll-ms", values["poll-ms"], 10, 600_000);

    const output = parseEndpoint(values.out ?? "-");
    if (values.json === true && output.kind !== "stdio") {
      throw new UsageError("BAD_FLAGS", "--json writes to stdout; drop --out or --json");
    }
    const report = new StageReporter("collect", { quiet: values.quiet === true });
    const health = setInterval(() => report.poll(), 1000);
    Deno.unrefTimer(health);
    let sink: FrameSink | undefined;
    if (values.json !== true) {
      sink = await openFrameSink(output, { name: "torq collect" });
      if (output.kind === "unix") console.error(`torq collect: publishing to ${output.path}`);
    }
    try {
      return await untilStopped(async (signal) => {
        await runCollect({
          rpcUrl,
          httpUrl: values["http-rpc"],
          chainId,
          poolsFile: values.pools,
          factories: values.factory,
          fromBlock,
          checkpointPath: values.checkpoint,
          poolCachePath: values["pool-cache"],
          format: values.json ? "json" : "binary",
          out: resourceSink(Deno.stdout),
          sink,
          report,
          log: (line) => console.error(`torq collect: ${line}`),
          signal,
          pollIntervalMs,
        });
        await sink?.flush();
        report.close(); // the final health line, only after a clean stop: errors stay one line
        return 0;
      });
    } finally {
      clearInterval(health);
      await sink?.close();
    }
  },
};
