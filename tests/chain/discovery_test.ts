// tests/chain/discovery_test.ts — pools found from factory events and from bare addresses, in
// batched calls, remembered in the cache so a restart asks the chain nothing.
import assert from "node:assert/strict";
import {
  discoverFactoryPools,
  type DiscoveryContext,
  identifyFactory,
  MULTICALL3,
  resolvePools,
} from "../../lib/chain/discovery.ts";
import { PoolCache } from "../../lib/chain/pool_cache.ts";
import { RateLimiter } from "../../lib/chain/rate_limiter.ts";
import { createReadClient } from "../../lib/chain/rpc_client.ts";
import type { WatchedPool } from "../../lib/chain/watched_pool.ts";
import { compileSolidity, createDevnetClient, type ScenarioPool } from "../../lib/devnet/mod.ts";
import { rpc, withScenario } from "./_market.ts";

function watched(p: ScenarioPool): WatchedPool {
  const { pair: _a, symbol0: _b, symbol1: _c, reserve0: _d, reserve1: _e, centerTick: _f, ...w } =
    p;
  return w;
}

const byAddress = (a: { address: string }, b: { address: string }) =>
  a.address < b.address ? -1 : 1;

Deno.test("discoverFactoryPools finds every scenario pool from PairCreated and PoolCreated", async () => {
  await withScenario(async (anvil, scenario) => {
    const ctx: DiscoveryContext = {
      client: createReadClient(anvil.rpcUrl),
      chainId: anvil.chainId,
      rpcUrl: anvil.rpcUrl,
    };
    const factories = await Promise.all([
      ...scenario.deployment.v2.map((v) => identifyFactory(ctx, v.factory, v.name)),
      identifyFactory(ctx, scenario.deployment.v3[0]!.factory),
    ]);
    assert.deepEqual(factories.map((f) => `${f.venue}/${f.protocol}`), [
      "quickswap_v2/v2",
      "sushiswap/v2",
      "uniswap_v3/v3",
    ]);
    const found = await discoverFactoryPools(ctx, factories, { chunk: 37n });
    assert.deepEqual(found.sort(byAddress), scenario.pools.map(watched).sort(byAddress));
  });
});

Deno.test("resolvePools describes bare addresses, and from its cache asks the chain nothing", async () => {
  await withScenario(async (anvil, scenario) => {
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/pools.json`;
      const refs = scenario.pools.map((p) => ({
        address: p.address.toLowerCase(),
        venue: p.venue,
      }));
      const ctx: DiscoveryContext = {
        client: createReadClient(anvil.rpcUrl),
        chainId: anvil.chainId,
        rpcUrl: anvil.rpcUrl,
        cache: await PoolCache.load(path),
        limiter: new RateLimiter(500),
      };
      const pools = await resolvePools(ctx, refs);
      const expected = scenario.pools.map(watched).map(({ factory: _, ...p }) => p);
      assert.deepEqual(pools.map(({ factory: _, ...p }) => p), expected);
      // A fresh process: cache from disk, and an RPC that is not even there.
      const offline: DiscoveryContext = {
        client: createReadClient("http://127.0.0.1:9"),
        chainId: anvil.chainId,
        rpcUrl: "http://127.0.0.1:9",
        cache: await PoolCache.load(path),
      };
      assert.deepEqual(await resolvePools(offline, refs), pools);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("identifyFactory and resolvePools name an address that is neither a factory nor a pool", async () => {
  await withScenario(async (anvil, scenario) => {
    const ctx: DiscoveryContext = {
      client: createReadClient(anvil.rpcUrl),
      chainId: anvil.chainId,
      rpcUrl: anvil.rpcUrl,
    };
    const weth = scenario.deployment.weth;
    await assert.rejects(
      identifyFactory(ctx, weth),
      (e: { code: string; message: string }) =>
        e.code === "NOT_A_FACTORY" && e.message.includes(weth),
    );
    await assert.rejects(
      resolvePools(ctx, [{ address: weth }]),
      (e: { code: string; message: string }) => e.code === "NOT_A_POOL" && e.message.includes(weth),
    );
    await assert.rejects(
      resolvePools(ctx, [{ address: scenario.pools[0]!.address, venue: "uniswap_v3" }]),
      (e: { code: string }) => e.code === "BAD_OPTION",
    );
  });
});

// A stand-in for Multicall3's aggregate3, written here and installed at the canonical address.
const AGGREGATE3 = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Aggregate3 {
  struct Call3 { address target; bool allowFailure; bytes callData; }
  struct Result { bool success; bytes returnData; }
  function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory out) {
    out = new Result[](calls.length);
    for (uint256 i = 0; i < calls.length; i++) {
      (bool ok, bytes memory data) = calls[i].target.call(calls[i].callData);
      require(ok || calls[i].allowFailure, "call failed");
      out[i] = Result(ok, data);
    }
  }
}
`;

class CountingLimiter extends RateLimiter {
  taken = 0;
  override take(n = 1): Promise<void> {
    this.taken += n;
    return super.take(n);
  }
}

Deno.test("resolvePools goes through Multicall3 where the chain has it, with the same result", async () => {
  await withScenario(async (anvil, scenario) => {
    const refs = scenario.pools.map((p) => ({ address: p.address, venue: p.venue }));
    const ctx = (limiter: RateLimiter): DiscoveryContext => ({
      client: createReadClient(anvil.rpcUrl),
      chainId: anvil.chainId,
      rpcUrl: anvil.rpcUrl,
      limiter,
    });
    const batched = new CountingLimiter(10_000);
    const plain = await resolvePools(ctx(batched), refs);

    const artifact = (await compileSolidity({ "Aggregate3.sol": AGGREGATE3 })).get("Aggregate3")!;
    const dev = createDevnetClient(anvil);
    const hash = await dev.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
    const { contractAddress } = await dev.waitForTransactionReceipt({ hash });
    const code = await rpc(anvil.rpcUrl, "eth_getCode", [contractAddress, "latest"]);
    await rpc(anvil.rpcUrl, "anvil_setCode", [MULTICALL3, code]);

    const multicalled = new CountingLimiter(10_000);
    assert.deepEqual(await resolvePools(ctx(multicalled), refs), plain);
    // One limiter token per multicall chunk instead of one per call.
    assert.ok(batched.taken >= scenario.pools.length * 7, `${batched.taken}`);
    assert.ok(multicalled.taken <= 4, `${multicalled.taken}`);
  });
});
