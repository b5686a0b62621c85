// tests/execution/live_processor_test.ts — LiveExecuteProcessor on a real Anvil: frames in,
// transactions out, reports and fills that reconcile with on-chain balances to the wei.
import assert from "node:assert/strict";
import type { Hex } from "viem";
import type { ArbitrageDetection } from "../../lib/arbitrage/mod.ts";
import { uniswapV2RouterAbi, v2Venue } from "../../lib/devnet/mod.ts";
import {
  LiveExecuteProcessor,
  LiveExecutor,
  LiveSigner,
  resolveNetwork,
} from "../../lib/execution/live/mod.ts";
import { evmToken } from "../../lib/instrument/mod.ts";
import { nativeToken, Portfolio, StaticPriceSource, tokenKey } from "../../lib/portfolio/mod.ts";
import {
  buildFrame,
  decodeTlvs,
  type ExecutionReport,
  type Fill,
  LiveReason,
  type OrderStatus,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { OutputQueue } from "../../lib/transport/mod.ts";
import { balanceOf, detect, swapV2, withWorld, type World } from "./_live_world.ts";

const E18 = 10n ** 18n;

interface Emitted {
  statuses: OrderStatus[];
  fills: Fill[];
  reports: ExecutionReport[];
  forwarded: number;
}

/** The approved-signal frame risk would send: the signal and an approving RiskDecision. */
function approvedFrame(d: ArbitrageDetection, approvedAmount = d.signal.amountIn): Uint8Array {
  return buildFrame(RelayDomain.Execution, SourceType.Risk, 1n, [
    [TlvType.ArbitrageSignal, d.signal],
    [TlvType.RiskDecision, {
      signalId: d.signal.signalId,
      decision: approvedAmount === d.signal.amountIn ? 1 : 3,
      reasonCode: 0,
      approvedAmount,
      tradingState: 1,
    }],
  ]);
}

async function run(stage: LiveExecuteProcessor, frame: Uint8Array): Promise<Emitted> {
  const q = new OutputQueue();
  await stage.process(parseFrame(frame), q);
  const out: Emitted = { statuses: [], fills: [], reports: [], forwarded: 0 };
  for (const bytes of q.take()) {
    const f = parseFrame(bytes);
    if (f.domain !== RelayDomain.Execution || f.source !== SourceType.Executor) out.forwarded++;
    for (const t of decodeTlvs(f)) {
      if (!("value" in t)) continue;
      if (t.type === TlvType.OrderStatus) out.statuses.push(t.value);
      else if (t.type === TlvType.Fill) out.fills.push(t.value);
      else if (t.type === TlvType.ExecutionReport) out.reports.push(t.value);
    }
  }
  return out;
}

async function executor(w: World, extra: { onSubmitted?: (hash: Hex) => Promise<void> } = {}) {
  return await LiveExecutor.connect({
    network: resolveNetwork("anvil", { rpcUrl: w.anvil.rpcUrl }),
    executor: w.executor,
    signer: LiveSigner.fromHex(w.ownerKey, "test"),
    pollingIntervalMs: 20,
    ...extra,
  });
}

/** A portfolio of the owner's wallet: ETH, WETH, USDC, USDT, with today's balances booked. */
async function ownerPortfolio(w: World): Promise<Portfolio> {
  const prices = new StaticPriceSource();
  const p = new Portfolio({ prices });
  const eth = nativeToken("anvil");
  prices.set(eth, { num: 3000n, den: 1n });
  p.registerToken(eth, 18);
  p.deposit(eth, await w.owner.getBalance({ address: w.owner.account.address }));
  for (const [symbol, decimals, usd] of [["WETH", 18, 3000n], ["USDC", 6, 1n], ["USDT", 6, 1n]]) {
    const token = evmToken("anvil", w.token(symbol as string));
    prices.set(token, { num: usd as bigint, den: 1n });
    p.registerToken(token, decimals as number);
  }
  return p;
}

/** Observed balances of the owner by token key, read from the chain. */
async function observed(w: World): Promise<Map<Hex, bigint>> {
  const who = w.owner.account.address;
  const m = new Map<Hex, bigint>();
  m.set(tokenKey(nativeToken("anvil")), await w.owner.getBalance({ address: who }));
  for (const symbol of ["WETH", "USDC", "USDT"]) {
    m.set(tokenKey(evmToken("anvil", w.token(symbol))), await balanceOf(w, symbol, who));
  }
  return m;
}

Deno.test("an approved signal is executed and its fills reconcile with the owner's balances to the wei", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * E18);
    const [d] = await detect(w);
    assert(d !== undefined);
    const portfolio = await ownerPortfolio(w);
    const stage = new LiveExecuteProcessor(await executor(w));
    const out = await run(stage, approvedFrame(d));
    assert.equal(out.forwarded, 1, "the input frame is forwarded");
    assert.deepEqual(out.statuses.map((s) => s.status), [2, 3]);
    const [report] = out.reports;
    assert(report !== undefined && report.status === 3 && report.mode === 2);
    assert.equal(out.fills.length, 2);
    assert.equal(out.fills[0]!.amountIn, d.signal.amountIn);
    assert.equal(out.fills[1]!.amountOut - out.fills[0]!.amountIn, d.signal.expectedProfit);
    assert.equal(report.expectedProfit, d.signal.netProfit);
    for (const fill of out.fills) portfolio.applyFill(fill);
    const check = portfolio.reconcile(await observed(w));
    assert(check.matched, JSON.stringify(check, (_, v) => typeof v === "bigint" ? `${v}` : v));
    const usdc = portfolio.position(evmToken("anvil", w.token("USDC")));
    assert.equal(usdc?.quantity, d.signal.expectedProfit);
    const summary = stage.summary();
    assert.equal(summary.executed, 1);
    assert.equal(summary.gasSpentUsd, report.gasCostUsd);
    assert.equal(summary.realizedPnlUsd, report.realizedPnlUsd);
  });
});

