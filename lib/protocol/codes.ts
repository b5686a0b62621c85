// lib/protocol/codes.ts — one job: the one table of every number the wire carries that names
// something (order states, reason codes, verdicts, trading states, breakers, alert severities,
// VaR methods, relay errors), with its name and meaning; every named constant derives from it.

/** What an order state says about the order, for counting outcomes. */
export type OrderOutcome = "open" | "success" | "cancelled" | "error";

/** One named number of the wire: its value and what it means. */
export interface WireCode {
  /** The number on the wire. */
  readonly code: number;
  /** One line saying what the number stands for. */
  readonly meaning: string;
  /** Reason codes only: the market moved before anything was sent — a missed opportunity. */
  readonly marketMiss?: true;
  /** Order states only: open, or how the order ended. */
  readonly outcome?: OrderOutcome;
}

/** One kind of code: the TLV fields that carry it and its codes by name. */
export interface WireCodeKind {
  /** The fields (`Tlv.field`) that carry this kind of code. */
  readonly fields: string;
  /** Every code of the kind, by name. */
  readonly codes: Readonly<Record<string, WireCode>>;
}

/**
 * The one table of wire codes: for each kind, the fields that carry it and every code by name
 * with its meaning. docs/PROTOCOL.md lists it (generated).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { WIRE_CODES } from "./codes.ts";
 * assert.equal(WIRE_CODES.OrderState.codes.Reverted.code, 7);
 * assert.equal(WIRE_CODES.LiveReason.codes.InsufficientProfit.marketMiss, true);
 * ```
 */
