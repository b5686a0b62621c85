// lib/risk/pre_trade.ts — one job: run every pre-trade check on one signal and decide approve,
// reduce (with the amount allowed) or reject, exactly, in bigints.
import {
  amountForUsd,
  floorDiv,
  type PriceSource,
  type TokenKey,
  usdValue,
} from "../portfolio/mod.ts";
import {
  type ArbitrageSignal,
  Decision,
  type Hex,
  type RiskDecision,
  RiskReason,
  TradingState,
} from "../protocol/mod.ts";
import type { RiskConfig } from "./config.ts";
import { readRoute } from "./_route.ts";

/** An approved execution not yet reported: what it holds in flight. */
export interface OpenExecution {
  readonly signalId: bigint;
  readonly tokenIn: TokenKey;
  /** Value of the approved amount, rounded up. */
  readonly notionalUsd: bigint;
  /** The signal's netProfit in tokenIn units: an upper bound of what it adds to the position. */
  readonly expectedProfit: bigint;
  /** Venue codes of its pools. */
  readonly venues: readonly number[];
  readonly openedNs: bigint;
}

/** The market and portfolio figures a check reads (a PortfolioRiskView plus prices and pools). */
export interface MarketView {
  readonly navUsd: bigint;
  readonly prices: PriceSource;
  /** Signed settled position value per token, summed over venues. */
  readonly tokenPositionsUsd: ReadonlyMap<TokenKey, bigint>;
  /** Gross value held per venue code. */
  readonly venueHoldingsUsd: ReadonlyMap<number, bigint>;
  /** Liquidity per pool, USD, keyed by the pool's InstrumentId hex as the signal carries it. */
  readonly poolLiquidityUsd: ReadonlyMap<Hex, bigint>;
}

/** The engine's side of a check: the time, its state and its open executions. */
export interface PreTradeState {
  readonly nowNs: bigint;
  readonly tradingState: TradingState;
  readonly killSwitch: boolean;
  readonly openExecutions: readonly OpenExecution[];
}

/** A decision and, when it lets the trade go, the execution it opens. */
export interface PreTradeOutcome {
  readonly decision: RiskDecision;
  readonly execution: OpenExecution | undefined;
}

function reject(s: ArbitrageSignal, reason: number, state: TradingState): PreTradeOutcome {
  return {
    decision: {
      signalId: s.signalId,
      decision: Decision.Reject,
      reasonCode: reason,
      approvedAmount: 0n,
      tradingState: state,
    },
    execution: undefined,
  };
}

/**
 * Run every pre-trade check on `signal`, in the order of docs/RISK.md: state (kill switch,
 * halted, reducing), shape, duplicate, freshness, price, NAV, profit, pool liquidity,
 * concurrency, reduce-only, token position — each a reject — then the caps (notional, NAV
 * share, venue exposure, reducing notional), which reduce the amount to the largest one whose
 * value, rounded up, fits every cap. A reduced trade must still clear the profit minimum by a
 * lower bound (gross profit is concave in the input for AMM cycles, so at a fraction λ of the
 * input it is at least λ times the gross profit; gas does not shrink).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_RISK_CONFIG } from "./config.ts";
 * import { preTradeCheck } from "./pre_trade.ts";
 * import type { ArbitrageSignal } from "../protocol/mod.ts";
 * const halted = { nowNs: 0n, tradingState: 3, killSwitch: false, openExecutions: [] } as const;
 * const market = {
 *   navUsd: 0n, prices: { usdPrice: () => undefined }, tokenPositionsUsd: new Map(),
 *   venueHoldingsUsd: new Map(), poolLiquidityUsd: new Map(),
 * };
 * const out = preTradeCheck({ signalId: 7n } as ArbitrageSignal, market, halted, DEFAULT_RISK_CONFIG);
 * assert.deepEqual(out.decision, {
 *   signalId: 7n, decision: 2, reasonCode: 2, approvedAmount: 0n, tradingState: 3,
 * });
 * ```
 */