Deno.test("a signal that turned unprofitable is rejected by the simulation with InsufficientProfit and costs nothing", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * E18);
    const [d] = await detect(w);
    assert(d !== undefined);
    await swapV2(w, "quickswap_v2", "USDC", "WETH", 60_000n * 10n ** 6n); // price moves back
    const before = await observed(w);
    const stage = new LiveExecuteProcessor(await executor(w));
    const out = await run(stage, approvedFrame(d));
    assert.deepEqual(out.statuses.map((s) => [s.status, s.reasonCode]), [[
      6,
      LiveReason.InsufficientProfit,
    ]]);
    assert.equal(out.reports[0]?.status, 6);
    assert.equal(out.fills.length, 0);
    assert.deepEqual(await observed(w), before, "nothing was sent, nothing was spent");
    assert.equal(stage.summary().rejected, 1);
  });
});

const rpc = async (w: World, method: string, params: unknown[] = []) => {
  const res = await fetch(w.anvil.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(JSON.stringify(body.error));
  return body.result;
};

Deno.test("a route front-run after its simulation reverts on chain with the decoded error and costs only gas", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * E18);
    await swapV2(w, "quickswap_v2", "USDC", "WETH", 10n ** 6n); // approves the router for USDC
    const [d] = await detect(w);
    assert(d !== undefined);
    const portfolio = await ownerPortfolio(w);
    const before = await observed(w);
    const venue = v2Venue(w.scenario.deployment, "quickswap_v2");
    const frontRun = async () => {
      // A trader's swap with a higher tip lands first in the same block and closes the gap.
      await w.trader.writeContract({
        address: venue.router,
        abi: uniswapV2RouterAbi,
        functionName: "swapExactTokensForTokens",
        args: [
          60_000n * 10n ** 6n,
          0n,
          [w.token("USDC"), w.token("WETH")],
          w.trader.account.address,
          2n ** 64n,
        ],
        maxPriorityFeePerGas: 50n * 10n ** 9n,
        maxFeePerGas: 200n * 10n ** 9n,
        gas: 300_000n,
      });
      await rpc(w, "evm_mine");
    };
    await rpc(w, "evm_setAutomine", [false]);
    const stage = new LiveExecuteProcessor(await executor(w, { onSubmitted: frontRun }));
    const out = await run(stage, approvedFrame(d));
    await rpc(w, "evm_setAutomine", [true]);
    assert.deepEqual(out.statuses.map((s) => [s.status, s.reasonCode]), [[2, 0], [
      7,
      LiveReason.InsufficientProfit,
    ]]);
    const [report] = out.reports;
    assert(report !== undefined && report.status === 7 && report.gasCostUsd > 0n);
    const [fill] = out.fills;
    assert(fill !== undefined && fill.amountIn === 0n && fill.amountOut === 0n);
    const after = await observed(w);
    const eth = tokenKey(nativeToken("anvil"));
    assert.equal(before.get(eth)! - after.get(eth)!, fill.gasUsed * fill.gasPriceWei);
    for (const [key, value] of before) if (key !== eth) assert.equal(after.get(key), value);
    portfolio.applyFill(fill);
    assert(portfolio.reconcile(after).matched);
    assert.equal(stage.summary().reverted, 1);
  });
});

Deno.test("a reduced approval executes the approved amount, not the signal's", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * E18);
    const [d] = await detect(w);
    assert(d !== undefined);
    const half = d.signal.amountIn / 2n;
    const out = await run(new LiveExecuteProcessor(await executor(w)), approvedFrame(d, half));
    assert.equal(out.reports[0]?.status, 3);
    assert.equal(out.fills[0]?.amountIn, half);
  });
});

Deno.test("a route above the notional limit is refused before anything is sent", async () => {
  await withWorld(async (w) => {
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * E18);
    const [d] = await detect(w);
    assert(d !== undefined);
    const stage = new LiveExecuteProcessor(await executor(w), { maxNotionalUsd: 100_00000000n });
    const out = await run(stage, approvedFrame(d));
    assert.deepEqual(out.statuses.map((s) => [s.status, s.reasonCode]), [[
      6,
      LiveReason.PositionLimit,
    ]]);
  });
});
