// tests/risk/_fixtures.ts — a well-formed two-hop cycle signal, a market around it, a clock.
import { dexPool, evmToken, instrumentToBytes } from "../../lib/instrument/mod.ts";
import { StaticPriceSource, tokenKey, usd } from "../../lib/portfolio/mod.ts";
import { type ArbitrageSignal, bytesToHex, type Hex } from "../../lib/protocol/mod.ts";
import type { MarketView } from "../../lib/risk/mod.ts";

export const NOW = 1_750_000_000_000_000_000n; // 2025-06-15T15:06:40Z
export const SECOND = 1_000_000_000n;
export const WETH = evmToken("anvil", "0x" + "e1".repeat(20));
export const USDC = evmToken("anvil", "0x" + "c1".repeat(20));
export const WETH_KEY = tokenKey(WETH);
export const USDC_KEY = tokenKey(USDC);
const poolId = (venue: string, byte: string) =>
  bytesToHex(instrumentToBytes(dexPool("anvil", venue, "0x" + byte.repeat(20))));
export const POOL_UNI: Hex = poolId("uniswap_v3", "a1"); // venue 102
export const POOL_SUSHI: Hex = poolId("sushiswap", "a2"); // venue 103
export const ONE_ETH = 10n ** 18n;

export interface CycleOptions {
  readonly signalId?: bigint;
  /** Start token: WETH (default) or USDC. */
  readonly start?: "weth" | "usdc";
  readonly amountIn?: bigint;
  /** expectedOut − amountIn. */
  readonly profit?: bigint;
  readonly gasCostIn?: bigint;
  readonly netProfitUsd?: bigint;
  readonly gasCostUsd?: bigint;
  readonly detectedNs?: bigint;
}

let nextId = 1n;

/**
 * A consistent two-hop cycle: start → other token on uniswap_v3, back on sushiswap. Default:
 * 0.01 WETH (30 USD at 3000) in, 0.002 WETH gross profit, 0.0003 WETH gas; 5 USD net, 0.9 USD
 * gas.
 */
export function cycle(o: CycleOptions = {}): ArbitrageSignal {
  const start = o.start === "usdc" ? USDC : WETH;
  const other = o.start === "usdc" ? WETH : USDC;
  const amountIn = o.amountIn ?? ONE_ETH / 100n;
  const profit = o.profit ?? 2n * 10n ** 15n;
  const gasCostIn = o.gasCostIn ?? 3n * 10n ** 14n;
  const mid = 30n * 10n ** 6n;
  return {
    signalId: o.signalId ?? nextId++,
    strategyId: 1,
    chainId: 31337,
    tokenIn: start.address as Hex,
    decimalsIn: o.start === "usdc" ? 6 : 18,
    amountIn,
    expectedOut: amountIn + profit,
    expectedProfit: profit,
    gasUnits: 200_000n,
    gasPriceWei: 1_500_000_000n,
    gasCostIn,
    netProfit: profit - gasCostIn,
    netProfitUsd: o.netProfitUsd ?? usd("5"),
    gasCostUsd: o.gasCostUsd ?? usd("0.9"),
    blockNumber: 100n,
    detectedNs: o.detectedNs ?? NOW,
    hops: [
      {
        pool: POOL_UNI,
        tokenIn: start.address as Hex,
        tokenOut: other.address as Hex,
        amountIn,
        amountOut: mid,
      },
      {
        pool: POOL_SUSHI,
        tokenIn: other.address as Hex,
        tokenOut: start.address as Hex,
        amountIn: mid,
        amountOut: amountIn + profit,
      },
    ],
  };
}

/** A market: NAV 10000 USD, WETH 3000 USD, USDC 1 USD, both pools 1M USD deep, no positions. */
export function market(o: Partial<MarketView> = {}): MarketView {
  return {
    navUsd: o.navUsd ?? usd("10000"),
    prices: o.prices ??
      new StaticPriceSource().set(WETH, { num: 3000n, den: 1n }).set(USDC, { num: 1n, den: 1n }),
    tokenPositionsUsd: o.tokenPositionsUsd ?? new Map(),
    venueHoldingsUsd: o.venueHoldingsUsd ?? new Map(),
    poolLiquidityUsd: o.poolLiquidityUsd ??
      new Map([[POOL_UNI, usd("1000000")], [POOL_SUSHI, usd("1000000")]]),
  };
}

/** A settable clock for engines. */
export class TestClock {
  now: bigint;
  constructor(now: bigint = NOW) {
    this.now = now;
  }
  advance(ns: bigint): void {
    this.now += ns;
  }
  readonly read = (): bigint => this.now;
}

/** Runs `f` and returns the error it throws, failing when it throws nothing. */
export function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error, nothing was thrown");
}
