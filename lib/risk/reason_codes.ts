// lib/risk/reason_codes.ts — one job: the reason codes a RiskDecision carries, with their
// meaning (docs/RISK.md lists the same table; a test keeps them equal).

/**
 * Why the risk engine decided as it did (RiskDecision.reasonCode). 0 is a full approval; a
 * reduce carries the check that capped the amount; a reject the first check that failed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reason } from "./reason_codes.ts";
 * assert(Reason.MaxNotional === 30 && Reason.None === 0);
 * ```
 */
export const Reason = {
  None: 0,
  KillSwitch: 1,
  Halted: 2,
  ReduceOnly: 3,
  ReducingConcurrency: 4,
  MalformedSignal: 10,
  StaleSignal: 11,
  FutureSignal: 12,
  PriceUnavailable: 13,
  NavNotPositive: 14,
  DuplicateSignal: 15,
  MinNetProfit: 20,
  ReducedBelowMinProfit: 21,
  MaxNotional: 30,
  NavExposure: 31,
  VenueExposure: 32,
  TokenPosition: 33,
  MaxConcurrent: 34,
  ReducingNotional: 35,
  PoolLiquidityLow: 40,
  PoolLiquidityUnknown: 41,
} as const;
/** A reason code number. */
export type Reason = typeof Reason[keyof typeof Reason];

/** Name (as in `Reason`) and one-line meaning of every reason code, in code order. */
export const REASONS: readonly { code: Reason; name: keyof typeof Reason; meaning: string }[] = [
  { code: 0, name: "None", meaning: "approved in full: every check passed" },
  { code: 1, name: "KillSwitch", meaning: "the kill switch is engaged" },
  { code: 2, name: "Halted", meaning: "trading is halted by a circuit breaker" },
  {
    code: 3,
    name: "ReduceOnly",
    meaning: "state is reducing and the trade would not reduce exposure",
  },
  {
    code: 4,
    name: "ReducingConcurrency",
    meaning: "state is reducing and another execution is still open",
  },
  {
    code: 10,
    name: "MalformedSignal",
    meaning:
      "zero amount, unknown chain, bad address, or hops that are not a cycle of DEX pools on the signal's chain",
  },
  { code: 11, name: "StaleSignal", meaning: "detected longer ago than limits.maxSignalAgeNs" },
  {
    code: 12,
    name: "FutureSignal",
    meaning: "detected later than now plus limits.maxClockSkewNs",
  },
  { code: 13, name: "PriceUnavailable", meaning: "no positive USD price for tokenIn" },
  { code: 14, name: "NavNotPositive", meaning: "NAV is zero or negative" },
  { code: 15, name: "DuplicateSignal", meaning: "an execution of this signalId is already open" },
  {
    code: 20,
    name: "MinNetProfit",
    meaning: "netProfit is not positive or netProfitUsd is below limits.minNetProfitUsd",
  },
  {
    code: 21,
    name: "ReducedBelowMinProfit",
    meaning: "a cap would reduce the amount so far that the profit bound falls below the minimum",
  },
  { code: 30, name: "MaxNotional", meaning: "notional above limits.maxNotionalUsd" },
  {
    code: 31,
    name: "NavExposure",
    meaning: "open notional plus this one above limits.maxNavExposureBps of NAV",
  },
  {
    code: 32,
    name: "VenueExposure",
    meaning: "holdings plus open notional at a venue of the route above its venue limit",
  },
  {
    code: 33,
    name: "TokenPosition",
    meaning: "projected position in tokenIn above its position limit",
  },
  {
    code: 34,
    name: "MaxConcurrent",
    meaning: "limits.maxConcurrentExecutions executions are already open",
  },
  {
    code: 35,
    name: "ReducingNotional",
    meaning: "state is reducing: notional above limits.reducingMaxNotionalUsd",
  },
  {
    code: 40,
    name: "PoolLiquidityLow",
    meaning: "a pool of the route has less than limits.minPoolLiquidityUsd",
  },
  {
    code: 41,
    name: "PoolLiquidityUnknown",
    meaning: "a pool of the route has no liquidity figure",
  },
];

/**
 * The name of a reason code (`"MaxNotional"`), or `"Unknown(n)"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reasonName } from "./reason_codes.ts";
 * assert.equal(reasonName(30), "MaxNotional");
 * assert.equal(reasonName(999), "Unknown(999)");
 * ```
 */
export function reasonName(code: number): string {
  return REASONS.find((r) => r.code === code)?.name ?? `Unknown(${code})`;
}
