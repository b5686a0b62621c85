import assert from "node:assert/strict";
import fc from "fast-check";
import { usd } from "../../lib/portfolio/mod.ts";
import { type RiskConfigInput, RiskEngine, RiskError } from "../../lib/risk/mod.ts";
import { caught, cycle, market, NOW, ONE_ETH, SECOND, TestClock, USDC_KEY } from "./_fixtures.ts";
import { report } from "./_reports.ts";
import { Breaker, Decision, OrderState, RiskReason, TradingState } from "../../lib/protocol/mod.ts";

function engine(config: RiskConfigInput = {}) {
  const clock = new TestClock();
  return { engine: new RiskEngine(config, { clock: clock.read }), clock };
}

// Every way to halt, each driven through the engine's public inputs.
const HALTS: Record<string, (e: RiskEngine, c: TestClock) => void> = {
  "kill switch": (e) => e.kill(),
  "error rate": (e) => {
    for (let i = 0; i < 10; i++) {
      e.onExecutionReport(report(BigInt(100 + i), 0n, OrderState.Reverted));
    }
  },
  "daily loss": (e) => e.onExecutionReport(report(100n, -usd("50"))),
  "drawdown": (e) => {
    e.onNav(usd("10000"));
    e.onNav(usd("9500"));
  },
  "consecutive losses set to halt": (e) => {
    for (let i = 0; i < 3; i++) e.onExecutionReport(report(BigInt(100 + i), -1n));
  },
};
const HALT_CONFIG: RiskConfigInput = { breakers: { consecutiveLossAction: "halted" } };

Deno.test("evaluate approves a good signal and holds it open until its report arrives", () => {
  const { engine: e } = engine();
  const s = cycle();
  const v = e.evaluate(s, market());
  assert.equal(v.decision.decision, Decision.Approve);
  assert.deepEqual(e.openExecutions().map((x) => x.signalId), [s.signalId]);
  // one at a time by default
  assert.equal(e.evaluate(cycle(), market()).decision.reasonCode, RiskReason.MaxConcurrent);
  e.onExecutionReport(report(s.signalId, usd("4")));
  assert.equal(e.openExecutions().length, 0);
  assert.equal(e.evaluate(cycle(), market()).decision.decision, Decision.Approve);
});

Deno.test("a pending report does not close an open execution", () => {
  const { engine: e } = engine();
  const s = cycle();
  e.evaluate(s, market());
  e.onExecutionReport(report(s.signalId, 0n, OrderState.Submitted));
  assert.equal(e.openExecutions().length, 1);
});

Deno.test("an open execution without a report is forgotten after openExecutionTtlNs", () => {
  const { engine: e, clock } = engine({ limits: { openExecutionTtlNs: 30n * SECOND } });
  e.evaluate(cycle(), market());
  clock.advance(30n * SECOND);
  e.tick();
  assert.equal(e.openExecutions().length, 1);
  clock.advance(1n);
  e.tick();
  assert.equal(e.openExecutions().length, 0);
});

for (const [name, halt] of Object.entries(HALTS)) {
  Deno.test(`nothing is approved while halted by ${name}`, () => {
    const { engine: e, clock } = engine(HALT_CONFIG);
    halt(e, clock);
    assert.equal(e.tradingState, TradingState.Halted);
    const expected = name === "kill switch" ? RiskReason.KillSwitch : RiskReason.Halted;
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: ONE_ETH }),
        fc.bigInt({ min: 1n, max: ONE_ETH / 10n }),
        fc.bigInt({ min: 0n, max: usd("1000") }),
        fc.bigInt({ min: usd("1"), max: usd("10000000") }),
        (amountIn, profit, netProfitUsd, navUsd) => {
          clock.advance(1n); // stays well inside every cooldown
          const s = cycle({ amountIn, profit, gasCostIn: 0n, netProfitUsd });
          const d = e.evaluate(s, market({ navUsd })).decision;
          assert.deepEqual([d.decision, d.reasonCode, d.approvedAmount, d.tradingState], [
            Decision.Reject,
            expected,
            0n,
            TradingState.Halted,
          ]);
        },
      ),
    );
    assert.equal(e.openExecutions().length, 0);
  });
}

Deno.test("the kill switch overrides every other state and its release restores the one beneath", () => {
  const { engine: e } = engine();
  e.onNav(usd("10000"));
  e.onNav(usd("9700")); // reducing
  const killed = e.kill();
  assert.deepEqual(killed.circuitBreakers.map((c) => [c.breaker, c.state, c.previousState]), [
    [Breaker.KillSwitch, TradingState.Halted, TradingState.Reducing],
  ]);
  assert(e.killSwitchEngaged);
  assert.equal(e.evaluate(cycle(), market()).decision.reasonCode, RiskReason.KillSwitch);
  e.releaseKill();
  assert.equal(e.tradingState, TradingState.Reducing);
  assert.equal(e.evaluate(cycle(), market()).decision.reasonCode, RiskReason.ReduceOnly);
});

Deno.test("a daily-loss halt lifts at UTC midnight and the reset arrives with the next decision", () => {
  const { engine: e, clock } = engine();
  e.onExecutionReport(report(1n, -usd("60")));
  assert.equal(e.evaluate(cycle(), market()).decision.reasonCode, RiskReason.Halted);
  const day = 86_400n * SECOND;
  clock.now = (NOW / day + 1n) * day;
  const v = e.evaluate(cycle({ detectedNs: clock.now }), market());
  assert.deepEqual(v.events.circuitBreakers.map((c) => [c.breaker, c.state, c.previousState]), [
    [Breaker.DailyLoss, TradingState.Active, TradingState.Halted],
  ]);
  assert.equal(v.decision.decision, Decision.Approve);
});

Deno.test("in reducing, the engine approves only cycles in base tokens, capped, one at a time", () => {
  const { engine: e } = engine({
    limits: {
      baseTokens: [USDC_KEY],
      reducingMaxNotionalUsd: usd("20"),
      maxConcurrentExecutions: 3,
    },
  });
  for (let i = 0; i < 3; i++) e.onExecutionReport(report(BigInt(50 + i), -1n)); // reducing
  assert.equal(e.tradingState, TradingState.Reducing);
  assert.equal(e.evaluate(cycle(), market()).decision.reasonCode, RiskReason.ReduceOnly);
  const usdc = cycle({ start: "usdc", amountIn: 30_000_000n, profit: 3_000_000n, gasCostIn: 0n });
  const d = e.evaluate(usdc, market()).decision;
  assert.deepEqual([d.decision, d.reasonCode, d.approvedAmount, d.tradingState], [
    Decision.Reduce,
    RiskReason.ReducingNotional,
    20_000_000n,
    TradingState.Reducing,
  ]);
  const next = cycle({ start: "usdc", amountIn: 10_000_000n, profit: 3_000_000n, gasCostIn: 0n });
  assert.equal(e.evaluate(next, market()).decision.reasonCode, RiskReason.ReducingConcurrency);
});

Deno.test("resetBreaker refuses an unknown breaker", () => {
  const { engine: e } = engine();
  const err = caught(() => e.resetBreaker(0 as Breaker));
  assert(err instanceof RiskError && err.code === "UNKNOWN_BREAKER");
});

Deno.test("the engine refuses a bad config, naming the key", () => {
  const err = caught(() => new RiskEngine({ limits: { maxNotionalUsd: 0n } }));
  assert(err instanceof RiskError && err.code === "BAD_CONFIG");
  assert.equal(err.details.key, "limits.maxNotionalUsd");
});
