// lib/risk/breakers.ts — one job: the circuit breakers (consecutive losses, error rate, daily
// loss, drawdown, kill switch) and the trading state they impose, with time passed in.
import { drawdownReaches, USD_MAX, USD_MIN, USD_ONE } from "../portfolio/mod.ts";
import {
  AlertSeverity,
  Breaker,
  type CircuitBreaker,
  type ExecutionReport,
  type Hex,
  MARKET_MISS_REASONS,
  orderOutcome,
  OrderState,
  type RiskAlert,
  TradingState,
} from "../protocol/mod.ts";
import type { BreakerAction, BreakerLimits } from "./config.ts";
import { RiskError } from "./errors.ts";
import { NO_EVENTS, type RiskEvents } from "./events.ts";

/** The 32-byte zero InstrumentId: a RiskAlert about the whole portfolio. */
export const PORTFOLIO_SUBJECT: Hex = `0x${"00".repeat(32)}`;

/** Nanoseconds in a UTC day. */
export const DAY_NS = 86_400_000_000_000n;

/** A tripped breaker. Values are fixed point with 8 decimals, as CircuitBreaker carries them. */
export interface BreakerTrip {
  readonly breaker: Breaker;
  /** The state it imposes: reducing or halted. */
  readonly level: TradingState;
  readonly triggerValue: bigint;
  readonly threshold: bigint;
  /** Earliest automatic reset, ns since the epoch; 0 for a manual reset only. */
  readonly resetAfterNs: bigint;
}

/** The measures the breakers watch, for dashboards and tests. */
export interface BreakerMeasures {
  readonly consecutiveLosses: number;
  /** Realised P&L of the current UTC day, USD fixed point. */
  readonly dailyPnlUsd: bigint;
  readonly errorsInWindow: number;
  readonly outcomesInWindow: number;
  readonly peakNavUsd: bigint | undefined;
  readonly lastNavUsd: bigint | undefined;
}

const FIXED = USD_ONE; // the 8-decimal scale of trigger values and thresholds
const BPS_TO_FIXED = FIXED / 10_000n;

const clampI64 = (v: bigint) => (v > USD_MAX ? USD_MAX : v < USD_MIN ? USD_MIN : v);
const levelOf = (a: BreakerAction): TradingState =>
  a === "halted" ? TradingState.Halted : TradingState.Reducing;

class Sink {
  breakers: CircuitBreaker[] | undefined;
  alerts: RiskAlert[] | undefined;
  breaker(b: CircuitBreaker) {
    (this.breakers ??= []).push(b);
  }
  alert(a: RiskAlert) {
    (this.alerts ??= []).push(a);
  }
  done(): RiskEvents {
    if (this.breakers === undefined && this.alerts === undefined) return NO_EVENTS;
    return { circuitBreakers: this.breakers ?? [], alerts: this.alerts ?? [] };
  }
}

/**
 * The five circuit breakers and the trading state they impose: the strictest level among the
 * tripped ones (active when none is). Every trip, escalation and reset yields a CircuitBreaker
 * value (state after, state before); a trip or escalation also yields a critical RiskAlert,
 * and a measure reaching `warnAtBps` of its threshold a warning RiskAlert (once per crossing).
 * Time is always passed in (ns since the epoch), so tests drive the clock.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Breaker, TradingState } from "../protocol/mod.ts";
 * import { CircuitBreakers } from "./breakers.ts";
 * import { DEFAULT_RISK_CONFIG } from "./config.ts";
 * const b = new CircuitBreakers(DEFAULT_RISK_CONFIG.breakers);
 * const events = b.kill(1n);
 * assert(b.state === TradingState.Halted);
 * assert(events.circuitBreakers[0]?.breaker === Breaker.KillSwitch);
 * ```
 */
export class CircuitBreakers {
  readonly #limits: BreakerLimits;
  readonly #trips = new Map<Breaker, BreakerTrip>();
  readonly #warned = new Set<Breaker>();
  #losses = 0;
  #day: bigint | undefined;
  #dailyPnl = 0n;
  #outcomes: { at: bigint; error: boolean }[] = [];
  #peak: bigint | undefined;
  #nav: bigint | undefined;

  constructor(limits: BreakerLimits) {
    this.#limits = limits;
  }

