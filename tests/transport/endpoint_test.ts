// tests/transport/endpoint_test.ts — endpoint text, default socket paths, the URL registry.
import assert from "node:assert/strict";
import { parseFrame, RelayDomain } from "../../lib/protocol/mod.ts";
import {
  defaultSocketPath,
  EndpointError,
  type FrameSource,
  openFrameSink,
  openFrameSource,
  parseDomain,
  parseEndpoint,
  registerTransport,
} from "../../lib/transport/mod.ts";
import { marketFrames } from "./_frames.ts";

Deno.test("parseEndpoint tells stdio, relay sockets, files and URLs apart", () => {
  assert.deepEqual(parseEndpoint("-"), { kind: "stdio", text: "-" });
  assert.deepEqual(parseEndpoint("unix:/run/torq/x.sock"), {
    kind: "unix",
    text: "unix:/run/torq/x.sock",
    path: "/run/torq/x.sock",
  });
  assert.deepEqual(parseEndpoint("unix:execution", { runtimeDir: "/run/user/5" }), {
    kind: "unix",
    text: "unix:execution",
    path: "/run/user/5/torq/execution.sock",
    domain: RelayDomain.Execution,
  });
  assert.deepEqual(parseEndpoint("unix:relative.sock").kind, "unix");
  assert.deepEqual(parseEndpoint("data/rec.bin"), {
    kind: "file",
    text: "data/rec.bin",
    path: "data/rec.bin",
  });
  const nats = parseEndpoint("NATS://10.0.0.1:4222/torq.signal");
  assert.ok(nats.kind === "url" && nats.scheme === "nats" && nats.url.pathname === "/torq.signal");
});

Deno.test("parseEndpoint rejects empty text, a socket without a path, unix:// and broken URLs", () => {
  for (const text of ["", "unix:", "unix:///tmp/x.sock", "nats://[bad"]) {
    assert.throws(
      () => parseEndpoint(text),
      (e) => e instanceof EndpointError && e.code === "BAD_ENDPOINT",
      text,
    );
  }
});

Deno.test("default relay sockets live in $XDG_RUNTIME_DIR/torq, else /tmp/torq-$UID", () => {
  assert.equal(
    defaultSocketPath(RelayDomain.Signal, { runtimeDir: "/run/user/1000" }),
    "/run/user/1000/torq/signal.sock",
  );
  assert.equal(
    defaultSocketPath(RelayDomain.MarketData, { runtimeDir: "", uid: 1000 }),
    "/tmp/torq-1000/market.sock",
  );
  assert.equal(parseDomain("system"), RelayDomain.System);
  assert.throws(() => parseDomain("markets"), /Unknown relay domain "markets"/);
});

Deno.test("nats:// endpoints go to the NATS transport, which names a server it cannot reach", async () => {
  for (const open of [openFrameSource, openFrameSink]) {
    await assert.rejects(
      open("nats://127.0.0.1:1/torq.market"),
      (e) =>
        e instanceof Error && (e as { code?: string }).code === "CANNOT_CONNECT" &&
        /Cannot reach NATS at 127\.0\.0\.1:1/.test(e.message),
    );
  }
  await assert.rejects(
    openFrameSource("carrier-pigeon://loft/1"),
    /Unknown endpoint scheme "carrier-pigeon"/,
  );
});

Deno.test("a registered URL transport serves openFrameSource without the stage knowing", async () => {
  const bytes = marketFrames(3);
  registerTransport({
    scheme: "replay-test",
    openSource: (endpoint) => {
      const frames = ReadableStream.from(
        [0, 86, 172].map((o) => parseFrame(bytes, o, undefined, 0, o + 86)),
      );
      const source: FrameSource = {
        endpoint,
        frames,
        positions: () => undefined,
        close: () => frames.cancel(),
      };
      return Promise.resolve(source);
    },
    openSink: () => Promise.reject(new EndpointError("NOT_AVAILABLE", "read only")),
  });
  const source = await openFrameSource("replay-test://memory/three");
  const got = await Array.fromAsync(source.frames);
  assert.deepEqual(got.map((f) => f.sequence), [1n, 2n, 3n]);
});
