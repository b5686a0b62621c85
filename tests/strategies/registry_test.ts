// tests/strategies/registry_test.ts — the strategies by name: side by side in one process
// through chainProcessors, and selected with `torq arb-scan --strategy` as a real process.
import assert from "node:assert/strict";
import { type ArbitrageSignal, type Frame, TlvType } from "../../lib/protocol/mod.ts";
import { chainProcessors } from "../../lib/transport/mod.ts";
import {
  NATIVE_CYCLES_ID,
  nativeCycles,
  STABLE_TRIANGLES_ID,
  stableTriangles,
  STRATEGIES,
  strategyByName,
} from "../../strategies/mod.ts";
import { framesOf } from "../chain/_market.ts";
import { feed, valuesOf } from "../execution/_stages.ts";
import { recordedMarket, runOn } from "./_market.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("two strategies chained in one process each add their own signals and forward the other's", async () => {
  const m = await recordedMarket();
  const market = { chainId: m.chainId, nativeToken: m.nativeToken, stablecoins: m.stablecoins };
  const stable = stableTriangles(market);
  const native = nativeCycles(market);
  const input = [...m.before, ...m.after];
  const out = await feed(chainProcessors([stable, native]), input);
  const signals = valuesOf(out, TlvType.ArbitrageSignal);
  const by = (id: number) => signals.filter((s) => s.strategyId === id);
  assert.equal(by(STABLE_TRIANGLES_ID).length, stable.stats.signals);
  assert.equal(by(NATIVE_CYCLES_ID).length, native.stats.signals);
  assert.ok(stable.stats.signals > 0 && native.stats.signals > 0);
  assert.equal(signals.length, stable.stats.signals + native.stats.signals);
  // every market frame reaches the end of the chain, and the second stage saw the first's
  // signals go by without taking them for market data
  assert.equal(out.length, input.length + signals.length);
  assert.equal(native.stats.framesIn, input.length + stable.stats.signals);
  assert.equal(native.stats.marketFrames, input.length);
});

Deno.test("each registered plug-in builds the same stage as its factory", async () => {
  const m = await recordedMarket();
  const market = { chainId: m.chainId, nativeToken: m.nativeToken, stablecoins: m.stablecoins };
  const direct: Record<string, () => ReturnType<typeof stableTriangles>> = {
    "stable-triangles": () => stableTriangles({ ...market, maxHops: 2 }),
    "native-cycles": () => nativeCycles({ ...market, maxHops: 2 }),
  };
  for (const plugin of STRATEGIES) {
    const a = await runOn(plugin.create(market, { maxHops: 2 }), m);
    const b = await runOn(direct[plugin.name]!(), m);
    const strip = (s: ArbitrageSignal) => ({ ...s, detectedNs: 0n });
    assert.ok(a.all.length > 0, plugin.name);
    assert.deepEqual(a.all.map(strip), b.all.map(strip), plugin.name);
    assert.ok(a.all.every((s) => s.strategyId === plugin.strategyId));
  }
  assert.throws(() => strategyByName("grid"), /No strategy named "grid"; known: stable-triangles/);
});

async function arbScan(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", "arb-scan", "--quiet", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: out.stdout, stderr: new TextDecoder().decode(out.stderr) };
}

function bytesOf(frames: readonly Frame[]): Uint8Array {
  const parts = frames.map((f) => f.buffer.subarray(f.offset, f.offset + f.size));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

Deno.test("torq arb-scan --strategy native-cycles emits exactly the signals of the in-process strategy", async () => {
  const m = await recordedMarket();
  const file = await Deno.makeTempFile({ suffix: ".bin" });
  try {
    const input = [...m.before, ...m.after];
    await Deno.writeFile(file, bytesOf(input));
    const roles = ["--native", m.nativeToken, ...m.stablecoins.flatMap((s) => ["--stable", s])];
    const r = await arbScan([
      "--in",
      file,
      "--chain-id",
      String(m.chainId),
      ...roles,
      "--strategy",
      "native-cycles",
      "--max-hops",
      "3",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const got = valuesOf(framesOf(r.stdout), TlvType.ArbitrageSignal);
    const mine = await runOn(
      nativeCycles({
        chainId: m.chainId,
        nativeToken: m.nativeToken,
        stablecoins: m.stablecoins,
        maxHops: 3,
      }),
      m,
    );
    const strip = (s: ArbitrageSignal) => ({ ...s, detectedNs: 0n });
    assert.ok(got.length > 0);
    assert.deepEqual(got.map(strip), mine.all.map(strip));
    assert.ok(got.every((s) => s.strategyId === NATIVE_CYCLES_ID));
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("torq arb-scan refuses an unknown strategy and a hop limit outside the strategy's policy with exit 2", async () => {
  const roles = ["--chain-id", "1"];
  const unknown = await arbScan([...roles, "--strategy", "grid"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /No strategy named "grid"; known: stable-triangles, native-cycles/);
  const hops = await arbScan([...roles, "--strategy", "stable-triangles", "--max-hops", "4"]);
  assert.equal(hops.code, 2);
  assert.match(
    hops.stderr,
    /--strategy: stable-triangles: maxHops must be 2 to 3, got 4/,
  );
});
