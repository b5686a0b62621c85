// bench/nats_bench.ts — frames through NATS JetStream on this machine: publish rate (acked),
// consume rate (durable consumer, acknowledged), end to end (both at once), and the latency
// of one frame. Starts its own nats-server (-js, temp store); needs the nats-server binary.
import { SourceType } from "../lib/protocol/mod.ts";
import { openNatsSink, openNatsSource } from "../lib/transport/nats/mod.ts";
import { marketFrames } from "../tests/transport/_frames.ts";
import { startNats } from "../tests/_servers/nats.ts";
import { SHORT } from "./_short.ts";

const BATCH = SHORT ? 2_000 : 50_000; // frames per iteration of the rate cases
const RUNS = SHORT ? { n: 2, warmup: 1 } : { n: 10, warmup: 1 };

const nats = await startNats();
globalThis.addEventListener("unload", () => {
  try {
    Deno.kill(nats.pid, "SIGKILL");
    Deno.removeSync(nats.dir, { recursive: true });
  } catch { /* gone */ }
});

/** Frames with fresh sequences each call, so no consumer drops them as repeats. */
let next = 1;
function batch(count: number): Uint8Array {
  const b = marketFrames(count, next, SourceType.Collector);
  next += count;
  return b;
}

const pubSink = await openNatsSink(`${nats.url}/torq.market.pub`);
Deno.bench({
  name: `publish ${BATCH} frames, every one acked by JetStream`,
  group: "nats rate",
  ...RUNS,
  async fn(b) {
    const bytes = batch(BATCH);
    b.start();
    await pubSink.write(bytes);
    await pubSink.flush();
    b.end();
  },
});

// Reads what the publish case stored (same count of iterations), acknowledging as it goes.
const consumer = await openNatsSource(`${nats.url}/torq.market.pub?durable=bench`);
const consumed = consumer.frames.getReader();
Deno.bench({
  name: `consume ${BATCH} frames from a durable consumer, acknowledged`,
  group: "nats rate",
  ...RUNS,
  async fn(b) {
    b.start();
    for (let i = 0; i < BATCH; i++) {
      if ((await consumed.read()).done) throw new Error("consumer ended early");
    }
    await consumer.mark()();
    b.end();
  },
});

const e2eSink = await openNatsSink(`${nats.url}/torq.market.e2e`);
const e2eSource = await openNatsSource(`${nats.url}/torq.market.e2e?durable=e2e`);
const e2e = e2eSource.frames.getReader();
Deno.bench({
  name: `end to end: publish ${BATCH} frames while a consumer reads them`,
  group: "nats rate",
  ...RUNS,
  async fn(b) {
    const bytes = batch(BATCH);
    b.start();
    const reading = (async () => {
      for (let i = 0; i < BATCH; i++) await e2e.read();
      await e2eSource.mark()();
    })();
    await e2eSink.write(bytes);
    await e2eSink.flush();
    await reading;
    b.end();
  },
});

const oneSink = await openNatsSink(`${nats.url}/torq.market.one`);
const oneSource = await openNatsSource(`${nats.url}/torq.market.one?durable=one`, {
  autoAckMs: 50,
});
const one = oneSource.frames.getReader();
Deno.bench({
  name: "one frame: publish, JetStream ack, consumer receives it",
  group: "nats latency",
  ...(SHORT ? { n: 20, warmup: 2 } : { n: 2000, warmup: 50 }),
  async fn() {
    await oneSink.write(batch(1));
    await oneSink.flush();
    await one.read();
  },
});
