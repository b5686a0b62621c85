// tests/pipeline/signal_ledger_test.ts — the ledger fed real frames in a known order; every
// expected count and USD sum below is worked out by hand from the frames' values.
import assert from "node:assert/strict";
import { type SignalRecord, statusName } from "../../lib/pipeline/mod.ts";
import {
  decisionFrame,
  feed,
  fillFrame,
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

const I64_MAX = 2n ** 63n - 1n;

Deno.test("SignalLedger forwards every frame as it came and counts market frames and blocks", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  const s = signal({ signalId: 1n });
  // Blocks arrive out of order: the first seen stays first, the highest is the last.
  const frames = [gasFrame(100n), poolStateFrame(V3_POOL, 500), gasFrame(102n), gasFrame(101n)]
    .concat([signalFrame(s), decisionFrame(s, 1)]);
  const out = feed(ledger, frames);
  assert.deepEqual(out, frames.map((f) => f.bytes));
  const summary = ledger.summary();
  assert.equal(summary.marketFrames, 4);
  assert.equal(summary.firstBlock, 100n);
  assert.equal(summary.lastBlock, 102n);
  assert.equal(ledger.blockNumber, 102n);
  assert.equal(summary.opportunities, 1);
  assert.equal(ledger.openSignals, 1);
});

Deno.test("SignalLedger follows eight signals to every kind of end and sums them exactly", () => {
  const clock = new ManualClock();
  clock.now = 1000;
  const resolved: SignalRecord[] = [];
  const ledger = ledgerWith(clock, { onResolved: (r) => resolved.push(r) });
  const s = (id: bigint, netProfitUsd: bigint) => signal({ signalId: id, netProfitUsd });
  const s1 = s(1n, 1_250_000_000n); // $12.50
  const s2 = signal({
    signalId: 2n,
    tokenIn: USDC,
    decimalsIn: 6,
    amountIn: 2_500_000_000n,
    netProfitUsd: 300_000_000n,
  });
  const s3 = s(3n, 500_000_000n);
  const s4 = s(4n, 200_000_000n);
  const s5 = s(5n, 400_000_000n);
  const s6 = s(6n, 100_000_000n);
  const s7 = s(7n, 50_000_000n);
  const s8 = s(8n, 75_000_000n);
  feed(ledger, [
    gasFrame(100n),
    poolStateFrame(V3_POOL, 500),
    signalFrame(s1),
    signalFrame(s2),
    signalFrame(s3),
    decisionFrame(s1, 1),
    decisionFrame(s2, 3, { reasonCode: 30, approvedAmount: 1_000_000_000n }),
    decisionFrame(s3, 2),
    // paper fill: its gas is in the report but no gas was spent on chain
    reportFrame(
      { signalId: 1n, status: 3, realizedPnlUsd: 1_100_000_000n, gasCostUsd: 40_000_000n },
      0,
    ),
    gasFrame(101n),
    signalFrame(s4),
    decisionFrame(s4, 1),
    // live partial fill
    reportFrame({
      signalId: 2n,
      status: 4,
      mode: 2,
      realizedPnlUsd: 150_000_000n,
      gasCostUsd: 25_000_000n,
    }),
    reportFrame({ signalId: 4n, status: 6 }, 3), // paper rejected: Slippage
    signalFrame(s5),
    decisionFrame(s5, 1),
    // live revert: the gas is the loss
    reportFrame(
      { signalId: 5n, status: 7, mode: 2, realizedPnlUsd: -60_000_000n, gasCostUsd: 60_000_000n },
      101,
    ),
    signalFrame(s6),
    decisionFrame(s6, 1),
    signalFrame(s7),
    signalFrame(s8),
    decisionFrame(s8, 1),
    reportFrame({ signalId: 8n, status: 8 }), // expired, no OrderStatus: the status names it
  ]);
  assert.equal(ledger.openSignals, 2);
  assert.deepEqual(resolved.map((r) => [r.signal.signalId, r.outcome, r.missed]), [
    [3n, "rejected", "risk:MaxNotional"],
    [1n, "executed", undefined],
    [2n, "executed", undefined],
    [4n, "failed", "execution:Slippage"],
    [5n, "failed", "execution:InsufficientProfit"],
    [8n, "failed", "execution:expired"],
  ]);
  clock.now = 3000;
  ledger.finish();
  assert.deepEqual(resolved.slice(6).map((r) => [r.signal.signalId, r.outcome, r.missed]), [
    [6n, "pending", "pending"],
    [7n, "pending", "pending"],
  ]);
  assert.equal(ledger.openSignals, 0);
  clock.now = 9000; // after finish the run time no longer grows
  assert.deepEqual(ledger.summary(), {
    elapsedMs: 2000,
    marketFrames: 3,
    framesPerSecond: 1.5,
    firstBlock: 100n,
    lastBlock: 101n,
    opportunities: 8,
    approved: 6, // 1, 2 (reduced), 4, 5, 6, 8
    rejected: 1,
    executed: 2,
    failed: 3,
    reverted: 1,
    pending: 2,
    // 12.5 + 3 + 5 + 2 + 4 + 1 + 0.5 + 0.75
    detectedPnlUsd: 2_875_000_000n,
    // 11 + 1.5
    theoreticalPnlUsd: 1_250_000_000n,
    // 11 + 1.5 - 0.6
    realizedPnlUsd: 1_190_000_000n,
    // 0.25 + 0.6 (live only)
    gasSpentUsd: 85_000_000n,
    // 12.5 / 28.75 = 0.4347826…, cut to 6 digits
    captureRate: 0.434782,
    missed: {
      "risk:MaxNotional": 1,
      "execution:Slippage": 1,
      "execution:InsufficientProfit": 1,
      "execution:expired": 1,
      pending: 2,
    },
  });
  const byId = new Map(resolved.map((r) => [r.signal.signalId, r]));
  assert.equal(byId.get(2n)!.decision!.approvedAmount, 1_000_000_000n);
  assert.equal(byId.get(2n)!.symbolIn, "USDC");
  assert.equal(byId.get(5n)!.executionReason, 101);
  assert.equal(byId.get(8n)!.executionReason, undefined);
  assert.equal(byId.get(3n)!.execution, undefined);
  assert.deepEqual(ledger.latest().map((r) => r.signal.signalId), [8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n]);
});

