// tests/chain/collect_cli_test.ts — `torq collect` as a real process: killed with SIGKILL and
// restarted from its checkpoint it loses nothing, and bad input gives one-line errors.
import assert from "node:assert/strict";
import { readCheckpoint } from "../../lib/chain/checkpoint.ts";
import {
  createDevnetClient,
  deployTokens,
  scenarioJson,
  startAnvil,
  startSimulator,
} from "../../lib/devnet/mod.ts";
import { runTorq, TorqProcess } from "./_cli.ts";
import {
  assertMatchesChain,
  chainEventKeys,
  framesOf,
  headOf,
  rebuild,
  type Rebuilt,
  waitFor,
  withScenario,
} from "./_market.ts";

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "torq-collect-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("torq collect killed with SIGKILL and restarted from its checkpoint misses and doubles nothing", async () => {
  await withScenario(async (anvil, scenario) => {
    await withTempDir(async (dir) => {
      const pools = `${dir}/devnet.json`;
      const cp = `${dir}/cp.json`;
      await Deno.writeTextFile(pools, JSON.stringify(scenarioJson(scenario)));
      const args = [
        "collect",
        "--rpc",
        anvil.wsUrl,
        "--pools",
        pools,
        "--checkpoint",
        cp,
        "--poll-ms",
        "100",
      ];
      let proc = new TorqProcess(args);
      await waitFor("the first checkpoint", async () => (await readCheckpoint(cp)) !== undefined);
      const start = (await readCheckpoint(cp))!.blockNumber;
      const sim = startSimulator(anvil, scenario, {
        seed: 9,
        rate: 60,
        steps: 150,
        liquidityShare: 0.1,
      });

      const outputs: Uint8Array[] = [];
      const resumedAfter: bigint[] = [];
      for (let kill = 0; kill < 3; kill++) {
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 500));
        proc.kill("SIGKILL");
        assert.equal((await proc.status()).signal, "SIGKILL");
        outputs.push(proc.stdout());
        resumedAfter.push((await readCheckpoint(cp))!.blockNumber);
        proc = new TorqProcess(args);
      }
      const stats = await sim.done;
      const head = await headOf(anvil.rpcUrl);
      await waitFor(
        "the last run at the head",
        async () => (await readCheckpoint(cp))!.blockNumber >= head,
      );
      proc.kill("SIGINT");
      const last = await proc.status();
      assert.equal(last.code, 0, proc.stderr());
      outputs.push(proc.stdout());

      assert.equal(stats.failed, 0);
      // State: each run starts with fresh PoolState frames, so applying the runs in order is exact.
      let r: Rebuilt | undefined;
      for (const out of outputs) r = rebuild(framesOf(out), r);
      await assertMatchesChain(anvil, scenario, r!, head);
      // Events: every on-chain event is there; a repeat can only be in a block a killed run
      // had written after the checkpoint the next run resumed from (killed between flushing a
      // range of blocks and recording it).
      const windows = outputs.slice(0, resumedAfter.length).map((out, i) => {
        const blocks = rebuild(framesOf(out)).events.map((k) => BigInt(k.split(":")[0]!));
        return { after: resumedAfter[i]!, upTo: blocks.reduce((a, b) => (b > a ? b : a), 0n) };
      });
      const onChain = await chainEventKeys(anvil.rpcUrl, scenario, start + 1n, head);
      const seen = new Map<string, number>();
      for (const key of r!.events) seen.set(key, (seen.get(key) ?? 0) + 1);
      assert.deepEqual([...seen.keys()].sort(), [...onChain].sort());
      for (const [key, count] of seen) {
        if (count === 1) continue;
        assert.equal(count, 2, `${key} seen ${count} times`);
        const block = BigInt(key.split(":")[0]!);
        assert.ok(
          windows.some((w) => block > w.after && block <= w.upTo),
          `${key} repeated outside the window`,
        );
      }
    });
  });
});

Deno.test("torq collect names a malformed RPC URL in one line and exits 2", async () => {
  const r = await runTorq(["collect", "--rpc", "localhost:8545", "--pools", "/nonexistent.json"]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /"localhost:8545" must start with http:\/\/ or ws:\/\//);
});

Deno.test("torq collect reports a refused connection in one line and exits 1", async () => {
  const r = await runTorq(["collect", "--rpc", "ws://127.0.0.1:1", "--pools", "/nonexistent.json"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /RPC_UNREACHABLE: Cannot reach RPC ws:\/\/127\.0\.0\.1:1 /);
});

Deno.test("torq collect refuses a chain other than --chain-id in one line and exits 2", async () => {
  const anvil = await startAnvil();
  try {
    const r = await runTorq([
      "collect",
      "--rpc",
      anvil.wsUrl,
      "--chain-id",
      "137",
      "--pools",
      "/nonexistent.json",
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /serves chain 31337, expected 137/);
  } finally {
    await anvil.stop();
  }
});

Deno.test("torq collect rejects an address that is not a pool, naming it, and exits 2", async () => {
  const anvil = await startAnvil();
  try {
    const [token] = await deployTokens(createDevnetClient(anvil), [{ symbol: "T", decimals: 18 }]);
    await withTempDir(async (dir) => {
      const list = `${dir}/pools.txt`;
      await Deno.writeTextFile(list, `# a token, not a pool\n${token!.address}\n`);
      const r = await runTorq(["collect", "--rpc", anvil.rpcUrl, "--pools", list]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.ok(r.stderr.includes(`${token!.address} is a contract but neither`), r.stderr);

      const empty = "0x00000000000000000000000000000000000000E1";
      await Deno.writeTextFile(list, `${empty}\n`);
      const r2 = await runTorq(["collect", "--rpc", anvil.rpcUrl, "--pools", list]);
      assert.equal(r2.code, 2);
      assert.match(r2.stderr, /0x00000000000000000000000000000000000000E1 has no code/i);
    });
  } finally {
    await anvil.stop();
  }
});
