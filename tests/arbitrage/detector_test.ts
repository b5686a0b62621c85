import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cloneV3PoolState,
  type createV2PoolState,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  v2AmountOut,
  v3ApplyBurn,
  v3ApplyMint,
  type V3PoolState,
  v3Swap,
} from "../../lib/amm/mod.ts";
import {
  type ArbitrageDetection,
  ArbitrageDetector,
  ArbitrageError,
  DEFAULT_GAS_MODEL,
  type DetectorOptions,
  pathUsdValue,
  routeGasUnits,
  type RouteHop,
  USD_ONE,
  v2Hop,
  v2SpotRate,
  v3Hop,
  writeArbitrageSignal,
} from "../../lib/arbitrage/mod.ts";
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import {
  bytesToHex,
  decodeTlvs,
  FrameBuilder,
  type Hex,
  parseFrame,
  type PoolState,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import {
  DAI,
  gasPrice,
  LINK,
  poolId,
  referenceOut,
  type TestToken,
  USDC,
  v2State,
  v3PoolAt,
  v3Updates,
  WETH,
} from "./_fixtures.ts";

const E18 = 10n ** 18n;
const E6 = 10n ** 6n;
const GWEI = 10n ** 9n;

const P1 = poolId("uniswap_v2", 1); // WETH/USDC, deep
const P2 = poolId("sushiswap", 2); // WETH/USDC
const P4 = poolId("uniswap_v2", 4); // USDC/DAI
const P5 = poolId("sushiswap", 5); // WETH/DAI
const P6 = poolId("uniswap_v2", 6); // LINK/WETH
const P7 = poolId("uniswap_v3", 7); // LINK/USDC, V3

function detector(options: Partial<DetectorOptions> = {}): ArbitrageDetector {
  return new ArbitrageDetector({
    chainId: 1,
    nativeToken: WETH.address,
    stablecoins: [USDC.address, DAI.address],
    ...options,
  });
}

// WETH at 3000 USD, LINK at 15 USD, every pool consistent
function v2Market(d: ArbitrageDetector): void {
  d.apply(gasPrice(20n * GWEI));
  const state = (s: PoolState) => d.apply({ type: TlvType.PoolState, value: s });
  state(v2State(P1, WETH, 10_000n * E18, USDC, 30_000_000n * E6));
  state(v2State(P2, WETH, 1_000n * E18, USDC, 3_000_000n * E6));
  state(v2State(P4, USDC, 5_000_000n * E6, DAI, 5_000_000n * E18));
  state(v2State(P5, WETH, 500n * E18, DAI, 1_500_000n * E18));
  state(v2State(P6, LINK, 100_000n * E18, WETH, 500n * E18));
  assert.deepEqual(d.evaluate(), [], "a consistent market has no arbitrage");
}

// a PoolSync of `pool` holding `amountA` of a and `amountB` of b (token0 has the lower address)
function sync(pool: Hex, a: TestToken, amountA: bigint, b: TestToken, amountB: bigint) {
  const [reserve0, reserve1] = a.address < b.address ? [amountA, amountB] : [amountB, amountA];
  return {
    type: TlvType.PoolSync,
    value: {
      pool,
      reserve0,
      reserve1,
      blockNumber: 7n,
      logIndex: 0,
      txHash: `0x${"00".repeat(32)}`,
    },
  } as const;
}

// the hops of a signal, rebuilt from the detector's current pool states
function routeOf(d: ArbitrageDetector, det: ArbitrageDetection): RouteHop[] {
  return det.signal.hops.map((h) => {
    const state = d.poolState(h.pool)!;
    const zeroForOne = h.tokenIn < h.tokenOut;
    return "reserve0" in state ? v2Hop(state, zeroForOne) : v3Hop(state, zeroForOne);
  });
}

// every figure of a signal, checked against the AMM library and the signal's own arithmetic
function checkSignal(d: ArbitrageDetector, det: ArbitrageDetection): void {
  const s = det.signal;
  const route = routeOf(d, det);
  assert.equal(s.hops[0]!.tokenIn, s.tokenIn);
  assert.equal(s.hops.at(-1)!.tokenOut, s.tokenIn);
  assert.equal(s.hops[0]!.amountIn, s.amountIn);
  s.hops.forEach((h, i) => {
    assert.equal(referenceOut(route[i]!, h.amountIn), h.amountOut, `hop ${i} output`);
    if (i > 0) assert.equal(h.amountIn, s.hops[i - 1]!.amountOut, `hop ${i} input`);
  });
  assert.equal(s.expectedOut, s.hops.at(-1)!.amountOut);
  assert.equal(s.expectedProfit, s.expectedOut - s.amountIn);
  assert.equal(s.netProfit, s.expectedProfit - s.gasCostIn);
  assert.ok(s.netProfit > 0n);
}

Deno.test("a V2 dislocation yields the two-pool cycle with exact amounts, gas and net profit", () => {
  const d = detector();
  v2Market(d);
  // WETH 2% dearer on P2: sell WETH there for USDC, buy it back on the deep P1
  const [hit, ...rest] = d.onPoolUpdate(
    sync(P2, WETH, 1_000n * E18, USDC, (3_000_000n * E6 * 102n) / 100n),
  );
  assert.equal(rest.length, 0);
  assert.ok(hit !== undefined, "a signal");
  const s = hit.signal;
  assert.deepEqual(s.hops.map((h) => h.pool), [P2, P1]);
  assert.equal(s.tokenIn, WETH.address);
  assert.equal(s.decimalsIn, 18);
  assert.equal(s.chainId, 1);
  assert.equal(s.blockNumber, 7n);
  checkSignal(d, hit);
  // WETH is the native token: gas needs no conversion
  assert.equal(
    s.gasUnits,
    routeGasUnits(DEFAULT_GAS_MODEL, [
      { protocol: "v2", ticksCrossed: 0 },
      { protocol: "v2", ticksCrossed: 0 },
    ]),
  );
  assert.equal(s.gasPriceWei, 20n * GWEI);
  assert.equal(s.gasCostIn, s.gasUnits * s.gasPriceWei);
  // USD through the deepest WETH/stablecoin pool, P1 (30M USDC)
  const p1 = d.poolState(P1) as ReturnType<typeof createV2PoolState>;
  const usd = { rates: [v2SpotRate(p1, true)], stableDecimals: 6 }; // WETH is P1's token0
  assert.equal(s.netProfitUsd, pathUsdValue(s.netProfit, usd, "floor"));
  assert.equal(s.gasCostUsd, pathUsdValue(s.gasCostIn, usd, "ceil"));
  assert.equal(hit.economics?.netProfitUsd, s.netProfitUsd);
  assert.equal(hit.economics?.requiredCapitalUsd, pathUsdValue(s.amountIn, usd, "ceil"));
  // the size is the exact optimum: one wei more or less earns no more
  const route = routeOf(d, hit);
  for (const x of [s.amountIn - 1n, s.amountIn + 1n]) {
    const out = v2AmountOut(v2AmountOut(x, ...reservesOf(route[0]!)), ...reservesOf(route[1]!));
    assert.ok(out - x <= s.expectedProfit);
  }
});

function reservesOf(hop: RouteHop): [bigint, bigint, bigint] {
  if (hop.protocol !== "v2") throw new Error("V2 only");
  const s = hop.state;
  return hop.zeroForOne ? [s.reserve0, s.reserve1, s.feeBps] : [s.reserve1, s.reserve0, s.feeBps];
}

Deno.test("a dislocation too small to pay for gas emits nothing", () => {
  // 1%: about 0.4% over the two fees
  const move = sync(P2, WETH, 1_000n * E18, USDC, (3_000_000n * E6 * 1010n) / 1000n);
  // at 2000 gwei the ~0.2 WETH of profit does not cover the 0.34 WETH of gas
  const costly = detector();
  v2Market(costly);
  costly.apply(gasPrice(2000n * GWEI));
  assert.deepEqual(costly.onPoolUpdate(move), []);
  const { belowGuard, belowGuardEstimate } = costly.stats;
  assert.ok(belowGuard + belowGuardEstimate > 0, "rejected by the guard, not unseen");
  // the same move pays at 1 gwei
  const cheap = detector();
  v2Market(cheap);
  cheap.apply(gasPrice(GWEI));
  const [hit] = cheap.onPoolUpdate(move);
  assert.ok(hit !== undefined);
  assert.ok(hit.signal.netProfit > 0n && hit.signal.expectedProfit < 340_000n * 2000n * GWEI);
});

Deno.test("an update to a pool re-evaluates only the cycles that contain it", () => {
  const d = detector({ trace: true });
  v2Market(d);
  for (const pool of [P1, P2, P4, P5, P6]) {
    const p = d.poolIndex(pool);
    const own = new Set(d.graph.cyclesOfPool(p));
    const before = { ...d.stats };
    const state = d.poolState(pool) as ReturnType<typeof createV2PoolState>;
    d.onPoolUpdate({
      type: TlvType.PoolSync,
      value: {
        pool,
        reserve0: (state.reserve0 * 1003n) / 1000n,
        reserve1: state.reserve1,
        blockNumber: 3n,
        logIndex: 0,
        txHash: `0x${"00".repeat(32)}`,
      },
    });
    for (const c of d.lastScanned) assert.ok(own.has(c), `cycle ${c} does not hold ${pool}`);
    for (const c of d.lastCandidates) assert.ok(own.has(c));
    // every cycle of the pool was either scanned or pruned by its token cycle's bound, once
    const seen = d.stats.cyclesScanned - before.cyclesScanned + d.stats.cyclesPruned -
      before.cyclesPruned;
    assert.equal(seen, own.size);
    assert.ok(own.size < d.graph.cycleCount, "a strict subset of the cycles");
  }
});

Deno.test("no emitted signal is below the minimum-profit guard", () => {
  const guardArb = fc.record({
    minUsd: fc.option(fc.bigInt({ min: 0n, max: 5000n * USD_ONE }), { nil: null }),
    minWeth: fc.option(fc.bigInt({ min: 0n, max: 2n * E18 }), { nil: undefined }),
  });
  const moveArb = fc.record({
    pool: fc.constantFrom(P1, P2, P4, P5, P6),
    permille: fc.integer({ min: 900, max: 1100 }),
    gwei: fc.bigInt({ min: 0n, max: 300n }),
  });
  let emitted = 0;
  fc.assert(
    fc.property(guardArb, fc.array(moveArb, { minLength: 1, maxLength: 4 }), (guard, moves) => {
      const d = detector({
        minNetProfitUsd: guard.minUsd,
        ...(guard.minWeth === undefined ? {} : { minNetProfit: { [WETH.address]: guard.minWeth } }),
        maxSignalsPerUpdate: 5,
      });
      v2Market(d);
      for (const m of moves) {
        d.apply(gasPrice(m.gwei * GWEI));
        const state = d.poolState(m.pool) as ReturnType<typeof createV2PoolState>;
        const found = d.onPoolUpdate({
          type: TlvType.PoolSync,
          value: {
            pool: m.pool,
            reserve0: (state.reserve0 * BigInt(m.permille)) / 1000n,
            reserve1: state.reserve1,
            blockNumber: 4n,
            logIndex: 0,
            txHash: `0x${"00".repeat(32)}`,
          },
        });
        for (const hit of found) {
          emitted++;
          checkSignal(d, hit);
          const s = hit.signal;
          if (guard.minUsd !== null) assert.ok(s.netProfitUsd >= guard.minUsd);
          if (guard.minWeth !== undefined && s.tokenIn === WETH.address) {
            assert.ok(s.netProfit >= guard.minWeth);
          }
        }
      }
    }),
    { numRuns: 60 },
  );
  assert.ok(emitted > 10, `only ${emitted} signals in the whole run`);
});

// a V3 USDC/LINK pool (token0 USDC: its address is lower) at 15 USDC per LINK, ticks every 60,
// about 1M USDC deep
function linkPool(): V3PoolState {
  // LINK units per USDC unit: 1e-6 USDC buys 1e-6/15 LINK = 1e18·1e-6/15 units
  const tick = Math.round(Math.log(1e12 / 15) / Math.log(1.0001) / 60) * 60;
  return v3PoolAt(tick, 3000, 60, [
    { lower: tick - 6000, upper: tick + 6000, liquidity: 10n ** 17n },
    { lower: tick - 600, upper: tick + 600, liquidity: 3n * 10n ** 17n },
    { lower: tick + 600, upper: tick + 1200, liquidity: 10n ** 17n },
  ]);
}

function v3Market(d: ArbitrageDetector, pool: V3PoolState): void {
  v2Market(d);
  const { state, ticks } = v3Updates(P7, USDC, LINK, pool);
  d.apply({ type: TlvType.PoolState, value: state });
  for (const t of ticks) d.apply({ type: TlvType.PoolTick, value: t });
  d.evaluate();
}

Deno.test("a V3 swap that moves the price yields a signal whose V3 hop matches v3Swap", () => {
  const pool = linkPool();
  const d = detector();
  v3Market(d, pool);
  // someone sells 3000 LINK (token1) into the V3 pool: LINK gets cheaper there than on P6
  const moved = v3Swap(pool, false, 3_000n * E18, MAX_SQRT_RATIO - 1n);
  const [hit] = d.onPoolUpdate({
    type: TlvType.PoolSwap,
    value: {
      pool: P7,
      sender: WETH.address,
      recipient: WETH.address,
      amount0In: 0n,
      amount1In: 3_000n * E18,
      amount0Out: -moved.amount0,
      amount1Out: 0n,
      sqrtPriceX96: moved.sqrtPriceX96,
      liquidity: moved.liquidity,
      tick: moved.tick,
      decimals0: 6,
      decimals1: 18,
      blockNumber: 9n,
      logIndex: 1,
      txHash: `0x${"00".repeat(32)}`,
    },
  });
  assert.ok(hit !== undefined, "a signal");
  assert.ok(hit.signal.hops.some((h) => h.pool === P7), "through the V3 pool");
  checkSignal(d, hit);
  // gas: each hop's cost, and each tick the V3 hop crosses at its input
  const route = routeOf(d, hit);
  const hops = route.map((h, i) => ({
    protocol: h.protocol,
    ticksCrossed: h.protocol === "v3"
      ? v3Swap(
        h.state,
        h.zeroForOne,
        hit.signal.hops[i]!.amountIn,
        h.zeroForOne ? MIN_SQRT_RATIO + 1n : (1n << 159n),
      ).initializedTicksCrossed
      : 0,
  }));
  assert.equal(hit.signal.gasUnits, routeGasUnits(DEFAULT_GAS_MODEL, hops));
});

Deno.test("PoolMint and PoolBurn change the V3 state as v3ApplyMint and v3ApplyBurn do", () => {
  const pool = linkPool();
  const d = detector();
  v3Market(d, pool);
  const expected = cloneV3PoolState(pool);
  const position = {
    pool: P7,
    owner: WETH.address,
    tickLower: pool.tick - 120,
    tickUpper: pool.tick + 180,
    liquidity: 7n * 10n ** 14n,
    amount0: 0n,
    amount1: 0n,
    blockNumber: 5n,
    logIndex: 0,
    txHash: `0x${"00".repeat(32)}` as Hex,
  };
  const lower = Math.floor(position.tickLower / 60) * 60;
  const upper = Math.floor(position.tickUpper / 60) * 60;
  const aligned = { ...position, tickLower: lower, tickUpper: upper };
  d.onPoolUpdate({ type: TlvType.PoolMint, value: aligned });
  v3ApplyMint(expected, lower, upper, aligned.liquidity);
  const got = d.poolState(P7) as V3PoolState;
  assert.equal(got.liquidity, expected.liquidity);
  assert.deepEqual([...got.ticks.entries()], [...expected.ticks.entries()]);
  d.onPoolUpdate({ type: TlvType.PoolBurn, value: aligned });
  v3ApplyBurn(expected, lower, upper, aligned.liquidity);
  assert.equal(got.liquidity, expected.liquidity);
  assert.deepEqual([...got.ticks.entries()], [...expected.ticks.entries()]);
});

Deno.test("a V2 PoolSwap leaves the reserves to the pair's Sync", () => {
  const d = detector();
  v2Market(d);
  const before = d.poolState(P2);
  const ignored = d.stats.ignored;
  d.onPoolUpdate({
    type: TlvType.PoolSwap,
    value: {
      pool: P2,
      sender: WETH.address,
      recipient: WETH.address,
      amount0In: 10n ** 9n,
      amount1In: 0n,
      amount0Out: 0n,
      amount1Out: 10n ** 17n,
      sqrtPriceX96: 0n,
      liquidity: 0n,
      tick: 0,
      decimals0: 6,
      decimals1: 18,
      blockNumber: 2n,
      logIndex: 0,
      txHash: `0x${"00".repeat(32)}`,
    },
  });
  assert.equal(d.poolState(P2), before);
  assert.equal(d.stats.ignored, ignored + 1);
});

Deno.test("without a gas price the detector emits nothing", () => {
  const d = detector();
  d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P1, WETH, 1_000n * E18, USDC, 3_000_000n * E6),
  });
  const found = d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P2, WETH, 1_000n * E18, USDC, 3_300_000n * E6),
  });
  assert.deepEqual(found, []);
  assert.ok(d.stats.unpriced > 0);
  // a configured default price lets the same market through
  const withDefault = detector({ gasPriceWei: GWEI });
  withDefault.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P1, WETH, 1_000n * E18, USDC, 3_000_000n * E6),
  });
  const [hit] = withDefault.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P2, WETH, 1_000n * E18, USDC, 3_300_000n * E6),
  });
  assert.ok(hit !== undefined);
});

