// tests/chain/collect_run_test.ts — runCollect takes the pools to follow as data: the same
// frames as from a pools file of the same pools, and a clear error when the list is empty.
import assert from "node:assert/strict";
import { ChainError, runCollect } from "../../lib/chain/mod.ts";
import { decodeTlvs, parseFrame } from "../../lib/protocol/mod.ts";
import { devnetPools, scenarioJson } from "../../lib/devnet/mod.ts";
import { concat, framesOf, MemorySink, withScenario } from "./_market.ts";

// The PoolState snapshots runCollect writes at its start, one per pool.
async function snapshots(o: Parameters<typeof runCollect>[0]): Promise<string[]> {
  const sink = new MemorySink();
  const stats = await runCollect({ ...o, out: sink });
  const states = framesOf(concat(sink.chunks)).flatMap((f) =>
    decodeTlvs(parseFrame(f.bytes)).flatMap((t) => t.name === "PoolState" ? [t.value] : [])
  );
  assert.equal(states.length, stats.snapshots);
  return states.map((v) => JSON.stringify(v, (_k, x) => typeof x === "bigint" ? `${x}` : x))
    .sort();
}

Deno.test("runCollect follows pools given as data exactly as it follows the same pools from a file", async () => {
  await withScenario(async (anvil, scenario) => {
    const base = {
      rpcUrl: anvil.rpcUrl,
      format: "binary" as const,
      log: () => {},
      pollIntervalMs: 50,
    };
    const fromData = await snapshots({
      ...base,
      pools: devnetPools(scenarioJson(scenario)),
      signal: AbortSignal.timeout(1500),
    });
    const poolsFile = await Deno.makeTempFile({ suffix: ".json" });
    try {
      await Deno.writeTextFile(poolsFile, JSON.stringify(scenarioJson(scenario)));
      const fromFile = await snapshots({ ...base, poolsFile, signal: AbortSignal.timeout(1500) });
      assert.equal(fromData.length, scenario.pools.length);
      assert.deepEqual(fromData, fromFile);
    } finally {
      await Deno.remove(poolsFile);
    }
  });
});

Deno.test("runCollect refuses an empty pool list with no factory, naming the problem", async () => {
  await withScenario(async (anvil) => {
    await assert.rejects(
      runCollect({
        rpcUrl: anvil.rpcUrl,
        pools: [],
        format: "binary",
        out: new MemorySink(),
        log: () => {},
      }),
      (e: unknown) =>
        e instanceof ChainError && e.code === "BAD_OPTION" &&
        e.message === "The pool list given to runCollect names no pool",
    );
  });
});
