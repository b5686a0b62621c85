// tests/transport/relay_test.ts — a relay in this process on a real Unix socket, with the
// library's publisher and subscriber clients: echo, topics, checks, handshake, recovery.
import assert from "node:assert/strict";
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import { bytesToHex, RelayDomain, SourceType, TlvType } from "../../lib/protocol/mod.ts";
import { FrameBuilder } from "../../lib/protocol/mod.ts";
import {
  connectPublisher,
  connectRelay,
  subscribe,
  TransportError,
  type UnavailableRange,
} from "../../lib/transport/mod.ts";
import { cancel, concat, marketFrames, oneFrame } from "./_frames.ts";
import { ids, take, withRelay } from "./_relay.ts";

const EXEC = RelayDomain.Execution;

Deno.test("a publisher never receives its own frames back unless it asks for echo", async () => {
  await withRelay({ domain: EXEC }, async (relay) => {
    const a = await subscribe(relay.path, { publish: true, name: "a" });
    const echo = await subscribe(relay.path, { publish: true, echo: true, name: "echo" });
    const b = await subscribe(relay.path, { publish: true, name: "b" });
    try {
      // Each step waits until the relay took the frames, so every queue has them in this order.
      const taken = async (n: number) => {
        while (relay.stats.framesIn < n) await new Promise((r) => setTimeout(r, 2));
      };
      for (let i = 1n; i <= 3n; i++) {
        await a.writer!.write(oneFrame(EXEC, 4, i, TlvType.OrderCancel, cancel(i)));
      }
      await taken(3);
      await echo.writer!.write(oneFrame(EXEC, 5, 1n, TlvType.OrderCancel, cancel(9n)));
      await taken(4);
      await b.writer!.write(oneFrame(EXEC, 12, 1n, TlvType.OrderCancel, cancel(7n)));
      assert.deepEqual(ids(await take(a, 2)), ["5:1", "12:1"]);
      assert.deepEqual(ids(await take(echo, 5)), ["4:1", "4:2", "4:3", "5:1", "12:1"]);
      assert.deepEqual(ids(await take(b, 4)), ["4:1", "4:2", "4:3", "5:1"]);
    } finally {
      await Promise.all([a.close(), echo.close(), b.close()]);
    }
  });
});

Deno.test("a subscriber gets only the frames on its topics: TLV types, sources, venues, strategies", async () => {
  await withRelay({ domain: EXEC }, async (relay) => {
    const uni = bytesToHex(
      instrumentToBytes(dexPool("ethereum", "uniswap_v3", "0x" + "11".repeat(20))),
    );
    const sushi = bytesToHex(
      instrumentToBytes(dexPool("ethereum", "sushiswap", "0x" + "22".repeat(20))),
    );
    const order = (instrument: `0x${string}`) => ({
      orderId: 1n,
      signalId: 0n,
      instrument,
      tokenIn: "0x" + "aa".repeat(20) as `0x${string}`,
      tokenOut: "0x" + "bb".repeat(20) as `0x${string}`,
      amountIn: 10n ** 18n,
      minAmountOut: 1n,
      deadlineNs: 0n,
      mode: 1,
    });
    const identity = (strategyId: number) => ({
      strategyId,
      signalId: 1n,
      confidence: 50,
      expiresNs: 0n,
    });
    const b = new FrameBuilder({ source: 4 });
    const frames: Uint8Array[] = [];
    const add = (source: number, fill: (f: FrameBuilder) => void) => {
      b.begin(EXEC, { source, sequence: BigInt(frames.length + 1) });
      fill(b);
      b.end();
      frames.push(b.take().slice());
    };
    add(4, (f) => f.add(TlvType.OrderCancel, cancel(1n))); // 1: cancel, source 4
    add(3, (f) => f.add(TlvType.OrderRequest, order(uni))); // 2: uniswap order, source 3
    add(4, (f) => f.add(TlvType.OrderRequest, order(sushi))); // 3: sushiswap order
    add(3, (f) => f.add(TlvType.SignalIdentity, identity(7))); // 4: strategy 7
    add(4, (f) => f.add(TlvType.SignalIdentity, identity(8)).add(TlvType.OrderCancel, cancel(2n))); // 5
    add(4, (f) =>
      // 6: matches everything
      f.add(TlvType.OrderCancel, cancel(3n)).add(TlvType.SignalIdentity, identity(7)).add(
        TlvType.OrderRequest,
        order(uni),
      ));
    const topics = {
      types: { types: [TlvType.OrderCancel] },
      sources: { sources: [4] },
      venues: {
        venues: [instrumentToBytes(dexPool("ethereum", "uniswap_v3", "0x" + "11".repeat(20)))[1]!],
      },
      strategies: { strategies: [7] },
      both: { types: [TlvType.OrderCancel], sources: [4] },
    };
    const subs = await Promise.all(
      Object.values(topics).map((t) => subscribe(relay.path, { topics: t })),
    );
    const pub = await connectPublisher(relay.path);
    try {
      // Different sources share one sequence counter here, so each source's stream has gaps:
      // a filtered subscription expects them and asks for nothing.
      for (const f of frames) await pub.write(f);
      await pub.flush();
      const want = {
        types: [1, 5, 6],
        sources: [1, 3, 5, 6],
        venues: [2, 6],
        strategies: [4, 6],
        both: [1, 5, 6],
      };
      const got = await Promise.all(subs.map((s, i) => take(s, Object.values(want)[i]!.length)));
      Object.keys(want).forEach((k, i) => {
        assert.deepEqual(got[i]!.map((f) => Number(f.sequence)), want[k as keyof typeof want], k);
      });
      assert.equal(subs.reduce((n, s) => n + s.stats.requests, 0), 0);
    } finally {
      await pub.close();
      await Promise.all(subs.map((s) => s.close()));
    }
  });
});

