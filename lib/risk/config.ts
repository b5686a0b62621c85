// lib/risk/config.ts — one job: the risk limits and breaker thresholds, their conservative
// defaults, and validation that names the bad key.
import type { TokenKey } from "../portfolio/mod.ts";
import { USD_MAX, USD_ONE } from "../portfolio/mod.ts";
import { RiskError } from "./errors.ts";

const SECOND = 1_000_000_000n;

/** Pre-trade limits. USD figures are fixed point with 8 decimals; durations are ns. */
export interface RiskLimits {
  /** Largest notional (value of amountIn, rounded up) of one trade. */
  readonly maxNotionalUsd: bigint;
  /** Largest settled position per token (absolute USD value), unless overridden below. */
  readonly maxPositionUsd: bigint;
  /** Per-token overrides of `maxPositionUsd`, keyed by token key (InstrumentId hex). */
  readonly positionLimitsUsd: Readonly<Record<TokenKey, bigint>>;
  /** Largest holdings plus open notional per venue, unless overridden below. */
  readonly maxVenueExposureUsd: bigint;
  /** Per-venue overrides of `maxVenueExposureUsd`, keyed by venue code ("102"). */
  readonly venueLimitsUsd: Readonly<Record<string, bigint>>;
  /** Most executions open at once. */
  readonly maxConcurrentExecutions: number;
  /** Largest open notional (this trade included) as a share of NAV, basis points. */
  readonly maxNavExposureBps: number;
  /** Least liquidity (USD) of every pool of a route. */
  readonly minPoolLiquidityUsd: bigint;
  /** Oldest a signal may be (now − detectedNs). */
  readonly maxSignalAgeNs: bigint;
  /** How far in the future detectedNs may be (clock skew between hosts). */
  readonly maxClockSkewNs: bigint;
  /** Least netProfitUsd of a signal (and least profit bound of a reduced one). */
  readonly minNetProfitUsd: bigint;
  /** Notional cap while reducing. */
  readonly reducingMaxNotionalUsd: bigint;
  /** Tokens that are cash (the USD numeraire: stablecoins); profit in them adds no exposure. */
  readonly baseTokens: readonly TokenKey[];
  /** An approved execution without an ExecutionReport is forgotten after this long. */
  readonly openExecutionTtlNs: bigint;
}

/** What a breaker does when it trips. */
export type BreakerAction = "reducing" | "halted";

/** Circuit breaker thresholds. */
export interface BreakerLimits {
  /** Losing executions in a row that trip the consecutive-loss breaker. */
  readonly maxConsecutiveLosses: number;
  readonly consecutiveLossAction: BreakerAction;
  /** It resets by itself this long after tripping. */
  readonly consecutiveLossCooldownNs: bigint;
  /** Window of execution outcomes the error rate is measured over. */
  readonly errorRateWindowNs: bigint;
  /** Least outcomes in the window before the rate is judged. */
  readonly errorRateMinSamples: number;
  /** Rate of rejected, reverted or expired executions that trips it, basis points. */
  readonly maxErrorRateBps: number;
  readonly errorRateAction: BreakerAction;
  readonly errorRateCooldownNs: bigint;
  /** Realised loss in one UTC day that halts until the next UTC midnight. */
  readonly dailyLossLimitUsd: bigint;
  /** Drawdown from peak NAV that moves to reducing, basis points. */
  readonly drawdownReduceBps: number;
  /** Drawdown from peak NAV that halts, basis points. */
  readonly drawdownHaltBps: number;
  /** A warning alert when a measure reaches this share of its threshold, basis points. */
  readonly warnAtBps: number;
}

/** The whole risk config. */
export interface RiskConfig {
  readonly limits: RiskLimits;
  readonly breakers: BreakerLimits;
}

/** A config with any key left out taking its default. */
export interface RiskConfigInput {
  readonly limits?: Partial<RiskLimits>;
  readonly breakers?: Partial<BreakerLimits>;
}

