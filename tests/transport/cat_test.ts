// tests/transport/cat_test.ts — `torq cat` as a real process: files, stdio and relays.
import assert from "node:assert/strict";
import {
  bytesToHex,
  FrameBuilder,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { concat, marketFrames } from "./_frames.ts";
import { lastReport, startRelay, stopRelay, Torq, withTempDir } from "./_procs.ts";

/** `count` signal frames (with CRC) from two sources, interleaved. */
function signalFrames(count: number): Uint8Array {
  const risk = new FrameBuilder({ source: SourceType.Risk, initialSize: count * 80 });
  const det = new FrameBuilder({ source: SourceType.Detector, initialSize: count * 80 });
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) {
      det.begin(RelayDomain.Signal).add(TlvType.SignalIdentity, {
        strategyId: 7,
        signalId: BigInt(i),
        confidence: 90,
        expiresNs: 0n,
      }).end();
      parts.push(det.take().slice());
    } else {
      risk.begin(RelayDomain.Signal).add(TlvType.RiskDecision, {
        signalId: BigInt(i),
        decision: 1,
        reasonCode: 0,
        approvedAmount: 10n ** 18n + BigInt(i),
        tradingState: 1,
      }).end();
      parts.push(risk.take().slice());
    }
  }
  return concat(...parts);
}

/** Each source's frames, as hex, in stream order. */
function bySource(bytes: Uint8Array): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (let at = 0; at < bytes.length;) {
    const size = 32 + (bytes[at + 24]! | (bytes[at + 25]! << 8));
    (out[bytes[at + 6]!] ??= []).push(bytesToHex(bytes.subarray(at, at + size)));
    at += size;
  }
  return out;
}

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

Deno.test("torq cat copies a file into a relay and a tap of the relay back to a file, byte for byte", async () => {
  await withTempDir(async (dir) => {
    const frames = signalFrames(30_000);
    await Deno.writeFile(`${dir}/in.bin`, frames);
    const sock = `${dir}/signal.sock`;
    const relay = await startRelay("signal", sock);
    const procs = [relay];
    try {
      const tap = new Torq([
        "cat",
        "--in",
        `unix:${sock}`,
        "--out",
        `${dir}/out.bin`,
        "--limit",
        "30000",
      ]);
      procs.push(tap);
      await tap.waitFor(/subscribed/);
      const pub = new Torq(["cat", "--in", `${dir}/in.bin`, "--out", `unix:${sock}`]);
      procs.push(pub);
      assert.equal((await pub.done()).code, 0);
      const t = await tap.done();
      assert.equal(t.code, 0, t.stderr);
      assert.match(
        t.stderr,
        /30000 frame\(s\) copied; last sequence per source: (3:20000 2:10000|2:10000 3:20000)/,
      );
      assert.ok(same(await Deno.readFile(`${dir}/out.bin`), frames), "out.bin differs from in.bin");
      const r = await stopRelay(relay);
      assert.match(lastReport(r.stderr), /in 30000 .*dropped 0, rejected 0/);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("a frame with a corrupted CRC sent to the signal relay is rejected, logged and counted, and a tap reports the hole", async () => {
  await withTempDir(async (dir) => {
    const frames = signalFrames(10);
    // Frame 4 (a RiskDecision of source 3, its sequence 3) gets one payload bit flipped.
    const bad = frames.slice();
    let at = 0;
    for (let i = 0; i < 4; i++) at += 32 + (bad[at + 24]! | (bad[at + 25]! << 8));
    bad[at + 40] = bad[at + 40]! ^ 1;
    await Deno.writeFile(`${dir}/in.bin`, bad);
    const sock = `${dir}/signal.sock`;
    const relay = await startRelay("signal", sock);
    const procs = [relay];
    try {
      const tap = new Torq([
        "cat",
        "--in",
        `unix:${sock}`,
        "--out",
        `${dir}/out.bin`,
        "--limit",
        "9",
        "--allow-gaps",
      ]);
      procs.push(tap);
      await tap.waitFor(/subscribed/);
      const pub = new Torq([
        "cat",
        "--in",
        `${dir}/in.bin`,
        "--out",
        `unix:${sock}`,
        "--no-verify-checksum",
      ]);
      procs.push(pub);
      assert.equal((await pub.done()).code, 0);
      const t = await tap.done();
      assert.equal(t.code, 0, t.stderr);
      assert.match(t.stderr, /frames 3 to 3 of source 3 cannot be recovered \(unavailable\)/);
      const size4 = 32 + (bad[at + 24]! | (bad[at + 25]! << 8));
      const want = concat(frames.subarray(0, at), frames.subarray(at + size4));
      // In order per source (frames of source 3 after the hole waited for the recovery answer).
      assert.deepEqual(bySource(await Deno.readFile(`${dir}/out.bin`)), bySource(want));
      const r = await stopRelay(relay);
      assert.match(
        r.stderr,
        /rejected source 3 sequence 3 from publisher #\d+ \(torq cat\): CRC mismatch/,
      );
      assert.match(lastReport(r.stderr), /in 9 .*dropped 0, rejected 1 \(crc 1,/);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("torq cat copies stdin to stdout, stopping at a bad frame unless --skip-invalid", async () => {
  const good = marketFrames(100);
  const broken = concat(
    good.subarray(0, 86 * 50),
    new Uint8Array([1, 2, 3, 4, 5]),
    good.subarray(86 * 50),
  );
  for (const skip of [false, true]) {
    const p = new Torq(["cat", ...(skip ? ["--skip-invalid"] : [])], "piped", "piped");
    try {
      const w = p.child.stdin.getWriter();
      const writing = w.write(broken).then(() => w.close());
      const out = await p.readAll();
      await writing;
      const r = await p.done();
      if (skip) {
        assert.equal(r.code, 0, r.stderr);
        assert.ok(same(out, good));
        assert.match(r.stderr, /skipped 5 bytes at byte 4300: BAD_MAGIC/);
      } else {
        assert.equal(r.code, 1);
        assert.ok(same(out, good.subarray(0, 86 * 50)), "frames before the bad one are written");
        assert.match(r.stderr, /BAD_MAGIC at byte 4300/);
      }
    } finally {
      await p.reap();
    }
  }
});

Deno.test("torq cat says plainly that a nats:// server cannot be reached", async () => {
  const p = new Torq(["cat", "--in", "nats://127.0.0.1:1/torq.market", "--out", "-"], "piped");
  try {
    await p.readAll();
    const r = await p.done();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot reach NATS at 127\.0\.0\.1:1 .*nats-server -js/);
  } finally {
    await p.reap();
  }
});

Deno.test("torq cat names a relay that is not there", async () => {
  await withTempDir(async (dir) => {
    const p = new Torq(["cat", "--in", `unix:${dir}/none.sock`]);
    try {
      const r = await p.done();
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /CANNOT_CONNECT: Cannot connect to a relay at .*none\.sock: no socket there/,
      );
    } finally {
      await p.reap();
    }
  });
});
