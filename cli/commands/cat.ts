// cli/commands/cat.ts — parse flags, copy frames from one endpoint to another. Nothing else.
import { UsageError } from "../../lib/error.ts";
import { ProtocolError } from "../../lib/protocol/mod.ts";
import {
  openFrameSink,
  openFrameSource,
  parseEndpoint,
  parseTopics,
  type QueuePolicy,
  scanRecording,
} from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";

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
  nats://HOST:PORT/SUBJECT   not available yet

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
  --quiet                no summary on stderr
  -h, --help             this help

Exit status: 0 on success; 1 when a bad frame stops the copy or a relay disconnects us
(everything read before is written); 2 on bad flags or endpoints.

Examples:
  torq cat --in recording.bin --out unix:market          # replay a recording into a relay
  torq cat --in unix:market --out tap.bin --append       # record; restartable
  torq cat --in unix:signal --types ArbitrageSignal | torq decode
`,
  async run(args) {
    const { values } = parseFlags("cat", args, {
      in: { type: "string" },
      out: { type: "string" },
      "skip-invalid": { type: "boolean" },
      "no-verify-checksum": { type: "boolean" },
      append: { type: "boolean" },
      limit: { type: "string" },
      "allow-gaps": { type: "boolean" },
      types: { type: "string" },
      sources: { type: "string" },
      venues: { type: "string" },
      strategies: { type: "string" },
      policy: { type: "string" },
      queue: { type: "string" },
      name: { type: "string" },
      quiet: { type: "boolean" },
    });
    const input = parseEndpoint(values.in ?? "-");
    const output = parseEndpoint(values.out ?? "-");
    const quiet = values.quiet === true;
    const limit = values.limit === undefined ? Infinity : intFlag("--limit", values.limit);
    const policy = values.policy;
    if (policy !== undefined && policy !== "backpressure" && policy !== "disconnect") {
      throw new UsageError(
        "BAD_FLAG_VALUE",
        `--policy takes backpressure or disconnect, got "${policy}"`,
      );
    }
    if (values.append === true && output.kind !== "file") {
      throw new UsageError("BAD_FLAGS", "--append needs --out FILE");
    }
    const topics = parseTopics(values);
    let resume: Map<number, bigint> | undefined;
    if (values.append === true && output.kind === "file") {
      const tail = await scanRecording(output.path);
      if (tail.partialBytes > 0) {
        await Deno.truncate(output.path, tail.validBytes);
        console.error(
          `torq cat: cut ${tail.partialBytes} byte(s) of a partial frame off the end of ${output.path}`,
        );
      }
      if (input.kind === "unix" && tail.frames > 0) resume = tail.positions;
    }
    const name = values.name ?? "torq cat";
    let gaps = 0n;
    const source = await openFrameSource(input, {
      skipInvalid: values["skip-invalid"] === true,
      verifyChecksum: values["no-verify-checksum"] !== true,
      onSkip: (s) =>
        console.error(
          `torq cat: skipped ${s.bytes} bytes at byte ${s.offset}: ${s.error.code}: ${s.error.message}`,
        ),
      topics,
      name,
      ...(policy !== undefined ? { policy: policy as QueuePolicy } : {}),
      ...(values.queue !== undefined ? { queueFrames: intFlag("--queue", values.queue) } : {}),
      ...(resume !== undefined ? { resume } : {}),
      ...(values["allow-gaps"] === true
        ? {
          onUnavailable: (r) => {
            gaps += r.to - r.from + 1n;
            console.error(
              `torq cat: warning: frames ${r.from} to ${r.to} of source ${r.source} cannot be recovered (${r.reason})`,
            );
          },
        }
        : {}),
    });
    if (input.kind === "unix") {
      console.error(
        `torq cat: subscribed to ${input.path}${
          resume !== undefined ? ` (resuming ${resume.size} source(s))` : ""
        }`,
      );
    }
    const sink = await openFrameSink(output, { name, append: values.append === true });
    if (output.kind === "unix") console.error(`torq cat: publishing to ${output.path}`);
    let frames = 0;
    let failure: unknown = null;
    try {
      if (frames < limit) {
        for await (const frame of source.frames) {
          await sink.writeFrame(frame);
          if (++frames >= limit) break;
        }
      }
    } catch (e) {
      failure = e;
    }
    try {
      await sink.close();
    } finally {
      await source.close();
    }
    if (!quiet) {
      const pos = source.positions();
      console.error(
        `torq cat: ${frames} frame(s) copied` +
          (gaps > 0n ? `, ${gaps} could not be recovered` : "") +
          (pos !== undefined && pos.size > 0
            ? `; last sequence per source: ${[...pos].map(([s, q]) => `${s}:${q}`).join(" ")}`
            : ""),
      );
    }
    if (failure instanceof ProtocolError) {
      console.error(
        `torq cat: ${failure.code} at byte ${failure.offset}: ${failure.message} (use --skip-invalid to resynchronise past bad frames)`,
      );
      return 1;
    }
    if (failure !== null) throw failure;
    return 0;
  },
};
