// tests/pipeline/pipeline_json_test.ts — the JSON lines `torq pipeline --json` prints, field by
// field, for records and summaries the ledger built from real frames.
import assert from "node:assert/strict";
import {
  type PipelineSummary,
  signalJson,
  type SignalRecord,
  summaryJson,
} from "../../lib/pipeline/mod.ts";
import {
  decisionFrame,
  feed,
  gasFrame,
  ledgerWith,
  ManualClock,
  MEME,
  poolStateFrame,
  reportFrame,
  signal,
  signalFrame,
  USDC,
  V3_POOL,
} from "./_ledger_frames.ts";

const TX = `0x${"ab".repeat(32)}` as const;
const ZERO_TX = `0x${"00".repeat(32)}`;
const HUGE_IN = 2n ** 100n + 12_345n;

// Five signals, one of each kind of end; the ledger runs 2345.6 ms over four market frames.
function run() {
  const clock = new ManualClock();
  const records = new Map<bigint, SignalRecord>();
  const ledger = ledgerWith(clock, { onResolved: (r) => records.set(r.signal.signalId, r) });
  const usdc = signal({
    signalId: 21n,
    tokenIn: USDC,
    decimalsIn: 6,
    amountIn: 2_500_000_000n,
    expectedOut: 2_501_234_567n,
    gasCostIn: 100_000n,
    netProfit: 1_134_567n,
    netProfitUsd: 113_456_700n,
    gasCostUsd: 12_000_000n,
  });
  const reverted = signal({ signalId: 22n });
  const rejected = signal({ signalId: 23n });
  const huge = signal({
    signalId: 24n,
    tokenIn: MEME,
    amountIn: HUGE_IN,
    expectedOut: HUGE_IN + 2n ** 70n,
    netProfit: 2n ** 70n - 1n,
    netProfitUsd: 0n, // no price for the token
    gasCostUsd: 0n,
  });
  const expired = signal({ signalId: 25n });
  feed(ledger, [
    gasFrame(100n),
    poolStateFrame(V3_POOL, 500),
    signalFrame(usdc),
    decisionFrame(usdc, 3, { reasonCode: 30, approvedAmount: 2_000_000_000n }),
    reportFrame({
      signalId: 21n,
      status: 3,
      mode: 2,
      token: USDC,
      decimals: 6,
      expectedProfit: 907_653n,
      realizedProfit: 900_000n,
      expectedPnlUsd: 90_765_300n,
      realizedPnlUsd: 90_000_000n,
      gasCostUsd: 11_500_000n,
      txHash: TX,
    }, 0),
    signalFrame(reverted),
    decisionFrame(reverted, 1),
    reportFrame({
      signalId: 22n,
      status: 7,
      mode: 2,
      expectedProfit: 3n,
      realizedProfit: -1_800_000_000_000_000n,
      expectedPnlUsd: 100_000_000n,
      realizedPnlUsd: -60_000_000n,
      gasCostUsd: 60_000_000n,
      txHash: TX,
      blockNumber: 102n,
    }, 101),
    gasFrame(101n),
    signalFrame(rejected),
    decisionFrame(rejected, 2),
    signalFrame(huge),
    signalFrame(expired),
    decisionFrame(expired, 1),
    reportFrame({ signalId: 25n, status: 8, expectedProfit: 3n }),
    gasFrame(102n),
  ]);
  clock.now = 2345.6;
  ledger.finish();
  return { ledger, records };
}

Deno.test("signalJson of a live fill after a reduction carries every field as exact text", () => {
  const o = signalJson(run().records.get(21n)!);
  assert.deepEqual(o, {
    type: "signal",
    signalId: "21",
    strategyId: 1,
    chainId: 1,
    blockNumber: "100",
    route: "USDC >uniswap_v3/500> WETH >sushiswap> USDC",
    tokenIn: USDC,
    symbolIn: "USDC",
    decimalsIn: 6,
    amountIn: "2500000000",
    expectedProfit: "1234567",
    gasUnits: "250000",
    gasPriceWei: "1000000000",
    gasCostIn: "100000",
    netProfit: "1134567",
    netProfitUsd: "1.134567",
    gasCostUsd: "0.12",
    decision: { decision: "reduce", reason: "MaxNotional", approvedAmount: "2000000000" },
    execution: {
      orderId: "1021",
      status: "filled",
      reason: "None",
      mode: "live",
      expectedProfit: "907653",
      realizedProfit: "900000",
      expectedPnlUsd: "0.907653",
      realizedPnlUsd: "0.9",
      gasCostUsd: "0.115",
      txHash: TX,
      blockNumber: "101",
      latencyNs: "150000000",
    },
    outcome: "executed",
    missed: null,
  });
});