export const WIRE_CODES = {
  OrderState: {
    fields: "OrderStatus.status, ExecutionReport.status",
    codes: {
      Pending: { code: 1, meaning: "pending", outcome: "open" },
      Submitted: { code: 2, meaning: "submitted", outcome: "open" },
      Filled: { code: 3, meaning: "filled", outcome: "success" },
      PartiallyFilled: { code: 4, meaning: "partially filled", outcome: "success" },
      Cancelled: { code: 5, meaning: "cancelled", outcome: "cancelled" },
      Rejected: { code: 6, meaning: "rejected: nothing was sent", outcome: "error" },
      Reverted: { code: 7, meaning: "reverted on chain", outcome: "error" },
      Expired: { code: 8, meaning: "expired before it could run", outcome: "error" },
    },
  },
  ExecutionMode: {
    fields: "OrderRequest.mode, ExecutionReport.mode",
    codes: {
      Paper: { code: 1, meaning: "paper: filled against the pool states, nothing sent" },
      Live: { code: 2, meaning: "live: a transaction on chain" },
    },
  },
  ExecutionReason: {
    fields: "OrderStatus.reasonCode (paper execution, 0–99)",
    codes: {
      None: { code: 0, meaning: "filled" },
      StaleSignal: {
        code: 1,
        meaning: "the signal was past its expiry (SignalIdentity.expiresNs) when its turn came",
        marketMiss: true,
      },
      BelowGuard: {
        code: 2,
        meaning: "the realised net profit was positive but below the minimum-profit guard",
        marketMiss: true,
      },
      Slippage: {
        code: 3,
        meaning: "the realised net profit was zero or negative: the market moved against the route",
        marketMiss: true,
      },
      QuoteFailed: {
        code: 4,
        meaning: "a hop could not be quoted at all (not enough liquidity for the amount)",
      },
      PoolStateUnknown: {
        code: 5,
        meaning:
          "a pool of the route has no usable state (never seen, voided, or V3 ticks missing)",
      },
      RouteMismatch: { code: 6, meaning: "a hop's tokens are not the pool's tokens" },
    },
  },
  LiveReason: {
    fields: "OrderStatus.reasonCode (live execution, 100–149)",
    codes: {
      None: { code: 0, meaning: "filled" },
      InsufficientProfit: {
        code: 101,
        meaning: "the contract's profit check failed: the price moved against the route",
        marketMiss: true,
      },
      DeadlineExpired: { code: 102, meaning: "the transaction landed after its deadline" },
      PartialFill: {
        code: 103,
        meaning: "a V3 pool took less than the hop's input (ran out of liquidity)",
      },
      ZeroOutput: { code: 104, meaning: "a V2 hop's output rounds to zero" },
      TransferFailed: { code: 105, meaning: "a token transfer failed" },
      BadRoute: {
        code: 106,
        meaning: "the contract refused the route (BadHop, BadRouteLength, BadAmount)",
      },
      NotOwner: { code: 107, meaning: "the signer is not the executor's owner" },
      CallbackRejected: {
        code: 108,
        meaning:
          "a callback check failed (UnexpectedCallback, UnexpectedInitiator, CallbackMissing)",
      },
      PoolReverted: {
        code: 109,
        meaning: "a pool or token reverted with its own reason (e.g. `UniswapV2: K`)",
      },
      UnknownRevert: { code: 110, meaning: "a revert with no reason (out of gas, invalid opcode)" },
      GasPriceTooHigh: { code: 120, meaning: "the gas price was above the cap: nothing was sent" },
      PositionLimit: {
        code: 121,
        meaning: "the order's notional was above the network's position limit: nothing was sent",
      },
      RpcFailed: { code: 122, meaning: "the RPC failed after the retries" },
      SendFailed: {
        code: 123,
        meaning: "the node refused the transaction (nonce, funds, underpriced)",
      },
      ReceiptTimeout: { code: 124, meaning: "no receipt before the timeout" },
      UnsupportedRoute: {
        code: 125,
        meaning: "the signal's route cannot be run by the executor (venue, hop count, chain)",
      },
    },
  },
  Decision: {
    fields: "RiskDecision.decision",
    codes: {
      Approve: { code: 1, meaning: "approve the signal's amount" },
      Reject: { code: 2, meaning: "reject the signal" },
      Reduce: { code: 3, meaning: "approve a smaller amount (approvedAmount)" },
    },
  },
  TradingState: {
    fields: "RiskDecision.tradingState, CircuitBreaker.state, CircuitBreaker.previousState",
    codes: {
      Active: { code: 1, meaning: "trading normally" },
      Reducing: { code: 2, meaning: "only trades that reduce exposure" },
      Halted: { code: 3, meaning: "no trading" },
    },
  },
  Breaker: {
    fields: "CircuitBreaker.breaker, RiskAlert.alertCode of a breaker's alert",
    codes: {
      ConsecutiveLosses: { code: 1, meaning: "consecutive losses" },
      ErrorRate: { code: 2, meaning: "error rate" },
      DailyLoss: { code: 3, meaning: "daily loss" },
      Drawdown: { code: 4, meaning: "drawdown" },
      KillSwitch: { code: 5, meaning: "kill switch" },
    },
  },
  AlertSeverity: {
    fields: "RiskAlert.severity",
    codes: {
      Info: { code: 1, meaning: "info" },
      Warning: { code: 2, meaning: "warning" },
      Critical: { code: 3, meaning: "critical" },
    },
  },
  VarMethod: {
    fields: "RiskMetrics.method",
    codes: {
      Historical: { code: 1, meaning: "historical simulation" },
      Parametric: { code: 2, meaning: "parametric (normal)" },
      Ewma: { code: 3, meaning: "EWMA (RiskMetrics)" },
    },
  },
  RiskReason: {
    fields: "RiskDecision.reasonCode",
    codes: {
      None: { code: 0, meaning: "approved in full: every check passed" },
      KillSwitch: { code: 1, meaning: "the kill switch is engaged" },
      Halted: { code: 2, meaning: "trading is halted by a circuit breaker" },
      ReduceOnly: {
        code: 3,
        meaning: "state is reducing and the trade would not reduce exposure",
      },
      ReducingConcurrency: {
        code: 4,
        meaning: "state is reducing and another execution is still open",
      },
      MalformedSignal: {
        code: 10,
        meaning:
          "zero amount, unknown chain, bad address, or hops that are not a cycle of DEX pools on the signal's chain",
      },
      StaleSignal: { code: 11, meaning: "detected longer ago than limits.maxSignalAgeNs" },
      FutureSignal: { code: 12, meaning: "detected later than now plus limits.maxClockSkewNs" },
      PriceUnavailable: { code: 13, meaning: "no positive USD price for tokenIn" },
      NavNotPositive: { code: 14, meaning: "NAV is zero or negative" },
      DuplicateSignal: { code: 15, meaning: "an execution of this signalId is already open" },
      MinNetProfit: {
        code: 20,
        meaning: "netProfit is not positive or netProfitUsd is below limits.minNetProfitUsd",
      },
      ReducedBelowMinProfit: {
        code: 21,
        meaning:
          "a cap would reduce the amount so far that the profit bound falls below the minimum",
      },
      MaxNotional: { code: 30, meaning: "notional above limits.maxNotionalUsd" },
      NavExposure: {
        code: 31,
        meaning: "open notional plus this one above limits.maxNavExposureBps of NAV",
      },
      VenueExposure: {
        code: 32,
        meaning: "holdings plus open notional at a venue of the route above its venue limit",
      },
      TokenPosition: {
        code: 33,
        meaning: "projected position in tokenIn above its position limit",
      },
      MaxConcurrent: {
        code: 34,
        meaning: "limits.maxConcurrentExecutions executions are already open",
      },
      ReducingNotional: {
        code: 35,
        meaning: "state is reducing: notional above limits.reducingMaxNotionalUsd",
      },
      PoolLiquidityLow: {
        code: 40,
        meaning: "a pool of the route has less than limits.minPoolLiquidityUsd",
      },
      PoolLiquidityUnknown: { code: 41, meaning: "a pool of the route has no liquidity figure" },
    },
  },
  RelayErrorCode: {
    fields: "Error.errorCode (sent by a relay before it closes a connection)",
    codes: {
      BadHello: { code: 1, meaning: "the first frame was not a valid RelayHello" },
      WrongDomain: { code: 2, meaning: "the client expects another domain than the relay's" },
      SlowSubscriber: {
        code: 3,
        meaning: "the subscriber's queue was full under the `disconnect` policy",
      },
      BadStream: { code: 4, meaning: "the client sent bytes that cannot be framed" },
      RelayStopping: { code: 5, meaning: "the relay is shutting down" },
    },
  },
  RecoveryStatus: {
    fields: "RecoveryResponse.status",
    codes: {
      Retransmit: { code: 1, meaning: "the frames of the range follow" },
      Snapshot: {
        code: 2,
        meaning: "a snapshot follows (never sent by a relay: it holds no domain state)",
      },
      Unavailable: {
        code: 3,
        meaning: "the range is not held (too old, or never seen): rebuild state another way",
      },
    },
  },
} as const satisfies Record<string, WireCodeKind>;