  /** The trading state the tripped breakers impose. */
  get state(): TradingState {
    let s: TradingState = TradingState.Active;
    for (const t of this.#trips.values()) if (t.level > s) s = t.level;
    return s;
  }

  /** Whether the kill switch is engaged. */
  get killSwitch(): boolean {
    return this.#trips.has(Breaker.KillSwitch);
  }

  /** The tripped breakers, in breaker order. */
  trips(): BreakerTrip[] {
    return [...this.#trips.values()].sort((a, b) => a.breaker - b.breaker);
  }

  /** What the breakers currently measure. */
  measures(): BreakerMeasures {
    return {
      consecutiveLosses: this.#losses,
      dailyPnlUsd: this.#dailyPnl,
      errorsInWindow: this.#outcomes.filter((o) => o.error).length,
      outcomesInWindow: this.#outcomes.length,
      peakNavUsd: this.#peak,
      lastNavUsd: this.#nav,
    };
  }

  /**
   * Apply the passage of time: a new UTC day zeroes the daily P&L, outcomes leave the error
   * window, and breakers whose `resetAfterNs` has come reset.
   */
  tick(nowNs: bigint): RiskEvents {
    const sink = new Sink();
    this.#tick(nowNs, sink);
    return sink.done();
  }

  /**
   * Count a final ExecutionReport (status 3 and up; pending and submitted are ignored): its
   * realisedPnlUsd feeds the daily loss and the losing streak (a loss is a negative P&L, a
   * revert's gas included; anything else ends the streak); rejected, reverted and expired
   * count as errors and filled or partially filled as successes for the error rate — except a
   * rejection whose `reasonCode` (from the order's OrderStatus) is a market miss
   * ({@linkcode MARKET_MISS_REASONS}): nothing was sent, the opportunity was gone, and it counts
   * as neither.
   */
  recordExecution(report: ExecutionReport, nowNs: bigint, reasonCode = 0): RiskEvents {
    const sink = new Sink();
    this.#tick(nowNs, sink);
    if (report.status < OrderState.Filled) return sink.done(); // pending, submitted: not final
    const l = this.#limits;
    const pnl = report.realizedPnlUsd;
    this.#dailyPnl += pnl;
    this.#losses = pnl < 0n ? this.#losses + 1 : 0;
    const outcome = orderOutcome(report.status);
    const missed = report.status === OrderState.Rejected && MARKET_MISS_REASONS.has(reasonCode);
    if (!missed && (outcome === "error" || outcome === "success")) {
      this.#outcomes.push({ at: nowNs, error: outcome === "error" });
    }

    const losses = BigInt(this.#losses);
    const maxLosses = BigInt(l.maxConsecutiveLosses);
    if (losses >= maxLosses && !this.#trips.has(Breaker.ConsecutiveLosses)) {
      this.#trip({
        breaker: Breaker.ConsecutiveLosses,
        level: levelOf(l.consecutiveLossAction),
        triggerValue: losses * FIXED,
        threshold: maxLosses * FIXED,
        resetAfterNs: nowNs + l.consecutiveLossCooldownNs,
      }, sink);
    }
    this.#warn(Breaker.ConsecutiveLosses, losses * 10_000n >= BigInt(l.warnAtBps) * maxLosses, {
      value: losses * FIXED,
      threshold: maxLosses * FIXED,
    }, sink);

