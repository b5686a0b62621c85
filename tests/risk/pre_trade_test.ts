import assert from "node:assert/strict";
import fc from "fast-check";
import { amountForUsd, StaticPriceSource, usd, usdValue } from "../../lib/portfolio/mod.ts";
import {
  type ArbitrageSignal,
  Decision,
  RiskReason,
  TradingState,
} from "../../lib/protocol/mod.ts";
import {
  type OpenExecution,
  preTradeCheck,
  type PreTradeState,
  resolveRiskConfig,
  type RiskConfigInput,
} from "../../lib/risk/mod.ts";
import {
  cycle,
  market,
  NOW,
  ONE_ETH,
  POOL_SUSHI,
  POOL_UNI,
  SECOND,
  USDC,
  USDC_KEY,
  WETH,
  WETH_KEY,
} from "./_fixtures.ts";

const WETH_PRICE = { num: 3000n, den: 1n };
const ACTIVE: PreTradeState = {
  nowNs: NOW,
  tradingState: TradingState.Active,
  killSwitch: false,
  openExecutions: [],
};

function check(
  signal: ArbitrageSignal,
  o: {
    market?: Parameters<typeof market>[0];
    state?: Partial<PreTradeState>;
    config?: RiskConfigInput;
  } = {},
) {
  return preTradeCheck(
    signal,
    market(o.market),
    { ...ACTIVE, ...o.state },
    resolveRiskConfig(o.config),
  );
}

function openExecution(o: Partial<OpenExecution> = {}): OpenExecution {
  return {
    signalId: 999n,
    tokenIn: WETH_KEY,
    notionalUsd: usd("10"),
    expectedProfit: 10n ** 15n,
    venues: [102],
    openedNs: NOW,
    ...o,
  };
}

Deno.test("preTradeCheck approves a fresh, profitable, small signal in full", () => {
  const s = cycle();
  const out = check(s);
  assert.deepEqual(out.decision, {
    signalId: s.signalId,
    decision: Decision.Approve,
    reasonCode: RiskReason.None,
    approvedAmount: s.amountIn,
    tradingState: TradingState.Active,
  });
  assert.deepEqual(out.execution, {
    signalId: s.signalId,
    tokenIn: WETH_KEY,
    notionalUsd: usd("30"),
    expectedProfit: s.netProfit,
    venues: [102, 103],
    openedNs: NOW,
  });
});

Deno.test("preTradeCheck rejects every kind of malformed signal", () => {
  const s = cycle();
  const [h0, h1] = s.hops as [ArbitrageSignal["hops"][0], ArbitrageSignal["hops"][0]];
  const malformed: ArbitrageSignal[] = [
    { ...s, amountIn: 0n, hops: [{ ...h0, amountIn: 0n }, h1], expectedProfit: s.expectedOut },
    { ...s, chainId: 5 },
    { ...s, tokenIn: "0x1234" },
    { ...s, hops: [h0] },
    { ...s, hops: [h0, { ...h1, tokenOut: USDC.address }] },
    { ...s, hops: [h0, { ...h1, tokenIn: WETH.address }] },
    { ...s, hops: [h0, { ...h1, amountIn: h1.amountIn + 1n }] },
    { ...s, hops: [{ ...h0, pool: `0x02${h0.pool.slice(4)}` }, h1] },
    { ...s, hops: [{ ...h0, pool: `0x${h0.pool.slice(2, 10)}01000000${h0.pool.slice(18)}` }, h1] },
    { ...s, expectedProfit: s.expectedProfit + 1n },
    { ...s, netProfit: s.netProfit + 1n },
    { ...s, expectedOut: s.expectedOut + 1n, expectedProfit: s.expectedProfit + 1n },
  ];
  for (const [i, m] of malformed.entries()) {
    const d = check(m).decision;
    assert.equal(d.reasonCode, RiskReason.MalformedSignal, `case ${i}`);
    assert.equal(d.decision, Decision.Reject);
    assert.equal(d.approvedAmount, 0n);
  }
});

