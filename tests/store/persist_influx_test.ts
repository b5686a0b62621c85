// tests/store/persist_influx_test.ts — `torq persist` as a real process against a real influxd
// (1.x): every persisted TLV read back with InfluxQL, values exact; a server that is down is
// named, and nothing is lost silently.
import assert from "node:assert/strict";
import { InfluxClient, type InfluxSeries } from "../../lib/store/mod.ts";
import { startInflux } from "../_servers/influx.ts";
import { Torq, withTempDir } from "../transport/_procs.ts";
import { decision, gas, metrics, persistedFrames, report, signal, STAMP } from "./_signals.ts";

const N = 300;

/** The rows of a series as objects keyed by column. */
function rows(series: InfluxSeries[]): Record<string, unknown>[] {
  assert.equal(series.length, 1, `expected one series, got ${series.map((x) => x.name)}`);
  const s = series[0]!;
  return s.values.map((v) => Object.fromEntries(s.columns.map((c, i) => [c, v[i]])));
}

// The documented schema, written out independently of lib/store: amounts and ids as decimal
// strings, other integers as int64, hex lower-case, chainId/strategyId/source as tags.
const dec = (x: bigint) => x.toString();

Deno.test("torq persist writes signals, decisions, reports, metrics and gas prices that read back exactly", async () => {
  await using influx = await startInflux();
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, persistedFrames(N));
    const p = new Torq([
      "persist",
      "--in",
      `${dir}/in.bin`,
      "--influx",
      influx.url,
      "--db",
      "torq_test",
      "--batch",
      "128",
    ]);
    const r = await p.done();
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`${5 * N} point\\(s\\) written`));
    assert.match(r.stderr, /torq persist: done: read 1,800 .* dropped 0/);

    const db = new InfluxClient({ url: influx.url, db: "torq_test" });
    const sig = rows(await db.query("SELECT * FROM arbitrage_signal ORDER BY time"));
    assert.equal(sig.length, N, "every signal is its own point, though all share a timestamp");
    for (const [i, row] of sig.entries()) {
      const s = signal(i);
      assert.equal(row.time, STAMP + BigInt(i));
      assert.deepEqual(
        {
          source: row.source,
          chainId: row.chainId,
          strategyId: row.strategyId,
          signalId: row.signalId,
          amountIn: row.amountIn,
          expectedOut: row.expectedOut,
          expectedProfit: row.expectedProfit,
          gasCostIn: row.gasCostIn,
          netProfit: row.netProfit,
          netProfitUsd: row.netProfitUsd,
          gasCostUsd: row.gasCostUsd,
          gasUnits: row.gasUnits,
          blockNumber: row.blockNumber,
          tokenIn: row.tokenIn,
          hops: row.hops,
          sequence: row.sequence,
          frameTimestampNs: row.frameTimestampNs,
        },
        {
          source: "2",
          chainId: "137",
          strategyId: "7",
          signalId: dec(s.signalId),
          amountIn: dec(s.amountIn),
          expectedOut: dec(s.expectedOut),
          expectedProfit: dec(s.expectedProfit),
          gasCostIn: dec(s.gasCostIn),
          netProfit: dec(s.netProfit),
          netProfitUsd: s.netProfitUsd,
          gasCostUsd: s.gasCostUsd,
          gasUnits: s.gasUnits,
          blockNumber: s.blockNumber,
          tokenIn: s.tokenIn,
          hops: 2n,
          sequence: BigInt(i + 1),
          frameTimestampNs: STAMP,
        },
      );
      assert.deepEqual(
        JSON.parse(row.route as string),
        s.hops.map((h) => ({ ...h, amountIn: dec(h.amountIn), amountOut: dec(h.amountOut) })),
      );
    }

    const dcs = rows(await db.query("SELECT * FROM risk_decision ORDER BY time"));
    assert.equal(dcs.length, N);
    for (const [i, row] of dcs.entries()) {
      const d = decision(i);
      assert.equal(row.approvedAmount, dec(d.approvedAmount));
      assert.equal(row.signalId, dec(d.signalId));
      assert.deepEqual([row.decision, row.reasonCode, row.tradingState], [3n, 12n, 2n]);
    }

    const reps = rows(await db.query("SELECT * FROM execution_report ORDER BY time"));
    assert.equal(reps.length, N);
    for (const [i, row] of reps.entries()) {
      const e = report(i);
      assert.deepEqual(
        [row.expectedProfit, row.realizedProfit, row.expectedPnlUsd, row.realizedPnlUsd],
        [dec(e.expectedProfit), dec(e.realizedProfit), e.expectedPnlUsd, e.realizedPnlUsd],
      );
      assert.deepEqual([row.txHash, row.latencyNs, row.orderId], [e.txHash, e.latencyNs, `${i}`]);
    }

    const met = rows(await db.query("SELECT * FROM risk_metrics ORDER BY time"));
    assert.equal(met.length, N);
    for (const [i, row] of met.entries()) {
      const m = metrics(i);
      assert.deepEqual(
        [row.navUsd, row.var95Usd, row.drawdownBps, row.grossExposureUsd],
        [m.navUsd, m.var95Usd, BigInt(m.drawdownBps), m.grossExposureUsd],
      );
    }

    const gp = rows(await db.query("SELECT * FROM gas_price ORDER BY time"));
    assert.equal(gp.length, N);
    for (const [i, row] of gp.entries()) {
      assert.equal(row.baseFeeWei, dec(gas(i).baseFeeWei));
      assert.equal(row.blockNumber, BigInt(i));
    }
    // Not persisted types leave nothing behind.
    const measurements = rows(await db.query("SHOW MEASUREMENTS")).map((r) => r.name);
    assert.deepEqual(measurements, [
      "arbitrage_signal",
      "execution_report",
      "gas_price",
      "risk_decision",
      "risk_metrics",
    ]);
  });
});