/** The name of a kind of wire code (`"OrderState"`, `"RiskReason"`, …). */
export type WireCodeKindName = keyof typeof WIRE_CODES;

/** A kind's codes as a `name → number` object, with each number's literal type. */
export type CodesByName<T extends WireCodeKind> = {
  readonly [K in keyof T["codes"]]: T["codes"][K]["code"];
};

function byName<T extends WireCodeKind>(kind: T): CodesByName<T> {
  return Object.freeze(
    Object.fromEntries(Object.entries(kind.codes).map(([name, c]) => [name, c.code])),
  ) as CodesByName<T>;
}

/**
 * Order states (OrderStatus.status, ExecutionReport.status).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OrderState } from "./codes.ts";
 * assert.equal(OrderState.Filled, 3);
 * ```
 */
export const OrderState: CodesByName<typeof WIRE_CODES.OrderState> = byName(WIRE_CODES.OrderState);
/** An order state, 1 to 8. */
export type OrderState = typeof OrderState[keyof typeof OrderState];

/**
 * Execution modes (OrderRequest.mode, ExecutionReport.mode).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExecutionMode } from "./codes.ts";
 * assert.equal(ExecutionMode.Live, 2);
 * ```
 */
export const ExecutionMode: CodesByName<typeof WIRE_CODES.ExecutionMode> = byName(
  WIRE_CODES.ExecutionMode,
);
/** An execution mode: 1 paper, 2 live. */
export type ExecutionMode = typeof ExecutionMode[keyof typeof ExecutionMode];

