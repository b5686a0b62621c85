// tests/strategies/native_cycles_test.ts — the native-cycles strategy on the real devnet's
// collector frames: what it finds after a swap made on purpose, and that every signal obeys its
// policy (start token, hop count, strategy number, floor in native units).
import assert from "node:assert/strict";
import {
  NATIVE_CYCLES_ID,
  NATIVE_CYCLES_MIN_NET,
  nativeCycles,
  type NativeCyclesOptions,
  StrategyError,
} from "../../strategies/mod.ts";
import { cycleDefect, type RecordedMarket, recordedMarket, runOn } from "./_market.ts";

function strategy(m: RecordedMarket, extra: Partial<NativeCyclesOptions> = {}) {
  return nativeCycles({
    chainId: m.chainId,
    nativeToken: m.nativeToken,
    stablecoins: m.stablecoins,
    ...extra,
  });
}

Deno.test("nativeCycles finds the arbitrage a swap opens on the devnet, from WETH through the moved pool", async () => {
  const m = await recordedMarket();
  const run = await runOn(strategy(m), m);
  const hit = run.afterSignals.find((s) => s.hops.some((h) => h.pool === m.dislocated));
  assert.ok(hit !== undefined, "a signal trades the pool the swap moved");
  assert.equal(hit.tokenIn, m.nativeToken.toLowerCase());
  assert.ok(hit.netProfit >= NATIVE_CYCLES_MIN_NET);
  assert.ok(hit.netProfitUsd > 0n, "valued in USD through the stablecoins");
});

Deno.test("every nativeCycles signal is a closed cycle of 2 to 4 hops from WETH, tagged with its strategy id", async () => {
  const m = await recordedMarket();
  const run = await runOn(strategy(m, { maxSignalsPerUpdate: 64 }), m);
  assert.ok(run.all.some((s) => s.hops.length === 3), "longer cycles are found too");
  for (const s of run.all) {
    assert.equal(s.tokenIn, m.nativeToken.toLowerCase());
    assert.equal(s.decimalsIn, 18);
    assert.equal(cycleDefect(s), undefined);
    assert.ok(s.hops.length >= 2 && s.hops.length <= 4, `${s.hops.length} hops`);
    assert.equal(s.strategyId, NATIVE_CYCLES_ID);
    assert.ok(s.netProfit >= NATIVE_CYCLES_MIN_NET, `${s.netProfit} wei below the floor`);
  }
});

Deno.test("nativeCycles with maxHops 2 keeps only two-hop cycles and still finds the dislocation", async () => {
  const m = await recordedMarket();
  const run = await runOn(strategy(m, { maxHops: 2, maxSignalsPerUpdate: 64 }), m);
  assert.ok(run.afterSignals.some((s) => s.hops.some((h) => h.pool === m.dislocated)));
  assert.ok(run.all.every((s) => s.hops.length === 2));
});

Deno.test("the nativeCycles floor is exact in wei: the best signal passes at its own net profit and nothing passes one wei above", async () => {
  const m = await recordedMarket();
  const wide = { maxSignalsPerUpdate: 64 };
  const base = await runOn(strategy(m, { ...wide, minNetProfitNative: 1n }), m);
  assert.ok(base.all.length > 0);
  const best = base.all.reduce((a, b) => a > b.netProfit ? a : b.netProfit, 0n);
  const atBest = await runOn(strategy(m, { ...wide, minNetProfitNative: best }), m);
  assert.ok(atBest.all.length > 0);
  assert.ok(atBest.all.every((s) => s.netProfit === best));
  const above = await runOn(strategy(m, { ...wide, minNetProfitNative: best + 1n }), m);
  assert.deepEqual(above.all, []);
});

Deno.test("nativeCycles refuses a hop limit outside 2 to 4 and a floor that is not positive", () => {
  const market = { chainId: 1, nativeToken: "0x" + "0a".repeat(20), stablecoins: [] };
  for (const maxHops of [1, 5, 2.5]) {
    assert.throws(
      () => nativeCycles({ ...market, maxHops }),
      (e) =>
        e instanceof StrategyError && e.code === "INVALID_OPTION" &&
        e.message.includes(`got ${maxHops}`),
    );
  }
  assert.throws(
    () => nativeCycles({ ...market, minNetProfitNative: 0n }),
    (e) =>
      e instanceof StrategyError && e.code === "INVALID_OPTION" &&
      /minNetProfitNative must be a bigint ≥ 1, got 0/.test(e.message),
  );
});