Deno.test("preTradeCheck rejects a signal older than maxSignalAgeNs, not one exactly that old", () => {
  const config = { limits: { maxSignalAgeNs: 2n * SECOND } };
  const edge = check(cycle({ detectedNs: NOW - 2n * SECOND }), { config });
  assert.equal(edge.decision.decision, Decision.Approve);
  const stale = check(cycle({ detectedNs: NOW - 2n * SECOND - 1n }), { config });
  assert.equal(stale.decision.reasonCode, RiskReason.StaleSignal);
});

Deno.test("preTradeCheck rejects a signal from further in the future than the clock skew allowed", () => {
  const config = { limits: { maxClockSkewNs: SECOND } };
  assert.equal(check(cycle({ detectedNs: NOW + SECOND }), { config }).decision.decision, 1);
  const d = check(cycle({ detectedNs: NOW + SECOND + 1n }), { config }).decision;
  assert.equal(d.reasonCode, RiskReason.FutureSignal);
});

Deno.test("preTradeCheck rejects a signal whose input token has no positive price", () => {
  const noPrice = new StaticPriceSource().set(USDC, { num: 1n, den: 1n });
  assert.equal(
    check(cycle(), { market: { prices: noPrice } }).decision.reasonCode,
    RiskReason.PriceUnavailable,
  );
  const zero = new StaticPriceSource().set(WETH, { num: 0n, den: 1n });
  assert.equal(
    check(cycle(), { market: { prices: zero } }).decision.reasonCode,
    RiskReason.PriceUnavailable,
  );
});

Deno.test("preTradeCheck rejects every signal while NAV is not positive", () => {
  assert.equal(
    check(cycle(), { market: { navUsd: 0n } }).decision.reasonCode,
    RiskReason.NavNotPositive,
  );
});

Deno.test("preTradeCheck rejects a signal below the minimum net profit or with no net profit", () => {
  const config = { limits: { minNetProfitUsd: usd("5") } };
  assert.equal(check(cycle({ netProfitUsd: usd("5") }), { config }).decision.decision, 1);
  assert.equal(
    check(cycle({ netProfitUsd: usd("4.99999999") }), { config }).decision.reasonCode,
    RiskReason.MinNetProfit,
  );
  const noNet = cycle({ profit: 10n ** 14n, gasCostIn: 10n ** 14n });
  assert.equal(check(noNet).decision.reasonCode, RiskReason.MinNetProfit);
});

Deno.test("preTradeCheck rejects a route through a pool that is too shallow or not known", () => {
  const config = { limits: { minPoolLiquidityUsd: usd("50000") } };
  const shallow = new Map([[POOL_UNI, usd("1000000")], [POOL_SUSHI, usd("49999.99999999")]]);
  assert.equal(
    check(cycle(), { config, market: { poolLiquidityUsd: shallow } }).decision.reasonCode,
    RiskReason.PoolLiquidityLow,
  );
  const unknown = new Map([[POOL_UNI, usd("1000000")]]);
  assert.equal(
    check(cycle(), { market: { poolLiquidityUsd: unknown } }).decision.reasonCode,
    RiskReason.PoolLiquidityUnknown,
  );
});

Deno.test("preTradeCheck rejects when the maximum of concurrent executions is open", () => {
  const config = { limits: { maxConcurrentExecutions: 2 } };
  const one = { openExecutions: [openExecution()] };
  assert.equal(check(cycle(), { config, state: one }).decision.decision, Decision.Approve);
  const two = { openExecutions: [openExecution(), openExecution({ signalId: 998n })] };
  assert.equal(
    check(cycle(), { config, state: two }).decision.reasonCode,
    RiskReason.MaxConcurrent,
  );
});

Deno.test("preTradeCheck rejects a signal whose execution is already open", () => {
  const s = cycle();
  const state = { openExecutions: [openExecution({ signalId: s.signalId })] };
  const config = { limits: { maxConcurrentExecutions: 5 } };
  assert.equal(check(s, { state, config }).decision.reasonCode, RiskReason.DuplicateSignal);
});