/**
 * Why a paper execution did not fill (OrderStatus.reasonCode, 0–99); docs/EXECUTION.md has
 * the table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExecutionReason } from "./codes.ts";
 * assert.equal(ExecutionReason.Slippage, 3);
 * ```
 */
export const ExecutionReason: CodesByName<typeof WIRE_CODES.ExecutionReason> = byName(
  WIRE_CODES.ExecutionReason,
);
/** A paper execution reason code. */
export type ExecutionReason = typeof ExecutionReason[keyof typeof ExecutionReason];

/**
 * Why a live order ended as it did (OrderStatus.reasonCode); 0 when it filled. Codes 100–149
 * belong to live execution; docs/EXECUTION.md has the same table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LiveReason } from "./codes.ts";
 * assert.equal(LiveReason.InsufficientProfit, 101);
 * ```
 */
export const LiveReason: CodesByName<typeof WIRE_CODES.LiveReason> = byName(WIRE_CODES.LiveReason);
/** A live reason code. */
export type LiveReason = typeof LiveReason[keyof typeof LiveReason];

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
export const Decision: CodesByName<typeof WIRE_CODES.Decision> = byName(WIRE_CODES.Decision);
/** A verdict: 1 approve, 2 reject, 3 reduce. */
export type Decision = typeof Decision[keyof typeof Decision];

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
export const TradingState: CodesByName<typeof WIRE_CODES.TradingState> = byName(
  WIRE_CODES.TradingState,
);
/** A trading state: 1 active, 2 reducing, 3 halted (higher is stricter). */
export type TradingState = typeof TradingState[keyof typeof TradingState];

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
export const Breaker: CodesByName<typeof WIRE_CODES.Breaker> = byName(WIRE_CODES.Breaker);
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
export const AlertSeverity: CodesByName<typeof WIRE_CODES.AlertSeverity> = byName(
  WIRE_CODES.AlertSeverity,
);
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
export const VarMethod: CodesByName<typeof WIRE_CODES.VarMethod> = byName(WIRE_CODES.VarMethod);
/** A VaR method: 1 historical, 2 parametric, 3 EWMA. */
export type VarMethod = typeof VarMethod[keyof typeof VarMethod];

/**
 * Why the risk engine decided as it did (RiskDecision.reasonCode). 0 is a full approval; a
 * reduce carries the check that capped the amount; a reject the first check that failed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RiskReason } from "./codes.ts";
 * assert(RiskReason.MaxNotional === 30 && RiskReason.None === 0);
 * ```
 */
export const RiskReason: CodesByName<typeof WIRE_CODES.RiskReason> = byName(WIRE_CODES.RiskReason);
/** A risk reason code. */
export type RiskReason = typeof RiskReason[keyof typeof RiskReason];

/**
 * `errorCode` values of the Error TLVs a relay sends before it closes a connection.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RelayErrorCode } from "./codes.ts";
 * assert(RelayErrorCode.SlowSubscriber === 3);
 * ```
 */
export const RelayErrorCode: CodesByName<typeof WIRE_CODES.RelayErrorCode> = byName(
  WIRE_CODES.RelayErrorCode,
);
/** A relay error code. */
export type RelayErrorCode = typeof RelayErrorCode[keyof typeof RelayErrorCode];

/**
 * RecoveryResponse statuses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RecoveryStatus } from "./codes.ts";
 * assert(RecoveryStatus.Unavailable === 3);
 * ```
 */
export const RecoveryStatus: CodesByName<typeof WIRE_CODES.RecoveryStatus> = byName(
  WIRE_CODES.RecoveryStatus,
);
/** A RecoveryResponse status. */
export type RecoveryStatus = typeof RecoveryStatus[keyof typeof RecoveryStatus];

/** One row of the table: a code with its kind and name. */
export interface WireCodeRow extends WireCode {
  /** The kind of code, e.g. `"OrderState"`. */
  readonly kind: WireCodeKindName;
  /** Its name, e.g. `"Reverted"`. */
  readonly name: string;
}

