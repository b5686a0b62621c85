// tests/chain/collector_test.ts — the collector against a real devnet: frames alone rebuild the
// exact on-chain state, every event appears exactly once, reorgs are invalidated and re-read.
import assert from "node:assert/strict";
import { Collector, type CollectorOptions } from "../../lib/chain/collector.ts";
import { startSimulator } from "../../lib/devnet/mod.ts";
import { createReadClient } from "../../lib/chain/rpc_client.ts";
import { TcpProxy } from "./_tcp_proxy.ts";
import {
  assertMatchesChain,
  chainEventKeys,
  concat,
  framesOf,
  headOf,
  MemorySink,
  rebuild,
  rpc,
  waitFor,
  withScenario,
} from "./_market.ts";

/** Starts a collector; `stop()` aborts it and resolves with its frames and stats. */
function startCollector(options: Omit<CollectorOptions, "output">) {
  const sink = new MemorySink();
  const collector = new Collector({ ...options, output: sink });
  const ctrl = new AbortController();
  const running = collector.run(ctrl.signal);
  return {
    collector,
    /** Resolves once the collector has flushed block `n` (or its start, for -1). */
    reached: (n: bigint) =>
      waitFor(`collector at block ${n}`, () => collector.stats.lastBlock >= n),
    async stop() {
      ctrl.abort();
      const stats = await running;
      return { stats, frames: framesOf(concat(sink.chunks)) };
    },
  };
}

Deno.test("frames alone rebuild every pool's exact state while the simulator swaps, mints and burns", async () => {
  await withScenario(async (anvil, scenario) => {
    const c = startCollector({
      client: createReadClient(anvil.rpcUrl),
      rpcUrl: anvil.rpcUrl,
      wsUrl: anvil.wsUrl,
      chainId: anvil.chainId,
      pools: scenario.pools,
    });
    await c.reached(0n);
    const start = c.collector.stats.lastBlock;
    const sim = await startSimulator(anvil, scenario, {
      seed: 5,
      rate: Infinity,
      steps: 150,
      liquidityShare: 0.2,
    }).done;
    const head = await headOf(anvil.rpcUrl);
    await c.reached(head);
    const { stats, frames } = await c.stop();

    assert.ok(sim.swaps > 80 && sim.mints > 3 && sim.burns > 1, JSON.stringify(sim));
    assert.equal(sim.failed, 0);
    const r = rebuild(frames);
    await assertMatchesChain(anvil, scenario, r, head);
    // Exactly the chain's events, each once, in (block, logIndex) order.
    assert.deepEqual(r.events, await chainEventKeys(anvil.rpcUrl, scenario, start + 1n, head));
    assert.deepEqual(
      r.gasBlocks,
      Array.from({ length: Number(head - start) }, (_, i) => start + 1n + BigInt(i)),
    );
    assert.ok(r.liquidityChecks > 0, "a mint or burn in range emitted PoolLiquidity");
    assert.equal(stats.duplicates, 0);
    assert.ok(stats.snapshots === scenario.pools.length);
  });
});

