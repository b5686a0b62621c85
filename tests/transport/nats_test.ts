// tests/transport/nats_test.ts — the nats:// transport as a library against a real
// nats-server with JetStream: round trips, durable resume, dedupe, and its errors.
import assert from "node:assert/strict";
import { connect } from "@nats-io/transport-node";
import { jetstreamManager } from "@nats-io/jetstream";
import { parseFrame, RelayDomain, SourceType, TlvType } from "../../lib/protocol/mod.ts";
import { openFrameSink, openFrameSource } from "../../lib/transport/mod.ts";
import { natsTarget, openNatsSink, openNatsSource } from "../../lib/transport/nats/mod.ts";
import { parseEndpoint } from "../../lib/transport/endpoint.ts";
import { startNats } from "../_servers/nats.ts";
import { cancel, MARKET_FRAME_SIZE, marketFrames, oneFrame } from "./_frames.ts";

/** Read `n` frames from a reader, as copies of their bytes. */
async function take(reader: ReadableStreamDefaultReader<{ bytes: Uint8Array }>, n: number) {
  const out: Uint8Array[] = [];
  while (out.length < n) {
    const r = await reader.read();
    if (r.done) break;
    out.push(r.value.bytes.slice());
  }
  return out;
}

/** Concatenate frames. */
const join = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

Deno.test("frames published to a nats subject come back from a durable consumer byte for byte", async () => {
  await using nats = await startNats();
  const frames = marketFrames(5000);
  const sink = await openFrameSink(`${nats.url}/torq.market.test`);
  await sink.write(frames);
  await sink.close();
  assert.equal(sink.stats.writes, 5000);
  const source = await openFrameSource(`${nats.url}/torq.market.>?durable=reader`);
  const reader = source.frames.getReader();
  const got = await take(reader, 5000);
  reader.releaseLock();
  await source.close();
  assert.deepEqual(join(got), frames);
  assert.deepEqual(source.positions(), new Map([[SourceType.Collector, 5000n]]));
});

Deno.test("a durable consumer reopened after acknowledging resumes at the next frame", async () => {
  await using nats = await startNats();
  const frames = marketFrames(1000);
  const sink = await openNatsSink(`${nats.url}/torq.market.a`);
  await sink.write(frames);
  await sink.close();
  const first = await openNatsSource(`${nats.url}/torq.market.a?durable=d`);
  first.mark(); // acknowledge by hand
  const r1 = first.frames.getReader();
  const a = await take(r1, 400);
  const ack = first.mark();
  await ack();
  r1.releaseLock();
  await first.close();
  const second = await openNatsSource(`${nats.url}/torq.market.a?durable=d`);
  const r2 = second.frames.getReader();
  const b = await take(r2, 600);
  r2.releaseLock();
  await second.close();
  assert.equal(parseFrame(b[0]!).sequence, 401n);
  assert.deepEqual(join([...a, ...b]), frames);
});

Deno.test("frames handed on but not acknowledged come again and are dropped below the checkpoint", async () => {
  await using nats = await startNats();
  const frames = marketFrames(300);
  const sink = await openNatsSink(`${nats.url}/torq.market.a`);
  await sink.write(frames);
  await sink.close();
  const first = await openNatsSource(`${nats.url}/torq.market.a?durable=d`);
  first.mark(); // nothing is ever acknowledged: as if the reader died
  const r1 = first.frames.getReader();
  await take(r1, 120);
  r1.releaseLock();
  await first.close();
  const again = await openNatsSource(`${nats.url}/torq.market.a?durable=d`, {
    resume: new Map([[SourceType.Collector, 120n]]),
  });
  const r2 = again.frames.getReader();
  const rest = await take(r2, 180);
  r2.releaseLock();
  await again.close();
  assert.equal(parseFrame(rest[0]!).sequence, 121n);
  assert.equal(again.stats.duplicates, 120);
  assert.equal(again.stats.redelivered, 0); // a fresh delivery from the ack floor, in order
  assert.deepEqual(join(rest), frames.subarray(120 * MARKET_FRAME_SIZE));
});