Deno.test("preTradeCheck reduces a trade above the notional cap to the largest amount that fits", () => {
  const s = cycle({ amountIn: 5n * ONE_ETH / 100n }); // 150 USD
  const d = check(s).decision;
  const cap = amountForUsd(usd("100"), 18, WETH_PRICE);
  assert.deepEqual(d, {
    signalId: s.signalId,
    decision: Decision.Reduce,
    reasonCode: RiskReason.MaxNotional,
    approvedAmount: cap,
    tradingState: TradingState.Active,
  });
  assert(usdValue(cap, 18, WETH_PRICE, "ceil") <= usd("100"));
  assert(usdValue(cap + 1n, 18, WETH_PRICE, "ceil") > usd("100"));
});

Deno.test("preTradeCheck caps open notional at maxNavExposureBps of NAV", () => {
  const config = { limits: { maxNavExposureBps: 1_000, maxConcurrentExecutions: 2 } };
  // NAV 500: room 50 USD, 10 already open: 40 left for a 30 USD trade
  const state = { openExecutions: [openExecution({ notionalUsd: usd("10") })] };
  const m = { navUsd: usd("500") };
  assert.equal(check(cycle(), { config, state, market: m }).decision.decision, Decision.Approve);
  const d = check(cycle({ amountIn: ONE_ETH / 50n }), { config, state, market: m }).decision; // 60
  assert.equal(d.reasonCode, RiskReason.NavExposure);
  assert.equal(d.approvedAmount, amountForUsd(usd("40"), 18, WETH_PRICE));
  const full = { openExecutions: [openExecution({ notionalUsd: usd("50") })] };
  const r = check(cycle(), {
    config: { limits: { maxConcurrentExecutions: 2 } },
    state: full,
    market: m,
  });
  assert.equal(r.decision.reasonCode, RiskReason.NavExposure);
  assert.equal(r.decision.decision, Decision.Reject);
});

Deno.test("preTradeCheck caps holdings plus open notional at each venue of the route", () => {
  const m = { venueHoldingsUsd: new Map([[103, usd("230")]]) };
  const d = check(cycle(), { market: m }).decision; // 20 USD room at sushiswap (103)
  assert.equal(d.reasonCode, RiskReason.VenueExposure);
  assert.equal(d.approvedAmount, amountForUsd(usd("20"), 18, WETH_PRICE));
  const raised = { limits: { venueLimitsUsd: { "103": usd("1000") } } };
  assert.equal(check(cycle(), { market: m, config: raised }).decision.decision, Decision.Approve);
  const state = { openExecutions: [openExecution({ venues: [102], notionalUsd: usd("250") })] };
  const config = { limits: { maxConcurrentExecutions: 2, maxNavExposureBps: 10_000 } };
  assert.equal(check(cycle(), { state, config }).decision.reasonCode, RiskReason.VenueExposure);
});

Deno.test("preTradeCheck rejects a trade whose projected position in tokenIn exceeds its limit", () => {
  const netUsd = usdValue(cycle().netProfit, 18, WETH_PRICE, "ceil");
  const atLimit = { tokenPositionsUsd: new Map([[WETH_KEY, usd("1000") - netUsd]]) };
  assert.equal(check(cycle(), { market: atLimit }).decision.decision, Decision.Approve);
  const over = { tokenPositionsUsd: new Map([[WETH_KEY, usd("1000") - netUsd + 1n]]) };
  assert.equal(check(cycle(), { market: over }).decision.reasonCode, RiskReason.TokenPosition);
  const raised = { limits: { positionLimitsUsd: { [WETH_KEY]: usd("5000") } } };
  assert.equal(check(cycle(), { market: over, config: raised }).decision.decision, 1);
  // open executions' profits in the same token count towards the projection
  const state = { openExecutions: [openExecution({ expectedProfit: ONE_ETH / 1000n })] };
  const config = { limits: { maxConcurrentExecutions: 2 } };
  assert.equal(
    check(cycle(), { market: atLimit, state, config }).decision.reasonCode,
    RiskReason.TokenPosition,
  );
});

Deno.test("preTradeCheck rejects a reduction whose profit bound falls under the minimum", () => {
  // 150 USD trade, 1.5 USD net (2.4 gross − 0.9 gas): at 2/3 size the bound is 1.6 − 0.9 = 0.7
  const s = cycle({ amountIn: 5n * ONE_ETH / 100n, netProfitUsd: usd("1.5") });
  assert.equal(check(s).decision.reasonCode, RiskReason.ReducedBelowMinProfit);
  const lower = { limits: { minNetProfitUsd: usd("0.5") } };
  assert.equal(check(s, { config: lower }).decision.decision, Decision.Reduce);
});

