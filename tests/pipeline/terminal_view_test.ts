// tests/pipeline/terminal_view_test.ts — what a person sees: the decision column, the table of
// opportunities, the summary text and the live view's writes, as exact text.
import assert from "node:assert/strict";
import {
  decisionText,
  opportunityTable,
  type PipelineSummary,
  type SignalLedger,
  summaryText,
  TerminalView,
} from "../../lib/pipeline/mod.ts";
import {
  decisionFrame,
  feed,
  gasFrame,
  ledgerWith,
  ManualClock,
  poolStateFrame,
  reportFrame,
  signal,
  signalFrame,
  USDC,
  V3_POOL,
} from "./_ledger_frames.ts";

const WETH_ROUTE = "WETH >uniswap_v3/500> USDC >sushiswap> WETH"; // 43 characters
const USDC_ROUTE = "USDC >uniswap_v3/500> WETH >sushiswap> USDC";

/** 1.5 WETH in, 0.123456789012345678 WETH expected, $0.01234567 gas, $12.50 net. */
const wethSignal = signal({
  signalId: 1n,
  amountIn: 1_500_000_000_000_000_000n,
  expectedOut: 1_623_456_789_012_345_678n,
  gasCostUsd: 1_234_567n,
  netProfitUsd: 1_250_000_000n,
});
/** 2500 USDC in, 1.234567 USDC expected, $0.12 gas, $1.134567 net. */
const usdcSignal = signal({
  signalId: 2n,
  tokenIn: USDC,
  decimalsIn: 6,
  amountIn: 2_500_000_000n,
  expectedOut: 2_501_234_567n,
  gasCostUsd: 12_000_000n,
  netProfitUsd: 113_456_700n,
});

/** #1 filled on paper for $11, #2 rejected (MaxNotional), #3 (1 WETH, 3 wei) still open. */
function market(ledger: SignalLedger): void {
  feed(ledger, [
    gasFrame(100n),
    poolStateFrame(V3_POOL, 500),
    signalFrame(wethSignal),
    decisionFrame(wethSignal, 1),
    reportFrame({ signalId: 1n, status: 3, realizedPnlUsd: 1_100_000_000n }, 0),
    gasFrame(101n),
    signalFrame(usdcSignal),
    decisionFrame(usdcSignal, 2),
    signalFrame(signal({ signalId: 3n })),
  ]);
}

Deno.test("decisionText words every outcome, with the P&L cut to cents", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  const ends: [bigint, ReturnType<typeof reportFrame> | undefined][] = [
    [1n, reportFrame({ signalId: 1n, status: 3, realizedPnlUsd: 1_100_000_000n }, 0)],
    [2n, reportFrame({ signalId: 2n, status: 4, mode: 2, realizedPnlUsd: 150_000_000n })],
    [3n, reportFrame({ signalId: 3n, status: 3, realizedPnlUsd: 1_234_567_891n })],
    [4n, reportFrame({ signalId: 4n, status: 3, realizedPnlUsd: -250_000_000n })],
    [5n, reportFrame({ signalId: 5n, status: 3, mode: 2, realizedPnlUsd: -100_000n })],
    [6n, reportFrame({ signalId: 6n, status: 6 }, 3)],
    [7n, reportFrame({ signalId: 7n, status: 7, mode: 2, realizedPnlUsd: -1n }, 101)],
    [8n, reportFrame({ signalId: 8n, status: 5 })],
    [9n, undefined],
  ];
  for (const [id, report] of ends) {
    const s = signal({ signalId: id });
    feed(ledger, [signalFrame(s), decisionFrame(s, 1), ...(report ? [report] : [])]);
  }
  const rejected = signal({ signalId: 10n });
  feed(ledger, [signalFrame(rejected), decisionFrame(rejected, 2, { reasonCode: 20 })]);
  assert.deepEqual(ledger.latest().map(decisionText).reverse(), [
    "executed +$11",
    "executed on chain +$1.5",
    "executed +$12.34",
    "executed -$2.5",
    "executed on chain -$0.00", // a loss below a cent keeps its sign
    "failed Slippage",
    "reverted on chain InsufficientProfit",
    "failed cancelled",
    "…", // approved, its report not in yet
    "rejected MinNetProfit",
  ]);
  ledger.finish();
  assert.equal(decisionText(ledger.latest()[1]!), "pending at stop");
});

