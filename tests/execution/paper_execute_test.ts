// tests/execution/paper_execute_test.ts — paper execution against a real devnet: the collector's
// frames, the detector's signal and the risk stage's decision go in, and every paper fill must
// equal what the chain's own Router02 and QuoterV2 quote for the state at execution time.
import assert from "node:assert/strict";
import {
  ExecutionReason,
  type ExecutionReport,
  type Frame,
  OrderState,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { usdValue } from "../../lib/portfolio/mod.ts";
import { PaperExecuteProcessor } from "../../lib/execution/mod.ts";
import { RiskProcessor } from "../../lib/risk/mod.ts";
import { withWorld, type World } from "./_paper_world.ts";
import { feed, framesWith, millionUsdc, tick, valuesOf, wallNs, WIDE_LIMITS } from "./_stages.ts";

const WETH_10 = 10n * 10n ** 18n;

/** Dislocate WETH/USDC on quickswap, detect, decide: the frames an executor would read. */
async function dislocated(w: World) {
  const market0 = await w.frames();
  await w.swapV2("quickswap_v2", [w.token("WETH"), w.token("USDC")], WETH_10);
  const market1 = await w.frames();
  const market = [...market0, ...market1];
  const [hit] = w.detect(market);
  assert.ok(hit !== undefined, "the dislocation yields a signal");
  const now = wallNs();
  const risk = new RiskProcessor({
    ...w.market,
    config: WIDE_LIMITS,
    capital: millionUsdc(w.token("USDC")),
    clock: () => now,
  });
  const riskOut = await feed(risk, [...market, hit.frame]);
  const [decision] = valuesOf(riskOut, TlvType.RiskDecision);
  assert.equal(decision?.decision, 1, `approved (reason ${decision?.reasonCode})`);
  return { signal: hit.signal, riskOut, now };
}

function paper(w: World, now: () => bigint, options: { latencyNs?: bigint; log?: string[] } = {}) {
  return new PaperExecuteProcessor({
    ...w.market,
    clock: now,
    capital: millionUsdc(w.token("USDC")),
    ...(options.latencyNs !== undefined ? { latencyNs: options.latencyNs } : {}),
    ...(options.log !== undefined ? { log: (l: string) => options.log!.push(l) } : {}),
  });
}

function onlyReport(frames: readonly Frame[]): ExecutionReport {
  const reports = valuesOf(frames, TlvType.ExecutionReport);
  assert.equal(reports.length, 1);
  return reports[0]!;
}

Deno.test("a paper fill with nothing in between fills exactly as the detector sized it and as the chain quotes", async () => {
  await withWorld(async (w) => {
    const { signal, riskOut, now } = await dislocated(w);
    const p = paper(w, () => now);
    assert.equal((await feed(p, riskOut)).length, riskOut.length, "everything is forwarded");
    assert.equal(p.pending, 1);
    const chain = await w.quoteHops(signal.hops, signal.amountIn);
    // latency 0: the next frame boundary or tick executes it
    const out = await tick(p, now);
    const fills = valuesOf(out, TlvType.Fill);
    assert.deepEqual(fills.map((f) => f.amountOut), chain);
    assert.deepEqual(fills.map((f) => f.amountOut), signal.hops.map((h) => h.amountOut));
    const report = onlyReport(out);
    assert.equal(report.status, OrderState.Filled);
    assert.equal(report.realizedProfit, signal.netProfit);
    assert.equal(report.expectedProfit, signal.netProfit);
    assert.equal(report.expectedPnlUsd, signal.netProfitUsd);
    const [order] = valuesOf(out, TlvType.OrderRequest);
    assert.equal(order?.amountIn, signal.amountIn);
    assert.equal(order?.mode, 1);
  });
});

Deno.test("a swap between detection and execution changes the paper fill to the wei, as the chain quotes it after the swap", async () => {
  await withWorld(async (w) => {
    const { signal, riskOut, now } = await dislocated(w);
    const log: string[] = [];
    let clock = now;
    const p = paper(w, () => clock, { latencyNs: 5_000_000n, log });
    await feed(p, riskOut);
    // someone else takes part of the opportunity: buys WETH back on the cheap venue
    await w.swapV2("quickswap_v2", [w.token("USDC"), w.token("WETH")], 6_000n * 10n ** 6n);
    const after = await w.frames();
    assert.ok(after.length > 0);
    // the latency has not passed: the market frames move the state, nothing executes
    const moved = await feed(p, after);
    assert.equal(valuesOf(moved, TlvType.Fill).length, 0);
    const chain = await w.quoteHops(signal.hops, signal.amountIn);
    clock = now + 5_000_000n;
    const out = await tick(p, clock);
    const fills = valuesOf(out, TlvType.Fill);
    assert.deepEqual(fills.map((f) => f.amountOut), chain);
    const realized = chain.at(-1)! - signal.amountIn - signal.gasCostIn;
    const report = onlyReport(out);
    assert.equal(report.realizedProfit, realized);
    assert.ok(realized < signal.netProfit, "the swap took part of the profit");
    assert.equal(report.latencyNs, clock - signal.detectedNs);
    const price = p.market.priceOf(signal.tokenIn)!;
    assert.equal(report.realizedPnlUsd, usdValue(realized, 18, price, "floor"));
    // the paper wallet holds the WETH it made (gross of gas: paper pays no gas)
    const [pos] = valuesOf(out, TlvType.PositionUpdate).filter((u) => u.decimals === 18);
    assert.equal(pos?.quantity, chain.at(-1)! - signal.amountIn);
    const s = p.summary();
    assert.equal(s.executed, 1);
    assert.equal(s.theoreticalPnlUsd, report.realizedPnlUsd);
    assert.equal(s.expectedPnlUsd, signal.netProfitUsd);
    assert.equal(s.captureRate, Number(report.realizedPnlUsd) / Number(signal.netProfitUsd));
    const line = JSON.parse(log[0]!);
    assert.equal(line.outcome, "filled");
    assert.equal(line.realizedProfit, realized.toString());
    assert.deepEqual(line.hops.map((h: { amountOut: string }) => BigInt(h.amountOut)), chain);
  });
});

Deno.test("a fill the market turned unprofitable is not executed and is reported lost to slippage", async () => {
  await withWorld(async (w) => {
    const { signal, riskOut, now } = await dislocated(w);
    const log: string[] = [];
    const p = paper(w, () => now, { latencyNs: 1n, log });
    await feed(p, riskOut);
    // the dislocation is closed (and overshot) before our turn
    await w.swapV2("quickswap_v2", [w.token("USDC"), w.token("WETH")], 40_000n * 10n ** 6n);
    await feed(p, await w.frames());
    const chain = await w.quoteHops(signal.hops, signal.amountIn);
    const wouldBe = chain.at(-1)! - signal.amountIn - signal.gasCostIn;
    assert.ok(wouldBe <= 0n, "the route now loses");
    const out = await tick(p, now + 1n);
    assert.equal(valuesOf(out, TlvType.Fill).length, 0);
    assert.equal(onlyReport(out).status, OrderState.Rejected);
    assert.equal(onlyReport(out).realizedProfit, 0n);
    const [status] = valuesOf(out, TlvType.OrderStatus);
    assert.equal(status?.reasonCode, ExecutionReason.Slippage);
    assert.equal(JSON.parse(log[0]!).realizedProfit, wouldBe.toString());
    assert.deepEqual(p.summary().missed, {
      stale: 0,
      belowGuard: 0,
      rejectedByRisk: 0,
      slippage: 1,
      noPoolState: 0,
    });
    assert.equal(p.summary().executed, 0);
  });
});

Deno.test("a fill below the minimum-profit guard and a signal past its expiry are reported, not executed", async () => {
  await withWorld(async (w) => {
    const { signal, riskOut, now } = await dislocated(w);
    const strict = new PaperExecuteProcessor({
      ...w.market,
      clock: () => now,
      minNetProfitUsd: signal.netProfitUsd + 1n,
    });
    await feed(strict, riskOut);
    const guarded = await tick(strict, now);
    assert.equal(valuesOf(guarded, TlvType.OrderStatus)[0]?.reasonCode, ExecutionReason.BelowGuard);
    assert.equal(onlyReport(guarded).status, OrderState.Rejected);
    assert.equal(strict.summary().missed.belowGuard, 1);

    // the detector's frame said the signal expires 60 s after detection
    const late = signal.detectedNs + 60_000_000_001n;
    const slow = paper(w, () => late);
    await feed(slow, riskOut);
    const expired = await tick(slow, late);
    assert.equal(valuesOf(expired, TlvType.Fill).length, 0);
    assert.equal(onlyReport(expired).status, OrderState.Expired);
    assert.equal(
      valuesOf(expired, TlvType.OrderStatus)[0]?.reasonCode,
      ExecutionReason.StaleSignal,
    );
    assert.equal(slow.summary().missed.stale, 1);
    assert.equal(framesWith(expired, TlvType.OrderRequest).length, 1);
  });
});

Deno.test("a route through a V3 pool re-quotes across initialized ticks exactly as QuoterV2 does", async () => {
  await withWorld(async (w) => {
    const market0 = await w.frames();
    // a large sale on the V3 0.3% pool moves its price past its ±2% positions' ticks
    await w.swapV3(w.token("WETH"), w.token("USDC"), 3000, 60n * 10n ** 18n);
    const market = [...market0, ...await w.frames()];
    const [hit] = w.detect(market);
    assert.ok(hit !== undefined, "the V3 dislocation yields a signal");
    const v3 = w.pool("uniswap_v3", "WETH/USDC", 3000).address.toLowerCase().slice(2);
    assert.ok(hit.signal.hops.some((h) => h.pool.includes(v3)), "the route uses the V3 pool");
    const now = wallNs();
    const risk = new RiskProcessor({
      ...w.market,
      config: WIDE_LIMITS,
      capital: millionUsdc(w.token("USDC")),
      clock: () => now,
    });
    const log: string[] = [];
    const p = paper(w, () => now, { latencyNs: 1n, log });
    await feed(p, await feed(risk, [...market, hit.frame]));
    // more selling on the V3 pool before our turn
    await w.swapV3(w.token("WETH"), w.token("USDC"), 3000, 2n * 10n ** 18n);
    await feed(p, await w.frames());
    const chain = await w.quoteHops(hit.signal.hops, hit.signal.amountIn);
    const out = await tick(p, now + 1n);
    assert.deepEqual(valuesOf(out, TlvType.Fill).map((f) => f.amountOut), chain);
    const report = onlyReport(out);
    assert.equal(report.realizedProfit, chain.at(-1)! - hit.signal.amountIn - hit.signal.gasCostIn);
    assert.ok(report.realizedProfit > hit.signal.netProfit, "the extra selling widened the gap");
    const crossed = JSON.parse(log[0]!).hops.map((h: { ticksCrossed: number }) => h.ticksCrossed);
    assert.ok(crossed.some((n: number) => n > 0), `ticks crossed ${crossed}`);
  });
});
