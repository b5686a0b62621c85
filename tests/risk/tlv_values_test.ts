import assert from "node:assert/strict";
import { usd } from "../../lib/portfolio/mod.ts";
import {
  decodeTlvs,
  FrameBuilder,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
  VarMethod,
} from "../../lib/protocol/mod.ts";
import { computeRiskMetrics, RiskEngine } from "../../lib/risk/mod.ts";
import { cycle, market, TestClock } from "./_fixtures.ts";
import { report } from "./_reports.ts";

Deno.test("the engine's decisions, breakers and alerts encode as TLVs and decode unchanged", () => {
  const engine = new RiskEngine({}, { clock: new TestClock().read });
  const decision = engine.evaluate(cycle(), market()).decision;
  engine.onNav(usd("10000"));
  const events = engine.onNav(usd("9400")); // 6% drawdown: halts
  const metrics = computeRiskMetrics({
    returns: [0.01, -0.02, 0.005, -0.01],
    navUsd: usd("9400"),
    peakNavUsd: usd("10000"),
    grossExposureUsd: usd("9400"),
    method: VarMethod.Parametric,
  });
  engine.onExecutionReport(report(decision.signalId, -usd("1")));
  const b = new FrameBuilder({ source: SourceType.Risk }).begin(RelayDomain.Signal);
  b.add(TlvType.RiskDecision, decision);
  for (const c of events.circuitBreakers) b.add(TlvType.CircuitBreaker, c);
  for (const a of events.alerts) b.add(TlvType.RiskAlert, a);
  b.add(TlvType.RiskMetrics, metrics);
  b.end();
  const values = decodeTlvs(parseFrame(b.take())).map((t) => ("value" in t ? t.value : t.raw));
  assert.deepEqual(values, [decision, ...events.circuitBreakers, ...events.alerts, metrics]);
  assert.equal(events.circuitBreakers.length, 1);
  assert.equal(metrics.drawdownBps, 600);
});
