// tests/pipeline/pipeline_live_test.ts — `torq pipeline --live` on the embedded devnet, as a
// real process: the ArbitrageExecutor is deployed, approved signals are sent to the real Anvil
// while the simulator keeps trading, and every line and total reconciles with the fills.
import assert from "node:assert/strict";
import { parseAmount } from "../../lib/market/mod.ts";
import { decodeTlvs, type Fill, parseFrame, TlvType } from "../../lib/protocol/mod.ts";
import { announcedAnvil, anvilRunning, listening, startTorq } from "./_run.ts";

type Line = Record<string, unknown> & { type: string };
type Exec = Record<string, string | null>;
// USD figures are signed: a reverted line loses its gas
const usd = (text: unknown) => parseAmount(String(text), 8, "USD", true);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function freshKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Every Fill in a frame file, by order id. */
async function fillsByOrder(path: string): Promise<Map<bigint, Fill[]>> {
  const bytes = await Deno.readFile(path);
  const fills = new Map<bigint, Fill[]>();
  for (let at = 0; at < bytes.length;) {
    const frame = parseFrame(bytes, at);
    at += frame.size;
    for (const t of decodeTlvs(frame)) {
      if (!("value" in t) || t.type !== TlvType.Fill) continue;
      fills.set(t.value.orderId, [...(fills.get(t.value.orderId) ?? []), t.value]);
    }
  }
  return fills;
}

Deno.test("torq pipeline --live executes approved signals on the devnet and its summary adds up to the wei", async () => {
  const key = freshKey();
  const framesFile = await Deno.makeTempFile({ suffix: ".bin" });
  Deno.env.set("TORQ_TEST_LIVE_KEY", `0x${key}`);
  let finished;
  try {
    finished = await startTorq([
      "pipeline",
      "--live",
      "--key-env",
      "TORQ_TEST_LIVE_KEY",
      "--duration",
      "10",
      "--rate",
      "12",
      "--json",
      "--out",
      framesFile,
    ]).finished();
  } finally {
    Deno.env.delete("TORQ_TEST_LIVE_KEY");
  }
  const { code, stdout, stderr } = finished;
  try {
    assert.equal(code, 0, stderr);
    // The key never shows, in any case, with or without 0x.
    assert(!stdout.toLowerCase().includes(key), "the key is on stdout");
    assert(!stderr.toLowerCase().includes(key), "the key is on stderr");
    assert.match(stderr, /live: ArbitrageExecutor 0x[0-9a-fA-F]{40} deployed for 0x/);

    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Line);
    const summary = lines.at(-1)!;
    const signals = lines.slice(0, -1);
    assert.equal(summary.type, "summary");
    assert.equal(summary.opportunities, signals.length);
    const executed = signals.filter((s) => s.outcome === "executed");
    const reverted = signals.filter((s) => (s.execution as Exec | null)?.status === "reverted");
    assert(executed.length > 0, `nothing executed on chain:\n${stderr}`);
    assert.equal(summary.executed, executed.length);
    assert.equal(summary.reverted, reverted.length);

    // Each executed line: a mined transaction whose realised profit is exactly what the pools'
    // Swap events (the fills) paid, less the gas paid at the signal's rate.
    const fills = await fillsByOrder(framesFile);
    for (const s of executed) {
      const e = s.execution as Exec;
      assert.equal(e.mode, "live");
      assert.equal(e.status, "filled");
      assert.match(e.txHash!, /^0x(?!0{64})[0-9a-f]{64}$/);
      const route = fills.get(BigInt(e.orderId!));
      assert(route !== undefined && route.length >= 2, `no fills for order ${e.orderId}`);
      assert(route.every((f) => f.txHash === e.txHash));
      const approved = (s.decision as Exec).approvedAmount!;
      assert.equal(route[0]!.amountIn, BigInt(approved)); // the amount risk approved
      const gross = route.at(-1)!.amountOut - route[0]!.amountIn;
      const gasWei = route.reduce((sum, f) => sum + f.gasUsed * f.gasPriceWei, 0n);
      assert(gasWei > 0n);
      const weiOfSignal = BigInt(s.gasUnits as string) * BigInt(s.gasPriceWei as string);
      const gasCostIn = BigInt(s.gasCostIn as string);
      assert.equal(BigInt(e.realizedProfit!), gross - ceilDiv(gasWei * gasCostIn, weiOfSignal));
      const gasUsd = ceilDiv(gasWei * usd(s.gasCostUsd), weiOfSignal);
      assert.equal(usd(e.gasCostUsd), gasUsd);
      assert.equal(usd(e.realizedPnlUsd), gross * usd(s.gasCostUsd) / gasCostIn - gasUsd);
    }
    // A reverted line names its decoded reason and costs its gas.
    for (const s of reverted) {
      const e = s.execution as Exec;
      const reason = e.reason ?? "";
      assert(reason !== "" && !reason.startsWith("Unknown"), JSON.stringify(s));
      assert(usd(e.realizedPnlUsd) === -usd(e.gasCostUsd) && usd(e.gasCostUsd) > 0n);
      assert.equal(s.outcome, "failed");
    }

    // The summary adds up with the lines, and with the executor's own totals.
    const sum = (xs: Line[], k: string) =>
      xs.reduce((a, s) => a + usd((s.execution as Exec)[k]), 0n);
    const mined = [...executed, ...reverted];
    assert.equal(usd(summary.theoreticalPnlUsd), sum(executed, "realizedPnlUsd"));
    assert.equal(usd(summary.realizedPnlUsd), sum(mined, "realizedPnlUsd"));
    assert.equal(usd(summary.gasSpentUsd), sum(mined, "gasCostUsd"));
    const detected = signals.reduce((a, s) => a + usd(s.netProfitUsd), 0n);
    assert.equal(
      summary.captureRate,
      Number(sum(executed, "realizedPnlUsd") * 1_000_000n / detected) / 1e6,
    );
    const live = (summary.executor as { live: Record<string, unknown> }).live;
    assert.equal(live.executed, executed.length);
    assert.equal(live.reverted, reverted.length);
    assert.equal(BigInt(live.realizedPnlUsd as string), usd(summary.realizedPnlUsd));
    assert.equal(BigInt(live.gasSpentUsd as string), usd(summary.gasSpentUsd));
    const rejected = signals.filter((s) => (s.execution as Exec | null)?.status === "rejected");
    assert.equal(live.rejected, rejected.length);
    assert.equal(summary.approved, executed.length + reverted.length + rejected.length);

    // Anvil is gone.
    const anvil = announcedAnvil(stderr);
    assert(!anvilRunning(anvil.pid), `Anvil ${anvil.pid} left running`);
    assert(!(await listening(anvil.port)), `port ${anvil.port} still open`);
  } finally {
    await Deno.remove(framesFile);
  }
});

Deno.test("torq pipeline refuses --paper with --live, naming both", async () => {
  const { code, stderr } = await startTorq(["pipeline", "--paper", "--live"]).finished();
  assert.equal(code, 2);
  assert.match(stderr, /--paper and --live exclude each other/);
});

Deno.test("torq pipeline --live on a real chain refuses to start without an executor and a key", async () => {
  const { code, stderr } = await startTorq([
    "pipeline",
    "--rpc",
    "ws://127.0.0.1:1",
    "--pools",
    "x.json",
    "--live",
    "--key-env",
    "SOME_VAR",
  ]).finished();
  assert.equal(code, 2);
  assert.match(
    stderr,
    /--live with --rpc needs --executor ADDRESS and --key-env VAR or --key-file/,
  );
});