    const total = BigInt(this.#outcomes.length);
    const errors = BigInt(this.#outcomes.filter((o) => o.error).length);
    const judged = this.#outcomes.length >= l.errorRateMinSamples;
    const maxRate = BigInt(l.maxErrorRateBps);
    const rate = total === 0n ? 0n : (errors * FIXED) / total;
    if (judged && errors * 10_000n >= maxRate * total && !this.#trips.has(Breaker.ErrorRate)) {
      this.#trip({
        breaker: Breaker.ErrorRate,
        level: levelOf(l.errorRateAction),
        triggerValue: rate,
        threshold: maxRate * BPS_TO_FIXED,
        resetAfterNs: nowNs + l.errorRateCooldownNs,
      }, sink);
    }
    this.#warn(
      Breaker.ErrorRate,
      judged && errors * 100_000_000n >= BigInt(l.warnAtBps) * maxRate * total,
      { value: rate, threshold: maxRate * BPS_TO_FIXED },
      sink,
    );

    const loss = -this.#dailyPnl;
    const limit = l.dailyLossLimitUsd;
    if (loss >= limit && !this.#trips.has(Breaker.DailyLoss)) {
      this.#trip({
        breaker: Breaker.DailyLoss,
        level: TradingState.Halted,
        triggerValue: clampI64(loss),
        threshold: limit,
        resetAfterNs: (nowNs / DAY_NS + 1n) * DAY_NS,
      }, sink);
    }
    this.#warn(Breaker.DailyLoss, loss * 10_000n >= BigInt(l.warnAtBps) * limit, {
      value: clampI64(loss),
      threshold: limit,
    }, sink);
    return sink.done();
  }

  /**
   * Observe NAV: the peak follows it up; a drawdown of `drawdownReduceBps` moves to reducing
   * and of `drawdownHaltBps` halts (exact comparison). The drawdown breaker resets only by
   * hand (`reset`), which takes the last NAV as the new peak.
   */
  recordNav(navUsd: bigint, nowNs: bigint): RiskEvents {
    const sink = new Sink();
    this.#tick(nowNs, sink);
    const l = this.#limits;
    this.#nav = navUsd;
    if (this.#peak === undefined || navUsd > this.#peak) this.#peak = navUsd;
    const peak = this.#peak;
    const ddFixed = peak <= 0n ? 0n : ((peak - navUsd) * FIXED) / peak;
    let level: TradingState = TradingState.Active;
    let bps = 0;
    if (drawdownReaches(navUsd, peak, l.drawdownHaltBps)) {
      [level, bps] = [TradingState.Halted, l.drawdownHaltBps];
    } else if (drawdownReaches(navUsd, peak, l.drawdownReduceBps)) {
      [level, bps] = [TradingState.Reducing, l.drawdownReduceBps];
    }
    const current = this.#trips.get(Breaker.Drawdown)?.level ?? TradingState.Active;
    if (level > current) {
      this.#trip({
        breaker: Breaker.Drawdown,
        level,
        triggerValue: clampI64(ddFixed),
        threshold: BigInt(bps) * BPS_TO_FIXED,
        resetAfterNs: 0n,
      }, sink);
    }
    const warnBps = Math.floor((l.drawdownReduceBps * l.warnAtBps) / 10_000);
    this.#warn(Breaker.Drawdown, warnBps > 0 && drawdownReaches(navUsd, peak, warnBps), {
      value: clampI64(ddFixed),
      threshold: BigInt(l.drawdownReduceBps) * BPS_TO_FIXED,
    }, sink);
    return sink.done();
  }

  /** Engage the kill switch: halted until `releaseKill`. Engaging it twice does nothing. */
  kill(nowNs: bigint): RiskEvents {
    const sink = new Sink();
    this.#tick(nowNs, sink);
    if (!this.#trips.has(Breaker.KillSwitch)) {
      this.#trip({
        breaker: Breaker.KillSwitch,
        level: TradingState.Halted,
        triggerValue: FIXED,
        threshold: FIXED,
        resetAfterNs: 0n,
      }, sink);
    }
    return sink.done();
  }

  /** Release the kill switch (other tripped breakers stay tripped). */
  releaseKill(nowNs: bigint): RiskEvents {
    return this.reset(Breaker.KillSwitch, nowNs);
  }

  /**
   * Reset a breaker by hand, clearing what it measures: the losing streak, the error window,
   * the day's P&L so far, or the peak NAV (set to the last NAV). No events when it was not
   * tripped.
   *
   * @throws {RiskError} `UNKNOWN_BREAKER` for a number that is not a breaker
   */
  reset(breaker: Breaker, nowNs: bigint): RiskEvents {
    if (![1, 2, 3, 4, 5].includes(breaker)) {
      throw new RiskError("UNKNOWN_BREAKER", `Unknown breaker ${breaker}`, { breaker });
    }
    const sink = new Sink();
    this.#tick(nowNs, sink);
    this.#clear(breaker, sink);
    return sink.done();
  }

  #tick(nowNs: bigint, sink: Sink): void {
    const day = nowNs / DAY_NS;
    if (this.#day !== day) {
      if (this.#day !== undefined) {
        this.#dailyPnl = 0n;
        this.#warned.delete(Breaker.DailyLoss);
      }
      this.#day = day;
    }
    const from = nowNs - this.#limits.errorRateWindowNs;
    let drop = 0;
    while (drop < this.#outcomes.length && this.#outcomes[drop]!.at <= from) drop++;
    if (drop > 0) this.#outcomes = this.#outcomes.slice(drop);
    for (const t of this.trips()) {
      if (t.resetAfterNs !== 0n && nowNs >= t.resetAfterNs) this.#clear(t.breaker, sink);
    }
  }

  #clear(breaker: Breaker, sink: Sink): void {
    const trip = this.#trips.get(breaker);
    if (trip === undefined) return;
    if (breaker === Breaker.ConsecutiveLosses) this.#losses = 0;
    if (breaker === Breaker.ErrorRate) this.#outcomes = [];
    if (breaker === Breaker.DailyLoss) this.#dailyPnl = 0n;
    if (breaker === Breaker.Drawdown) this.#peak = this.#nav;
    this.#warned.delete(breaker);
    const before = this.state;
    this.#trips.delete(breaker);
    sink.breaker({
      breaker,
      state: this.state,
      previousState: before,
      triggerValue: trip.triggerValue,
      threshold: trip.threshold,
      resetAfterNs: 0n,
    });
  }

  #trip(trip: BreakerTrip, sink: Sink): void {
    const before = this.state;
    this.#trips.set(trip.breaker, trip);
    this.#warned.add(trip.breaker);
    sink.breaker({
      breaker: trip.breaker,
      state: this.state,
      previousState: before,
      triggerValue: trip.triggerValue,
      threshold: trip.threshold,
      resetAfterNs: trip.resetAfterNs,
    });
    sink.alert({
      severity: AlertSeverity.Critical,
      alertCode: trip.breaker,
      subject: PORTFOLIO_SUBJECT,
      value: trip.triggerValue,
      threshold: trip.threshold,
    });
  }

  #warn(
    breaker: Breaker,
    reached: boolean,
    at: { value: bigint; threshold: bigint },
    sink: Sink,
  ): void {
    if (!reached) {
      if (!this.#trips.has(breaker)) this.#warned.delete(breaker);
      return;
    }
    if (this.#warned.has(breaker)) return;
    this.#warned.add(breaker);
    sink.alert({
      severity: AlertSeverity.Warning,
      alertCode: breaker,
      subject: PORTFOLIO_SUBJECT,
      value: at.value,
      threshold: at.threshold,
    });
  }
}