const KINDS = Object.keys(WIRE_CODES) as WireCodeKindName[];

function perKind<V>(value: (kind: WireCodeKindName) => V): Readonly<Record<WireCodeKindName, V>> {
  return Object.fromEntries(KINDS.map((kind) => [kind, value(kind)])) as Record<
    WireCodeKindName,
    V
  >;
}

const ROWS = perKind((kind): readonly WireCodeRow[] =>
  Object.entries(WIRE_CODES[kind].codes as Readonly<Record<string, WireCode>>)
    .map(([name, c]): WireCodeRow => ({ kind, name, ...c }))
    .sort((a, b) => a.code - b.code)
);

/**
 * Every code of a kind, in code order, with its name and meaning.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wireCodes } from "./codes.ts";
 * assert.deepEqual(wireCodes("Decision").map((r) => r.name), ["Approve", "Reject", "Reduce"]);
 * ```
 */
export function wireCodes(kind: WireCodeKindName): readonly WireCodeRow[] {
  return ROWS[kind];
}

const BY_CODE = perKind((kind) => new Map(ROWS[kind].map((r) => [r.code, r])));

/**
 * The row of a code of a kind, or `undefined` when the kind has no such code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codeRow } from "./codes.ts";
 * assert.equal(codeRow("OrderState", 7)?.name, "Reverted");
 * assert.equal(codeRow("OrderState", 9), undefined);
 * ```
 */
export function codeRow(kind: WireCodeKindName, code: number): WireCodeRow | undefined {
  return BY_CODE[kind].get(code);
}

/**
 * The name of a code of a kind (`"MaxNotional"`), or `Unknown(n)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codeName } from "./codes.ts";
 * assert.equal(codeName("RiskReason", 30), "MaxNotional");
 * assert.equal(codeName("ExecutionReason", 99), "Unknown(99)");
 * ```
 */
export function codeName(kind: WireCodeKindName, code: number): string {
  return BY_CODE[kind].get(code)?.name ?? `Unknown(${code})`;
}

/**
 * Reason codes (OrderStatus.reasonCode, paper and live) of an order the executor rejected
 * before sending because the market moved: the codes the table marks `marketMiss`. Such a
 * rejection is a missed opportunity, not an execution error, so it does not count toward the
 * error-rate breaker.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExecutionReason, LiveReason, MARKET_MISS_REASONS } from "./codes.ts";
 * assert(MARKET_MISS_REASONS.has(ExecutionReason.Slippage));
 * assert(!MARKET_MISS_REASONS.has(LiveReason.RpcFailed));
 * ```
 */
export const MARKET_MISS_REASONS: ReadonlySet<number> = new Set(
  [...wireCodes("ExecutionReason"), ...wireCodes("LiveReason")]
    .filter((r) => r.marketMiss === true)
    .map((r) => r.code),
);

const OUTCOMES: Readonly<Record<number, OrderOutcome>> = Object.fromEntries(
  wireCodes("OrderState").map((r) => [r.code, r.outcome!]),
);

/**
 * What an order state says about the order (`open`, `success`, `cancelled`, `error`), or
 * `undefined` for a number that is no order state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OrderState, orderOutcome } from "./codes.ts";
 * assert.equal(orderOutcome(OrderState.Reverted), "error");
 * assert.equal(orderOutcome(OrderState.PartiallyFilled), "success");
 * assert.equal(orderOutcome(0), undefined);
 * ```
 */
export function orderOutcome(status: number): OrderOutcome | undefined {
  return OUTCOMES[status];
}

/**
 * The name of an OrderStatus.reasonCode, paper (0–99) or live (100–149): `Slippage` for 3,
 * `InsufficientProfit` for 101, `Unknown(n)` otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { orderReasonName } from "./codes.ts";
 * assert.equal(orderReasonName(3), "Slippage");
 * assert.equal(orderReasonName(101), "InsufficientProfit");
 * assert.equal(orderReasonName(150), "Unknown(150)");
 * ```
 */
export function orderReasonName(code: number): string {
  return codeName(code >= 100 ? "LiveReason" : "ExecutionReason", code);
}
