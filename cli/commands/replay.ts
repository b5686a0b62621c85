// cli/commands/replay.ts — parse flags, replay a recording as a publisher. Nothing else.
import { UsageError } from "../../lib/error.ts";
import { parseSpeed, replayProcessor } from "../../lib/store/mod.ts";
import {
  openFrameSink,
  openFrameSource,
  parseEndpoint,
  runStage,
  untilStopped,
} from "../../lib/transport/mod.ts";
import { type Command, parseFlags } from "../_command.ts";

export const replay: Command = {
  summary: "publish a recording again, at its recorded pace or at full speed",
  help: `torq replay — publish the frames of a recording, in place of collect

Usage:
  torq replay FILE [--out ENDPOINT] [--speed X | --fast] [--quiet]

Writes every frame of FILE unchanged (source, sequence, timestamp and bytes as recorded), at
the pace of their header timestamps relative to the first frame: --speed 2 plays twice as
fast, --speed 0.5 at half speed; --fast sends them as fast as the output takes them. A
frame is sent up to 1 ms early at most. A relay drops frames whose sequences it already holds
for their source (repeats), so replay into a fresh relay, or one that never saw them.

Options:
  --out ENDPOINT   where to write (default -; unix:market publishes to that relay)
  --speed X        pace factor, 0.000001 to 1000000 (default 1: as recorded)
  --fast           no pacing
  --quiet          no health line on stderr
  -h, --help       this help

Exit status: 0 when the recording was sent; 1 on a bad frame in it; 2 on bad flags.

Examples:
  torq replay market.bin --out unix:market
  torq replay market.bin --speed 10 | torq decode
  torq replay market.bin --fast --out unix:/tmp/bt/market.sock
`,
  async run(args) {
    const { values, positionals } = parseFlags("replay", args, {
      out: { type: "string" },
      speed: { type: "string" },
      fast: { type: "boolean" },
      quiet: { type: "boolean" },
    });
    if (positionals.length !== 1) {
      throw new UsageError(
        "BAD_FLAGS",
        `Give exactly one recording FILE, got ${positionals.length}; see torq replay --help`,
      );
    }
    if (values.fast === true && values.speed !== undefined) {
      throw new UsageError("BAD_FLAGS", "Give --speed X or --fast, not both");
    }
    const input = parseEndpoint(positionals[0]!);
    if (input.kind !== "file") {
      throw new UsageError("BAD_FLAGS", `torq replay reads a file, got "${positionals[0]}"`);
    }
    const speedMicros = values.fast === true
      ? undefined
      : parseSpeed(values.speed ?? "1", "--speed");
    const output = parseEndpoint(values.out ?? "-");
    const source = await openFrameSource(input);
    try {
      return await untilStopped(async (signal) => {
        const sink = await openFrameSink(output, { name: "torq replay" });
        if (output.kind === "unix") console.error(`torq replay: publishing to ${output.path}`);
        try {
          await runStage(
            "replay",
            source,
            sink,
            replayProcessor(speedMicros !== undefined ? { speedMicros } : {}),
            { quiet: values.quiet === true, signal },
          );
        } finally {
          await sink.close();
        }
        return 0;
      });
    } finally {
      await source.close();
    }
  },
};
