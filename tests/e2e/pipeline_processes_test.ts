// tests/e2e/pipeline_processes_test.ts — the whole pipeline as separate real processes over
// Unix-socket relays: devnet → collect → market relay → arb-scan → signal relay → risk →
// execution relay → execute --paper → reports relay, with risk reading the reports back.
import assert from "node:assert/strict";
import {
  type ArbitrageSignal,
  decodeTlvs,
  type ExecutionReport,
  type RiskDecision,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { openFrameSource } from "../../lib/transport/mod.ts";
import { startRelay, stopRelay, Torq, withTempDir } from "../transport/_procs.ts";
import { alive, devnetDescription, doneLine, numbers, quiet, stageConfigFor } from "./_pipeline.ts";

const RUN_MS = Number(Deno.env.get("TORQ_E2E_MS") ?? 15_000);

/** Every ArbitrageSignal, RiskDecision and ExecutionReport of a recording, in order. */
async function valuesIn(path: string) {
  const source = await openFrameSource(path);
  const signals: ArbitrageSignal[] = [];
  const decisions: RiskDecision[] = [];
  const reports: ExecutionReport[] = [];
  let frames = 0;
  for await (const frame of source.frames) {
    frames++;
    const tlvs = decodeTlvs(frame);
    const decided = tlvs.some((t) => t.type === TlvType.RiskDecision);
    for (const t of tlvs) {
      if (t.type === TlvType.ArbitrageSignal && t.name !== undefined && !decided) {
        signals.push(t.value);
      }
      if (t.type === TlvType.RiskDecision && t.name !== undefined) decisions.push(t.value);
      if (t.type === TlvType.ExecutionReport && t.name !== undefined) reports.push(t.value);
    }
  }
  await source.close();
  return { frames, signals, decisions, reports };
}

Deno.test("every opportunity the detector finds across real processes and relays is decided, and every approved one executed or missed with a reason", async () => {
  await withTempDir(async (dir) => {
    const procs: Torq[] = [];
    const pids: number[] = [];
    const start = (args: string[], stdout: "piped" | "null" = "null") => {
      const p = new Torq(args, stdout);
      procs.push(p);
      pids.push(p.child.pid);
      return p;
    };
    let anvilPid: number | undefined;
    try {
      // The chain: Anvil, real Uniswap, a seeded simulator.
      const devnet = start(["devnet", "--json", "--seed", "7", "--rate", "8"], "piped");
      const description = await devnetDescription(devnet);
      anvilPid = (JSON.parse(description) as { anvilPid: number }).anvilPid;
      const wsUrl = (JSON.parse(description) as { wsUrl: string }).wsUrl;
      const devnetJson = `${dir}/devnet.json`;
      await Deno.writeTextFile(devnetJson, description);
      const config = `${dir}/stage.json`;
      await Deno.writeTextFile(config, await stageConfigFor(devnetJson));

      // Relays, then the taps, then the stages from the bottom up, each connected before the
      // next starts, and the collector last: nobody misses the first pool states.
      const sock = (name: string) => `${dir}/${name}.sock`;
      const relays = {
        market: await startRelay("market", sock("market")),
        signal: await startRelay("signal", sock("signal")),
        execution: await startRelay("execution", sock("execution")),
        reports: await startRelay("execution", sock("reports")),
      };
      for (const r of Object.values(relays)) {
        procs.push(r);
        pids.push(r.child.pid);
      }
      const connected = (relay: Torq, n: number) =>
        relay.waitFor(new RegExp(`(connected \\((backpressure|publishing)[^\\n]*\\n[^]*){${n}}`));
      const tap = (name: string) => {
        const t = start(["cat", "--in", `unix:${sock(name)}`, "--out", `${dir}/${name}.tap`]);
        return t;
      };
      const taps = { signal: tap("signal"), execution: tap("execution"), reports: tap("reports") };
      for (const t of Object.values(taps)) await t.waitFor(/subscribed to/, 30_000);
      const execute = start([
        "execute",
        "--paper",
        "--tokens", // market and paper wallet from the devnet's JSON (execute takes no limits)
        devnetJson,
        "--in",
        `unix:${sock("execution")}`,
        "--in",
        `unix:${sock("market")}`,
        "--out",
        `unix:${sock("reports")}`,
      ]);
      await connected(relays.reports, 2); // tap + execute publishing
      const risk = start([
        "risk",
        "--config",
        config,
        "--kill-file",
        `${dir}/risk.halt`,
        "--in",
        `unix:${sock("signal")}`,
        "--in",
        `unix:${sock("market")}`,
        "--out",
        `unix:${sock("execution")}`,
        "--feedback",
        `unix:${sock("reports")}`,
      ]);
      await connected(relays.execution, 3); // tap, execute, risk publishing
      await connected(relays.reports, 3); // + risk's feedback
      const scan = start([
        "arb-scan",
        "--tokens",
        devnetJson,
        "--in",
        `unix:${sock("market")}`,
        "--out",
        `unix:${sock("signal")}`,
      ]);
      await connected(relays.signal, 3); // tap, risk, arb-scan publishing
      await connected(relays.market, 3); // execute, risk, arb-scan
      const collect = start([
        "collect",
        "--rpc",
        wsUrl,
        "--pools",
        devnetJson,
        "--out",
        `unix:${sock("market")}`,
      ]);
      await collect.waitFor(/publishing to/, 30_000);
      await new Promise((r) => setTimeout(r, RUN_MS));

      // Stop in pipeline order: the source first, then each stage once what is upstream of it
      // went quiet (it read everything), so each stage ends having handled all its input.
      collect.kill("SIGINT");
      const collected = await collect.done(20_000);
      assert.equal(collected.code, 0, collected.stderr);
      const tapFiles = ["signal", "execution", "reports"].map((n) => `${dir}/${n}.tap`);
      await quiet(tapFiles, 1500, 20_000);
      const stopped: Record<string, { code: number; stderr: string }> = {};
      for (const [name, p] of [["arb-scan", scan], ["risk", risk], ["execute", execute]] as const) {
        p.kill("SIGINT");
        const r = await p.done(20_000);
        assert.equal(r.code, 0, `${name}: ${r.stderr}`);
        stopped[name] = r;
        await quiet(tapFiles, 500, 10_000);
      }
      const tapped: Record<string, string> = {};
      for (const [name, t] of Object.entries(taps)) {
        t.kill("SIGINT");
        const r = await t.done(10_000);
        assert.equal(r.code, 0, `tap ${name}: ${r.stderr}`);
        tapped[name] = r.stderr;
      }
      for (const r of Object.values(relays)) assert.equal((await stopRelay(r)).code, 0);
      devnet.kill("SIGINT");
      assert.equal((await devnet.done(20_000)).code, 0, devnet.stderr);

      // What the taps recorded, decoded by the library.
      const sig = await valuesIn(`${dir}/signal.tap`);
      const exe = await valuesIn(`${dir}/execution.tap`);
      const rep = await valuesIn(`${dir}/reports.tap`);
      const ids = sig.signals.map((s) => s.signalId);
      console.log(
        `e2e: ${ids.length} signal(s); taps: signal ${sig.frames}, execution ${exe.frames}, ` +
          `reports ${rep.frames} frame(s); ${rep.reports.length} report(s)`,
      );
      assert(ids.length > 0, `no signal in ${RUN_MS} ms:\n${stopped["arb-scan"]!.stderr}`);
      assert.equal(new Set(ids).size, ids.length, "a signal id twice");

      // Every signal decided, exactly once.
      const decision = new Map(exe.decisions.map((d) => [d.signalId, d]));
      assert.equal(decision.size, exe.decisions.length, "a signal decided twice");
      for (const id of ids) assert(decision.has(id), `signal ${id} without a RiskDecision`);
      assert.equal(exe.decisions.length, ids.length);

      // Every approved (or reduced) one executed or missed with a reason, exactly once.
      const approved = exe.decisions.filter((d) => d.decision !== 2).map((d) => d.signalId);
      const report = new Map(rep.reports.map((r) => [r.signalId, r]));
      assert.equal(report.size, rep.reports.length, "a signal reported twice");
      for (const id of approved) assert(report.has(id), `approved signal ${id} without a report`);
      assert.equal(rep.reports.length, approved.length);

      // The stages' own summaries agree with the taps; nothing dropped anywhere.
      for (const r of Object.values(stopped)) {
        console.log(
          r.stderr.split("\n").filter((l) => /done:|signal\(s\)|opportunit/.test(l)).join("\n"),
        );
      }
      const scanErr = stopped["arb-scan"]!.stderr;
      assert.equal(numbers(scanErr, /torq arb-scan: (\d+) signal\(s\) from/)[0], ids.length);
      const riskErr = stopped["risk"]!.stderr;
      const [decided, ok, reduced, rejected] = numbers(
        riskErr,
        /torq risk: (\d+) signal\(s\): (\d+) approved, (\d+) reduced, (\d+) rejected/,
      );
      assert.equal(decided, ids.length);
      assert.equal(ok! + reduced!, approved.length);
      assert.equal(rejected, ids.length - approved.length);
      // risk heard of every report the executor wrote
      const [heard] = numbers(riskErr, /feedback (\d+) report\(s\)/);
      assert.equal(heard, rep.reports.length);
      const execErr = stopped["execute"]!.stderr;
      const [, execApproved, , executed, stale, belowGuard, slippage, noState] = numbers(
        execErr,
        /torq execute: (\d+) opportunit\S+, (\d+) approved, (\d+) rejected by risk, (\d+) executed; missed: (\d+) stale, (\d+) below guard, (\d+) slippage, (\d+) no pool state/,
      );
      assert.equal(execApproved, approved.length);
      assert.equal(executed! + stale! + belowGuard! + slippage! + noState!, approved.length);
      assert.equal(rep.reports.filter((r) => r.status === 3).length, executed);
      for (const [name, r] of Object.entries(stopped)) {
        assert.equal(doneLine(r.stderr, name).dropped, 0, `${name} dropped frames`);
      }
      for (const [name, err] of Object.entries(tapped)) {
        const line = doneLine(err, "cat");
        assert.equal(line.dropped, 0, `tap ${name} dropped frames`);
        const frames = { signal: sig, execution: exe, reports: rep }[name]!.frames;
        assert.equal(line.written, frames, `tap ${name}: its count and its file differ`);
      }
    } finally {
      for (const p of procs.reverse()) await p.reap();
    }
    // Nothing left behind: no torq process, no Anvil.
    for (const pid of pids) assert(!alive(pid), `torq process ${pid} left running`);
    if (anvilPid !== undefined) assert(!alive(anvilPid), `Anvil ${anvilPid} left running`);
  });
});