Deno.test("several signals come best net USD first, numbered in order", () => {
  const d = detector({ maxSignalsPerUpdate: 3, firstSignalId: 100n });
  v2Market(d);
  const found = d.onPoolUpdate(sync(P2, WETH, 1_000n * E18, USDC, (3_000_000n * E6 * 105n) / 100n));
  assert.ok(found.length >= 2, `${found.length} signals`);
  for (let i = 1; i < found.length; i++) {
    assert.ok(found[i - 1]!.signal.netProfitUsd >= found[i]!.signal.netProfitUsd);
    assert.equal(found[i]!.signal.signalId, found[i - 1]!.signal.signalId + 1n);
  }
  assert.equal(found[0]!.signal.signalId, 100n);
  for (const hit of found) checkSignal(d, hit);
});

Deno.test("writeArbitrageSignal writes a frame that decodes back to the signal", () => {
  const d = detector();
  v2Market(d);
  const [hit] = d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P2, WETH, 1_000n * E18, USDC, 3_090_000n * E6),
  });
  assert.ok(hit !== undefined);
  const b = new FrameBuilder({ source: SourceType.Detector });
  writeArbitrageSignal(b, hit, { confidence: 90, ttlNs: 5n });
  const frame = parseFrame(b.take());
  assert.equal(frame.domain, RelayDomain.Signal);
  const tlvs = decodeTlvs(frame);
  const byName = new Map(tlvs.map((t) => [t.name, "value" in t ? t.value : undefined]));
  assert.deepEqual(byName.get("ArbitrageSignal"), hit.signal);
  assert.deepEqual(byName.get("Economics"), hit.economics);
  assert.deepEqual(byName.get("SignalIdentity"), {
    strategyId: 1,
    signalId: hit.signal.signalId,
    confidence: 90,
    expiresNs: hit.signal.detectedNs + 5n,
  });
});