Deno.test("a reorg invalidates the touched pools, re-reads them and follows the new chain", async () => {
  await withScenario(async (anvil, scenario) => {
    const c = startCollector({
      client: createReadClient(anvil.rpcUrl),
      rpcUrl: anvil.rpcUrl,
      wsUrl: anvil.wsUrl,
      chainId: anvil.chainId,
      pools: scenario.pools,
    });
    await c.reached(0n);
    const fork = await headOf(anvil.rpcUrl);
    const snapshotId = await rpc(anvil.rpcUrl, "evm_snapshot");
    await startSimulator(anvil, scenario, { seed: 1, rate: Infinity, steps: 25, liquidityShare: 0 })
      .done;
    const oldHead = await headOf(anvil.rpcUrl);
    await c.reached(oldHead);
    assert.equal(await rpc(anvil.rpcUrl, "evm_revert", [snapshotId]), true);
    const sim = await startSimulator(anvil, scenario, {
      seed: 2,
      rate: Infinity,
      steps: 40,
      liquidityShare: 0,
    }).done;
    const head = await headOf(anvil.rpcUrl);
    await waitFor("the reorg", () => c.collector.stats.reorgs > 0);
    await c.reached(head);
    const { stats, frames } = await c.stop();

    assert.equal(sim.failed, 0);
    const r = rebuild(frames);
    assert.ok(stats.reorgs >= 1);
    assert.ok(r.invalidations.length > 0);
    for (const inv of r.invalidations) assert.equal(inv.fromBlock, fork + 1n);
    await assertMatchesChain(anvil, scenario, r, head);
    // After the last invalidation: exactly the new chain's events.
    const after = r.events.slice(r.invalidations.at(-1)!.atEvent);
    assert.deepEqual(after, await chainEventKeys(anvil.rpcUrl, scenario, fork + 1n, head));
  });
});

Deno.test("factories alone: pools created from block 0 are discovered live and rebuilt exactly", async () => {
  await withScenario(async (anvil, scenario) => {
    await startSimulator(anvil, scenario, { seed: 3, rate: Infinity, steps: 30 }).done;
    const head = await headOf(anvil.rpcUrl);
    const c = startCollector({
      client: createReadClient(anvil.rpcUrl),
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      pools: [],
      factories: [
        ...scenario.deployment.v2.map((v) => ({
          address: v.factory,
          venue: v.name,
          protocol: "v2" as const,
        })),
        ...scenario.deployment.v3.map((v) => ({
          address: v.factory,
          venue: v.name,
          protocol: "v3" as const,
        })),
      ],
      fromBlock: 0n,
      pollIntervalMs: 50,
    });
    await c.reached(head);
    const { frames } = await c.stop();
    assert.equal(c.collector.pools.length, scenario.pools.length);
    const r = rebuild(frames);
    await assertMatchesChain(anvil, scenario, r, head);
    assert.deepEqual(r.events, await chainEventKeys(anvil.rpcUrl, scenario, 0n, head));
  });
});

Deno.test("a dropped WebSocket falls back to HTTP polling, reconnects with backoff and loses nothing", async () => {
  await withScenario(async (anvil, scenario) => {
    const proxy = await TcpProxy.start(anvil.port);
    const lines: string[] = [];
    try {
      const c = startCollector({
        client: createReadClient(anvil.rpcUrl),
        rpcUrl: anvil.rpcUrl,
        wsUrl: `ws://127.0.0.1:${proxy.port}`,
        chainId: anvil.chainId,
        pools: scenario.pools,
        pollIntervalMs: 100,
        backoffInitialMs: 50,
        backoffMaxMs: 400,
        log: (line) => lines.push(line),
      });
      await c.reached(0n);
      const start = c.collector.stats.lastBlock;
      await waitFor("the subscription", () => proxy.accepted > 0);
      const trade = (seed: number) =>
        startSimulator(anvil, scenario, { seed, rate: Infinity, steps: 15, liquidityShare: 0 })
          .done;
      await trade(1);
      await proxy.cut();
      await trade(2);
      await waitFor("failed reconnect attempts", () => lines.some((l) => /unavailable/.test(l)));
      await c.reached(await headOf(anvil.rpcUrl)); // polling alone keeps up
      await proxy.restore();
      await waitFor("the reconnect", () => lines.some((l) => /reconnected/.test(l)));
      await trade(3);
      const head = await headOf(anvil.rpcUrl);
      await c.reached(head);
      const { frames } = await c.stop();

      assert.ok(lines.some((l) => /lost/.test(l)), lines.join("\n"));
      const r = rebuild(frames);
      await assertMatchesChain(anvil, scenario, r, head);
      assert.deepEqual(r.events, await chainEventKeys(anvil.rpcUrl, scenario, start + 1n, head));
    } finally {
      await proxy.cut();
    }
  });
});