Deno.test("SignalLedger with no signal reports zeros and a capture rate of 0", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  ledger.finish(); // no time passed: the frame rate must not divide by zero either
  assert.deepEqual(ledger.summary(), {
    elapsedMs: 0,
    marketFrames: 0,
    framesPerSecond: 0,
    firstBlock: 0n,
    lastBlock: 0n,
    opportunities: 0,
    approved: 0,
    rejected: 0,
    executed: 0,
    failed: 0,
    reverted: 0,
    pending: 0,
    detectedPnlUsd: 0n,
    theoreticalPnlUsd: 0n,
    realizedPnlUsd: 0n,
    gasSpentUsd: 0n,
    captureRate: 0,
    missed: {},
  });
});

Deno.test("SignalLedger rates frames over at least a millisecond when no time passed", () => {
  const ledger = ledgerWith(new ManualClock());
  feed(ledger, [gasFrame(1n), gasFrame(2n)]);
  assert.equal(ledger.summary().elapsedMs, 0);
  assert.equal(ledger.summary().framesPerSecond, 2000); // 2 frames / 0.001 s
});

Deno.test("SignalLedger gives a capture rate of 0 when every signal was rejected", () => {
  const ledger = ledgerWith(new ManualClock());
  const a = signal({ signalId: 1n, netProfitUsd: 300_000_000n });
  const b = signal({ signalId: 2n, netProfitUsd: 200_000_000n });
  feed(ledger, [
    signalFrame(a),
    signalFrame(b),
    decisionFrame(a, 2, { reasonCode: 20 }),
    decisionFrame(b, 2, { reasonCode: 15 }),
  ]);
  const s = ledger.summary();
  assert.equal(s.detectedPnlUsd, 500_000_000n);
  assert.equal(s.theoreticalPnlUsd, 0n);
  assert.equal(s.captureRate, 0);
  assert.deepEqual(s.missed, { "risk:MinNetProfit": 1, "risk:DuplicateSignal": 1 });
});