Deno.test("decisionText says approved, reduced and detected when fewer stages run", () => {
  const risk = ledgerWith(new ManualClock(), { stages: "risk" });
  const a = signal({ signalId: 1n });
  const b = signal({ signalId: 2n });
  feed(risk, [signalFrame(a), signalFrame(b), decisionFrame(a, 1), decisionFrame(b, 3)]);
  assert.deepEqual(risk.latest().map(decisionText), ["reduced", "approved"]);
  const scan = ledgerWith(new ManualClock(), { stages: "scan" });
  feed(scan, [signalFrame(a)]);
  assert.deepEqual(scan.latest().map(decisionText), ["detected"]);
});

Deno.test("opportunityTable aligns 6- and 18-decimal amounts, cut not rounded", () => {
  const ledger = ledgerWith(new ManualClock());
  market(ledger);
  assert.deepEqual(opportunityTable(ledger.latest()), [
    "id  route                                             size  expected profit      gas    net  decision",
    `#3  ${WETH_ROUTE}     1 WETH    0.000000 WETH     $0.5     $1  …`,
    `#2  ${USDC_ROUTE}  2500 USDC    1.234567 USDC    $0.12  $1.13  rejected MaxNotional`,
    `#1  ${WETH_ROUTE}   1.5 WETH    0.123456 WETH  $0.0123  $12.5  executed +$11`,
  ]);
});

Deno.test("opportunityTable shows amounts past 2^64 in whole tokens and ids past 2^63", () => {
  const s = signal({
    signalId: 2n ** 64n - 1n,
    amountIn: 2n ** 100n, // 1267650600228.229401496703205376 tokens of 18 decimals
    expectedOut: 2n ** 100n + 2n ** 70n, // + 1180.591620717411303424
    gasCostUsd: 0n,
    netProfitUsd: -5n,
  });
  const ledger = ledgerWith(new ManualClock(), { stages: "scan" });
  feed(ledger, [signalFrame(s)]);
  const [, row] = opportunityTable(ledger.latest());
  assert.equal(
    row,
    "#18446744073709551615  WETH >uniswap_v3> USDC >sushiswap> WETH  " +
      "1267650600228.2294 WETH  1180.591620 WETH   $0  -$0.00  detected",
  );
});

Deno.test("opportunityTable of no signal is its header alone", () => {
  assert.deepEqual(opportunityTable([]), [
    "id  route  size  expected profit  gas  net  decision",
  ]);
});

const runSummary: PipelineSummary = {
  elapsedMs: 2345.6,
  marketFrames: 12_345,
  framesPerSecond: 5263.04,
  firstBlock: 100n,
  lastBlock: 102n,
  opportunities: 1234,
  approved: 3,
  rejected: 1,
  executed: 1,
  failed: 2,
  reverted: 1,
  pending: 1,
  detectedPnlUsd: 413_456_700n,
  theoreticalPnlUsd: 90_000_000n,
  realizedPnlUsd: 30_000_000n,
  gasSpentUsd: 71_500_000n,
  captureRate: 0.217676,
  missed: { "risk:MaxNotional": 1, "execution:InsufficientProfit": 2, pending: 1 },
};

Deno.test("summaryText of a paper run: exact USD, percentage, reasons most frequent first", () => {
  assert.equal(
    summaryText(runSummary),
    [
      "summary after 2.3 s, blocks 100–102, 12,345 market frames (5263.0/s)",
      "  opportunities seen   1,234",
      "  approved             3",
      "  rejected             1",
      "  executed on paper    1",
      "  theoretical P&L      0.9 USD",
      "  detected net profit  4.134567 USD",
      "  capture rate         21.8%",
      "  missed by reason     execution:InsufficientProfit 2, risk:MaxNotional 1, pending 1",
    ].join("\n"),
  );
});

Deno.test("summaryText of an on-chain run adds reverts, realised P&L and gas", () => {
  const text = summaryText(
    { ...runSummary, theoreticalPnlUsd: -150_000_000n, captureRate: -0.5, missed: {} },
    "chain",
  );
  assert.deepEqual(text.split("\n").slice(4), [
    "  executed on chain    1",
    "  theoretical P&L      -1.5 USD",
    "  reverted on chain    1",
    "  realised P&L         0.3 USD",
    "  gas spent            0.715 USD",
    "  detected net profit  4.134567 USD",
    "  capture rate         -50.0%",
    "  missed by reason     none",
  ]);
});

