// lib/risk/engine.ts — one job: the stateful risk engine a stage drives: pre-trade checks with
// the breakers' state and the open executions, fed by reports, NAV and the clock.
import {
  type ArbitrageSignal,
  type Breaker,
  type ExecutionReport,
  OrderState,
  type RiskDecision,
  type TradingState,
} from "../protocol/mod.ts";
import { type BreakerMeasures, type BreakerTrip, CircuitBreakers } from "./breakers.ts";
import { resolveRiskConfig, type RiskConfig, type RiskConfigInput } from "./config.ts";
import { mergeEvents, type RiskEvents } from "./events.ts";
import { type MarketView, type OpenExecution, preTradeCheck } from "./pre_trade.ts";

/** A decision and the breaker events that came due before it was taken. */
export interface RiskVerdict {
  readonly decision: RiskDecision;
  readonly events: RiskEvents;
}

/** Options of a RiskEngine. */
export interface RiskEngineOptions {
  /** Now, in ns since the Unix epoch; default the system clock. Inject one to test time. */
  readonly clock?: () => bigint;
}

const systemClock = () => BigInt(Date.now()) * 1_000_000n;

/**
 * The risk engine: `evaluate` runs every pre-trade check on a signal under the current
 * trading state and open executions, and remembers an approved (or reduced) signal as open
 * until its ExecutionReport arrives (or `limits.openExecutionTtlNs` passes).
 * `onExecutionReport`, `onNav` and `tick` feed the breakers; `kill` halts everything at once.
 * Nothing is approved while halted, and while reducing only trades that reduce exposure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RiskEngine } from "./engine.ts";
 * const engine = new RiskEngine({}, { clock: () => 1_000n });
 * engine.kill();
 * assert.equal(engine.tradingState, 3);
 * engine.releaseKill();
 * assert.equal(engine.tradingState, 1);
 * ```
 */
export class RiskEngine {
  /** The validated config. */
  readonly config: RiskConfig;
  readonly #clock: () => bigint;
  readonly #breakers: CircuitBreakers;
  #open: OpenExecution[] = [];

  /**
   * @throws {RiskError} `BAD_CONFIG` naming the bad key
   */
  constructor(config: RiskConfigInput = {}, options: RiskEngineOptions = {}) {
    this.config = resolveRiskConfig(config);
    this.#clock = options.clock ?? systemClock;
    this.#breakers = new CircuitBreakers(this.config.breakers);
  }

  /** The current trading state: 1 active, 2 reducing, 3 halted. */
  get tradingState(): TradingState {
    return this.#breakers.state;
  }

  /** Whether the kill switch is engaged. */
  get killSwitchEngaged(): boolean {
    return this.#breakers.killSwitch;
  }

  /**
   * Decide on a signal. Time-based resets come due first (their events are returned with the
   * decision); an approved or reduced signal becomes an open execution.
   */
  evaluate(signal: ArbitrageSignal, market: MarketView): RiskVerdict {
    const nowNs = this.#clock();
    const events = this.#tick(nowNs);
    const outcome = preTradeCheck(signal, market, {
      nowNs,
      tradingState: this.#breakers.state,
      killSwitch: this.#breakers.killSwitch,
      openExecutions: this.#open,
    }, this.config);
    if (outcome.execution !== undefined) this.#open.push(outcome.execution);
    return { decision: outcome.decision, events };
  }

  /**
   * A signal's execution ended (status 3 and up): close its open execution and feed the
   * breakers (losing streak, error rate, daily loss). `reasonCode` is the order's OrderStatus
   * reason: a rejection for a market miss does not count as an error.
   */
  onExecutionReport(report: ExecutionReport, reasonCode = 0): RiskEvents {
    const nowNs = this.#clock();
    if (report.status >= OrderState.Filled) {
      this.#open = this.#open.filter((e) => e.signalId !== report.signalId);
    }
    return mergeEvents(
      this.#tick(nowNs),
      this.#breakers.recordExecution(report, nowNs, reasonCode),
    );
  }

  /** A new NAV (USD fixed point) for the drawdown breaker. */
  onNav(navUsd: bigint): RiskEvents {
    const nowNs = this.#clock();
    return mergeEvents(this.#tick(nowNs), this.#breakers.recordNav(navUsd, nowNs));
  }

  /** Let time act: daily reset at UTC midnight, cooldowns, forgotten executions. */
  tick(): RiskEvents {
    return this.#tick(this.#clock());
  }

  /** Engage the kill switch: halted, nothing approved, until `releaseKill`. */
  kill(): RiskEvents {
    return this.#breakers.kill(this.#clock());
  }

  /** Release the kill switch. */
  releaseKill(): RiskEvents {
    return this.#breakers.releaseKill(this.#clock());
  }

  /**
   * Reset a breaker by hand (see `CircuitBreakers.reset`).
   *
   * @throws {RiskError} `UNKNOWN_BREAKER`
   */
  resetBreaker(breaker: Breaker): RiskEvents {
    return this.#breakers.reset(breaker, this.#clock());
  }

  /** Executions approved and not yet reported, oldest first. */
  openExecutions(): readonly OpenExecution[] {
    return [...this.#open];
  }

  /** The tripped breakers. */
  trips(): BreakerTrip[] {
    return this.#breakers.trips();
  }

  /** What the breakers measure. */
  measures(): BreakerMeasures {
    return this.#breakers.measures();
  }

  #tick(nowNs: bigint): RiskEvents {
    const ttl = this.config.limits.openExecutionTtlNs;
    if (this.#open.some((e) => nowNs - e.openedNs > ttl)) {
      this.#open = this.#open.filter((e) => nowNs - e.openedNs <= ttl);
    }
    return this.#breakers.tick(nowNs);
  }
}