Deno.test("SignalLedger counts a losing fill as executed with negative P&L and capture rate", () => {
  const ledger = ledgerWith(new ManualClock());
  const s = signal({ signalId: 9n, netProfitUsd: 500_000_000n });
  feed(ledger, [
    signalFrame(s),
    decisionFrame(s, 1),
    reportFrame({
      signalId: 9n,
      status: 3,
      mode: 2,
      realizedPnlUsd: -250_000_000n,
      gasCostUsd: 30_000_000n,
    }, 0),
  ]);
  const summary = ledger.summary();
  assert.equal(summary.executed, 1);
  assert.equal(summary.theoreticalPnlUsd, -250_000_000n);
  assert.equal(summary.realizedPnlUsd, -250_000_000n);
  assert.equal(summary.gasSpentUsd, 30_000_000n);
  assert.equal(summary.captureRate, -0.5); // -2.5 / 5
  assert.deepEqual(summary.missed, {});
});

Deno.test("SignalLedger keeps USD sums exact past 2^64", () => {
  const ledger = ledgerWith(new ManualClock());
  for (const id of [1n, 2n, 3n]) {
    const s = signal({ signalId: id, netProfitUsd: I64_MAX });
    feed(ledger, [
      signalFrame(s),
      decisionFrame(s, 1),
      reportFrame({ signalId: id, status: 3, realizedPnlUsd: id === 3n ? -I64_MAX : I64_MAX }),
    ]);
  }
  const summary = ledger.summary();
  assert.equal(summary.detectedPnlUsd, 27_670_116_110_564_327_421n); // 3 × (2^63 − 1) > 2^64
  assert(summary.detectedPnlUsd > 2n ** 64n);
  assert.equal(summary.theoreticalPnlUsd, I64_MAX);
  assert.equal(summary.captureRate, 0.333333); // 1/3 cut to 6 digits
});

Deno.test("SignalLedger keeps amounts past 2^64 of the signal as they were sent", () => {
  const ledger = ledgerWith(new ManualClock());
  const huge = 2n ** 100n + 12_345n;
  const s = signal({ signalId: 2n ** 64n - 1n, tokenIn: MEME, amountIn: huge });
  feed(ledger, [signalFrame(s)]);
  const [record] = ledger.latest();
  assert.equal(record!.signal.signalId, 18_446_744_073_709_551_615n);
  assert.equal(record!.signal.amountIn, 1_267_650_600_228_229_401_496_703_217_721n);
  assert.equal(record!.signal.expectedProfit, 3n);
  assert.equal(record!.symbolIn, "0xdddd…dddd");
});

Deno.test("SignalLedger names the route with symbols and the V3 fee tier seen in PoolState", () => {
  const ledger = ledgerWith(new ManualClock());
  const before = signal({ signalId: 1n });
  feed(ledger, [signalFrame(before), poolStateFrame(V3_POOL, 500)]);
  const after = signal({ signalId: 2n, tokenIn: USDC, decimalsIn: 6 });
  feed(ledger, [signalFrame(after)]);
  const [second, first] = ledger.latest();
  // Before the pool's state arrived its tier was unknown; the record keeps its text.
  assert.equal(first!.route, "WETH >uniswap_v3> USDC >sushiswap> WETH");
  assert.equal(second!.route, "USDC >uniswap_v3/500> WETH >sushiswap> USDC");
  assert.equal(second!.symbolIn, "USDC");
});

