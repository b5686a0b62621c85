// tests/transport/relay_process_test.ts — relays as real processes: `torq relay`, publishers
// and subscribers as `torq cat` processes on a real Unix socket. Nothing is mocked.
//
// TORQ_RELAY_FRAMES sets how many frames the zero-loss tests move (default 1,000,000).
import assert from "node:assert/strict";
import { MARKET_FRAME_SIZE, marketFrames } from "./_frames.ts";
import { fileSize, lastReport, startRelay, stopRelay, Torq, until, withTempDir } from "./_procs.ts";

const N = Number(Deno.env.get("TORQ_RELAY_FRAMES") ?? 1_000_000);
const TOTAL = N * MARKET_FRAME_SIZE;

/** Read a child's stdout slowly (a pause after every read) into one buffer. */
function slowReader(sub: Torq, size: number, pauseMs: number) {
  const out = new Uint8Array(size + 65536);
  let got = 0;
  const done = (async () => {
    const reader = sub.stdoutReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (got + value.length > out.length) {
        throw new Error("slow subscriber got more bytes than published");
      }
      out.set(value, got);
      got += value.length;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    done,
    bytes: () => out.subarray(0, got),
    get read() {
      return got;
    },
  };
}

async function sameBytes(path: string, want: Uint8Array): Promise<boolean> {
  const got = await Deno.readFile(path);
  return got.length === want.length && got.every((b, i) => b === want[i]);
}

Deno.test(`a relay delivers ${N} frames to three subscribers, one slow, each complete and in order under backpressure`, async () => {
  await withTempDir(async (dir) => {
    const frames = marketFrames(N);
    await Deno.writeFile(`${dir}/frames.bin`, frames);
    const sock = `${dir}/market.sock`;
    const relay = await startRelay("market", sock);
    const procs: Torq[] = [relay];
    try {
      const fast = ["a", "b"].map((n) => {
        const p = new Torq([
          "cat",
          "--in",
          `unix:${sock}`,
          "--out",
          `${dir}/${n}.bin`,
          "--limit",
          `${N}`,
          "--name",
          `fast-${n}`,
        ]);
        procs.push(p);
        return p;
      });
      const slow = new Torq(
        [
          "cat",
          "--in",
          `unix:${sock}`,
          "--out",
          "-",
          "--limit",
          `${N}`,
          "--queue",
          "1000",
          "--name",
          "slow",
        ],
        "piped",
      );
      procs.push(slow);
      await Promise.all([...fast, slow].map((p) => p.waitFor(/subscribed/)));
      const reader = slowReader(slow, TOTAL, 1);
      const pub = new Torq(["cat", "--in", `${dir}/frames.bin`, "--out", `unix:${sock}`]);
      procs.push(pub);
      // How much the slow one had read when each fast one finished: with backpressure the
      // publisher runs at the slow reader's pace, so the fast ones cannot get far ahead.
      const slowAtFastEnd = await Promise.all(fast.map(async (p) => {
        const r = await p.done();
        assert.equal(r.code, 0, r.stderr);
        return reader.read;
      }));
      const s = await slow.done();
      assert.equal(s.code, 0, s.stderr);
      await reader.done;
      const p = await pub.done();
      assert.equal(p.code, 0, p.stderr);
      assert.equal(reader.bytes().length, TOTAL);
      assert.ok(reader.bytes().every((b, i) => b === frames[i]), "slow subscriber's bytes differ");
      for (const n of ["a", "b"]) {
        assert.ok(await sameBytes(`${dir}/${n}.bin`, frames), `${n}.bin differs`);
      }
      for (const read of slowAtFastEnd) {
        assert.ok(
          read > TOTAL * 0.9,
          `fast subscriber finished when the slow one had ${read} of ${TOTAL} bytes`,
        );
      }
      const r = await stopRelay(relay);
      assert.equal(r.code, 0, r.stderr);
      const report = lastReport(r.stderr);
      assert.match(report, new RegExp(`in ${N} .* out ${3 * N} `));
      assert.match(report, /dropped 0, rejected 0, disconnects 3 \(slow 0, left 3/);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test(`a relay disconnects a slow subscriber under the disconnect policy with a logged reason, and the others get all ${N} frames`, async () => {
  await withTempDir(async (dir) => {
    const frames = marketFrames(N);
    await Deno.writeFile(`${dir}/frames.bin`, frames);
    const sock = `${dir}/market.sock`;
    const relay = await startRelay("market", sock);
    const procs: Torq[] = [relay];
    try {
      const fast = ["a", "b"].map((n) => {
        const p = new Torq([
          "cat",
          "--in",
          `unix:${sock}`,
          "--out",
          `${dir}/${n}.bin`,
          "--limit",
          `${N}`,
        ]);
        procs.push(p);
        return p;
      });
      const slow = new Torq(
        [
          "cat",
          "--in",
          `unix:${sock}`,
          "--out",
          "-",
          "--policy",
          "disconnect",
          "--queue",
          "10000",
          "--name",
          "slow",
        ],
        "piped",
      );
      procs.push(slow);
      await Promise.all([...fast, slow].map((p) => p.waitFor(/subscribed/)));
      const reader = slowReader(slow, TOTAL, 5);
      const pub = new Torq(["cat", "--in", `${dir}/frames.bin`, "--out", `unix:${sock}`]);
      procs.push(pub);
      for (const p of [...fast, pub]) {
        const r = await p.done();
        assert.equal(r.code, 0, r.stderr);
      }
      for (const n of ["a", "b"]) {
        assert.ok(await sameBytes(`${dir}/${n}.bin`, frames), `${n}.bin differs`);
      }
      const s = await slow.done();
      await reader.done;
      // The slow one stops with an error that names the reason, after a clean prefix.
      assert.equal(s.code, 1, s.stderr);
      assert.match(
        s.stderr,
        /DISCONNECTED_BY_RELAY: .*disconnected this subscriber: Queue full \(10000 frames\) under the disconnect policy/,
      );
      const got = reader.bytes();
      assert.ok(got.length < TOTAL, "the slow subscriber was not disconnected");
      assert.equal(got.length % MARKET_FRAME_SIZE, 0, "the slow subscriber got a partial frame");
      assert.ok(
        got.every((b, i) => b === frames[i]),
        "the slow subscriber's frames are not a prefix of the stream",
      );
      const r = await stopRelay(relay);
      assert.match(
        r.stderr,
        /disconnected subscriber #\d+ \(slow\): Queue full \(10000 frames\) under the disconnect policy at source 1 sequence \d+/,
      );
      const report = lastReport(r.stderr);
      assert.match(report, /dropped 0, rejected 0, disconnects 3 \(slow 1, left 2/);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("a subscriber killed with SIGKILL and restarted recovers what it missed from the relay's ring", async () => {
  await withTempDir(async (dir) => {
    const per = 40_000;
    const parts = [
      marketFrames(per, 1),
      marketFrames(per, per + 1),
      marketFrames(per / 2, 2 * per + 1),
    ];
    for (const [i, p] of parts.entries()) await Deno.writeFile(`${dir}/part${i}.bin`, p);
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) (all.set(p, at), at += p.length);
    const sock = `${dir}/market.sock`;
    const out = `${dir}/recording.bin`;
    const relay = await startRelay("market", sock);
    const procs: Torq[] = [relay];
    const publish = async (i: number) => {
      const p = new Torq(["cat", "--in", `${dir}/part${i}.bin`, "--out", `unix:${sock}`]);
      procs.push(p);
      const r = await p.done();
      assert.equal(r.code, 0, r.stderr);
    };
    try {
      const first = new Torq(["cat", "--in", `unix:${sock}`, "--out", out, "--append"]);
      procs.push(first);
      await first.waitFor(/subscribed/);
      const publishing = publish(0);
      // Kill it mid-stream: the recording may end inside a frame.
      await until(
        async () => (await fileSize(out)) >= per * MARKET_FRAME_SIZE / 4,
        "the first quarter",
      );
      first.kill("SIGKILL");
      const killed = await first.done();
      assert.equal(killed.signal, "SIGKILL");
      await publishing;
      await publish(1); // while no subscriber runs
      // Restart: it cuts a partial last frame, resumes from the recording's last sequence,
      // gets what it missed by RecoveryRequest, then the live frames of part 2.
      const kept = Math.floor((await fileSize(out)) / MARKET_FRAME_SIZE);
      const remaining = all.length / MARKET_FRAME_SIZE - kept;
      const again = new Torq([
        "cat",
        "--in",
        `unix:${sock}`,
        "--out",
        out,
        "--append",
        "--limit",
        `${remaining}`,
      ]);
      procs.push(again);
      await again.waitFor(/subscribed to .* \(resuming 1 source\(s\)\)/);
      await publish(2);
      const r3 = await again.done();
      assert.equal(r3.code, 0, r3.stderr);
      const got = await Deno.readFile(out);
      assert.equal(got.length, all.length);
      assert.ok(got.every((b, i) => b === all[i]), "the recording differs from what was published");
      const r = await stopRelay(relay);
      const report = lastReport(r.stderr);
      assert.match(report, /dropped 0, rejected 0/);
      // The restart asked for the frames published while it was down, and got them all.
      const m = /recovery (\d+) req \/ (\d+) frames \/ 0 unavailable/.exec(report);
      assert.ok(m !== null, report);
      assert.ok(Number(m[1]) >= 1 && Number(m[2]) >= per, report);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("a relay removes the stale socket of a killed relay, and refuses to start while one is alive", async () => {
  await withTempDir(async (dir) => {
    const sock = `${dir}/signal.sock`;
    const dead = await startRelay("signal", sock);
    dead.kill("SIGKILL");
    await dead.done();
    assert.ok((await Deno.lstat(sock)).isSocket, "SIGKILL should leave the socket file behind");
    const relay = await startRelay("signal", sock);
    const procs = [relay];
    try {
      assert.match(relay.stderr, new RegExp(`removed stale socket ${sock}`));
      const second = new Torq(["relay", "--domain", "signal", "--socket", sock]);
      procs.push(second);
      const r = await second.done();
      assert.equal(r.code, 1);
      assert.match(r.stderr, /RELAY_ALIVE: A relay is already running on .*signal\.sock/);
      // The live relay still serves: a subscriber can connect.
      const sub = new Torq(["cat", "--in", `unix:${sock}`, "--limit", "1"]);
      procs.push(sub);
      await sub.waitFor(/subscribed/);
      const stopped = await stopRelay(relay);
      assert.equal(stopped.code, 0);
      await assert.rejects(Deno.lstat(sock), Deno.errors.NotFound);
      const s = await sub.done();
      assert.equal(s.code, 1);
      assert.match(s.stderr, /disconnected this subscriber: Relay is stopping/);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("a relay refuses a socket path that holds something other than a socket", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/not-a-socket`;
    await Deno.writeTextFile(path, "keep me");
    const relay = new Torq(["relay", "--domain", "market", "--socket", path]);
    try {
      const r = await relay.done();
      assert.equal(r.code, 1);
      assert.match(r.stderr, /NOT_A_SOCKET: .*not-a-socket exists and is not a socket/);
      assert.equal(await Deno.readTextFile(path), "keep me");
    } finally {
      await relay.reap();
    }
  });
});
