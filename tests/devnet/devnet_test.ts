import assert from "node:assert/strict";
import {
  type Address,
  encodeAbiParameters,
  encodePacked,
  getContractAddress,
  keccak256,
} from "viem";
import {
  addV2Liquidity,
  createDevnetClient,
  createV2Pair,
  createV3Pool,
  deployDevnet,
  deployUniswap,
  type DevnetClient,
  type DevnetDeployment,
  encodeSqrtPriceX96,
  findV2Pair,
  mintV3Position,
  quoteV2AmountsIn,
  quoteV2AmountsOut,
  quoteV3ExactInSingle,
  quoteV3ExactOutSingle,
  readV3PoolState,
  sortTokens,
  startAnvil,
  swapV2ExactIn,
  swapV2ExactOut,
  swapV3ExactInSingle,
  swapV3ExactOutSingle,
  testTokenAbi,
  tokenBySymbol,
  uniswapV3FactoryAbi,
  v2Venue,
  v3Venue,
  weth9Abi,
} from "../../lib/devnet/mod.ts";
import { withAnvil } from "./_devnet.ts";

const E18 = 10n ** 18n;

async function balanceOf(client: DevnetClient, token: Address, owner: Address): Promise<bigint> {
  return await client.readContract({
    address: token,
    abi: testTokenAbi,
    functionName: "balanceOf",
    args: [owner],
  });
}

/** Deploys the venues and 6/8/18-decimal tokens, funded to accounts 0 and 1. */
async function deployAll(client: DevnetClient, holders: readonly Address[]) {
  const mints = (amount: bigint) => holders.map((to) => ({ to, amount }));
  return await deployDevnet(client, {
    tokens: [
      { symbol: "USDC", name: "USD Coin", decimals: 6, mints: mints(10n ** 13n) },
      { symbol: "WBTC", name: "Wrapped BTC", decimals: 8, mints: mints(10n ** 10n) },
      { symbol: "DAI", name: "Dai", decimals: 18, mints: mints(10n ** 25n) },
    ],
  });
}

/** A WBTC/DAI pool at fee 3000, 60 000 DAI per WBTC, with three overlapping positions. */
async function seedV3(client: DevnetClient, dep: DevnetDeployment) {
  const venue = v3Venue(dep, "uniswap_v3");
  const wbtc = tokenBySymbol(dep, "WBTC").address;
  const dai = tokenBySymbol(dep, "DAI").address;
  const [token0, token1] = sortTokens(wbtc, dai);
  const sqrtPriceX96 = token0 === wbtc
    ? encodeSqrtPriceX96(60_000n * E18, 10n ** 8n)
    : encodeSqrtPriceX96(10n ** 8n, 60_000n * E18);
  const pool = await createV3Pool(client, venue, { token0, token1, fee: 3000, sqrtPriceX96 });
  const { tick } = await readV3PoolState(client, pool);
  const base = Math.floor(tick / 60) * 60;
  const ranges: [number, number][] = [[-6000, 6000], [-1200, 1800], [-600, 600]];
  const positions = [];
  for (const [lo, hi] of ranges) {
    positions.push(
      await mintV3Position(client, venue, {
        token0,
        token1,
        fee: 3000,
        tickLower: base + lo,
        tickUpper: base + hi,
        amount0Desired: token0 === wbtc ? 5n * 10n ** 8n : 300_000n * E18,
        amount1Desired: token0 === wbtc ? 300_000n * E18 : 5n * 10n ** 8n,
      }),
    );
  }
  return { venue, pool, wbtc, dai, token0, positions };
}