Deno.test("SignalLedger holds a report that comes before its decision until the decision", () => {
  const ledger = ledgerWith(new ManualClock());
  const a = signal({ signalId: 1n, netProfitUsd: 200_000_000n });
  const b = signal({ signalId: 2n, netProfitUsd: 100_000_000n });
  feed(ledger, [
    signalFrame(a),
    signalFrame(b),
    reportFrame({ signalId: 1n, status: 3, realizedPnlUsd: 180_000_000n }, 0),
    reportFrame({ signalId: 2n, status: 3, realizedPnlUsd: 90_000_000n }, 0),
  ]);
  assert.equal(ledger.openSignals, 2);
  assert.equal(ledger.summary().executed, 0);
  // The approval closes `a` with its report; the rejection wins over `b`'s report.
  feed(ledger, [decisionFrame(b, 2), decisionFrame(a, 1)]);
  const s = ledger.summary();
  assert.equal(ledger.openSignals, 0);
  assert.deepEqual([s.approved, s.rejected, s.executed], [1, 1, 1]);
  assert.equal(s.theoreticalPnlUsd, 180_000_000n);
  assert.equal(s.realizedPnlUsd, 180_000_000n);
  assert.deepEqual(ledger.latest().map((r) => r.outcome), ["rejected", "executed"]);
});

Deno.test("SignalLedger ignores a fill and a report for a signal it never saw", () => {
  const ledger = ledgerWith(new ManualClock());
  const s = signal({ signalId: 1n, netProfitUsd: 100_000_000n });
  feed(ledger, [fillFrame(42n, 999_000_000n), signalFrame(s), decisionFrame(s, 1)]);
  // Neither the unknown signal's P&L nor its decision lands anywhere.
  feed(ledger, [decisionFrame(signal({ signalId: 43n }), 2)]);
  feed(ledger, [fillFrame(1n, 70_000_000n)]);
  const summary = ledger.summary();
  assert.deepEqual([summary.opportunities, summary.approved, summary.rejected], [1, 1, 0]);
  assert.equal(summary.executed, 1);
  assert.equal(summary.theoreticalPnlUsd, 70_000_000n);
  assert.deepEqual(summary.missed, {});
});

Deno.test("SignalLedger counts a signal, its decision and its report once when frames repeat", () => {
  const ledger = ledgerWith(new ManualClock());
  const s = signal({ signalId: 5n, netProfitUsd: 300_000_000n });
  const report = reportFrame({ signalId: 5n, status: 3, realizedPnlUsd: 250_000_000n }, 0);
  feed(ledger, [
    signalFrame(s),
    signalFrame(s),
    decisionFrame(s, 1),
    decisionFrame(s, 1),
    decisionFrame(s, 2), // a later contrary decision does not overturn the first
    report,
    report,
  ]);
  const summary = ledger.summary();
  assert.deepEqual(
    [summary.opportunities, summary.approved, summary.rejected, summary.executed],
    [1, 1, 0, 1],
  );
  assert.equal(summary.detectedPnlUsd, 300_000_000n);
  assert.equal(summary.theoreticalPnlUsd, 250_000_000n);
  assert.equal(ledger.latest().length, 1);
});

