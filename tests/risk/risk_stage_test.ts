// tests/risk/risk_stage_test.ts — the risk stage on a real devnet signal: every pre-trade check
// it is asked for decides, a halt blocks everything, execution feedback closes executions and
// trips breakers, and metrics come out on the tick.
import assert from "node:assert/strict";
import { PaperExecuteProcessor, paperTradingLoop } from "../../lib/execution/mod.ts";
import { dexVenueByName } from "../../lib/instrument/mod.ts";
import { amountForUsd, tokenKey, tokenOnChain, usd, usdValue } from "../../lib/portfolio/mod.ts";
import {
  buildFrame,
  type ExecutionReport,
  type Frame,
  parseFrame,
  RelayDomain,
  RiskReason,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import {
  engageKillSwitch,
  releaseKillSwitch,
  type RiskConfigInput,
  RiskProcessor,
} from "../../lib/risk/mod.ts";
import { wethSaleSignal, withWorld, type World } from "../execution/_paper_world.ts";
import { feed, millionUsdc, tick, valuesOf, wallNs, WIDE_LIMITS } from "../execution/_stages.ts";

function riskWith(w: World, config: RiskConfigInput, now: () => bigint, extra = {}) {
  return new RiskProcessor({
    ...w.market,
    config: {
      limits: { ...WIDE_LIMITS.limits, ...config.limits },
      ...(config.breakers !== undefined ? { breakers: config.breakers } : {}),
    },
    capital: millionUsdc(w.token("USDC")),
    clock: now,
    ...extra,
  });
}

/** A copy of a signal frame with another signal id. */
function renumbered(frame: Frame, id: bigint): Frame {
  const values = valuesOf([frame], TlvType.ArbitrageSignal);
  return parseFrame(buildFrame(RelayDomain.Signal, SourceType.Detector, id, [[
    TlvType.ArbitrageSignal,
    { ...values[0]!, signalId: id },
  ]]));
}

Deno.test("each pre-trade check decides on a real devnet signal with its reason", async () => {
  await withWorld(async (w) => {
    const { market, signal, frame } = await wethSaleSignal(w);
    const now = wallNs();
    const decide = async (config: RiskConfigInput, frames: Frame[] = [frame], at = now) => {
      const risk = riskWith(w, config, () => at);
      return valuesOf(await feed(risk, [...market, ...frames]), TlvType.RiskDecision);
    };
    const weth = tokenOnChain(w.market.chainId, w.token("WETH"));
    const quickswap = String(dexVenueByName("quickswap_v2").code);
    const priced = riskWith(w, {}, () => now);
    await feed(priced, market);
    const wethPrice = priced.market.priceOf(w.token("WETH"))!;
    const notional = usdValue(signal.amountIn, 18, wethPrice, "ceil");

    const [full] = await decide({});
    assert.deepEqual([full?.decision, full?.reasonCode, full?.approvedAmount], [
      1,
      RiskReason.None,
      signal.amountIn,
    ]);
    const half = notional / 2n;
    const [capped] = await decide({ limits: { maxNotionalUsd: half } });
    assert.deepEqual([capped?.decision, capped?.reasonCode, capped?.approvedAmount], [
      3,
      RiskReason.MaxNotional,
      amountForUsd(half, 18, wethPrice),
    ]);
    const [navShare] = await decide({ limits: { maxNavExposureBps: 1 } });
    assert.deepEqual([navShare?.decision, navShare?.reasonCode], [3, RiskReason.NavExposure]);
    const [venue] = await decide({ limits: { venueLimitsUsd: { [quickswap]: half } } });
    assert.deepEqual([venue?.decision, venue?.reasonCode], [3, RiskReason.VenueExposure]);
    const [position] = await decide({ limits: { positionLimitsUsd: { [tokenKey(weth)]: 1n } } });
    assert.deepEqual([position?.decision, position?.reasonCode], [2, RiskReason.TokenPosition]);
    const [thin] = await decide({ limits: { minPoolLiquidityUsd: usd("100000000") } });
    assert.deepEqual([thin?.decision, thin?.reasonCode], [2, RiskReason.PoolLiquidityLow]);
    const [stale] = await decide({}, [frame], signal.detectedNs + 31_000_000_000n);
    assert.deepEqual([stale?.decision, stale?.reasonCode], [2, RiskReason.StaleSignal]);
    const [, second] = await decide({ limits: { maxConcurrentExecutions: 1 } }, [
      frame,
      renumbered(frame, signal.signalId + 1000n),
    ]);
    assert.deepEqual([second?.decision, second?.reasonCode], [2, RiskReason.MaxConcurrent]);
    const [, again] = await decide({}, [frame, frame]);
    assert.deepEqual([again?.decision, again?.reasonCode], [2, RiskReason.DuplicateSignal]);
  });
});

Deno.test("an approved decision frame carries the signal so the executor needs nothing else", async () => {
  await withWorld(async (w) => {
    const { market, signal, frame } = await wethSaleSignal(w);
    const now = wallNs();
    const risk = riskWith(w, {}, () => now);
    const out = await feed(risk, [...market, frame]);
    assert.equal(out.length, market.length + 2, "every input forwarded, one decision added");
    const decisionFrame = out.at(-1)!;
    assert.equal(decisionFrame.domain, RelayDomain.Execution);
    assert.deepEqual(valuesOf([decisionFrame], TlvType.ArbitrageSignal), [signal]);
    assert.equal(valuesOf([decisionFrame], TlvType.SignalIdentity)[0]?.signalId, signal.signalId);
    assert.equal(risk.counters.signals, 1);
    assert.equal(risk.counters.approved, 1);
  });
});

Deno.test("while halted nothing is approved: the kill-switch file and an operator's frame both halt", async () => {
  await withWorld(async (w) => {
    const { market, frame, signal } = await wethSaleSignal(w);
    const now = wallNs();
    const file = await Deno.makeTempFile();
    await Deno.remove(file);
    const risk = riskWith(w, { limits: { maxConcurrentExecutions: 8 } }, () => now, {
      killSwitchFile: file,
    });
    await feed(risk, market);
    await engageKillSwitch(file, "test");
    const halted = await tick(risk, now);
    assert.equal(valuesOf(halted, TlvType.CircuitBreaker)[0]?.state, 3);
    const blocked = valuesOf(await feed(risk, [frame]), TlvType.RiskDecision);
    assert.deepEqual([blocked[0]?.decision, blocked[0]?.reasonCode, blocked[0]?.tradingState], [
      2,
      RiskReason.KillSwitch,
      3,
    ]);
    await releaseKillSwitch(file);
    await tick(risk, now + 1_000_000_000n);
    assert.equal(risk.tradingState, 1);
    const ok = valuesOf(await feed(risk, [renumbered(frame, 77n)]), TlvType.RiskDecision);
    assert.equal(ok[0]?.decision, 1);
    // `torq risk halt --socket` sends this frame
    const operator = parseFrame(buildFrame(RelayDomain.Signal, SourceType.Monitor, 1n, [[
      TlvType.CircuitBreaker,
      { breaker: 5, state: 3, previousState: 1, triggerValue: 0n, threshold: 0n, resetAfterNs: 0n },
    ]]));
    await feed(risk, [operator]);
    const again = valuesOf(await feed(risk, [renumbered(frame, 78n)]), TlvType.RiskDecision);
    assert.deepEqual([again[0]?.decision, again[0]?.reasonCode], [2, RiskReason.KillSwitch]);
    assert.equal(signal.chainId, w.market.chainId);
  });
});

Deno.test("execution feedback closes the open execution and a losing report trips a breaker", async () => {
  await withWorld(async (w) => {
    const { market, frame, signal } = await wethSaleSignal(w);
    const now = wallNs();
    const limits = { maxConcurrentExecutions: 1 };
    // in one process, the executor's report goes back to risk: the next signal is approved
    const looped = paperTradingLoop({
      risk: riskWith(w, { limits }, () => now),
      paper: new PaperExecuteProcessor({ ...w.market, clock: () => now }),
    });
    const out = await feed(looped, [...market, frame, renumbered(frame, 500n)]);
    await looped.finish!({ forward: () => {}, emit: (b) => out.push(parseFrame(b)) });
    const decisions = valuesOf(out, TlvType.RiskDecision);
    assert.deepEqual(decisions.map((d) => d.decision), [1, 1]);
    assert.equal(valuesOf(out, TlvType.ExecutionReport).length, 2);
    // without the feedback the first execution stays open and the second is refused
    const open = riskWith(w, { limits }, () => now);
    const refused = valuesOf(
      await feed(open, [...market, frame, renumbered(frame, 500n)]),
      TlvType.RiskDecision,
    );
    assert.deepEqual(refused.map((d) => d.reasonCode), [RiskReason.None, RiskReason.MaxConcurrent]);

    const strict = riskWith(w, {
      limits,
      breakers: { maxConsecutiveLosses: 1, consecutiveLossAction: "halted" },
    }, () => now);
    await feed(strict, [...market, frame]);
    const loss: ExecutionReport = {
      orderId: 1n,
      signalId: signal.signalId,
      status: 3,
      mode: 2,
      token: signal.tokenIn,
      decimals: 18,
      expectedProfit: signal.netProfit,
      realizedProfit: -1n,
      expectedPnlUsd: signal.netProfitUsd,
      realizedPnlUsd: -1n,
      gasCostUsd: 0n,
      txHash: `0x${"00".repeat(32)}`,
      blockNumber: 1n,
      latencyNs: 0n,
    };
    const tripped = await feed(strict, [
      parseFrame(buildFrame(RelayDomain.Execution, SourceType.Executor, 1n, [[
        TlvType.ExecutionReport,
        loss,
      ]])),
    ]);
    assert.deepEqual(valuesOf(tripped, TlvType.CircuitBreaker).map((c) => [c.breaker, c.state]), [
      [1, 3],
    ]);
    const next = valuesOf(await feed(strict, [renumbered(frame, 9n)]), TlvType.RiskDecision);
    assert.deepEqual([next[0]?.decision, next[0]?.reasonCode], [2, RiskReason.Halted]);
    assert.equal(strict.counters.byReason.Halted, 1);
  });
});

Deno.test("RiskMetrics come out on the tick with the portfolio's NAV, and VaR once three marks exist", async () => {
  await withWorld(async (w) => {
    const market = await w.frames();
    const risk = riskWith(w, {}, () => 0n, { metricsIntervalNs: 10n });
    await feed(risk, market);
    const metrics = [];
    for (const at of [0n, 5n, 10n, 20n]) {
      metrics.push(...valuesOf(await tick(risk, at), TlvType.RiskMetrics));
    }
    assert.equal(metrics.length, 3, "one per interval");
    for (const m of metrics) assert.equal(m.navUsd, usd("1000000"));
    assert.deepEqual(metrics.map((m) => m.window), [0, 0, 2]);
    assert.equal(metrics[2]!.var95Usd, 0n, "a flat NAV has no value at risk");
  });
});