Deno.test("the signal relay rejects and counts a frame whose CRC fails, and with --checksum required one without a CRC", async () => {
  for (const checksum of ["verify", "required"] as const) {
    await withRelay({ domain: RelayDomain.Signal, checksum }, async (relay, log) => {
      const sub = await subscribe(relay.path, { onUnavailable: () => {} });
      const pub = await connectPublisher(relay.path);
      try {
        const decision = (i: bigint) => ({
          signalId: i,
          decision: 1,
          reasonCode: 0,
          approvedAmount: i,
          tradingState: 1,
        });
        const good1 = oneFrame(RelayDomain.Signal, 3, 1n, TlvType.RiskDecision, decision(1n));
        const bad = oneFrame(RelayDomain.Signal, 3, 2n, TlvType.RiskDecision, decision(2n));
        bad[40] = bad[40]! ^ 0x10;
        const b = new FrameBuilder({
          source: 3,
          checksumPolicy: { 1: false, 2: false, 3: false, 4: false },
        });
        b.begin(RelayDomain.Signal, { sequence: 3n }).add(TlvType.RiskDecision, decision(3n)).end();
        const noCrc = b.take().slice();
        const good4 = oneFrame(RelayDomain.Signal, 3, 4n, TlvType.RiskDecision, decision(4n));
        await pub.write(concat(good1, bad, noCrc, good4));
        await pub.flush();
        const got = await take(sub, checksum === "verify" ? 3 : 2);
        assert.deepEqual(ids(got), checksum === "verify" ? ["3:1", "3:3", "3:4"] : ["3:1", "3:4"]);
        assert.equal(relay.stats.rejected.checksum, 1);
        assert.equal(relay.stats.rejected.missingChecksum, checksum === "required" ? 1 : 0);
        assert.ok(
          log.some((l) => /rejected source 3 sequence 2 .*CRC mismatch/.test(l)),
          log.join("\n"),
        );
      } finally {
        await pub.close();
        await sub.close();
      }
    });
  }
});