Deno.test("a frame published twice reaches the reader once", async () => {
  await using nats = await startNats();
  const all = marketFrames(150);
  const sink = await openNatsSink(`${nats.url}/torq.market.a`);
  await sink.write(all.subarray(0, 100 * MARKET_FRAME_SIZE));
  await sink.write(all.subarray(50 * MARKET_FRAME_SIZE)); // 51..100 again, then the rest
  await sink.close();
  const source = await openNatsSource(`${nats.url}/torq.market.a?durable=d`);
  const reader = source.frames.getReader();
  const got = await take(reader, 150);
  reader.releaseLock();
  await source.close();
  assert.deepEqual(join(got), all);
  assert.equal(source.stats.duplicates, 50);
});

Deno.test("a sink on a domain's subject refuses a frame of another domain", async () => {
  await using nats = await startNats();
  const sink = await openNatsSink(`${nats.url}/torq.signal.arb`);
  const frame = oneFrame(RelayDomain.Execution, 4, 1n, TlvType.OrderCancel, cancel(1n));
  await assert.rejects(sink.write(frame), { code: "WRONG_DOMAIN" });
  await sink.close();
});

Deno.test("a server without JetStream is one error that says to start it with -js", async () => {
  await using nats = await startNats({ jetstream: false });
  await assert.rejects(openFrameSink(`${nats.url}/torq.market`), (e: Error & { code?: string }) => {
    assert.equal(e.code, "NO_JETSTREAM");
    assert.match(e.message, /-js/);
    return true;
  });
});

Deno.test("an unreachable server is one error naming host:port and the fix", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  await assert.rejects(
    openFrameSource(`nats://127.0.0.1:${port}/torq.market.>`),
    (e: Error & { code?: string }) => {
      assert.equal(e.code, "CANNOT_CONNECT");
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.match(e.message, /nats-server -js/);
      return true;
    },
  );
});

Deno.test("bad subjects and options are endpoint errors naming them", () => {
  const target = (text: string, sink: boolean) => {
    const ep = parseEndpoint(text);
    assert(ep.kind === "url");
    return natsTarget(ep, sink);
  };
  assert.throws(() => target("nats://h:1/torq.market.>", true), /wildcard/);
  assert.throws(() => target("nats://h:1/torq..market", false), /empty token/);
  assert.throws(() => target("nats://h:1/torq.m>", false), /whole tokens/);
  assert.throws(() => target("nats://h:1/torq.>.x", false), /last token/);
  assert.throws(() => target("nats://h:1/", false), /names no subject/);
  assert.throws(() => target("nats://h:1/torq.market?durable=a b", false), /durable/);
  assert.throws(() => target("nats://h:1/torq.market?colour=red", false), /Unknown option/);
  assert.equal(target("nats://h/torq.system", false).server, "h:4222");
  assert.equal(target("nats://h/torq.system", false).domain, RelayDomain.System);
});

Deno.test("a durable name in use for another subject is refused", async () => {
  await using nats = await startNats();
  const sink = await openNatsSink(`${nats.url}/torq.market.a`);
  await sink.close();
  const one = await openNatsSource(`${nats.url}/torq.market.a?durable=d`);
  await one.close();
  await assert.rejects(openNatsSource(`${nats.url}/torq.market.>?durable=d`), {
    code: "BAD_OPTION",
  });
});

Deno.test("without marks a source acknowledges what it handed on a moment later", async () => {
  await using nats = await startNats();
  const sink = await openNatsSink(`${nats.url}/torq.market.a`);
  await sink.write(marketFrames(500));
  await sink.close();
  const source = await openNatsSource(`${nats.url}/torq.market.a?durable=d`, { autoAckMs: 50 });
  const reader = source.frames.getReader();
  await take(reader, 200);
  const nc = await connect({ servers: `127.0.0.1:${nats.port}` });
  try {
    const jsm = await jetstreamManager(nc);
    let floor = 0;
    for (const end = Date.now() + 5000; floor < 200 && Date.now() < end;) {
      await new Promise((r) => setTimeout(r, 50));
      floor = (await jsm.consumers.info("TORQ_MARKET", "d")).ack_floor.stream_seq;
    }
    assert.equal(floor, 200); // all it handed on, and nothing it did not
  } finally {
    await nc.close();
    reader.releaseLock();
    await source.close();
  }
});
