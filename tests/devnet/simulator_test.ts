// tests/devnet/simulator_test.ts — the market plan is a pure function of its seed, and the
// simulated market drives prices of the same pair apart across venues.
import assert from "node:assert/strict";
import { type SimStep, startSimulator, TradePlanner } from "../../lib/devnet/mod.ts";
import { readPool } from "../../lib/chain/pool_reader.ts";
import { createReadClient } from "../../lib/chain/rpc_client.ts";
import { withScenario } from "../chain/_market.ts";

const POOLS = [
  {
    protocol: "v2",
    pair: "A/B",
    reserve0: 10n ** 24n,
    reserve1: 3n * 10n ** 15n,
    centerTick: 0,
    tickSpacing: 0,
  },
  {
    protocol: "v2",
    pair: "A/B",
    reserve0: 10n ** 24n,
    reserve1: 3n * 10n ** 15n,
    centerTick: 0,
    tickSpacing: 0,
  },
  {
    protocol: "v3",
    pair: "A/C",
    reserve0: 10n ** 20n,
    reserve1: 10n ** 22n,
    centerTick: 46_054,
    tickSpacing: 60,
  },
] as const;

const plan = (seed: number, n: number, volatility = 0.002): SimStep[] => {
  const p = new TradePlanner(POOLS, { seed, volatility, liquidityShare: 0.1 });
  return Array.from({ length: n }, () => p.next());
};
const text = (steps: SimStep[]) =>
  JSON.stringify(steps, (_, v) => typeof v === "bigint" ? `${v}` : v);

Deno.test("TradePlanner gives the same steps for the same seed and different ones for another", () => {
  assert.equal(text(plan(42, 500)), text(plan(42, 500)));
  assert.notEqual(text(plan(42, 50)), text(plan(43, 50)));
});

Deno.test("TradePlanner sizes grow with volatility and V3 mints stay on the tick spacing", () => {
  const sum = (steps: SimStep[]) =>
    steps.reduce((n, s) => n + (s.kind === "swap" ? s.amountIn : 0n), 0n);
  assert.ok(sum(plan(1, 300, 0.01)) > sum(plan(1, 300, 0.001)));
  const steps = plan(7, 2000);
  const kinds = new Set(steps.map((s) => s.kind));
  assert.deepEqual([...kinds].sort(), ["burn", "mint", "swap"]);
  for (const s of steps) {
    if (s.kind === "mint" && s.pool === 2) {
      assert.ok(s.tickLower % 60 === 0 && s.tickUpper % 60 === 0 && s.tickLower < s.tickUpper);
    }
    if (s.kind === "swap") assert.ok(s.amountIn > 0n && s.trader >= 0 && s.trader < 3);
  }
});

Deno.test("the simulated market moves the same pair to different prices on the two V2 venues", async () => {
  await withScenario(async (anvil, scenario) => {
    const client = createReadClient(anvil.rpcUrl);
    const pair = scenario.pools.filter((p) => p.protocol === "v2" && p.pair === "WETH/USDC");
    assert.equal(pair.length, 2);
    const spread = async () => {
      const [a, b] = await Promise.all(pair.map((p) => readPool(client, p.address)));
      if (a?.protocol !== "v2" || b?.protocol !== "v2") throw new Error("not V2");
      // Cross-multiplied prices, in parts per million of each other.
      const pa = a.state.reserve1 * b.state.reserve0;
      const pb = b.state.reserve1 * a.state.reserve0;
      return (pa > pb ? pa - pb : pb - pa) * 1_000_000n / pb;
    };
    const before = await spread();
    const stats = await startSimulator(anvil, scenario, {
      seed: 8,
      rate: Infinity,
      steps: 120,
      volatility: 0.01,
      liquidityShare: 0,
    }).done;
    assert.equal(stats.failed, 0);
    const after = await spread();
    assert.notEqual(after, before);
    assert.ok(after > 1000n, `venues only ${after} ppm apart after trading`);
  }, 8);
});