/**
 * Conservative defaults: 100 USD per trade, one execution at a time, 10% of NAV in flight.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_RISK_CONFIG } from "./config.ts";
 * assert.equal(DEFAULT_RISK_CONFIG.limits.maxConcurrentExecutions, 1);
 * ```
 */
export const DEFAULT_RISK_CONFIG: RiskConfig = Object.freeze({
  limits: Object.freeze({
    maxNotionalUsd: 100n * USD_ONE,
    maxPositionUsd: 1_000n * USD_ONE,
    positionLimitsUsd: Object.freeze({}),
    maxVenueExposureUsd: 250n * USD_ONE,
    venueLimitsUsd: Object.freeze({}),
    maxConcurrentExecutions: 1,
    maxNavExposureBps: 1_000,
    minPoolLiquidityUsd: 50_000n * USD_ONE,
    maxSignalAgeNs: 2n * SECOND,
    maxClockSkewNs: SECOND / 4n,
    minNetProfitUsd: 1n * USD_ONE,
    reducingMaxNotionalUsd: 50n * USD_ONE,
    baseTokens: Object.freeze([]),
    openExecutionTtlNs: 120n * SECOND,
  }),
  breakers: Object.freeze({
    maxConsecutiveLosses: 3,
    consecutiveLossAction: "reducing",
    consecutiveLossCooldownNs: 1_800n * SECOND,
    errorRateWindowNs: 900n * SECOND,
    errorRateMinSamples: 10,
    maxErrorRateBps: 3_000,
    errorRateAction: "halted",
    errorRateCooldownNs: 1_800n * SECOND,
    dailyLossLimitUsd: 50n * USD_ONE,
    drawdownReduceBps: 300,
    drawdownHaltBps: 500,
    warnAtBps: 8_000,
  }),
});

type Check = (key: string, value: unknown) => void;

function bad(key: string, rule: string, value: unknown): RiskError {
  const shown = typeof value === "bigint" ? `${value}n` : JSON.stringify(value) ?? String(value);
  return new RiskError("BAD_CONFIG", `Config key ${key} must be ${rule}, got ${shown}`, {
    key,
    value,
  });
}

const usdPositive: Check = (key, v) => {
  if (typeof v !== "bigint" || v <= 0n || v > USD_MAX) {
    throw bad(key, "a positive USD bigint (8 decimals) within i64", v);
  }
};
const usdNonNegative: Check = (key, v) => {
  if (typeof v !== "bigint" || v < 0n || v > USD_MAX) {
    throw bad(key, "a non-negative USD bigint (8 decimals) within i64", v);
  }
};
const nsPositive: Check = (key, v) => {
  if (typeof v !== "bigint" || v <= 0n) throw bad(key, "a positive bigint of nanoseconds", v);
};
const nsNonNegative: Check = (key, v) => {
  if (typeof v !== "bigint" || v < 0n) throw bad(key, "a non-negative bigint of nanoseconds", v);
};
const count: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 1_000_000) {
    throw bad(key, "an integer from 1 to 1000000", v);
  }
};
const bps: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 10_000) {
    throw bad(key, "an integer number of basis points from 1 to 10000", v);
  }
};
const action: Check = (key, v) => {
  if (v !== "reducing" && v !== "halted") throw bad(key, `"reducing" or "halted"`, v);
};
const TOKEN_KEY = /^0x02000000[0-9a-f]{48}00000000$/;
const tokenKeyOf = (key: string, v: unknown) => {
  if (typeof v !== "string" || !TOKEN_KEY.test(v)) {
    throw bad(key, "a token key (lower-case hex of an EVM token InstrumentId)", v);
  }
};
const tokenKeys: Check = (key, v) => {
  if (!Array.isArray(v)) throw bad(key, "an array of token keys", v);
  v.forEach((t, i) => tokenKeyOf(`${key}[${i}]`, t));
};
const tokenLimits: Check = (key, v) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw bad(key, "an object of token key to USD bigint", v);
  }
  for (const [k, limit] of Object.entries(v)) {
    tokenKeyOf(`${key} key ${k}`, k);
    usdPositive(`${key}["${k}"]`, limit);
  }
};
const venueLimits: Check = (key, v) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw bad(key, "an object of venue code to USD bigint", v);
  }
  for (const [k, limit] of Object.entries(v)) {
    if (!/^(0|[1-9][0-9]{0,4})$/.test(k) || Number(k) > 0xffff) {
      throw bad(`${key} key ${k}`, "a venue code from 0 to 65535", k);
    }
    usdPositive(`${key}["${k}"]`, limit);
  }
};