Deno.test("onTlvs rebuilds a V3 pool from one frame of PoolState and PoolTicks", () => {
  const pool = linkPool();
  const { state, ticks } = v3Updates(P7, LINK, USDC, pool);
  const b = new FrameBuilder({ source: SourceType.Collector });
  b.begin(RelayDomain.MarketData).add(TlvType.PoolState, state);
  for (const t of ticks) b.add(TlvType.PoolTick, t);
  b.end();
  const d = detector();
  v2Market(d);
  d.onTlvs(decodeTlvs(parseFrame(b.take())));
  const got = d.poolState(P7) as V3PoolState;
  assert.equal(got.sqrtPriceX96, pool.sqrtPriceX96);
  assert.equal(got.liquidity, pool.liquidity);
  assert.deepEqual([...got.ticks.entries()], [...pool.ticks.entries()]);
});

Deno.test("the detector refuses pools of another chain and updates that contradict a pool", () => {
  const code = (c: string) => (e: unknown) => e instanceof ArbitrageError && e.code === c;
  const d = detector();
  const polygon = bytesToHex(
    instrumentToBytes(dexPool("polygon", "quickswap_v2", `0x${"77".repeat(20)}`)),
  );
  assert.throws(
    () => d.onPoolUpdate({ type: TlvType.PoolState, value: v2State(polygon, WETH, 1n, USDC, 1n) }),
    code("WRONG_CHAIN"),
  );
  // a V2 venue announced as a V3 pool
  const asV3 = { ...v2State(P1, WETH, 1n, USDC, 1n), protocol: 2 };
  assert.throws(
    () => d.onPoolUpdate({ type: TlvType.PoolState, value: asV3 }),
    code("PROTOCOL_MISMATCH"),
  );
  d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P1, WETH, 10n ** 18n, USDC, 10n ** 9n),
  });
  assert.throws(
    () =>
      d.onPoolUpdate({
        type: TlvType.PoolSync,
        value: {
          pool: P1,
          reserve0: 1n << 120n, // beyond uint112
          reserve1: 1n,
          blockNumber: 1n,
          logIndex: 0,
          txHash: `0x${"00".repeat(32)}`,
        },
      }),
    code("INVALID_POOL_UPDATE"),
  );
  assert.throws(() => detector({ chainId: 0 }), code("INVALID_OPTION"));
});

