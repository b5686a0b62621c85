// bench/risk_bench.ts — the risk hot paths: one signal through every pre-trade check, and one
// fill applied to the portfolio.
import { dexPool, evmToken, instrumentToBytes } from "../lib/instrument/mod.ts";
import { nativeToken, Portfolio, StaticPriceSource, usd } from "../lib/portfolio/mod.ts";
import {
  type ArbitrageSignal,
  bytesToHex,
  Decision,
  type Fill,
  type Hex,
  TradingState,
} from "../lib/protocol/mod.ts";
import { preTradeCheck, resolveRiskConfig } from "../lib/risk/mod.ts";
import { iterations } from "./_short.ts";

const NOW = 1_750_000_000_000_000_000n;
const WETH = evmToken("anvil", "0x" + "e1".repeat(20));
const USDC = evmToken("anvil", "0x" + "c1".repeat(20));
const pool = (venue: string, b: string): Hex =>
  bytesToHex(instrumentToBytes(dexPool("anvil", venue, "0x" + b.repeat(20))));
const POOL_A = pool("uniswap_v3", "a1");
const POOL_B = pool("sushiswap", "a2");
const prices = new StaticPriceSource()
  .set(WETH, { num: 3000n, den: 1n })
  .set(USDC, { num: 1n, den: 1n })
  .set(nativeToken("anvil"), { num: 3000n, den: 1n });

// a 0.01 WETH two-hop cycle that passes every check, so each iteration runs all of them
const amountIn = 10n ** 16n;
const signal: ArbitrageSignal = {
  signalId: 1n,
  strategyId: 1,
  chainId: 31337,
  tokenIn: WETH.address,
  decimalsIn: 18,
  amountIn,
  expectedOut: amountIn + 2n * 10n ** 15n,
  expectedProfit: 2n * 10n ** 15n,
  gasUnits: 200_000n,
  gasPriceWei: 10n ** 9n,
  gasCostIn: 3n * 10n ** 14n,
  netProfit: 17n * 10n ** 14n,
  netProfitUsd: usd("5"),
  gasCostUsd: usd("0.9"),
  blockNumber: 1n,
  detectedNs: NOW,
  hops: [
    {
      pool: POOL_A,
      tokenIn: WETH.address,
      tokenOut: USDC.address,
      amountIn,
      amountOut: 30_000_000n,
    },
    {
      pool: POOL_B,
      tokenIn: USDC.address,
      tokenOut: WETH.address,
      amountIn: 30_000_000n,
      amountOut: amountIn + 2n * 10n ** 15n,
    },
  ],
};
const market = {
  navUsd: usd("10000"),
  prices,
  tokenPositionsUsd: new Map([[bytesToHex(instrumentToBytes(WETH)), usd("500")]]),
  venueHoldingsUsd: new Map<number, bigint>(),
  poolLiquidityUsd: new Map([[POOL_A, usd("1000000")], [POOL_B, usd("1000000")]]),
};
const state = {
  nowNs: NOW,
  tradingState: TradingState.Active,
  killSwitch: false,
  openExecutions: [],
};
const config = resolveRiskConfig();
if (preTradeCheck(signal, market, state, config).decision.decision !== Decision.Approve) {
  throw new Error("bench setup: the signal must pass every check");
}

Deno.bench({
  name: "risk check",
  group: "risk",
  baseline: true,
  ...iterations,
  fn() {
    preTradeCheck(signal, market, state, config);
  },
});

const portfolio = new Portfolio({ prices });
portfolio.registerToken(WETH, 18);
portfolio.registerToken(USDC, 6);
portfolio.registerToken(nativeToken("anvil"), 18);
portfolio.deposit(USDC, 1_000_000n * 10n ** 6n);
portfolio.deposit(WETH, 100n * 10n ** 18n);
portfolio.deposit(nativeToken("anvil"), 100n * 10n ** 18n);
const fill = (buy: boolean): Fill => ({
  orderId: 1n,
  fillId: 1n,
  instrument: POOL_A,
  tokenIn: buy ? USDC.address : WETH.address,
  tokenOut: buy ? WETH.address : USDC.address,
  amountIn: buy ? 3_000n * 10n ** 6n : 10n ** 18n,
  amountOut: buy ? 10n ** 18n : 3_000n * 10n ** 6n,
  gasUsed: 150_000n,
  gasPriceWei: 10n ** 9n,
  txHash: `0x${"00".repeat(32)}`,
  blockNumber: 1n,
});
const BUY = fill(true);
const SELL = fill(false);
let buy = true;

Deno.bench({
  name: "portfolio apply fill",
  group: "risk",
  ...iterations,
  fn() {
    // alternate directions so positions stay bounded; gas is paid on every fill
    portfolio.applyFill(buy ? BUY : SELL);
    buy = !buy;
  },
});
