// tests/transport/nats_cli_test.ts — `torq cat` processes moving frames through a real
// nats-server with JetStream: round trips, fan-out without loss, restarts, errors.
import assert from "node:assert/strict";
import { startNats } from "../_servers/nats.ts";
import { MARKET_FRAME_SIZE, marketFrames } from "./_frames.ts";
import { fileSize, Torq, until, withTempDir } from "./_procs.ts";

/** Frames of the fan-out and restart tests (TORQ_NATS_FRAMES; 1,000,000 takes about a minute). */
const FRAMES = Number(Deno.env.get("TORQ_NATS_FRAMES") ?? 200_000);

async function sameFile(a: string, b: string): Promise<void> {
  const [x, y] = [await Deno.readFile(a), await Deno.readFile(b)];
  assert.equal(y.length, x.length, `${b} has ${y.length} bytes, ${a} has ${x.length}`);
  // First differing frame, if any, for a readable failure.
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) assert.fail(`${b} differs from ${a} in frame ${Math.floor(i / 86) + 1}`);
  }
}

Deno.test("torq cat moves frames file → nats → file byte for byte", async () => {
  await using nats = await startNats();
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, marketFrames(20_000));
    const pub = new Torq(["cat", "--in", `${dir}/in.bin`, "--out", `${nats.url}/torq.market.a`]);
    const p = await pub.done();
    assert.equal(p.code, 0, p.stderr);
    const sub = new Torq([
      "cat",
      "--in",
      `${nats.url}/torq.market.>?durable=copy`,
      "--out",
      `${dir}/out.bin`,
      "--limit",
      "20000",
    ]);
    const s = await sub.done();
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stderr, /20000 frame\(s\) copied; last sequence per source: 1:20000/);
    await sameFile(`${dir}/in.bin`, `${dir}/out.bin`);
  });
});

Deno.test(`three durable consumers each get all ${FRAMES} frames in order while they are published`, async () => {
  await using nats = await startNats();
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, marketFrames(FRAMES));
    const procs: Torq[] = [];
    try {
      for (const n of [1, 2, 3]) {
        procs.push(
          new Torq([
            "cat",
            "--quiet",
            "--in",
            `${nats.url}/torq.market.>?durable=c${n}`,
            "--out",
            `${dir}/c${n}.bin`,
            "--limit",
            String(FRAMES),
          ]),
        );
      }
      // The consumers exist before the first frame is published: they read it live.
      for (const c of procs) await c.waitFor(/consuming nats:/);
      const pub = new Torq([
        "cat",
        "--quiet",
        "--in",
        `${dir}/in.bin`,
        "--out",
        `${nats.url}/torq.market.x`,
      ]);
      procs.push(pub);
      const p = await pub.done(60_000);
      assert.equal(p.code, 0, p.stderr);
      for (const c of procs.slice(0, 3)) {
        const r = await c.done(60_000);
        assert.equal(r.code, 0, r.stderr);
      }
      for (const n of [1, 2, 3]) await sameFile(`${dir}/in.bin`, `${dir}/c${n}.bin`);
    } finally {
      for (const c of procs) await c.reap();
    }
  });
});

Deno.test("a consumer killed mid-stream and restarted with its durable name gets exactly the rest", async () => {
  await using nats = await startNats();
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, marketFrames(FRAMES));
    const pub = new Torq([
      "cat",
      "--quiet",
      "--in",
      `${dir}/in.bin`,
      "--out",
      `${nats.url}/torq.market.x`,
    ]);
    assert.equal((await pub.done(60_000)).code, 0);
    const args = [
      "cat",
      "--in",
      `${nats.url}/torq.market.x?durable=rec`,
      "--out",
      `${dir}/out.bin`,
    ];
    const first = new Torq([...args, "--append"]);
    try {
      const total = FRAMES * MARKET_FRAME_SIZE;
      await until(async () => (await fileSize(`${dir}/out.bin`)) > total / 5, "a fifth", 30_000);
      first.kill("SIGKILL");
      await first.done();
    } finally {
      await first.reap();
    }
    const got = await fileSize(`${dir}/out.bin`);
    assert(got < FRAMES * MARKET_FRAME_SIZE, "killed mid-stream, not after the end");
    const kept = Math.floor(got / MARKET_FRAME_SIZE); // --append cuts a frame left half-written
    const second = new Torq([...args, "--append", "--limit", String(FRAMES - kept)]);
    const r = await second.done(60_000);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`${FRAMES - kept} frame\\(s\\) copied`));
    await sameFile(`${dir}/in.bin`, `${dir}/out.bin`);
  });
});

Deno.test("torq cat with an unreachable nats server fails with one line and exit 1", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const r = await new Torq([
    "cat",
    "--in",
    `nats://127.0.0.1:${port}/torq.market.>`,
    "--out",
    "/dev/null",
  ]).done();
  assert.equal(r.code, 1);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0]!,
    new RegExp(`Cannot reach NATS at 127\\.0\\.0\\.1:${port}.*nats-server -js`),
  );
});

Deno.test("torq cat with a wildcard subject to publish to is a usage error, exit 2", async () => {
  const r = await new Torq(["cat", "--in", "/dev/null", "--out", "nats://127.0.0.1:4222/torq.>"])
    .done();
  assert.equal(r.code, 2);
  assert.match(r.stderr, /wildcard; a sink publishes to one exact subject/);
});
