// cli/commands/decode.ts — parse flags, wire the library, print. Nothing else.
import { ProtocolError } from "../../lib/protocol/mod.ts";
import { BatchedWriter, framesToJsonLines, resourceSink } from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";
import { openInput } from "../_io.ts";

export const decode: Command = {
  summary: "binary frames to JSON lines",
  help: `torq decode — binary frames to JSON lines

Usage:
  torq decode [--in FILE] [--skip-invalid] [--no-verify-checksum] [--max-payload BYTES] [--quiet]

Reads Protocol V2 frames from stdin (or --in FILE) and prints one JSON object per frame:
header fields, then TLVs by name. Big integers are decimal strings, addresses are EIP-55
checksummed, pools and tokens are InstrumentId text. Unknown TLV types are shown as raw hex.

Options:
  --in FILE              read frames from FILE instead of stdin
  --skip-invalid         skip bad frames by resynchronising on the next magic; each skipped
                         region is reported on stderr
  --no-verify-checksum   do not verify CRCs (they are verified by default where flagged)
  --max-payload BYTES    reject frames with a larger payload (default and max 1048576)
  --quiet                no summary and no sequence warnings on stderr
  -h, --help             this help

Exit status: 0 on success; 1 when a bad frame stops the stream (the message names the byte
offset and the error code); 2 on bad flags.

Examples:
  torq decode --in recording.bin | head
  torq collect --rpc ws://127.0.0.1:8545 | torq decode
  torq decode --skip-invalid < damaged.bin > frames.jsonl
`,
  async run(args) {
    const { values } = parseFlags("decode", args, {
      in: { type: "string" },
      "skip-invalid": { type: "boolean" },
      "no-verify-checksum": { type: "boolean" },
      "max-payload": { type: "string" },
      quiet: { type: "boolean" },
    });
    const maxPayloadSize = values["max-payload"] === undefined
      ? undefined
      : intFlag("--max-payload", values["max-payload"]);
    const input = values.in === undefined
      ? Deno.stdin.readable
      : (await openInput("--in", values.in)).readable;
    const out = new BatchedWriter(resourceSink(Deno.stdout));
    const quiet = values.quiet === true;
    try {
      const summary = await framesToJsonLines(input, out, {
        skipInvalid: values["skip-invalid"] === true,
        verifyChecksum: values["no-verify-checksum"] !== true,
        ...(maxPayloadSize !== undefined ? { maxPayloadSize } : {}),
        onSkip: (s) =>
          console.error(
            `torq decode: skipped ${s.bytes} bytes at byte ${s.offset}: ${s.error.code}: ${s.error.message}`,
          ),
        onSequence: (p) => quiet || console.error(`torq decode: warning: ${p.code}: ${p.message}`),
      });
      await out.flush();
      if (!quiet) {
        console.error(
          `torq decode: ${summary.frames} frames` +
            (summary.skipped > 0
              ? `, skipped ${summary.skipped} bad region(s) (${summary.skippedBytes} bytes)`
              : ""),
        );
      }
      return 0;
    } catch (e) {
      await out.flush();
      if (e instanceof ProtocolError) {
        console.error(
          `torq decode: ${e.code} at byte ${e.offset}: ${e.message} (use --skip-invalid to resynchronise past bad frames)`,
        );
        return 1;
      }
      throw e;
    }
  },
};