Deno.test("the devnet deploys and every swap through the real routers matches the on-chain quote", async (t) => {
  const started = performance.now();
  const anvil = await startAnvil();
  try {
    const client = createDevnetClient(anvil);
    const trader = createDevnetClient(anvil, { account: 1 });
    const me = client.account.address;
    const dep = await deployAll(client, [me, trader.account.address]);
    const deployMs = performance.now() - started;
    console.log(`start + full deployment: ${deployMs.toFixed(0)} ms`);

    const usdc = tokenBySymbol(dep, "USDC").address;
    await client.writeContract({
      address: dep.weth,
      abi: weth9Abi,
      functionName: "deposit",
      value: 1000n * E18,
    })
      .then((hash) => client.waitForTransactionReceipt({ hash }));
    await trader.writeContract({
      address: dep.weth,
      abi: weth9Abi,
      functionName: "deposit",
      value: 100n * E18,
    })
      .then((hash) => client.waitForTransactionReceipt({ hash }));

    await t.step("tokens have the decimals asked for and the minted balances", async () => {
      for (const [symbol, decimals] of [["USDC", 6], ["WBTC", 8], ["DAI", 18]] as const) {
        const token = tokenBySymbol(dep, symbol);
        const onChain = await client.readContract({
          address: token.address,
          abi: testTokenAbi,
          functionName: "decimals",
        });
        assert.equal(onChain, decimals);
      }
      assert.equal(await balanceOf(client, usdc, trader.account.address), 10n ** 13n);
      assert.deepEqual(JSON.parse(JSON.stringify(dep)), dep);
    });

    // WETH/USDC on both V2 venues at slightly different prices, as an arbitrage scene would have.
    const prices: Record<string, bigint> = { quickswap_v2: 3000n, sushiswap: 3030n };
    for (const name of ["quickswap_v2", "sushiswap"]) {
      await t.step(
        `an exact-in swap on ${name} pays exactly what Router02 getAmountsOut quoted`,
        async () => {
          const venue = v2Venue(dep, name);
          const added = await addV2Liquidity(client, venue, {
            tokenA: dep.weth,
            tokenB: usdc,
            amountA: 100n * E18,
            amountB: 100n * prices[name]! * 10n ** 6n,
          });
          assert.equal(added.amountA, 100n * E18);
          const amountIn = 3n * E18;
          const path = [dep.weth, usdc];
          const [, quoted] = await quoteV2AmountsOut(trader, venue, amountIn, path);
          const before = await balanceOf(trader, usdc, trader.account.address);
          const res = await swapV2ExactIn(trader, venue, { path, amountIn, amountOutMin: quoted! });
          assert.equal(res.swaps.length, 1);
          const ev = res.swaps[0]!;
          assert.equal(ev.pair, added.pair);
          const wethIs0 = sortTokens(dep.weth, usdc)[0] === dep.weth;
          assert.equal(wethIs0 ? ev.amount0In : ev.amount1In, amountIn);
          assert.equal(wethIs0 ? ev.amount1Out : ev.amount0Out, quoted);
          assert.equal(await balanceOf(trader, usdc, trader.account.address) - before, quoted);
        },
      );
    }

    await t.step(
      "an exact-out swap on sushiswap takes exactly what Router02 getAmountsIn quoted",
      async () => {
        const venue = v2Venue(dep, "sushiswap");
        const amountOut = 5n * E18;
        const path = [usdc, dep.weth];
        const [quotedIn] = await quoteV2AmountsIn(trader, venue, amountOut, path);
        const res = await swapV2ExactOut(trader, venue, {
          path,
          amountOut,
          amountInMax: quotedIn!,
        });
        const ev = res.swaps[0]!;
        const usdcIs0 = sortTokens(usdc, dep.weth)[0] === usdc;
        assert.equal(usdcIs0 ? ev.amount0In : ev.amount1In, quotedIn);
        assert.equal(usdcIs0 ? ev.amount1Out : ev.amount0Out, amountOut);
      },
    );

    const v3 = await seedV3(client, dep);

    await t.step("three overlapping V3 positions are minted with liquidity", () => {
      assert.equal(v3.positions.length, 3);
      assert.deepEqual(v3.positions.map((p) => p.tokenId), [1n, 2n, 3n]);
      for (const p of v3.positions) assert.ok(p.liquidity > 0n && p.amount0 > 0n && p.amount1 > 0n);
    });

    await t.step("an exact-in V3 swap across ticks pays exactly what QuoterV2 quoted", async () => {
      const amountIn = 12n * 10n ** 8n; // 12 WBTC: enough to leave the narrowest range
      const quote = await quoteV3ExactInSingle(trader, v3.venue, {
        tokenIn: v3.wbtc,
        tokenOut: v3.dai,
        fee: 3000,
        amount: amountIn,
      });
      assert.ok(quote.initializedTicksCrossed >= 1, `crossed ${quote.initializedTicksCrossed}`);
      const before = await balanceOf(trader, v3.dai, trader.account.address);
      const res = await swapV3ExactInSingle(trader, v3.venue, {
        tokenIn: v3.wbtc,
        tokenOut: v3.dai,
        fee: 3000,
        amountIn,
        amountOutMin: quote.amount,
      });
      assert.equal(res.swaps.length, 1);
      const ev = res.swaps[0]!;
      assert.equal(ev.pool, v3.pool);
      const [inSide, outSide] = v3.token0 === v3.wbtc
        ? [ev.amount0, ev.amount1]
        : [ev.amount1, ev.amount0];
      assert.equal(inSide, amountIn);
      assert.equal(-outSide, quote.amount);
      assert.equal(ev.sqrtPriceX96, quote.sqrtPriceX96After);
      assert.equal(await balanceOf(trader, v3.dai, trader.account.address) - before, quote.amount);
      const state = await readV3PoolState(client, v3.pool);
      assert.equal(state.sqrtPriceX96, ev.sqrtPriceX96);
      assert.equal(state.tick, ev.tick);
    });

    await t.step("an exact-out V3 swap takes exactly what QuoterV2 quoted", async () => {
      const amountOut = 10n ** 8n / 2n; // 0.5 WBTC
      const quote = await quoteV3ExactOutSingle(trader, v3.venue, {
        tokenIn: v3.dai,
        tokenOut: v3.wbtc,
        fee: 3000,
        amount: amountOut,
      });
      const res = await swapV3ExactOutSingle(trader, v3.venue, {
        tokenIn: v3.dai,
        tokenOut: v3.wbtc,
        fee: 3000,
        amountOut,
        amountInMax: quote.amount,
      });
      const ev = res.swaps[0]!;
      const [inSide, outSide] = v3.token0 === v3.dai
        ? [ev.amount0, ev.amount1]
        : [ev.amount1, ev.amount0];
      assert.equal(inSide, quote.amount);
      assert.equal(-outSide, amountOut);
      assert.equal(ev.sqrtPriceX96, quote.sqrtPriceX96After);
    });
  } finally {
    await anvil.stop();
  }
});