const LIMIT_CHECKS: Readonly<Record<keyof RiskLimits, Check>> = {
  maxNotionalUsd: usdPositive,
  maxPositionUsd: usdPositive,
  positionLimitsUsd: tokenLimits,
  maxVenueExposureUsd: usdPositive,
  venueLimitsUsd: venueLimits,
  maxConcurrentExecutions: count,
  maxNavExposureBps: bps,
  minPoolLiquidityUsd: usdNonNegative,
  maxSignalAgeNs: nsPositive,
  maxClockSkewNs: nsNonNegative,
  minNetProfitUsd: usdNonNegative,
  reducingMaxNotionalUsd: usdPositive,
  baseTokens: tokenKeys,
  openExecutionTtlNs: nsPositive,
};

const BREAKER_CHECKS: Readonly<Record<keyof BreakerLimits, Check>> = {
  maxConsecutiveLosses: count,
  consecutiveLossAction: action,
  consecutiveLossCooldownNs: nsPositive,
  errorRateWindowNs: nsPositive,
  errorRateMinSamples: count,
  maxErrorRateBps: bps,
  errorRateAction: action,
  errorRateCooldownNs: nsPositive,
  dailyLossLimitUsd: usdPositive,
  drawdownReduceBps: bps,
  drawdownHaltBps: bps,
  warnAtBps: bps,
};

function section<T extends object>(
  name: string,
  input: unknown,
  defaults: T,
  checks: Readonly<Record<keyof T, Check>>,
): T {
  if (input === undefined) return defaults;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw bad(name, "an object", input);
  }
  for (const key of Object.keys(input)) {
    if (!(key in checks)) {
      throw new RiskError("BAD_CONFIG", `Unknown config key ${name}.${key}`, {
        key: `${name}.${key}`,
      });
    }
  }
  const merged = { ...defaults, ...input } as T;
  for (const key of Object.keys(checks) as (keyof T & string)[]) {
    checks[key](`${name}.${key}`, merged[key]);
  }
  return Object.freeze(merged);
}

/**
 * A validated config: `input` over the defaults. Every key is checked (type and range) and
 * unknown keys are refused, so a typo never silently leaves a limit at its default.
 *
 * @throws {RiskError} `BAD_CONFIG` with `details.key` naming the bad key
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveRiskConfig } from "./config.ts";
 * const config = resolveRiskConfig({ limits: { maxConcurrentExecutions: 2 } });
 * assert.equal(config.limits.maxConcurrentExecutions, 2);
 * assert.throws(() => resolveRiskConfig({ breakers: { warnAtBps: 0 } }), /breakers\.warnAtBps/);
 * ```
 */
export function resolveRiskConfig(input: RiskConfigInput = {}): RiskConfig {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw bad("(root)", "an object", input);
  }
  for (const key of Object.keys(input)) {
    if (key !== "limits" && key !== "breakers") {
      throw new RiskError("BAD_CONFIG", `Unknown config key ${key}`, { key });
    }
  }
  const limits = section("limits", input.limits, DEFAULT_RISK_CONFIG.limits, LIMIT_CHECKS);
  const breakers = section(
    "breakers",
    input.breakers,
    DEFAULT_RISK_CONFIG.breakers,
    BREAKER_CHECKS,
  );
  if (breakers.drawdownReduceBps > breakers.drawdownHaltBps) {
    throw bad(
      "breakers.drawdownReduceBps",
      `at most breakers.drawdownHaltBps (${breakers.drawdownHaltBps})`,
      breakers.drawdownReduceBps,
    );
  }
  return Object.freeze({ limits, breakers });
}
