// tests/strategies/stable_triangles_test.ts — the stable-triangles strategy on the real devnet's
// collector frames: what it finds after a swap made on purpose, and that every signal obeys its
// policy (start token, hop count, strategy number, USD floor).
import assert from "node:assert/strict";
import {
  STABLE_TRIANGLES_ID,
  STABLE_TRIANGLES_MIN_USD,
  stableTriangles,
  type StableTrianglesOptions,
  StrategyError,
} from "../../strategies/mod.ts";
import { TlvType } from "../../lib/protocol/mod.ts";
import { valuesOf } from "../execution/_stages.ts";
import { cycleDefect, type RecordedMarket, recordedMarket, runOn } from "./_market.ts";

function strategy(m: RecordedMarket, extra: Partial<StableTrianglesOptions> = {}) {
  return stableTriangles({
    chainId: m.chainId,
    nativeToken: m.nativeToken,
    stablecoins: m.stablecoins,
    ...extra,
  });
}

Deno.test("stableTriangles finds the arbitrage a swap opens on the devnet, from a stablecoin through the moved pool", async () => {
  const m = await recordedMarket();
  const run = await runOn(strategy(m), m);
  assert.ok(run.afterSignals.length > 0, "the dislocating swap yields a signal");
  const stables = m.stablecoins.map((s) => s.toLowerCase());
  const hit = run.afterSignals.find((s) => s.hops.some((h) => h.pool === m.dislocated));
  assert.ok(hit !== undefined, "a signal trades the pool the swap moved");
  assert.ok(stables.includes(hit.tokenIn));
  assert.ok(hit.netProfitUsd >= STABLE_TRIANGLES_MIN_USD);
});

Deno.test("every stableTriangles signal is a closed cycle of at most three hops from a stablecoin, tagged with its strategy id", async () => {
  const m = await recordedMarket();
  // every candidate of an update, not just the best: two-hop and three-hop cycles alike
  const run = await runOn(strategy(m, { maxSignalsPerUpdate: 64 }), m);
  assert.ok(run.all.some((s) => s.hops.length === 3), "triangles are found too");
  const stables = m.stablecoins.map((s) => s.toLowerCase());
  for (const s of run.all) {
    assert.ok(stables.includes(s.tokenIn), `starts in a stablecoin, not ${s.tokenIn}`);
    assert.equal(cycleDefect(s), undefined);
    assert.ok(s.hops.length >= 2 && s.hops.length <= 3, `${s.hops.length} hops`);
    assert.equal(s.strategyId, STABLE_TRIANGLES_ID);
    assert.equal(s.chainId, m.chainId);
    assert.ok(s.netProfitUsd >= STABLE_TRIANGLES_MIN_USD, `${s.netProfitUsd} below 5 USD`);
  }
  // the identity TLV carries the strategy too, so a topic filter can route by it
  const ids = valuesOf(run.out, TlvType.SignalIdentity);
  assert.equal(ids.length, run.all.length);
  assert.ok(ids.every((i) => i.strategyId === STABLE_TRIANGLES_ID));
});

Deno.test("stableTriangles with maxHops 2 keeps only two-hop cycles and still finds the dislocation", async () => {
  const m = await recordedMarket();
  const run = await runOn(strategy(m, { maxHops: 2 }), m);
  assert.ok(run.afterSignals.some((s) => s.hops.some((h) => h.pool === m.dislocated)));
  assert.ok(run.all.every((s) => s.hops.length === 2));
});

Deno.test("the stableTriangles USD floor is exact: the best signal passes at its own net profit and nothing passes one unit above", async () => {
  const m = await recordedMarket();
  // every candidate of an update is emitted, so a tighter floor cannot promote a hidden one
  const wide = { maxSignalsPerUpdate: 64 };
  const base = await runOn(strategy(m, { ...wide, minNetProfitUsd: 0n }), m);
  assert.ok(base.all.length > 0);
  const best = base.all.reduce((a, b) => a > b.netProfitUsd ? a : b.netProfitUsd, 0n);
  const atBest = await runOn(strategy(m, { ...wide, minNetProfitUsd: best }), m);
  assert.ok(atBest.all.length > 0);
  assert.ok(atBest.all.every((s) => s.netProfitUsd === best));
  const above = await runOn(strategy(m, { ...wide, minNetProfitUsd: best + 1n }), m);
  assert.deepEqual(above.all, []);
});

Deno.test("stableTriangles refuses four hops, a negative floor and a market without stablecoins", () => {
  const market = {
    chainId: 1,
    nativeToken: "0x" + "0a".repeat(20),
    stablecoins: ["0x" + "0b".repeat(20)],
  };
  assert.throws(
    () => stableTriangles({ ...market, maxHops: 4 }),
    (e) =>
      e instanceof StrategyError && e.code === "INVALID_OPTION" &&
      /maxHops must be 2 to 3, got 4/.test(e.message),
  );
  assert.throws(
    () => stableTriangles({ ...market, minNetProfitUsd: -1n }),
    (e) => e instanceof StrategyError && e.code === "INVALID_OPTION" && /-1/.test(e.message),
  );
  assert.throws(
    () => stableTriangles({ ...market, stablecoins: [] }),
    (e) =>
      e instanceof StrategyError && e.code === "INVALID_OPTION" && /stablecoin/.test(e.message),
  );
});