Deno.test("a swap whose minimum output is above the quote reverts with a typed error", async () => {
  await withAnvil(async (anvil, client) => {
    const dep = await deployAll(client, [anvil.accounts[0]!.address]);
    const venue = v2Venue(dep, "quickswap_v2");
    const [usdc, dai] = [tokenBySymbol(dep, "USDC").address, tokenBySymbol(dep, "DAI").address];
    await addV2Liquidity(client, venue, {
      tokenA: usdc,
      tokenB: dai,
      amountA: 10n ** 12n,
      amountB: 10n ** 24n,
    });
    const [, quoted] = await quoteV2AmountsOut(client, venue, 10n ** 6n, [usdc, dai]);
    await assert.rejects(
      swapV2ExactIn(client, venue, {
        path: [usdc, dai],
        amountIn: 10n ** 6n,
        amountOutMin: quoted! + 1n,
      }),
      (e: unknown) =>
        e instanceof Error && (e as { code?: string }).code === "TX_REVERTED" &&
        /INSUFFICIENT_OUTPUT_AMOUNT/.test(e.message),
    );
  });
});

Deno.test("pair and pool addresses follow CREATE2 from the deployment's init-code hashes", async () => {
  await withAnvil(async (anvil, client) => {
    const dep = await deployAll(client, [anvil.accounts[0]!.address]);
    const [usdc, dai] = [tokenBySymbol(dep, "USDC").address, tokenBySymbol(dep, "DAI").address];
    const [token0, token1] = sortTokens(usdc, dai);
    for (const venue of dep.v2) {
      const pair = await createV2Pair(client, venue, usdc, dai);
      assert.equal(await findV2Pair(client, venue, dai, usdc), pair);
      const predicted = getContractAddress({
        opcode: "CREATE2",
        from: venue.factory,
        salt: keccak256(encodePacked(["address", "address"], [token0, token1])),
        bytecodeHash: venue.pairInitCodeHash,
      });
      assert.equal(pair, predicted, venue.name);
    }
    const venue = v3Venue(dep, "uniswap_v3");
    const pool = await createV3Pool(client, venue, {
      token0,
      token1,
      fee: 500,
      sqrtPriceX96: 2n ** 96n,
    });
    const salt = keccak256(
      encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "uint24" }], [
        token0,
        token1,
        500,
      ]),
    );
    assert.equal(
      pool,
      getContractAddress({
        opcode: "CREATE2",
        from: venue.factory,
        salt,
        bytecodeHash: venue.poolInitCodeHash,
      }),
    );
  });
});

Deno.test("deployUniswap names venues as asked and enables extra V3 fee tiers", async () => {
  await withAnvil(async (_anvil, client) => {
    const uni = await deployUniswap(client, {
      v2Venues: ["uniswap_v2"],
      v3Venues: ["uniswap_v3", "pancakeswap_v3"],
      v3ExtraFeeTiers: [{ fee: 100, tickSpacing: 1 }],
    });
    assert.deepEqual(uni.v2.map((v) => v.name), ["uniswap_v2"]);
    assert.deepEqual(uni.v3.map((v) => v.name), ["uniswap_v3", "pancakeswap_v3"]);
    assert.notEqual(uni.v3[0]!.factory, uni.v3[1]!.factory);
    for (const v of uni.v3) {
      assert.deepEqual(v.feeTiers.map((t) => t.fee), [100, 500, 3000, 10000]);
      const spacing = await client.readContract({
        address: v.factory,
        abi: uniswapV3FactoryAbi,
        functionName: "feeAmountTickSpacing",
        args: [100],
      });
      assert.equal(spacing, 1);
    }
    await assert.rejects(
      deployUniswap(client, { v2Venues: ["a", "a"] }),
      (e: unknown) => (e as { code?: string }).code === "BAD_OPTION",
    );
    await assert.rejects(
      deployUniswap(client, { v3ExtraFeeTiers: [{ fee: 3000, tickSpacing: 60 }] }),
      (e: unknown) => (e as { code?: string }).code === "BAD_OPTION",
    );
  });
});

Deno.test("createV3Pool refuses tokens out of order with BAD_TOKEN_ORDER", async () => {
  await withAnvil(async (anvil, client) => {
    const dep = await deployAll(client, [anvil.accounts[0]!.address]);
    const [token0, token1] = sortTokens(dep.tokens[0]!.address, dep.tokens[1]!.address);
    await assert.rejects(
      createV3Pool(client, v3Venue(dep, "uniswap_v3"), {
        token0: token1,
        token1: token0,
        fee: 3000,
        sqrtPriceX96: 2n ** 96n,
      }),
      (e: unknown) => (e as { code?: string }).code === "BAD_TOKEN_ORDER",
    );
  });
});
