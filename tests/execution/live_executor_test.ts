// tests/execution/live_executor_test.ts — the ArbitrageExecutor contract and LiveExecutor on a
// real Anvil with the real Uniswap V2/V3 bytecode: exact profits, reverts, callback checks.
import assert from "node:assert/strict";
import { encodeAbiParameters } from "viem";
import { optimalAmountIn } from "../../lib/arbitrage/mod.ts";
import { loadOwnContract } from "../../lib/devnet/mod.ts";
import {
  arbitrageExecutorAbi,
  type ExecutorHop,
  HopKind,
  LiveExecutor,
  LiveSigner,
  minProfitFor,
  resolveNetwork,
  routeFromSignal,
} from "../../lib/execution/live/mod.ts";
import { balanceOf, detect, hopOn, swapV2, swapV3, withWorld, type World } from "./_live_world.ts";

const E18 = 10n ** 18n;

function connect(w: World, extra: Partial<Parameters<typeof LiveExecutor.connect>[0]> = {}) {
  return LiveExecutor.connect({
    network: resolveNetwork("anvil", { rpcUrl: w.anvil.rpcUrl }),
    executor: w.executor,
    signer: LiveSigner.fromHex(w.ownerKey, "test"),
    pollingIntervalMs: 20,
    ...extra,
  });
}

function hop(w: World, venue: string, pair: string, from: string, to: string): ExecutorHop {
  const p = w.pool(venue, pair);
  return {
    pool: p.address,
    tokenIn: w.token(from),
    tokenOut: w.token(to),
    kind: p.protocol === "v2" ? HopKind.V2 : HopKind.V3,
    feeBps: p.protocol === "v2" ? 30 : 0,
  };
}

Deno.test("a detected V2→V3 dislocation executes with the realised profit equal to the signal's to the wei", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * E18);
    const [d] = await detect(w);
    assert(d !== undefined, "the detector sees the dislocation");
    const executor = await connect(w);
    const before = await balanceOf(w, "USDC", w.owner.account.address);
    const call = {
      hops: routeFromSignal(d.signal),
      amountIn: d.signal.amountIn,
      minProfit: minProfitFor(d.signal),
    };
    assert.deepEqual(call.hops.map((h) => h.kind), [HopKind.V2, HopKind.V3]);
    const r = await executor.execute(call);
    assert.equal(r.status, "filled");
    assert.equal(r.simulatedProfit, d.signal.expectedProfit);
    assert.equal(r.profit, d.signal.expectedProfit);
    assert.equal(r.amountOut, d.signal.expectedOut);
    assert.equal(await balanceOf(w, "USDC", w.owner.account.address) - before, r.profit);
    assert.deepEqual(
      r.swaps.map((s) => [s.amountIn, s.amountOut]),
      d.signal.hops.map((h) => [h.amountIn, h.amountOut]),
    );
    assert.equal(await balanceOf(w, "USDC", w.executor), 0n, "the contract keeps nothing");
  });
});

Deno.test("a 3-hop route starting with a V3 flash swap realises exactly the profit optimalAmountIn sized", async () => {
  await withWorld(async (w) => {
    await swapV3(w, "WETH", "USDC", 150n * E18); // WETH cheap on V3
    const route = [
      await hopOn(w, w.pool("uniswap_v3", "WETH/USDC"), "USDC"),
      await hopOn(w, w.pool("sushiswap", "WETH/USDT"), "WETH"),
      await hopOn(w, w.pool("quickswap_v2", "USDC/USDT"), "USDT"),
    ];
    const sized = optimalAmountIn(route);
    assert(sized !== undefined && sized.profit > 0n);
    const hops = [
      hop(w, "uniswap_v3", "WETH/USDC", "USDC", "WETH"),
      hop(w, "sushiswap", "WETH/USDT", "WETH", "USDT"),
      hop(w, "quickswap_v2", "USDC/USDT", "USDT", "USDC"),
    ];
    const before = await balanceOf(w, "USDC", w.owner.account.address);
    const r = await (await connect(w)).execute({ hops, amountIn: sized.amountIn, minProfit: 1n });
    assert.equal(r.status, "filled");
    assert.equal(r.profit, sized.profit);
    assert.equal(await balanceOf(w, "USDC", w.owner.account.address) - before, sized.profit);
    assert.equal(r.swaps.length, 3);
    assert.equal(r.swaps[0]!.amountIn, sized.amountIn);
    assert.equal(r.swaps[2]!.amountOut - sized.amountIn, sized.profit);
  });
});