Deno.test("signalJson of a reverted transaction shows the loss, the gas and the live reason", () => {
  const o = signalJson(run().records.get(22n)!);
  assert.deepEqual(o.decision, {
    decision: "approve",
    reason: "None",
    approvedAmount: "1000000000000000000",
  });
  assert.deepEqual(o.execution, {
    orderId: "1022",
    status: "reverted",
    reason: "InsufficientProfit",
    mode: "live",
    expectedProfit: "3",
    realizedProfit: "-1800000000000000",
    expectedPnlUsd: "1",
    realizedPnlUsd: "-0.6",
    gasCostUsd: "0.6",
    txHash: TX,
    blockNumber: "102",
    latencyNs: "150000000",
  });
  assert.equal(o.outcome, "failed");
  assert.equal(o.missed, "execution:InsufficientProfit");
});

Deno.test("signalJson of a rejected signal has its risk reason and no execution", () => {
  const o = signalJson(run().records.get(23n)!);
  assert.deepEqual(o.decision, { decision: "reject", reason: "MaxNotional", approvedAmount: "0" });
  assert.equal(o.execution, null);
  assert.equal(o.outcome, "rejected");
  assert.equal(o.missed, "risk:MaxNotional");
  assert.equal(o.route, "WETH >uniswap_v3/500> USDC >sushiswap> WETH");
});

Deno.test("signalJson keeps amounts past 2^64 exact and names an unknown token by address", () => {
  const o = signalJson(run().records.get(24n)!);
  assert.equal(o.amountIn, "1267650600228229401496703217721");
  assert.equal(o.expectedProfit, "1180591620717411303424"); // 2^70
  assert.equal(o.netProfit, "1180591620717411303423");
  assert.equal(o.netProfitUsd, "0");
  assert.equal(o.tokenIn, MEME);
  assert.equal(o.symbolIn, "0xdddd…dddd");
  assert.equal(o.decision, null);
  assert.equal(o.execution, null);
  assert.deepEqual([o.outcome, o.missed], ["pending", "pending"]);
});

Deno.test("signalJson of a paper report without an OrderStatus has a null reason", () => {
  const o = signalJson(run().records.get(25n)!);
  assert.deepEqual(o.execution, {
    orderId: "1025",
    status: "expired",
    reason: null,
    mode: "paper",
    expectedProfit: "3",
    realizedProfit: "0",
    expectedPnlUsd: "0",
    realizedPnlUsd: "0",
    gasCostUsd: "0",
    txHash: ZERO_TX,
    blockNumber: "101",
    latencyNs: "150000000",
  });
  assert.equal(o.missed, "execution:expired");
});

Deno.test("signalJson names decision, status and mode codes it does not know", () => {
  const record = run().records.get(21n)!;
  const o = signalJson({
    ...record,
    decision: { ...record.decision!, decision: 9 },
    execution: { ...record.execution!, status: 12, mode: 5 },
    executionReason: 150,
  });
  assert.equal((o.decision as Record<string, unknown>).decision, "decision_9");
  const e = o.execution as Record<string, unknown>;
  assert.deepEqual([e.status, e.mode, e.reason], ["status_12", "mode_5", "Unknown(150)"]);
});

Deno.test("signalJson objects print as JSON lines with no bigint left", () => {
  const { records } = run();
  for (const r of records.values()) {
    const line = JSON.stringify(signalJson(r));
    assert.deepEqual(JSON.parse(line), signalJson(r));
  }
  assert.equal(records.size, 5);
});