Deno.test("torq persist puts --measurement-prefix in front of every measurement", async () => {
  await using influx = await startInflux();
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, persistedFrames(3));
    const p = new Torq([
      "persist",
      "--in",
      `${dir}/in.bin`,
      "--influx",
      influx.url,
      "--db",
      "pfx",
      "--measurement-prefix",
      "bt 1,",
      "--quiet",
    ]);
    const r = await p.done();
    assert.equal(r.code, 0, r.stderr);
    const db = new InfluxClient({ url: influx.url, db: "pfx" });
    const names = rows(await db.query("SHOW MEASUREMENTS")).map((r) => r.name);
    assert.deepEqual(names, [
      "bt 1,arbitrage_signal",
      "bt 1,execution_report",
      "bt 1,gas_price",
      "bt 1,risk_decision",
      "bt 1,risk_metrics",
    ]);
    assert.equal(rows(await db.query('SELECT * FROM "bt 1,gas_price"')).length, 3);
  });
});

Deno.test("torq persist with InfluxDB down names the URL, retries, says what was not written and exits 1", async () => {
  const influx = await startInflux();
  const url = influx.url;
  await influx.stop(); // nothing listens on that port now
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, persistedFrames(2));
    const p = new Torq([
      "persist",
      "--in",
      `${dir}/in.bin`,
      "--influx",
      url,
      "--db",
      "torq",
      "--attempts",
      "3",
    ]);
    const r = await p.done();
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`attempt 1 failed .*retrying in 200 ms`));
    assert.match(
      r.stderr,
      new RegExp(`INFLUX_UNREACHABLE: Cannot reach InfluxDB at ${url}: .* failed 3 time\\(s\\)`),
    );
  });
});

Deno.test("torq persist that loses InfluxDB mid-stream reports the points not written and exits 1", async () => {
  const influx = await startInflux();
  let stopped = false;
  try {
    await withTempDir(async (dir) => {
      // A FIFO: the test feeds frames, stops the server, then feeds more.
      const fifo = `${dir}/in.fifo`;
      await new Deno.Command("mkfifo", { args: [fifo] }).output();
      const p = new Torq([
        "persist",
        "--in",
        fifo,
        "--influx",
        influx.url,
        "--db",
        "torq",
        "--batch",
        "5",
        "--attempts",
        "2",
      ]);
      const w = await Deno.open(fifo, { write: true });
      try {
        await w.write(persistedFrames(2)); // 10 points: two full batches, written
        const db = new InfluxClient({ url: influx.url, db: "torq" });
        const deadline = Date.now() + 15_000;
        const count = () => db.query("SELECT count(blockNumber) FROM gas_price").catch(() => []);
        while ((await count()).length === 0) {
          assert.ok(Date.now() < deadline, `the first batches never arrived:\n${p.stderr}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        await influx.stop();
        stopped = true;
        await w.write(persistedFrames(1)); // 5 more points: cannot be written
      } finally {
        w.close();
      }
      const r = await p.done();
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /INFLUX_UNREACHABLE: Cannot reach InfluxDB at http:\/\/127\.0\.0\.1:\d+/,
      );
      const m = /(\d+) point\(s\) written; (\d+) point\(s\) NOT written/.exec(r.stderr);
      assert.ok(m !== null, r.stderr);
      assert.ok(Number(m[1]) >= 5 && Number(m[1]) + Number(m[2]) === 15, r.stderr);
    });
  } finally {
    if (!stopped) await influx.stop();
  }
});

Deno.test("torq persist retries a write InfluxDB answers with 503 and loses nothing", async () => {
  await using influx = await startInflux();
  // A proxy in front of the real server that fails the first two writes with 503.
  let failures = 2;
  const proxy = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const u = new URL(req.url);
    if (u.pathname === "/write" && failures > 0) {
      failures--;
      return new Response("overloaded", { status: 503 });
    }
    const r = await fetch(`${influx.url}${u.pathname}${u.search}`, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    const body = await r.arrayBuffer();
    return new Response(r.status === 204 ? null : body, { status: r.status });
  });
  try {
    await withTempDir(async (dir) => {
      await Deno.writeFile(`${dir}/in.bin`, persistedFrames(20));
      const p = new Torq([
        "persist",
        "--in",
        `${dir}/in.bin`,
        "--influx",
        `http://127.0.0.1:${proxy.addr.port}`,
        "--db",
        "torq",
      ]);
      const r = await p.done();
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /attempt 1 failed \(HTTP 503: overloaded\); retrying in 200 ms/);
      assert.match(r.stderr, /attempt 2 failed \(HTTP 503: overloaded\); retrying in 400 ms/);
      const db = new InfluxClient({ url: influx.url, db: "torq" });
      for (const m of ["arbitrage_signal", "gas_price", "risk_metrics"]) {
        assert.equal(rows(await db.query(`SELECT * FROM ${m}`)).length, 20, m);
      }
    });
  } finally {
    await proxy.shutdown();
  }
});