Deno.test("SignalLedger counts a signal re-sent after its rejection as a second attempt", () => {
  // Risk decides a re-sent signal again (DuplicateSignal covers only open executions), and the
  // executor may fill it: the ledger follows each attempt so that fill's P&L is counted.
  const resolved: string[] = [];
  const ledger = ledgerWith(new ManualClock(), {
    onResolved: (r) => resolved.push(`${r.signal.signalId}:${r.outcome}`),
  });
  const s = signal({ signalId: 3n, netProfitUsd: 400_000_000n });
  feed(ledger, [
    signalFrame(s),
    decisionFrame(s, 2, { reasonCode: 34 }),
    signalFrame(s),
    decisionFrame(s, 1),
    reportFrame({ signalId: 3n, status: 3, realizedPnlUsd: 380_000_000n }, 0),
  ]);
  const summary = ledger.summary();
  assert.deepEqual(resolved, ["3:rejected", "3:executed"]);
  assert.deepEqual(
    [summary.opportunities, summary.approved, summary.rejected, summary.executed],
    [2, 1, 1, 1],
  );
  assert.equal(summary.detectedPnlUsd, 800_000_000n);
  assert.equal(summary.theoreticalPnlUsd, 380_000_000n);
  assert.equal(summary.captureRate, 0.475);
  assert.deepEqual(summary.missed, { "risk:MaxConcurrent": 1 });
});

Deno.test("SignalLedger closes signals as detected when only the scanner runs", () => {
  const outcomes: string[] = [];
  const ledger = ledgerWith(new ManualClock(), {
    stages: "scan",
    onResolved: (r) => outcomes.push(r.outcome),
  });
  feed(ledger, [
    signalFrame(signal({ signalId: 1n, netProfitUsd: 10n })),
    signalFrame(signal({ signalId: 2n, netProfitUsd: 20n })),
  ]);
  ledger.finish();
  const s = ledger.summary();
  assert.deepEqual(outcomes, ["detected", "detected"]);
  assert.deepEqual([s.opportunities, s.approved, s.pending, s.detectedPnlUsd], [2, 0, 0, 30n]);
  assert.deepEqual(s.missed, {});
});

Deno.test("SignalLedger closes signals at their decision when risk is the last stage", () => {
  const ledger = ledgerWith(new ManualClock(), { stages: "risk" });
  const a = signal({ signalId: 1n });
  const b = signal({ signalId: 2n });
  const c = signal({ signalId: 3n });
  feed(ledger, [
    signalFrame(a),
    signalFrame(b),
    signalFrame(c),
    decisionFrame(a, 1),
    decisionFrame(b, 3, { approvedAmount: 1n }),
    decisionFrame(c, 3, { approvedAmount: 0n, reasonCode: 21 }), // reduced to nothing
  ]);
  const s = ledger.summary();
  assert.equal(ledger.openSignals, 0);
  assert.deepEqual([s.approved, s.rejected, s.executed, s.pending], [2, 1, 0, 0]);
  assert.deepEqual(ledger.latest().map((r) => r.outcome), ["rejected", "approved", "approved"]);
  assert.deepEqual(s.missed, { "risk:ReducedBelowMinProfit": 1 });
});

Deno.test("SignalLedger keeps only the latest signals it was told to keep", () => {
  const ledger = ledgerWith(new ManualClock(), { keep: 2 });
  for (const id of [1n, 2n, 3n]) feed(ledger, [signalFrame(signal({ signalId: id }))]);
  assert.deepEqual(ledger.latest().map((r) => r.signal.signalId), [3n, 2n]);
  assert.deepEqual(ledger.latest(1).map((r) => r.signal.signalId), [3n]);
  assert.equal(ledger.summary().opportunities, 3);
  assert.equal(ledger.openSignals, 3);
});

Deno.test("SignalLedger closes pending signals once however often finish is called", () => {
  const ledger = ledgerWith(new ManualClock());
  feed(ledger, [signalFrame(signal({ signalId: 1n }))]);
  ledger.finish();
  ledger.finish();
  assert.equal(ledger.summary().pending, 1);
  assert.deepEqual(ledger.summary().missed, { pending: 1 });
});

Deno.test("statusName names every order state and marks unknown codes", () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(statusName),
    [
      "none",
      "pending",
      "submitted",
      "filled",
      "partially_filled",
      "cancelled",
      "rejected",
      "reverted",
      "expired",
      "status_9",
    ],
  );
});
