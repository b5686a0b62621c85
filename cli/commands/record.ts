// cli/commands/record.ts — parse flags, run the restartable recorder. Nothing else.
import { UsageError } from "../../lib/error.ts";
import { parseEndpoint, untilStopped } from "../../lib/transport/mod.ts";
import { type Command, parseFlags } from "../_command.ts";
import { COPY_FLAGS, copyFlagOptions } from "./_copy_flags.ts";
import { runCopy } from "../../lib/store/mod.ts";

export const record: Command = {
  summary: "record a stream of frames to a file, restartably",
  help: `torq record — append the frames of an endpoint to a recording file

Usage:
  torq record [--in ENDPOINT] FILE [--limit N] [--allow-gaps] [--quiet]
              [--types LIST] [--sources LIST] [--venues LIST] [--strategies LIST]
              [--policy backpressure|disconnect] [--queue FRAMES] [--name NAME]

Appends to FILE (created if missing). Restart-safe: a frame left half-written by a crash is
cut off the end first, and with --in unix:… the file's last sequence per source is the
checkpoint: the relay is asked for everything published since, so a killed and restarted
recorder misses nothing the relay still holds (what it no longer holds stops the recorder,
or with --allow-gaps is reported and skipped). Same as torq cat --out FILE --append.
Play it back with torq replay FILE.

Options:
  --in ENDPOINT          where to read (default -; unix:market, a file, …; see torq cat --help)
  --limit N              stop after N frames
  --allow-gaps           report frames the relay cannot recover and go on
  --types, --sources, --venues, --strategies LIST   relay topics (see torq cat --help)
  --policy P             backpressure (default) or disconnect when this recorder falls behind
  --queue FRAMES         the relay's queue bound for this recorder
  --name NAME            name in the relay's log lines (default "torq record")
  --quiet                no health line and no summary on stderr
  -h, --help             this help

Exit status: 0 when the input ended, the limit was reached or on Ctrl-C; 1 when a bad frame
stops it or the relay disconnects it (everything read before is written); 2 on bad flags.

Examples:
  torq record --in unix:market market.bin
  torq record --in unix:signal --types ArbitrageSignal,RiskDecision signals.bin
`,
  async run(args) {
    const { values, positionals } = parseFlags("record", args, COPY_FLAGS);
    if (positionals.length !== 1) {
      throw new UsageError(
        "BAD_FLAGS",
        `Give exactly one recording FILE, got ${positionals.length}; see torq record --help`,
      );
    }
    const output = parseEndpoint(positionals[0]!);
    if (output.kind !== "file") {
      throw new UsageError(
        "BAD_FLAGS",
        `torq record writes a file, got "${positionals[0]}"; use torq cat for other endpoints`,
      );
    }
    const shared = copyFlagOptions("record", values);
    const summary = await untilStopped((signal) =>
      runCopy({
        ...shared,
        input: parseEndpoint(values.in ?? "-"),
        output,
        stage: "record",
        append: true,
        signal,
      })
    );
    return summary.ok ? 0 : 1;
  },
};