Deno.test("summaryJson of a paper run: counts, USD as exact text, capture rate, blocks", () => {
  const o = summaryJson(run().ledger.summary());
  const expected = {
    type: "summary",
    opportunities: 5,
    approved: 3,
    rejected: 1,
    executed: 1,
    failed: 2,
    pending: 1,
    theoreticalPnlUsd: "0.9",
    // 1.134567 + 1 + 1 + 0 + 1
    detectedPnlUsd: "4.134567",
    // 0.9 / 4.134567 = 0.21767696…
    captureRate: 0.217676,
    missed: {
      "execution:InsufficientProfit": 1,
      "risk:MaxNotional": 1,
      "execution:expired": 1,
      pending: 1,
    },
    elapsedMs: 2346,
    marketFrames: 4, // three GasPrice frames and a PoolState
    // 4 / 2.3456 s = 1.705…
    framesPerSecond: 1.7,
    firstBlock: "100",
    lastBlock: "102",
  };
  assert.deepEqual(o, expected);
  assert.deepEqual(Object.keys(o), Object.keys(expected));
});

Deno.test("summaryJson of a live run adds reverted, realised P&L with gas, and gas spent", () => {
  const o = summaryJson(run().ledger.summary(), { live: true });
  assert.deepEqual(Object.keys(o), [
    "type",
    "opportunities",
    "approved",
    "rejected",
    "executed",
    "failed",
    "pending",
    "theoreticalPnlUsd",
    "detectedPnlUsd",
    "captureRate",
    "reverted",
    "realizedPnlUsd",
    "gasSpentUsd",
    "missed",
    "elapsedMs",
    "marketFrames",
    "framesPerSecond",
    "firstBlock",
    "lastBlock",
  ]);
  assert.equal(o.reverted, 1);
  assert.equal(o.realizedPnlUsd, "0.3"); // 0.9 − 0.6
  assert.equal(o.gasSpentUsd, "0.715"); // 0.115 + 0.6
  assert.equal(o.theoreticalPnlUsd, "0.9");
});

Deno.test("summaryJson writes losses and sums past 2^64 exactly and rounds the timings", () => {
  const summary: PipelineSummary = {
    elapsedMs: 0.4,
    marketFrames: 1,
    framesPerSecond: 0.04,
    firstBlock: 2n ** 64n,
    lastBlock: 2n ** 64n + 1n,
    opportunities: 3,
    approved: 3,
    rejected: 0,
    executed: 3,
    failed: 0,
    reverted: 0,
    pending: 0,
    detectedPnlUsd: 27_670_116_110_564_327_421n,
    theoreticalPnlUsd: -150_000_000n,
    realizedPnlUsd: -150_000_001n,
    gasSpentUsd: 1n,
    captureRate: 0,
    missed: {},
  };
  const o = summaryJson(summary, { live: true });
  assert.equal(o.detectedPnlUsd, "276701161105.64327421");
  assert.equal(o.theoreticalPnlUsd, "-1.5");
  assert.equal(o.realizedPnlUsd, "-1.50000001");
  assert.equal(o.gasSpentUsd, "0.00000001");
  assert.deepEqual([o.firstBlock, o.lastBlock], ["18446744073709551616", "18446744073709551617"]);
  assert.deepEqual([o.elapsedMs, o.framesPerSecond], [0, 0]);
  assert.deepEqual(JSON.parse(JSON.stringify(o)), o);
});

Deno.test("summaryJson of an empty run is all zeros with no reason missed", () => {
  const ledger = ledgerWith(new ManualClock());
  ledger.finish();
  assert.deepEqual(summaryJson(ledger.summary(), { live: true }), {
    type: "summary",
    opportunities: 0,
    approved: 0,
    rejected: 0,
    executed: 0,
    failed: 0,
    pending: 0,
    theoreticalPnlUsd: "0",
    detectedPnlUsd: "0",
    captureRate: 0,
    reverted: 0,
    realizedPnlUsd: "0",
    gasSpentUsd: "0",
    missed: {},
    elapsedMs: 0,
    marketFrames: 0,
    framesPerSecond: 0,
    firstBlock: "0",
    lastBlock: "0",
  });
});
