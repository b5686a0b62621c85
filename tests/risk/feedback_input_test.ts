// tests/risk/feedback_input_test.ts — withFeedback: executions read on a side input reach the
// risk stage but are not forwarded.
import assert from "node:assert/strict";
import {
  buildFrame,
  type Frame,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { RiskProcessor, withFeedback } from "../../lib/risk/mod.ts";
import { OutputQueue } from "../../lib/transport/mod.ts";

const market = {
  chainId: 31337,
  nativeToken: "0x" + "0a".repeat(20),
  stablecoins: ["0x" + "0b".repeat(20)],
};

const report = (sequence: bigint) =>
  parseFrame(buildFrame(RelayDomain.Execution, SourceType.Executor, sequence, [[
    TlvType.ExecutionReport,
    {
      orderId: sequence,
      signalId: sequence,
      status: 6,
      mode: 1,
      token: market.stablecoins[0]! as `0x${string}`,
      decimals: 6,
      expectedProfit: 5_000_000n,
      realizedProfit: 0n,
      expectedPnlUsd: 500_000_000n,
      realizedPnlUsd: 0n,
      gasCostUsd: 0n,
      txHash: ("0x" + "00".repeat(32)) as `0x${string}`,
      blockNumber: 1n,
      latencyNs: 0n,
    },
  ]]));

Deno.test("withFeedback shows a fed-back ExecutionReport to the risk stage without forwarding it", async () => {
  const risk = new RiskProcessor({ ...market, metricsIntervalNs: 0n });
  const fed = new Set<Frame>();
  const stage = withFeedback(risk, (f) => fed.has(f));
  const back = report(1n);
  fed.add(back);
  const out = new OutputQueue();
  await stage.process(back, out);
  assert.equal(risk.counters.reports, 1);
  assert.equal(stage.feedback.taken, 1);
  assert.equal(out.length, 0, "a feedback frame was forwarded");
});

Deno.test("withFeedback forwards the same report when it comes on the main input", async () => {
  const risk = new RiskProcessor({ ...market, metricsIntervalNs: 0n });
  const stage = withFeedback(risk, () => false);
  const out = new OutputQueue();
  await stage.process(report(1n), out);
  assert.equal(risk.counters.reports, 1);
  assert.equal(out.take().length, 1);
});

Deno.test("withFeedback ignores feedback frames without a report or a fill", async () => {
  const risk = new RiskProcessor({ ...market, metricsIntervalNs: 0n });
  const stage = withFeedback(risk, () => true);
  const out = new OutputQueue();
  await stage.process(
    parseFrame(buildFrame(RelayDomain.Execution, SourceType.Executor, 1n, [[TlvType.OrderCancel, {
      orderId: 1n,
      reasonCode: 0,
    }]])),
    out,
  );
  assert.deepEqual([stage.feedback.ignored, out.length, risk.counters.reports], [1, 0, 0]);
});
