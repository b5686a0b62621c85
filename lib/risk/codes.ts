// lib/risk/codes.ts — one job: the numbers the risk TLVs carry for states, decisions, breakers,
// alert severities and VaR methods (as docs/PROTOCOL.md defines them).

/**
 * Trading states (RiskDecision.tradingState, CircuitBreaker.state).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TradingState } from "./codes.ts";
 * assert(TradingState.Halted === 3);
 * ```
 */
export const TradingState = { Active: 1, Reducing: 2, Halted: 3 } as const;
/** A trading state: 1 active, 2 reducing, 3 halted (higher is stricter). */
export type TradingState = typeof TradingState[keyof typeof TradingState];

/**
 * Verdicts (RiskDecision.decision).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Decision } from "./codes.ts";
 * assert(Decision.Reduce === 3);
 * ```
 */
export const Decision = { Approve: 1, Reject: 2, Reduce: 3 } as const;
/** A verdict: 1 approve, 2 reject, 3 reduce. */
export type Decision = typeof Decision[keyof typeof Decision];

/**
 * Circuit breakers (CircuitBreaker.breaker; also the alertCode of their RiskAlerts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Breaker } from "./codes.ts";
 * assert(Breaker.KillSwitch === 5);
 * ```
 */
export const Breaker = {
  ConsecutiveLosses: 1,
  ErrorRate: 2,
  DailyLoss: 3,
  Drawdown: 4,
  KillSwitch: 5,
} as const;
/** A breaker number, 1 to 5. */
export type Breaker = typeof Breaker[keyof typeof Breaker];

/**
 * Alert severities (RiskAlert.severity).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AlertSeverity } from "./codes.ts";
 * assert(AlertSeverity.Critical === 3);
 * ```
 */
export const AlertSeverity = { Info: 1, Warning: 2, Critical: 3 } as const;
/** An alert severity: 1 info, 2 warning, 3 critical. */
export type AlertSeverity = typeof AlertSeverity[keyof typeof AlertSeverity];

/**
 * VaR methods (RiskMetrics.method).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VarMethod } from "./codes.ts";
 * assert(VarMethod.Ewma === 3);
 * ```
 */
export const VarMethod = { Historical: 1, Parametric: 2, Ewma: 3 } as const;
/** A VaR method: 1 historical, 2 parametric, 3 EWMA. */
export type VarMethod = typeof VarMethod[keyof typeof VarMethod];

const STATE_NAMES: Readonly<Record<TradingState, string>> = {
  1: "active",
  2: "reducing",
  3: "halted",
};

/**
 * The lower-case name of a trading state, for logs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tradingStateName } from "./codes.ts";
 * assert.equal(tradingStateName(2), "reducing");
 * ```
 */
export function tradingStateName(state: TradingState): string {
  return STATE_NAMES[state];
}

/** The 32-byte zero InstrumentId: a RiskAlert about the whole portfolio. */
export const PORTFOLIO_SUBJECT: `0x${string}` = `0x${"00".repeat(32)}`;

/**
 * Reason codes (OrderStatus.reasonCode) of an order the executor rejected before sending because
 * the market moved: stale (1), below the guard (2), slippage (3) on paper, and the executor's
 * simulation finding too little profit (101) live. Such a rejection is a missed opportunity, not
 * an execution error, so it does not count toward the error-rate breaker.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MARKET_MISS_REASONS } from "./codes.ts";
 * assert(MARKET_MISS_REASONS.has(3) && !MARKET_MISS_REASONS.has(122));
 * ```
 */
export const MARKET_MISS_REASONS: ReadonlySet<number> = new Set([1, 2, 3, 101]);
