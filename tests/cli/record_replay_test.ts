// tests/cli/record_replay_test.ts — `torq record` and `torq replay` as real processes on real
// relays: a recording replayed into another relay is recorded there byte for byte; a killed
// recorder restarts without a hole.
import assert from "node:assert/strict";
import { scenarioJson } from "../../lib/devnet/mod.ts";
import {
  decodeTlvs,
  FrameBuilder,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { framesOf, withScenario } from "../chain/_market.ts";
import { MARKET_FRAME_SIZE, marketFrames } from "../transport/_frames.ts";
import {
  fileSize,
  lastReport,
  startRelay,
  stopRelay,
  Torq,
  until,
  withTempDir,
} from "../transport/_procs.ts";

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

async function ok(p: Torq) {
  const r = await p.done();
  assert.equal(r.code, 0, `torq ${p.args.join(" ")}:\n${r.stderr}`);
  return r;
}

Deno.test("a recording made from one relay and replayed into another is recorded there byte for byte", async () => {
  await withTempDir(async (dir) => {
    const N = 50_000;
    const frames = marketFrames(N);
    await Deno.writeFile(`${dir}/frames.bin`, frames);
    const procs: Torq[] = [];
    try {
      const a = await startRelay("market", `${dir}/a.sock`);
      const b = await startRelay("market", `${dir}/b.sock`);
      procs.push(a, b);
      const rec = new Torq([
        "record",
        "--in",
        `unix:${dir}/a.sock`,
        `${dir}/a.bin`,
        "--limit",
        `${N}`,
      ]);
      procs.push(rec);
      await rec.waitFor(/subscribed/);
      procs.push(new Torq(["cat", "--in", `${dir}/frames.bin`, "--out", `unix:${dir}/a.sock`]));
      const r1 = await ok(rec);
      assert.match(
        r1.stderr,
        new RegExp(`torq record: done: read ${N.toLocaleString("en-US")} .*dropped 0`),
      );
      assert.ok(same(await Deno.readFile(`${dir}/a.bin`), frames), "the first recording differs");

      const rec2 = new Torq([
        "record",
        "--in",
        `unix:${dir}/b.sock`,
        `${dir}/b.bin`,
        "--limit",
        `${N}`,
      ]);
      procs.push(rec2);
      await rec2.waitFor(/subscribed/);
      const play = new Torq(["replay", `${dir}/a.bin`, "--out", `unix:${dir}/b.sock`, "--fast"]);
      procs.push(play);
      const rp = await ok(play);
      assert.match(
        rp.stderr,
        new RegExp(`torq replay: done: read ${N.toLocaleString("en-US")} .*dropped 0`),
      );
      await ok(rec2);
      assert.ok(
        same(await Deno.readFile(`${dir}/b.bin`), frames),
        "the replayed recording differs",
      );
      const rb = lastReport((await stopRelay(b)).stderr);
      assert.match(rb, new RegExp(`in ${N} .*dropped 0, rejected 0`));
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("torq replay at a given speed writes the recording unchanged to stdout", async () => {
  await withTempDir(async (dir) => {
    // Ten frames 20 ms apart by their header timestamps (two sources, interleaved).
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 10; i++) {
      const b = new FrameBuilder({
        source: i % 2 === 0 ? SourceType.Collector : SourceType.Simulator,
      });
      b.begin(RelayDomain.MarketData, {
        sequence: BigInt(i + 1),
        timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 20_000_000n,
      }).add(TlvType.GasPrice, {
        chainId: 1,
        blockNumber: BigInt(i),
        blockTimestamp: 1n,
        baseFeeWei: 1n,
        priorityFeeWei: 1n,
      }).end();
      parts.push(b.take().slice());
    }
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
    await Deno.writeFile(`${dir}/r.bin`, all);
    const play = new Torq(["replay", `${dir}/r.bin`, "--speed", "4", "--quiet"], "piped");
    const out = await play.readAll();
    await ok(play);
    assert.ok(same(out, all));
  });
});

Deno.test("torq record killed with SIGKILL and restarted records every frame once, in order", async () => {
  await withTempDir(async (dir) => {
    const per = 40_000;
    const first = marketFrames(per, 1);
    const second = marketFrames(per, per + 1);
    await Deno.writeFile(`${dir}/p0.bin`, first);
    await Deno.writeFile(`${dir}/p1.bin`, second);
    const sock = `${dir}/m.sock`;
    const out = `${dir}/rec.bin`;
    const procs: Torq[] = [];
    try {
      const relay = await startRelay("market", sock);
      procs.push(relay);
      const rec = new Torq(["record", "--in", `unix:${sock}`, out]);
      procs.push(rec);
      await rec.waitFor(/subscribed/);
      const pub0 = new Torq(["cat", "--in", `${dir}/p0.bin`, "--out", `unix:${sock}`]);
      procs.push(pub0);
      await until(async () => (await fileSize(out)) >= per * MARKET_FRAME_SIZE / 4, "a quarter");
      rec.kill("SIGKILL");
      assert.equal((await rec.done()).signal, "SIGKILL");
      await ok(pub0);
      const pub1 = new Torq(["cat", "--in", `${dir}/p1.bin`, "--out", `unix:${sock}`]);
      procs.push(pub1);
      await ok(pub1); // published while no recorder runs
      const kept = Math.floor((await fileSize(out)) / MARKET_FRAME_SIZE);
      const again = new Torq([
        "record",
        "--in",
        `unix:${sock}`,
        out,
        "--limit",
        `${2 * per - kept}`,
      ]);
      procs.push(again);
      const r = await ok(again);
      assert.match(r.stderr, /resuming 1 source\(s\)/);
      const got = await Deno.readFile(out);
      const want = new Uint8Array([...first, ...second]);
      assert.ok(same(got, want), `recording of ${got.length} bytes differs from ${want.length}`);
    } finally {
      await Promise.all(procs.map((p) => p.reap()));
    }
  });
});

Deno.test("torq record and torq replay refuse bad arguments with one line and exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [["record", "--in", "-"], /Give exactly one recording FILE, got 0/],
    [["record", "unix:market"], /torq record writes a file, got "unix:market"/],
    [["replay", "x.bin", "--speed", "0"], /--speed: Speed must be a number .* got "0"/],
    [["replay", "x.bin", "--speed", "2", "--fast"], /Give --speed X or --fast, not both/],
  ];
  for (const [args, re] of cases) {
    const p = new Torq(args);
    const r = await p.done();
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

Deno.test("torq collect publishes to a relay with --out and reports its health; a recorder gets every pool's state", async () => {
  await withScenario(async (anvil, scenario) => {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(`${dir}/pools.json`, JSON.stringify(scenarioJson(scenario)));
      const sock = `${dir}/market.sock`;
      const procs: Torq[] = [];
      try {
        const relay = await startRelay("market", sock);
        procs.push(relay);
        const rec = new Torq(["record", "--in", `unix:${sock}`, `${dir}/md.bin`]);
        procs.push(rec);
        await rec.waitFor(/subscribed/);
        const collect = new Torq([
          "collect",
          "--rpc",
          anvil.wsUrl,
          "--pools",
          `${dir}/pools.json`,
          "--out",
          `unix:${sock}`,
        ]);
        procs.push(collect);
        await collect.waitFor(/publishing to .*market\.sock/);
        const pools = scenario.pools.length;
        await until(async () => {
          const states = framesOf(
            await Deno.readFile(`${dir}/md.bin`).catch(() => new Uint8Array()),
          )
            .flatMap((f) => decodeTlvs(f)).filter((t) => t.type === TlvType.PoolState);
          return states.length >= pools;
        }, "a PoolState per pool in the recording");
        collect.kill("SIGTERM");
        const c = await collect.done();
        assert.equal(c.code, 0, c.stderr);
        assert.match(c.stderr, /torq collect: done: read 0 .*written [1-9][\d,]* dropped 0/);
        rec.kill("SIGTERM");
        const r = await rec.done();
        assert.equal(r.code, 0, r.stderr);
        const report = lastReport((await stopRelay(relay)).stderr);
        assert.match(report, /dropped 0, rejected 0/);
      } finally {
        await Promise.all(procs.map((p) => p.reap()));
      }
    });
  });
});