Deno.test("a relay rejects frames of another domain, and a publisher refuses them before sending", async () => {
  await withRelay({ domain: EXEC }, async (relay, log) => {
    const pub = await connectPublisher(relay.path);
    try {
      const market = marketFrames(1);
      await pub.write(market);
      await pub.flush();
      const { parseFrame } = await import("../../lib/protocol/mod.ts");
      assert.throws(
        () => pub.writeFrame(parseFrame(market)),
        (e) => e instanceof TransportError && e.code === "WRONG_DOMAIN",
      );
      const deadline = Date.now() + 5000;
      while (relay.stats.rejected.wrongDomain === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(relay.stats.rejected.wrongDomain, 1);
      assert.ok(log.some((l) => /domain 1 on the execution relay/.test(l)));
    } finally {
      await pub.close();
    }
  });
});

Deno.test("a relay refuses a client whose first frame is not a hello, or that expects another domain", async () => {
  await withRelay({ domain: EXEC }, async (relay) => {
    const conn = await Deno.connect({ transport: "unix", path: relay.path });
    try {
      await conn.write(oneFrame(EXEC, 4, 1n, TlvType.OrderCancel, cancel(1n)));
      const got = new Uint8Array(await new Response(conn.readable).arrayBuffer());
      assert.match(new TextDecoder().decode(got), /The first frame must be a RelayHello/);
    } finally {
      try {
        conn.close();
      } catch { /* closed by the relay */ }
    }
    await assert.rejects(
      connectRelay(relay.path, { role: "subscribe", domain: RelayDomain.MarketData }),
      (e) =>
        e instanceof TransportError && e.code === "HANDSHAKE_REJECTED" &&
        /carries the execution domain, not market/.test(e.message),
    );
    assert.equal(relay.stats.disconnects.badHello, 2);
  });
});

Deno.test("a subscriber resuming from a checkpoint gets the missed frames from the ring, then live ones, in order", async () => {
  await withRelay({ domain: RelayDomain.MarketData }, async (relay) => {
    const pub = await connectPublisher(relay.path);
    try {
      await pub.write(marketFrames(1000, 1));
      await pub.flush();
      while (relay.stats.framesIn < 1000) await new Promise((r) => setTimeout(r, 5));
      const sub = await subscribe(relay.path, { resume: new Map([[SourceType.Collector, 200n]]) });
      try {
        await pub.write(marketFrames(1000, 1001));
        await pub.flush();
        const got = await take(sub, 1800);
        assert.deepEqual(
          got.map((f) => Number(f.sequence)),
          Array.from({ length: 1800 }, (_, i) => 201 + i),
        );
        assert.equal(sub.stats.requests, 1);
        assert.equal(sub.stats.recovered, 800);
        assert.equal(relay.stats.recovery.retransmitted, 800);
        assert.deepEqual(sub.positions(), new Map([[SourceType.Collector, 2000n]]));
      } finally {
        await sub.close();
      }
    } finally {
      await pub.close();
    }
  });
});

Deno.test("frames older than the ring are declared unavailable: told to onUnavailable, or an error without it", async () => {
  await withRelay({ domain: RelayDomain.MarketData, ringFrames: 100 }, async (relay) => {
    const pub = await connectPublisher(relay.path);
    try {
      await pub.write(marketFrames(500, 1));
      await pub.flush();
      while (relay.stats.framesIn < 500) await new Promise((r) => setTimeout(r, 5));
      const lost: UnavailableRange[] = [];
      const sub = await subscribe(relay.path, {
        resume: new Map([[SourceType.Collector, 1n]]),
        onUnavailable: (r) => lost.push(r),
      });
      try {
        const got = await take(sub, 100);
        assert.deepEqual(lost, [{
          source: SourceType.Collector,
          from: 2n,
          to: 400n,
          reason: "unavailable",
        }]);
        assert.deepEqual(
          got.map((f) => Number(f.sequence)),
          Array.from({ length: 100 }, (_, i) => 401 + i),
        );
      } finally {
        await sub.close();
      }
      const strict = await subscribe(relay.path, { resume: new Map([[SourceType.Collector, 1n]]) });
      await assert.rejects(
        strict.frames.getReader().read(),
        (e) =>
          e instanceof TransportError && e.code === "RECOVERY_UNAVAILABLE" &&
          /Frames 2 to 400 of source 1/.test(e.message),
      );
      await strict.close();
    } finally {
      await pub.close();
    }
  });
});

Deno.test("a subscriber that does not read is disconnected under the disconnect policy, and told why", async () => {
  await withRelay({ domain: RelayDomain.MarketData }, async (relay, log) => {
    const sub = await subscribe(relay.path, {
      policy: "disconnect",
      queueFrames: 5000,
      name: "idle",
    });
    const pub = await connectPublisher(relay.path);
    try {
      // Enough to fill the socket buffers and then the 5000-frame queue.
      await pub.write(marketFrames(50_000));
      await pub.flush();
      const deadline = Date.now() + 10_000;
      while (relay.stats.disconnects.slow === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(relay.stats.disconnects.slow, 1);
      assert.ok(
        log.some((l) =>
          /disconnected subscriber #\d+ \(idle\): Queue full \(5000 frames\)/.test(l)
        ),
        log.join("\n"),
      );
      let n = 0;
      await assert.rejects(
        (async () => {
          for await (const f of sub.frames) assert.equal(f.sequence, BigInt(++n));
        })(),
        (e) => e instanceof TransportError && e.code === "DISCONNECTED_BY_RELAY",
      );
      assert.ok(n > 0 && n < 50_000, `read ${n} frames before the disconnect`);
      assert.equal(relay.stats.dropped, 0);
    } finally {
      await pub.close();
      await sub.close();
    }
  });
});

Deno.test("frames larger than one read pass through a relay whole, framed by header", async () => {
  await withRelay({ domain: RelayDomain.System }, async (relay) => {
    const sub = await subscribe(relay.path);
    const pub = await connectPublisher(relay.path);
    try {
      const b = new FrameBuilder({ source: SourceType.Monitor });
      const sizes = [700_000, 10, 300_000];
      for (const [i, size] of sizes.entries()) {
        b.begin(RelayDomain.System, { sequence: BigInt(i + 1) });
        for (let left = size; left > 0; left -= 60_000) {
          b.addRaw(230, new Uint8Array(Math.min(left, 60_000)).fill(i + 1));
        }
        b.end();
      }
      const bytes = b.take().slice();
      await pub.write(bytes);
      await pub.flush();
      const got = await take(sub, 3);
      assert.deepEqual(concat(...got.map((f) => f.bytes)), bytes);
    } finally {
      await pub.close();
      await sub.close();
    }
  });
});
