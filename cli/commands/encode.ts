// cli/commands/encode.ts — parse flags, wire the library, print. Nothing else.
import { BatchedWriter, jsonLinesToFrames, resourceSink } from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";
import { openInput } from "../_io.ts";

export const encode: Command = {
  summary: "JSON lines to binary frames",
  help: `torq encode — JSON lines to binary frames

Usage:
  torq encode [--in FILE] [--source N] [--quiet]

Reads one JSON object per line from stdin (or --in FILE) and writes one Protocol V2 frame
per line to stdout. The JSON form is the one torq decode prints:
  {"domain":"signal","source":2,"sequence":"1","timestampNs":"…","checksum":true,
   "tlvs":[{"type":"RiskDecision","signalId":"7","decision":1,"reasonCode":0,
            "approvedAmount":"1000000","tradingState":1}]}
domain and tlvs are required. Without sequence, frames are numbered per source from 1;
without timestampNs the current time is used; without checksum the domain's policy applies
(a CRC on signal, execution and system frames). Big integers are decimal strings; addresses
may be lower-case or EIP-55; pools and tokens are InstrumentId text such as
"anvil:uniswap_v3:pool:0x…"; unknown TLV types are {"type": N, "raw": "0x…"}.

Options:
  --in FILE      read JSON lines from FILE instead of stdin
  --source N     source number of frames whose line has no "source" (default 9, encoder)
  --quiet        no summary on stderr
  -h, --help     this help

Exit status: 0 on success; 2 on bad flags or a malformed line (the message names the line,
the field and what it must be).

Examples:
  torq decode --in a.bin | jq -c 'select(.domain == "signal")' | torq encode > signals.bin
  echo '{"domain":"system","tlvs":[{"type":"Heartbeat","status":1,"uptimeNs":"1","framesIn":"0","framesOut":"0","dropped":"0"}]}' | torq encode | torq decode
`,
  async run(args) {
    const { values } = parseFlags("encode", args, {
      in: { type: "string" },
      source: { type: "string" },
      quiet: { type: "boolean" },
    });
    const source = values.source === undefined
      ? undefined
      : intFlag("--source", values.source, 0, 255);
    const input = values.in === undefined
      ? Deno.stdin.readable
      : (await openInput("--in", values.in)).readable;
    const out = new BatchedWriter(resourceSink(Deno.stdout));
    try {
      const frames = await jsonLinesToFrames(input, out, source);
      if (values.quiet !== true) console.error(`torq encode: ${frames} frames`);
    } finally {
      await out.flush();
    }
    return 0;
  },
};
