// cli/commands/relay.ts — parse flags, run a relay until a signal. Nothing else.
import {
  type ChecksumMode,
  defaultSocketPath,
  parseDomain,
  type QueuePolicy,
  Relay,
  untilStopped,
} from "../../lib/transport/mod.ts";
import { UsageError } from "../../lib/error.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";

function choice<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError("BAD_FLAG_VALUE", `${flag} takes ${choices.join(" or ")}, got "${value}"`, {
    [flag]: value,
  });
}

export const relay: Command = {
  summary: "run a domain's Unix-socket relay (fan-out, recovery)",
  help: `torq relay — run a domain's Unix-socket relay

Usage:
  torq relay --domain market|signal|execution|system [--socket PATH] [--ring FRAMES]
             [--ring-bytes BYTES] [--queue FRAMES] [--policy backpressure|disconnect]
             [--checksum verify|required|off] [--quiet]

Publishers connect and send frames; every subscriber gets the frames on its topics, in order,
in a bounded queue. A full queue either pauses the publishers (backpressure) or disconnects
that subscriber with a logged reason (disconnect): nothing is dropped silently. The relay keeps
the recent frames of each source so a subscriber that missed some gets them retransmitted.
Clients: torq cat --in unix:PATH / --out unix:PATH, or the library (subscribe, connectPublisher).
The protocol (hello, topics, recovery) is in docs/TRANSPORT.md.

Options:
  --domain NAME       the domain carried: market, signal, execution or system (required)
  --socket PATH       socket path (default $XDG_RUNTIME_DIR/torq/NAME.sock, else
                      /tmp/torq-$UID/NAME.sock); a stale socket is removed, a live relay
                      on it is an error
  --ring FRAMES       frames kept per source for recovery (default 131072)
  --ring-bytes BYTES  bytes kept per source for recovery, roughly (default 67108864)
  --queue FRAMES      queue bound of subscribers that do not choose one (default 65536);
                      under disconnect keep it above one read (256 KiB, ~3000 small frames)
  --policy P          policy of subscribers that do not choose one (default backpressure):
                      backpressure pauses the publishers while the queue is full,
                      disconnect drops that subscriber with a logged reason
  --checksum MODE     verify CRCs present (default on signal, execution, system), require
                      them, or ignore them (default on market); bad frames are rejected,
                      logged and counted
  --quiet             no health line on stderr (disconnects and rejections are still logged)
  -h, --help          this help

Every second with activity it prints a health line on stderr: frames in/out, publishers,
subscribers, queue depths, dropped (always 0), rejected, disconnects, recovery.
SIGINT or SIGTERM stops it: clients are told, the socket is removed, exit 0.

Examples:
  torq relay --domain market &
  torq cat --in recording.bin --out unix:market
  torq cat --in unix:market --out tap.bin --types PoolSwap,PoolSync
`,
  async run(args) {
    const { values } = parseFlags("relay", args, {
      domain: { type: "string" },
      socket: { type: "string" },
      ring: { type: "string" },
      "ring-bytes": { type: "string" },
      queue: { type: "string" },
      policy: { type: "string" },
      checksum: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (values.domain === undefined) {
      throw new UsageError(
        "MISSING_FLAG",
        "--domain is required (market, signal, execution or system); see torq relay --help",
      );
    }
    const domain = parseDomain(values.domain);
    const policy = choice<QueuePolicy>("--policy", values.policy, ["backpressure", "disconnect"]);
    const checksum = choice<ChecksumMode>("--checksum", values.checksum, [
      "verify",
      "required",
      "off",
    ]);
    const path = values.socket ?? defaultSocketPath(domain);
    const r = await Relay.start({
      domain,
      path,
      ...(values.ring !== undefined ? { ringFrames: intFlag("--ring", values.ring) } : {}),
      ...(values["ring-bytes"] !== undefined
        ? { ringBytes: intFlag("--ring-bytes", values["ring-bytes"]) }
        : {}),
      ...(values.queue !== undefined ? { queueFrames: intFlag("--queue", values.queue) } : {}),
      ...(policy !== undefined ? { policy } : {}),
      ...(checksum !== undefined ? { checksum } : {}),
      reportEveryMs: values.quiet === true ? 0 : 1000,
    });
    console.error(`torq relay ${values.domain}: listening on ${r.path}`);
    await untilStopped((signal) =>
      new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()))
    );
    await r.stop();
    console.error(`torq relay ${values.domain}: stopped`);
    return 0;
  },
};