Deno.test("gas is converted into the input token through the deepest pool to the native token", () => {
  const d = detector();
  v2Market(d);
  const tail: TestToken = { address: `0x${"99".repeat(20)}`, decimals: 18 };
  d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(poolId("uniswap_v2", 20), tail, 100_000n * E18, DAI, 100_000n * E18),
  });
  // the same pair 10% apart on another venue: a cycle from DAI (the only base token on it)
  const [hit] = d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(poolId("sushiswap", 21), tail, 100_000n * E18, DAI, 110_000n * E18),
  });
  assert.ok(hit !== undefined);
  checkSignal(d, hit);
  const s = hit.signal;
  assert.equal(s.tokenIn, DAI.address);
  // WETH → DAI at P5's mid price (its only pool), rounded up
  const p5 = d.poolState(P5) as ReturnType<typeof createV2PoolState>;
  const wethIsToken0 = WETH.address < DAI.address;
  const [wethReserve, daiReserve] = wethIsToken0
    ? [p5.reserve0, p5.reserve1]
    : [p5.reserve1, p5.reserve0];
  const wei = s.gasUnits * s.gasPriceWei;
  assert.equal(s.gasCostIn, (wei * daiReserve + wethReserve - 1n) / wethReserve);
  // DAI is a stablecoin: 18 decimals to 8
  assert.equal(s.netProfitUsd, s.netProfit / 10n ** 10n);
});

