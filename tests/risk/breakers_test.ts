import assert from "node:assert/strict";
import { usd } from "../../lib/portfolio/mod.ts";
import {
  CircuitBreakers,
  DAY_NS,
  PORTFOLIO_SUBJECT,
  resolveRiskConfig,
  type RiskConfigInput,
  RiskError,
} from "../../lib/risk/mod.ts";
import { caught, NOW, SECOND } from "./_fixtures.ts";
import { report } from "./_reports.ts";
import {
  AlertSeverity,
  Breaker,
  MARKET_MISS_REASONS,
  OrderState,
  TradingState,
} from "../../lib/protocol/mod.ts";

const FIXED = 100_000_000n;

function breakers(input: RiskConfigInput["breakers"] = {}) {
  return new CircuitBreakers(resolveRiskConfig({ breakers: input }).breakers);
}

Deno.test("three losses in a row move to reducing, with a CircuitBreaker and a critical alert", () => {
  const b = breakers({ maxConsecutiveLosses: 3, consecutiveLossCooldownNs: 60n * SECOND });
  assert.equal(b.recordExecution(report(1n, -usd("1")), NOW).circuitBreakers.length, 0);
  b.recordExecution(report(2n, -usd("1")), NOW);
  const e = b.recordExecution(report(3n, -usd("1"), OrderState.Reverted), NOW);
  assert.deepEqual(e.circuitBreakers, [{
    breaker: Breaker.ConsecutiveLosses,
    state: TradingState.Reducing,
    previousState: TradingState.Active,
    triggerValue: 3n * FIXED,
    threshold: 3n * FIXED,
    resetAfterNs: NOW + 60n * SECOND,
  }]);
  assert.deepEqual(e.alerts, [{
    severity: AlertSeverity.Critical,
    alertCode: Breaker.ConsecutiveLosses,
    subject: PORTFOLIO_SUBJECT,
    value: 3n * FIXED,
    threshold: 3n * FIXED,
  }]);
  assert.equal(b.state, TradingState.Reducing);
});

Deno.test("a gain or a break-even execution ends a losing streak", () => {
  const b = breakers({ maxConsecutiveLosses: 2 });
  b.recordExecution(report(1n, -1n), NOW);
  b.recordExecution(report(2n, 0n), NOW);
  b.recordExecution(report(3n, -1n), NOW);
  assert.equal(b.state, TradingState.Active);
  assert.equal(b.measures().consecutiveLosses, 1);
  b.recordExecution(report(4n, -1n), NOW);
  assert.equal(b.state, TradingState.Reducing);
});

Deno.test("the consecutive-loss breaker resets by itself after its cooldown", () => {
  const b = breakers({ maxConsecutiveLosses: 1, consecutiveLossCooldownNs: 10n * SECOND });
  b.recordExecution(report(1n, -1n), NOW);
  assert.equal(b.tick(NOW + 10n * SECOND - 1n).circuitBreakers.length, 0);
  const e = b.tick(NOW + 10n * SECOND);
  assert.deepEqual(
    e.circuitBreakers.map((c) => [c.breaker, c.state, c.previousState, c.resetAfterNs]),
    [
      [Breaker.ConsecutiveLosses, TradingState.Active, TradingState.Reducing, 0n],
    ],
  );
  assert.equal(b.measures().consecutiveLosses, 0);
});

Deno.test("the consecutive-loss breaker can be set to halt", () => {
  const b = breakers({ maxConsecutiveLosses: 1, consecutiveLossAction: "halted" });
  b.recordExecution(report(1n, -1n), NOW);
  assert.equal(b.state, TradingState.Halted);
});

Deno.test("an error rate at the limit over the window halts, and only once judged on enough outcomes", () => {
  const b = breakers({
    errorRateMinSamples: 10,
    maxErrorRateBps: 3_000,
    errorRateWindowNs: 60n * SECOND,
  });
  for (let i = 0; i < 3; i++) b.recordExecution(report(BigInt(i), 0n, OrderState.Reverted), NOW);
  assert.equal(b.state, TradingState.Active); // 3 of 3, not yet 10 outcomes
  for (let i = 3; i < 9; i++) b.recordExecution(report(BigInt(i), 0n), NOW);
  assert.equal(b.state, TradingState.Active);
  const e = b.recordExecution(report(9n, 0n), NOW); // 3 errors of 10: 30%
  assert.deepEqual(
    e.circuitBreakers.map((c) => [c.breaker, c.state, c.triggerValue, c.threshold]),
    [
      [Breaker.ErrorRate, TradingState.Halted, 30_000_000n, 30_000_000n],
    ],
  );
});

