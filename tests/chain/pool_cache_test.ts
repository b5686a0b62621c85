// tests/chain/pool_cache_test.ts — the pool cache on disk: round trips, refuses a file that is not
// a cache, and survives a writer killed with SIGKILL at any moment.
import assert from "node:assert/strict";
import { PoolCache } from "../../lib/chain/pool_cache.ts";

const WRITER = new URL("./_cache_writer.ts", import.meta.url).pathname;

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "torq-cache-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const POOL = {
  address: "0x00000000000000000000000000000000000000Aa",
  venue: "uniswap_v3",
  protocol: "v3",
  token0: "0x0000000000000000000000000000000000000001",
  token1: "0x0000000000000000000000000000000000000002",
  decimals0: 8,
  decimals1: 18,
  fee: 500,
  tickSpacing: 10,
} as const;

Deno.test("PoolCache round-trips pools and factory progress per chain through its file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/pools.json`;
    const cache = await PoolCache.load(path);
    assert.equal(cache.size, 0);
    cache.set(137, POOL);
    cache.setFactory(137, {
      factory: POOL.token0,
      venue: "uniswap_v3",
      protocol: "v3",
      scannedTo: 99n,
    });
    await cache.save();
    const again = await PoolCache.load(path);
    assert.deepEqual(again.get(137, POOL.address.toLowerCase()), {
      ...POOL,
      address: "0x00000000000000000000000000000000000000AA",
    });
    assert.equal(again.get(1, POOL.address), undefined);
    assert.equal(again.factory(137, POOL.token0)?.scannedTo, 99n);
    assert.deepEqual(again.pools(137).length, 1);
  });
});

Deno.test("PoolCache refuses a file that is not a pool cache with BAD_POOL_CACHE naming it", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/pools.json`;
    await Deno.writeTextFile(path, '{"version":1,"pools":[{"address":"nope"}],"factories":[]}');
    await assert.rejects(
      PoolCache.load(path),
      (e: { code: string; message: string }) =>
        e.code === "BAD_POOL_CACHE" && e.message.includes(path),
    );
  });
});

Deno.test("a pool cache rewritten in a loop and killed with SIGKILL at random moments always reloads whole", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/pools.json`;
    let lastGeneration = 0;
    let midWrite = 0;
    for (let round = 0; round < 20; round++) {
      const writer = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", WRITER, path, "2000"],
        stdin: "null",
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
      // Kill at a random moment once it has started writing (after its first save or so).
      const reader = writer.stdout.getReader();
      await reader.read();
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      writer.kill("SIGKILL");
      await reader.cancel();
      assert.equal((await writer.status).signal, "SIGKILL");

      if ([...Deno.readDirSync(dir)].some((e) => e.name.includes(".tmp-"))) midWrite++;
      const cache = await PoolCache.load(path);
      const pools = cache.pools(31337);
      assert.equal(pools.length, 2000, `round ${round}: ${pools.length} pools`);
      const generations = new Set(pools.map((p) => p.fee));
      assert.equal(generations.size, 1, `round ${round}: a torn file mixes generations`);
      const generation = [...generations][0]!;
      assert.ok(generation >= 1);
      lastGeneration = generation;
      // A temporary file of the killed writer is gone after the load.
      const leftovers = [...Deno.readDirSync(dir)].filter((e) => e.name.includes(".tmp-"));
      assert.deepEqual(leftovers, []);
    }
    assert.ok(lastGeneration >= 1);
    console.log(
      `${midWrite} of 20 kills landed between writing the temporary file and renaming it`,
    );
  });
});