Deno.test("a base token with no pool path to the native token is never traded", () => {
  const usdx: TestToken = { address: `0x${"98".repeat(20)}`, decimals: 6 };
  const tail: TestToken = { address: `0x${"97".repeat(20)}`, decimals: 18 };
  const d = detector({ stablecoins: [USDC.address, DAI.address, usdx.address] });
  v2Market(d);
  d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(poolId("uniswap_v2", 30), tail, 100_000n * E18, usdx, 100_000n * E6),
  });
  const found = d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(poolId("sushiswap", 31), tail, 100_000n * E18, usdx, 120_000n * E6),
  });
  assert.deepEqual(found, []);
  assert.ok(
    d.stats.unpriced > 0,
    `dropped because its gas cannot be valued: ${JSON.stringify(d.stats)}`,
  );
});

Deno.test("a PoolInvalidate stops trading the pool until its fresh PoolState arrives", () => {
  const d = detector();
  v2Market(d);
  d.onPoolUpdate({
    type: TlvType.PoolInvalidate,
    value: { pool: P2, fromBlock: 5n, reason: 1 },
  });
  // a dislocated Sync for the voided pool is applied but not traded
  assert.deepEqual(
    d.onPoolUpdate(sync(P2, WETH, 1_000n * E18, USDC, (3_000_000n * E6 * 102n) / 100n)),
    [],
  );
  // the fresh state brings it back
  const [hit] = d.onPoolUpdate({
    type: TlvType.PoolState,
    value: v2State(P2, WETH, 1_000n * E18, USDC, (3_000_000n * E6 * 102n) / 100n),
  });
  assert.ok(hit !== undefined && hit.signal.hops.some((h) => h.pool === P2));
});

Deno.test("a PoolInvalidate drops a V3 pool's ticks until fresh PoolTicks arrive", () => {
  const pool = linkPool();
  const d = detector();
  v3Market(d, pool);
  d.onPoolUpdate({ type: TlvType.PoolInvalidate, value: { pool: P7, fromBlock: 5n, reason: 2 } });
  assert.equal((d.poolState(P7) as V3PoolState).ticks.size, 0);
  const { state, ticks } = v3Updates(P7, USDC, LINK, pool);
  d.apply({ type: TlvType.PoolState, value: state });
  for (const t of ticks) d.apply({ type: TlvType.PoolTick, value: t });
  d.evaluate();
  assert.deepEqual([...(d.poolState(P7) as V3PoolState).ticks.entries()], [
    ...pool.ticks.entries(),
  ]);
});
