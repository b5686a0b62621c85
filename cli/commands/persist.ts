// cli/commands/persist.ts — parse flags, wire the InfluxDB persister. Nothing else.
import { UsageError } from "../../lib/error.ts";
import { InfluxClient, PERSISTED_LAYOUTS, runPersist } from "../../lib/store/mod.ts";
import {
  openFrameSink,
  openFrameSource,
  parseEndpoint,
  untilStopped,
} from "../../lib/transport/mod.ts";
import { type Command, intFlag, parseFlags } from "../_command.ts";

export const persist: Command = {
  summary: "write signals, decisions, reports, metrics and gas prices to InfluxDB",
  help: `torq persist — store a stream's signals in InfluxDB 1.x

Usage:
  torq persist --influx URL --db NAME [--in ENDPOINT] [--measurement-prefix TEXT]
               [--out ENDPOINT] [--batch LINES] [--attempts N] [--quiet]

Reads frames and writes one point per ArbitrageSignal, RiskDecision, ExecutionReport,
RiskMetrics and GasPrice TLV (measurements arbitrage_signal, risk_decision, execution_report,
risk_metrics, gas_price) with /write, nanosecond precision, in batches. Token amounts are
string fields holding the exact integer (InfluxDB 1.x integers are int64); see docs/STORE.md.
The database is created if missing. Read back with InfluxQL, e.g.
  curl -G URL/query --data-urlencode db=NAME --data-urlencode 'q=SELECT * FROM arbitrage_signal'

A write that fails with a 5xx answer or a connection error is retried with exponential
backoff; when every attempt failed, persist says how many points were and were not written
and exits 1. Nothing is dropped silently.

Options:
  --influx URL               InfluxDB's HTTP address, e.g. http://127.0.0.1:8086
  --db NAME                  database
  --in ENDPOINT              where to read frames (default -; see torq cat --help)
  --measurement-prefix TEXT  prefix of every measurement name (default none)
  --out ENDPOINT             forward every frame there (persist inside a pipeline)
  --batch LINES              points per write (default 5000)
  --attempts N               attempts per write before giving up (default 6)
  --quiet                    no health line on stderr
  -h, --help                 this help

Exit status: 0 when the input ended (or Ctrl-C) and everything was written; 1 when InfluxDB
could not take a batch or a frame cannot be stored; 2 on bad flags.

Examples:
  torq persist --in unix:signal --influx http://127.0.0.1:8086 --db torq
  torq cat --in recording.bin | torq persist --influx http://127.0.0.1:8086 --db backtest
`,
  async run(args) {
    const { values } = parseFlags("persist", args, {
      in: { type: "string" },
      influx: { type: "string" },
      db: { type: "string" },
      "measurement-prefix": { type: "string" },
      out: { type: "string" },
      batch: { type: "string" },
      attempts: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (values.influx === undefined || values.db === undefined) {
      throw new UsageError(
        "MISSING_FLAG",
        `Missing --${
          values.influx === undefined ? "influx URL" : "db NAME"
        }; see torq persist --help`,
      );
    }
    const input = parseEndpoint(values.in ?? "-");
    const client = new InfluxClient({
      url: values.influx!,
      db: values.db!,
      ...(values.attempts !== undefined
        ? { attempts: intFlag("--attempts", values.attempts, 1, 100) }
        : {}),
      onRetry: (n, reason, ms) =>
        console.error(
          `torq persist: InfluxDB at ${values.influx}: attempt ${n} failed (${reason}); retrying in ${ms} ms`,
        ),
    });
    const batch = values.batch === undefined ? undefined : intFlag("--batch", values.batch);
    // Without --out only the persisted types are needed from a relay.
    const source = await openFrameSource(input, {
      name: "torq persist",
      ...(values.out === undefined ? { topics: { types: [...PERSISTED_LAYOUTS.keys()] } } : {}),
    });
    const sink = values.out === undefined
      ? undefined
      : await openFrameSink(values.out, { name: "torq persist" });
    try {
      return await untilStopped(async (signal) => {
        await runPersist({
          source,
          client,
          signal,
          quiet: values.quiet === true,
          ...(sink !== undefined ? { sink } : {}),
          ...(batch !== undefined ? { batchLines: batch } : {}),
          ...(values["measurement-prefix"] !== undefined
            ? { measurementPrefix: values["measurement-prefix"] }
            : {}),
        });
        return 0;
      });
    } finally {
      await sink?.close();
    }
  },
};