export function preTradeCheck(
  signal: ArbitrageSignal,
  market: MarketView,
  state: PreTradeState,
  config: RiskConfig,
): PreTradeOutcome {
  const limits = config.limits;
  const ts = state.tradingState;
  if (state.killSwitch) return reject(signal, RiskReason.KillSwitch, ts);
  if (ts === TradingState.Halted) return reject(signal, RiskReason.Halted, ts);
  const reducing = ts === TradingState.Reducing;

  const route = readRoute(signal);
  if (route === undefined) return reject(signal, RiskReason.MalformedSignal, ts);
  const open = state.openExecutions;
  for (const e of open) {
    if (e.signalId === signal.signalId) return reject(signal, RiskReason.DuplicateSignal, ts);
  }
  if (state.nowNs - signal.detectedNs > limits.maxSignalAgeNs) {
    return reject(signal, RiskReason.StaleSignal, ts);
  }
  if (signal.detectedNs - state.nowNs > limits.maxClockSkewNs) {
    return reject(signal, RiskReason.FutureSignal, ts);
  }
  const price = market.prices.usdPrice(route.token);
  if (price === undefined || price.num <= 0n || price.den <= 0n) {
    return reject(signal, RiskReason.PriceUnavailable, ts);
  }
  const nav = market.navUsd;
  if (nav <= 0n) return reject(signal, RiskReason.NavNotPositive, ts);
  if (signal.netProfit <= 0n || signal.netProfitUsd < limits.minNetProfitUsd) {
    return reject(signal, RiskReason.MinNetProfit, ts);
  }
  for (const hop of signal.hops) {
    const liquidity = market.poolLiquidityUsd.get(hop.pool);
    if (liquidity === undefined) return reject(signal, RiskReason.PoolLiquidityUnknown, ts);
    if (liquidity < limits.minPoolLiquidityUsd) {
      return reject(signal, RiskReason.PoolLiquidityLow, ts);
    }
  }
  if (open.length >= limits.maxConcurrentExecutions) {
    return reject(signal, RiskReason.MaxConcurrent, ts);
  }
  if (reducing && open.length > 0) return reject(signal, RiskReason.ReducingConcurrency, ts);

  // Settled position of tokenIn after every open execution and this one: held + profits.
  const decimals = signal.decimalsIn;
  let profitInFlight = signal.netProfit;
  let openNotional = 0n;
  for (const e of open) {
    openNotional += e.notionalUsd;
    if (e.tokenIn === route.key) profitInFlight += e.expectedProfit;
  }
  const held = market.tokenPositionsUsd.get(route.key) ?? 0n;
  const projected = held + usdValue(profitInFlight, decimals, price, "ceil");
  if (reducing) {
    const isBase = limits.baseTokens.includes(route.key);
    // reduces exposure: profit lands in cash, or covers part of a short without crossing zero
    if (!isBase && !(held < 0n && projected <= 0n)) {
      return reject(signal, RiskReason.ReduceOnly, ts);
    }
  }
  const positionLimit = limits.positionLimitsUsd[route.key] ?? limits.maxPositionUsd;
  if ((projected < 0n ? -projected : projected) > positionLimit) {
    return reject(signal, RiskReason.TokenPosition, ts);
  }

  // Caps: each allows a USD notional; the tightest one binds (first in this order on a tie).
  const notional = usdValue(signal.amountIn, decimals, price, "ceil");
  let allowedUsd = limits.maxNotionalUsd;
  let capReason: number = RiskReason.MaxNotional;
  const navRoom = floorDiv(nav * BigInt(limits.maxNavExposureBps), 10_000n) - openNotional;
  if (navRoom < allowedUsd) [allowedUsd, capReason] = [navRoom, RiskReason.NavExposure];
  for (const venue of route.venues) {
    const limit = limits.venueLimitsUsd[venue] ?? limits.maxVenueExposureUsd;
    let used = market.venueHoldingsUsd.get(venue) ?? 0n;
    for (const e of open) if (e.venues.includes(venue)) used += e.notionalUsd;
    if (limit - used < allowedUsd) {
      [allowedUsd, capReason] = [limit - used, RiskReason.VenueExposure];
    }
  }
  if (reducing && limits.reducingMaxNotionalUsd < allowedUsd) {
    [allowedUsd, capReason] = [limits.reducingMaxNotionalUsd, RiskReason.ReducingNotional];
  }

  let approved = signal.amountIn;
  let approvedNotional = notional;
  if (notional > allowedUsd) {
    approved = allowedUsd <= 0n ? 0n : amountForUsd(allowedUsd, decimals, price);
    if (approved <= 0n) return reject(signal, capReason, ts);
    approvedNotional = usdValue(approved, decimals, price, "ceil");
    const grossUsd = signal.netProfitUsd + signal.gasCostUsd;
    const boundUsd = floorDiv(grossUsd * approved, signal.amountIn) - signal.gasCostUsd;
    const boundIn = floorDiv(signal.expectedProfit * approved, signal.amountIn) - signal.gasCostIn;
    if (boundIn <= 0n || boundUsd < limits.minNetProfitUsd) {
      return reject(signal, RiskReason.ReducedBelowMinProfit, ts);
    }
  }
  const full = approved === signal.amountIn;
  return {
    decision: {
      signalId: signal.signalId,
      decision: full ? Decision.Approve : Decision.Reduce,
      reasonCode: full ? RiskReason.None : capReason,
      approvedAmount: approved,
      tradingState: ts,
    },
    execution: {
      signalId: signal.signalId,
      tokenIn: route.key,
      notionalUsd: approvedNotional,
      expectedProfit: signal.netProfit,
      venues: route.venues,
      openedNs: state.nowNs,
    },
  };
}