Deno.test("outcomes older than the error-rate window no longer count", () => {
  const b = breakers({
    errorRateMinSamples: 4,
    maxErrorRateBps: 5_000,
    errorRateWindowNs: 60n * SECOND,
  });
  b.recordExecution(report(1n, 0n, OrderState.Rejected), NOW);
  b.recordExecution(report(2n, 0n, OrderState.Expired), NOW);
  b.recordExecution(report(3n, 0n), NOW + 61n * SECOND); // the two errors left the window
  b.recordExecution(report(4n, 0n), NOW + 61n * SECOND);
  b.recordExecution(report(5n, 0n, OrderState.Reverted), NOW + 61n * SECOND);
  assert.deepEqual([b.measures().errorsInWindow, b.measures().outcomesInWindow], [1, 3]);
  b.recordExecution(report(6n, 0n, OrderState.Reverted), NOW + 61n * SECOND); // 2 of 4: 50%
  assert.equal(b.state, TradingState.Halted);
});

Deno.test("a rejection for a market miss counts for neither side of the error rate; other rejections are errors", () => {
  const b = breakers({ errorRateMinSamples: 2, maxErrorRateBps: 5_000 });
  for (const reason of MARKET_MISS_REASONS) {
    b.recordExecution(report(BigInt(reason), 0n, OrderState.Rejected), NOW, reason);
  }
  assert.deepEqual([b.measures().errorsInWindow, b.measures().outcomesInWindow], [0, 0]);
  b.recordExecution(report(500n, 0n), NOW);
  b.recordExecution(report(501n, 0n, OrderState.Rejected), NOW, 122); // the RPC failed: an error
  assert.deepEqual([b.measures().errorsInWindow, b.measures().outcomesInWindow], [1, 2]);
  assert.equal(b.state, TradingState.Halted);
});

Deno.test("cancelled executions count for neither side of the error rate; pending reports are ignored", () => {
  const b = breakers();
  b.recordExecution(report(1n, 0n, OrderState.Cancelled), NOW);
  b.recordExecution(report(2n, -usd("100"), OrderState.Submitted), NOW);
  assert.deepEqual(b.measures(), {
    consecutiveLosses: 0,
    dailyPnlUsd: 0n,
    errorsInWindow: 0,
    outcomesInWindow: 0,
    peakNavUsd: undefined,
    lastNavUsd: undefined,
  });
});

Deno.test("the daily loss limit halts until the next UTC midnight, then resets by itself", () => {
  const b = breakers({ dailyLossLimitUsd: usd("50"), maxConsecutiveLosses: 100 });
  const midnight = (NOW / DAY_NS + 1n) * DAY_NS;
  b.recordExecution(report(1n, -usd("30")), NOW);
  b.recordExecution(report(2n, usd("5")), NOW);
  assert.equal(b.state, TradingState.Active);
  const e = b.recordExecution(report(3n, -usd("25")), NOW);
  const trip = e.circuitBreakers[0]!;
  assert.deepEqual(
    [trip.breaker, trip.state, trip.triggerValue, trip.threshold, trip.resetAfterNs],
    [
      Breaker.DailyLoss,
      TradingState.Halted,
      usd("50"),
      usd("50"),
      midnight,
    ],
  );
  assert.equal(b.tick(midnight - 1n).circuitBreakers.length, 0);
  const reset = b.tick(midnight);
  assert.deepEqual(reset.circuitBreakers.map((c) => [c.breaker, c.state]), [[
    Breaker.DailyLoss,
    1,
  ]]);
  assert.equal(b.measures().dailyPnlUsd, 0n);
});

Deno.test("the daily P&L starts again at zero at each UTC midnight", () => {
  const b = breakers({ dailyLossLimitUsd: usd("50"), maxConsecutiveLosses: 100 });
  const midnight = (NOW / DAY_NS + 1n) * DAY_NS;
  b.recordExecution(report(1n, -usd("49")), midnight - 1n);
  b.recordExecution(report(2n, -usd("49")), midnight);
  assert.equal(b.state, TradingState.Active);
  assert.equal(b.measures().dailyPnlUsd, -usd("49"));
});