Deno.test("TerminalView on a terminal redraws in place, cut to its width, at most every refreshMs", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  const writes: string[] = [];
  const view = new TerminalView(ledger, {
    tty: true,
    write: (t) => writes.push(t),
    rows: 2,
    columns: 100,
    clockMs: clock.read,
  });
  assert.deepEqual(writes, ["\x1b[?25l"]);
  market(ledger);
  for (
    const n of ["devnet: ready", "collect: 6 pools", "collect: block 100", "collect: block 101"]
  ) {
    view.note(n);
  }
  assert.equal(writes.length, 1); // notes wait for the next drawing
  clock.now = 2000;
  view.refresh();
  const table = (third: string) => [
    "",
    "id  route                                             size  expected profit    gas    net  decision",
    `#3  ${WETH_ROUTE}     1 WETH    0.000000 WETH   $0.5     $1  ${third}`,
    `#2  ${USDC_ROUTE}  2500 USDC    1.234567 USDC  $0.12  $1.13  rejected…`, // 111 → 100
    "",
    "collect: 6 pools",
    "collect: block 100",
    "collect: block 101",
  ];
  assert.equal(
    writes[1],
    "\x1b[J" + [
      // 3 market frames over 2 s
      "torq pipeline  2 s  block 101  1.5 frames/s  3 opportunities  1 approved  1 executed  P&L $11",
      ...table("…"),
    ].join("\n") + "\n",
  );
  clock.now = 2100;
  view.refresh(); // 100 ms after the last drawing: too soon
  assert.equal(writes.length, 2);
  feed(ledger, [
    decisionFrame(signal({ signalId: 3n }), 1),
    reportFrame({ signalId: 3n, status: 3, realizedPnlUsd: 5n }),
  ]);
  clock.now = 2300;
  view.refresh();
  // Up the 9 lines drawn before, clear, draw again; the rate keeps its last 1 s window.
  assert.equal(
    writes[2],
    "\x1b[9F\x1b[J" + [
      "torq pipeline  2 s  block 101  1.5 frames/s  3 opportunities  2 approved  2 executed  P&L $11.00",
      ...table("executed…"), // 106 → 100
    ].join("\n") + "\n",
  );
  clock.now = 2310;
  view.close(); // a last drawing, whatever the time, then the cursor comes back
  assert.equal(writes.length, 5);
  assert(writes[3]!.startsWith("\x1b[9F\x1b[J"));
  assert.equal(writes[4], "\x1b[?25h");
  view.refresh(true);
  view.close();
  assert.equal(writes.length, 5);
});

Deno.test("TerminalView cuts a line longer than the terminal with an ellipsis", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  let text = "";
  const view = new TerminalView(ledger, {
    tty: true,
    write: (t) => text += t,
    columns: 30,
    clockMs: clock.read,
  });
  view.refresh(true);
  assert.equal(
    text,
    "\x1b[?25l\x1b[J" + [
      "torq pipeline  0 s  block 0  …", // 29 characters and the ellipsis
      "",
      "id  route  size  expected pro…",
      "",
    ].join("\n") + "\n",
  );
  view.close();
});

Deno.test("TerminalView in a pipe prints notes, finished signals and a status line every plainStatusMs", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  const writes: string[] = [];
  const view = new TerminalView(ledger, {
    tty: false,
    write: (t) => writes.push(t),
    plainStatusMs: 5000,
    clockMs: clock.read,
  });
  view.note("devnet: ready");
  market(ledger);
  view.resolved(ledger.latest()[1]!);
  clock.now = 4999;
  view.refresh();
  clock.now = 5000;
  view.refresh();
  clock.now = 5001;
  view.refresh(true);
  view.close();
  view.refresh();
  assert.deepEqual(writes, [
    "devnet: ready\n",
    `#2  ${USDC_ROUTE}  2500 USDC    1.234567 USDC  $0.12  $1.13  rejected MaxNotional\n`,
    // 3 market frames over 5 s
    "torq pipeline  5 s  block 101  0.6 frames/s  3 opportunities  1 approved  1 executed  P&L $11\n",
    "torq pipeline  5 s  block 101  0.6 frames/s  3 opportunities  1 approved  1 executed  P&L $11\n",
  ]);
});

Deno.test("TerminalView rates market frames over windows of at least a second", () => {
  const clock = new ManualClock();
  const ledger = ledgerWith(clock);
  const view = new TerminalView(ledger, { tty: false, write: () => {}, clockMs: clock.read });
  const rate = () => view.status().match(/([\d.]+) frames\/s/)![1];
  feed(ledger, Array.from({ length: 10 }, (_, i) => gasFrame(BigInt(i + 1))));
  clock.now = 500;
  assert.equal(rate(), "0.0"); // no full second yet
  clock.now = 2000;
  assert.equal(rate(), "5.0"); // 10 frames over 2 s
  feed(ledger, [gasFrame(11n), gasFrame(12n), gasFrame(13n)]);
  clock.now = 2500;
  assert.equal(rate(), "5.0"); // the window is not over
  clock.now = 3500;
  assert.equal(rate(), "2.0"); // 3 frames over 1.5 s
  assert.match(view.status(), /^torq pipeline {2}4 s {2}block 13 /);
});
