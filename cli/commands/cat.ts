// cli/commands/cat.ts — parse flags, copy frames from one endpoint to another. Nothing else.
import { UsageError } from "../../lib/error.ts";
import { parseEndpoint, untilStopped } from "../../lib/transport/mod.ts";
import { type Command, parseFlags } from "../_command.ts";
import { COPY_FLAGS, copyFlagOptions } from "./_copy_flags.ts";
import { runCopy } from "../../lib/store/mod.ts";

export const cat: Command = {
  summary: "copy frames between endpoints (files, stdio, relays)",
  help: `torq cat — copy frames from one endpoint to another

Usage:
  torq cat [--in ENDPOINT] [--out ENDPOINT] [--skip-invalid] [--no-verify-checksum]
           [--append] [--limit N] [--allow-gaps] [--quiet]
           [--types LIST] [--sources LIST] [--venues LIST] [--strategies LIST]
           [--policy backpressure|disconnect] [--queue FRAMES] [--name NAME]

Endpoints:
  -                  stdin (--in) or stdout (--out); the default for both
  unix:PATH          a relay's socket: subscribe (--in) or publish (--out);
                     unix:market (signal, execution, system) is that relay's default socket
  PATH               a file of frames (a recording)
  nats://HOST:PORT/SUBJECT[?durable=NAME]
                     NATS JetStream: publish each frame as one message (--out), or read
                     a durable consumer that resumes after its last acknowledged frame
                     (--in; wildcards torq.market.> allowed; durable defaults to --name);
                     see docs/DISTRIBUTED.md

Every frame is validated (header, TLVs, CRC where flagged) on the way through.

Options:
  --in ENDPOINT          where to read (default -)
  --out ENDPOINT         where to write (default -)
  --skip-invalid         skip bad input by resynchronising on the next magic (reported)
  --no-verify-checksum   do not verify CRCs
  --append               --out FILE: append instead of truncating; a frame cut short at its
                         end (a crash) is cut off, and with --in unix:… the file's last
                         sequence per source is the checkpoint: what was missed is recovered
  --limit N              stop after N frames
  --allow-gaps           --in unix:…: report frames the relay cannot recover and go on
                         (default: stop with an error)
  --types LIST           --in unix:…: only frames with one of these TLV types (names or numbers)
  --sources LIST         --in unix:…: only frames of these sources
  --venues LIST          --in unix:…: only frames naming an instrument of these venues
  --strategies LIST      --in unix:…: only frames of these strategy ids
  --policy P             --in unix:…: what the relay does when this reader falls behind:
                         backpressure (slow the publishers) or disconnect (drop this reader)
  --queue FRAMES         --in unix:…: the relay's queue bound for this reader
  --name NAME            name in the relay's log lines (default "torq cat")
  --quiet                no health line (read, written, dropped, lag; at most once a
                         second) and no summary on stderr
  -h, --help             this help

Exit status: 0 on success; 1 when a bad frame stops the copy or a relay disconnects us
(everything read before is written); 2 on bad flags or endpoints.

Examples:
  torq cat --in recording.bin --out unix:market          # replay a recording into a relay
  torq cat --in unix:market --out tap.bin --append       # record; restartable
  torq cat --in unix:signal --types ArbitrageSignal | torq decode
  torq cat --in unix:market --out nats://10.0.0.5:4222/torq.market.polygon
  torq cat --in 'nats://10.0.0.5:4222/torq.market.>?durable=tap' --out tap.bin --append
`,
  async run(args) {
    const { values } = parseFlags("cat", args, {
      ...COPY_FLAGS,
      out: { type: "string" },
      "skip-invalid": { type: "boolean" },
      "no-verify-checksum": { type: "boolean" },
      append: { type: "boolean" },
    });
    const input = parseEndpoint(values.in ?? "-");
    const output = parseEndpoint(values.out ?? "-");
    const shared = copyFlagOptions("cat", values);
    if (values.append === true && output.kind !== "file") {
      throw new UsageError("BAD_FLAGS", "--append needs --out FILE");
    }
    // Ctrl-C or SIGTERM ends the copy cleanly: what was read is written, the summary printed
    const summary = await untilStopped((signal) =>
      runCopy({
        ...shared,
        signal,
        input,
        output,
        stage: "cat",
        append: values.append === true,
        skipInvalid: values["skip-invalid"] === true,
        verifyChecksum: values["no-verify-checksum"] !== true,
      })
    );
    return summary.ok ? 0 : 1;
  },
};