Deno.test("a drawdown from peak NAV moves to reducing, then halts, and resets only by hand", () => {
  const b = breakers({ drawdownReduceBps: 300, drawdownHaltBps: 500 });
  b.recordNav(usd("10000"), NOW);
  b.recordNav(usd("10500"), NOW);
  assert.equal(b.recordNav(usd("10185.00000001"), NOW).circuitBreakers.length, 0);
  const reduce = b.recordNav(usd("10185"), NOW).circuitBreakers; // exactly 3% below 10500
  assert.deepEqual(
    reduce.map((c) => [c.breaker, c.state, c.triggerValue, c.threshold, c.resetAfterNs]),
    [
      [Breaker.Drawdown, TradingState.Reducing, 3_000_000n, 3_000_000n, 0n],
    ],
  );
  const halt = b.recordNav(usd("9975"), NOW).circuitBreakers;
  assert.deepEqual(halt.map((c) => [c.state, c.previousState, c.threshold]), [
    [TradingState.Halted, TradingState.Reducing, 5_000_000n],
  ]);
  assert.equal(b.recordNav(usd("10400"), NOW + DAY_NS).circuitBreakers.length, 0); // no auto reset
  assert.equal(b.state, TradingState.Halted);
  const reset = b.reset(Breaker.Drawdown, NOW + DAY_NS);
  assert.deepEqual(reset.circuitBreakers.map((c) => [c.state, c.previousState]), [[1, 3]]);
  assert.equal(b.measures().peakNavUsd, usd("10400")); // the peak restarts from the last NAV
});

Deno.test("the kill switch halts at once and only its release lifts it", () => {
  const b = breakers();
  const e = b.kill(NOW);
  assert.deepEqual(e.circuitBreakers, [{
    breaker: Breaker.KillSwitch,
    state: TradingState.Halted,
    previousState: TradingState.Active,
    triggerValue: FIXED,
    threshold: FIXED,
    resetAfterNs: 0n,
  }]);
  assert.equal(e.alerts[0]?.severity, AlertSeverity.Critical);
  assert.equal(b.kill(NOW).circuitBreakers.length, 0);
  assert.equal(b.tick(NOW + 365n * DAY_NS).circuitBreakers.length, 0);
  assert(b.killSwitch);
  b.releaseKill(NOW);
  assert.equal(b.state, TradingState.Active);
});

Deno.test("the state is the strictest of the tripped breakers", () => {
  const b = breakers({ maxConsecutiveLosses: 1 });
  b.recordExecution(report(1n, -1n), NOW); // reducing
  const e = b.kill(NOW);
  assert.deepEqual(e.circuitBreakers.map((c) => [c.state, c.previousState]), [[3, 2]]);
  const released = b.releaseKill(NOW);
  assert.deepEqual(released.circuitBreakers.map((c) => [c.state, c.previousState]), [[2, 3]]);
});

Deno.test("a measure reaching warnAtBps of its threshold raises one warning per crossing", () => {
  const b = breakers({ dailyLossLimitUsd: usd("50"), warnAtBps: 8_000, maxConsecutiveLosses: 100 });
  assert.equal(b.recordExecution(report(1n, -usd("39.99999999")), NOW).alerts.length, 0);
  const w = b.recordExecution(report(2n, -1n), NOW).alerts;
  assert.deepEqual(w, [{
    severity: AlertSeverity.Warning,
    alertCode: Breaker.DailyLoss,
    subject: PORTFOLIO_SUBJECT,
    value: usd("40"),
    threshold: usd("50"),
  }]);
  assert.equal(b.recordExecution(report(3n, -usd("1")), NOW).alerts.length, 0);
  b.recordExecution(report(4n, usd("10")), NOW); // back under 80%
  assert.equal(b.recordExecution(report(5n, -usd("10")), NOW).alerts.length, 1);
});

Deno.test("reset refuses a number that is not a breaker and does nothing to an untripped one", () => {
  const b = breakers();
  const err = caught(() => b.reset(9 as Breaker, NOW));
  assert(err instanceof RiskError && err.code === "UNKNOWN_BREAKER");
  assert.equal(b.reset(Breaker.DailyLoss, NOW).circuitBreakers.length, 0);
});