Deno.test("preTradeCheck rejects everything while halted or with the kill switch engaged", () => {
  const halted = check(cycle(), { state: { tradingState: TradingState.Halted } }).decision;
  assert.deepEqual([halted.decision, halted.reasonCode, halted.approvedAmount], [
    2,
    RiskReason.Halted,
    0n,
  ]);
  const killed = check(cycle(), { state: { killSwitch: true, tradingState: 3 } }).decision;
  assert.equal(killed.reasonCode, RiskReason.KillSwitch);
});

Deno.test("preTradeCheck while reducing admits only cycles in a base token, capped, one at a time", () => {
  const reducing = { tradingState: TradingState.Reducing } as const;
  const base = { limits: { baseTokens: [USDC_KEY], reducingMaxNotionalUsd: usd("50") } };
  assert.equal(
    check(cycle(), { state: reducing, config: base }).decision.reasonCode,
    RiskReason.ReduceOnly,
  );
  const inUsdc = (amountIn: bigint) =>
    cycle({ start: "usdc", amountIn, profit: 2_000_000n, gasCostIn: 500_000n });
  const small = check(inUsdc(30_000_000n), { state: reducing, config: base }).decision;
  assert.deepEqual([small.decision, small.tradingState], [Decision.Approve, TradingState.Reducing]);
  const big = check(inUsdc(80_000_000n), { state: reducing, config: base }).decision;
  assert.deepEqual([big.decision, big.reasonCode, big.approvedAmount], [
    Decision.Reduce,
    RiskReason.ReducingNotional,
    50_000_000n,
  ]);
  const busy = { ...reducing, openExecutions: [openExecution({ tokenIn: USDC_KEY })] };
  const config = { limits: { ...base.limits, maxConcurrentExecutions: 3 } };
  assert.equal(
    check(inUsdc(30_000_000n), { state: busy, config }).decision.reasonCode,
    RiskReason.ReducingConcurrency,
  );
});

Deno.test("preTradeCheck while reducing admits a cycle that covers part of a short", () => {
  const reducing = { tradingState: TradingState.Reducing } as const;
  const short = { tokenPositionsUsd: new Map([[WETH_KEY, -usd("100")]]) };
  assert.equal(check(cycle(), { state: reducing, market: short }).decision.decision, 1);
  const tiny = { tokenPositionsUsd: new Map([[WETH_KEY, -usd("1")]]) }; // profit would cross 0
  assert.equal(
    check(cycle(), { state: reducing, market: tiny }).decision.reasonCode,
    RiskReason.ReduceOnly,
  );
});

Deno.test("preTradeCheck never lets the approved notional exceed any cap, and a reject approves 0", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 10n ** 18n }),
      fc.bigInt({ min: 0n, max: usd("20000") }),
      fc.bigInt({ min: 0n, max: usd("400") }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.bigInt({ min: 1n, max: usd("300") }),
      (amountIn, nav, held103, navBps, maxNotional) => {
        const s = cycle({ amountIn, profit: amountIn / 10n + 1n, gasCostIn: 0n, gasCostUsd: 0n });
        const config = { limits: { maxNavExposureBps: navBps, maxNotionalUsd: maxNotional } };
        const m = { navUsd: nav, venueHoldingsUsd: new Map([[103, held103]]) };
        const d = check(s, { config, market: m }).decision;
        assert(d.approvedAmount <= s.amountIn);
        if (d.decision === Decision.Reject) assert.equal(d.approvedAmount, 0n);
        else {
          const n = usdValue(d.approvedAmount, 18, WETH_PRICE, "ceil");
          assert(n <= maxNotional);
          assert(n * 10_000n <= nav * BigInt(navBps));
          assert(n + held103 <= usd("250"));
          assert.equal(d.decision === Decision.Approve, d.approvedAmount === s.amountIn);
        }
      },
    ),
  );
});
