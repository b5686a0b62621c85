// tests/pipeline/pipeline_cli_test.ts — `torq pipeline` on the embedded devnet, as a real
// process: real Anvil, real Uniswap bytecode, the simulator's swaps, the collector, the
// detector, risk and the paper executor.
import assert from "node:assert/strict";
import { parseAmount } from "../../lib/market/mod.ts";
import { announcedAnvil, anvilRunning, listening, startTorq } from "./_run.ts";

type Line = Record<string, unknown> & { type: string };
const usd = (text: unknown) => parseAmount(String(text), 8);

Deno.test("torq pipeline --json finds real opportunities and accounts for every one of them", async () => {
  const run = startTorq(["pipeline", "--duration", "7", "--rate", "12", "--json"]);
  const { code, stdout, stderr } = await run.finished();
  assert.equal(code, 0, stderr);
  const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Line);
  const summary = lines.at(-1)!;
  const signals = lines.slice(0, -1);
  assert.equal(summary.type, "summary");
  assert(signals.every((l) => l.type === "signal"));

  // The simulator's swaps move venues apart: the detector finds arbitrage on real pools.
  assert(signals.length > 0, `no opportunity in 7 s:\n${stderr}`);
  assert.equal(summary.opportunities, signals.length);
  assert.equal(new Set(signals.map((s) => s.signalId)).size, signals.length);
  for (const s of signals) {
    assert(usd(s.netProfitUsd) >= 100_000_000n, `below the 1 USD guard: ${JSON.stringify(s)}`);
    assert(BigInt(s.netProfit as string) > 0n);
    assert.match(s.route as string, /^(\S+) >.+> \1$/); // a cycle back to its input token
  }

  // Every signal has a decision; every approved one an execution report.
  for (const s of signals) {
    assert.notEqual(s.decision, null, `signal ${s.signalId} without a decision`);
    const d = s.decision as { decision: string };
    if (d.decision === "reject") assert.equal(s.outcome, "rejected");
    else assert.notEqual(s.execution, null, `approved signal ${s.signalId} without a report`);
  }

  // The summary adds up with the lines.
  const count = (f: (s: Line) => boolean) => signals.filter(f).length;
  const approved = count((s) => (s.decision as { decision: string }).decision !== "reject");
  const executed = signals.filter((s) => s.outcome === "executed");
  assert.equal(summary.approved, approved);
  assert.equal(summary.rejected, signals.length - approved);
  assert.equal(summary.executed, executed.length);
  assert(executed.length > 0, "nothing executed on paper");
  const pnl = executed.reduce(
    (sum, s) => sum + usd((s.execution as { realizedPnlUsd: string }).realizedPnlUsd),
    0n,
  );
  assert.equal(usd(summary.theoreticalPnlUsd), pnl);
  const detected = signals.reduce((sum, s) => sum + usd(s.netProfitUsd), 0n);
  assert.equal(usd(summary.detectedPnlUsd), detected);
  assert.equal(summary.captureRate, Number(pnl * 1_000_000n / detected) / 1e6);
  const missed: Record<string, number> = {};
  for (const s of signals) {
    if (s.missed !== null) missed[s.missed as string] = (missed[s.missed as string] ?? 0) + 1;
  }
  assert.deepEqual(summary.missed, missed);
  assert.equal(
    (summary.executed as number) + Object.values(missed).reduce((a, b) => a + b, 0),
    signals.length,
  );

  // The paper executor's own count agrees with the ledger's.
  const paper = (summary.executor as { paper: Record<string, unknown> }).paper;
  assert.equal(paper.executed, summary.executed);
  assert.equal(paper.theoreticalPnlUsd, String(pnl));

  // Anvil is gone.
  const anvil = announcedAnvil(stderr);
  assert.equal((summary.devnet as { anvilPid: number }).anvilPid, anvil.pid);
  assert(!anvilRunning(anvil.pid), `Anvil ${anvil.pid} left running`);
  assert(!(await listening(anvil.port)), `port ${anvil.port} still open`);
});

Deno.test("torq pipeline prints its summary when stopped with Ctrl-C and leaves no Anvil", async () => {
  const run = startTorq(["pipeline", "--rate", "10"]);
  await run.waitFor(/collect: collecting \d+ pool/, 30_000);
  await new Promise((r) => setTimeout(r, 2500));
  run.child.kill("SIGINT");
  const { code, stdout, stderr } = await run.finished();
  assert.equal(code, 0, stderr);
  // stdout is a pipe, not a terminal: plain lines, then the summary.
  assert(!stdout.includes("\x1b["), "ANSI escapes on a pipe");
  assert.match(stdout, /summary after [\d.]+ s, blocks \d+–\d+/);
  assert.match(stdout, /opportunities seen\s+\d+/);
  assert.match(stdout, /executed on paper\s+\d+/);
  assert.match(stdout, /theoretical P&L\s+-?[\d.]+ USD/);
  assert.match(stdout, /capture rate\s+[\d.]+%/);
  assert.match(stdout, /missed by reason\s+/);
  const blocks = /blocks (\d+)–(\d+)/.exec(stdout)!;
  assert(Number(blocks[2]) > Number(blocks[1]), "no block went by");
  const anvil = announcedAnvil(stderr);
  assert(!anvilRunning(anvil.pid), `Anvil ${anvil.pid} left running`);
  assert(!(await listening(anvil.port)), `port ${anvil.port} still open`);
});

Deno.test("torq pipeline refuses devnet options together with --rpc, naming the flag", async () => {
  const { code, stderr } = await startTorq([
    "pipeline",
    "--rpc",
    "ws://127.0.0.1:1",
    "--pools",
    "x.json",
    "--seed",
    "3",
  ]).finished();
  assert.equal(code, 2);
  assert.match(stderr, /--seed is for the embedded devnet/);
});