Deno.test("a 4-hop route mixing V2 and V3 hops realises exactly its sized profit", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 30n * E18); // WETH cheap on quickswap
    // USDC → WETH (cheap) → USDT → WETH → USDC: four pools, two of them revisit a token.
    const legs: [string, string, string, string][] = [
      ["quickswap_v2", "WETH/USDC", "USDC", "WETH"],
      ["sushiswap", "WETH/USDT", "WETH", "USDT"],
      ["quickswap_v2", "WETH/USDT", "USDT", "WETH"],
      ["uniswap_v3", "WETH/USDC", "WETH", "USDC"],
    ];
    const route = [];
    for (const [venue, pair, from] of legs) route.push(await hopOn(w, w.pool(venue, pair), from));
    const sized = optimalAmountIn(route);
    assert(sized !== undefined && sized.profit > 0n);
    const before = await balanceOf(w, "USDC", w.owner.account.address);
    const r = await (await connect(w)).execute({
      hops: legs.map(([venue, pair, from, to]) => hop(w, venue, pair, from, to)),
      amountIn: sized.amountIn,
      minProfit: sized.profit, // the exact optimum is also the least it may make
    });
    assert.equal(r.status, "filled");
    assert.equal(r.profit, sized.profit);
    assert.equal(await balanceOf(w, "USDC", w.owner.account.address) - before, sized.profit);
    assert.deepEqual(r.swaps.map((s) => s.pool), legs.map(([v, p]) => w.pool(v, p).address));
  });
});

Deno.test("swap callbacks from an address that is not the pool being swapped revert", async () => {
  await withWorld(async (w) => {
    const data = encodeAbiParameters([{ type: "address" }], [w.token("USDC")]);
    const calls = [
      { functionName: "uniswapV3SwapCallback", args: [1_000_000n, -1n, data] },
      { functionName: "uniswapV2Call", args: [w.executor, 0n, 1n, data] },
    ] as const;
    for (const call of calls) {
      // From a trader and from a real pool address alike: no swap of ours is under way.
      for (const account of [w.trader.account.address, w.pool("uniswap_v3", "WETH/USDC").address]) {
        await assert.rejects(
          w.trader.simulateContract({
            address: w.executor,
            abi: arbitrageExecutorAbi,
            account,
            ...call,
          } as never),
          (e: Error) => /UnexpectedCallback/.test(e.message),
        );
      }
    }
  });
});

Deno.test("only the owner may execute, and a bad route is refused with its custom error", async () => {
  await withWorld(async (w) => {
    const hops = [
      hop(w, "quickswap_v2", "WETH/USDC", "USDC", "WETH"),
      hop(w, "uniswap_v3", "WETH/USDC", "WETH", "USDC"),
    ];
    await assert.rejects(
      w.trader.simulateContract({
        address: w.executor,
        abi: arbitrageExecutorAbi,
        functionName: "execute",
        args: [hops, 10n ** 6n, 0n, 2n ** 40n],
      }),
      (e: Error) => /NotOwner/.test(e.message),
    );
    const executor = await connect(w);
    const broken = await executor.simulate({
      hops: [hops[0]!, hops[0]!],
      amountIn: 1n,
      minProfit: 0n,
    });
    assert(!broken.ok && broken.revert.errorName === "BadHop");
    const late = await executor.simulate({ hops, amountIn: 10n ** 6n, minProfit: 0n }, 1n);
    assert(
      !late.ok && late.revert.errorName === "DeadlineExpired" && late.revert.reasonCode === 102,
    );
  });
});

Deno.test("the hand-written executor ABI matches the one solc compiles from the contract", async () => {
  const compiled = await loadOwnContract("ArbitrageExecutor");
  const sig = (x: { type: string; name?: string; inputs?: readonly { type: string }[] }) =>
    `${x.type} ${x.name ?? ""}(${(x.inputs ?? []).map((i) => i.type).join(",")})`;
  assert.deepEqual(
    new Set(compiled.abi.map((x) => sig(x as never))),
    new Set(arbitrageExecutorAbi.map((x) => sig(x as never))),
  );
});
