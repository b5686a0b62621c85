// lib/risk/risk_stage.ts — one job: the risk stage's frame logic: decide on every ArbitrageSignal
// with the RiskEngine, learn from execution feedback, and report breakers, alerts and metrics.
import { Portfolio, PortfolioError, PortfolioFeed } from "../portfolio/mod.ts";
import {
  type ArbitrageSignal,
  Breaker,
  codeName,
  Decision,
  decodeTlvs,
  type Economics,
  type Fill,
  type Frame,
  FrameBuilder,
  type Hex,
  RelayDomain,
  type RiskMetrics,
  RiskReason,
  type SignalIdentity,
  SourceType,
  TlvType,
  TradingState,
  VarMethod,
} from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../transport/stage_contract.ts";
import type { RiskConfigInput } from "./config.ts";
import { RiskEngine } from "./engine.ts";
import { RiskError } from "./errors.ts";
import type { RiskEvents } from "./events.ts";
import { readKillSwitch } from "./kill_switch_file.ts";
import { MarketBook, type MarketBookOptions, MarketError } from "../market/mod.ts";
import type { MarketView } from "./pre_trade.ts";
import { returnsFromNavs } from "./returns.ts";
import { computeRiskMetrics } from "./risk_metrics.ts";

const SECOND = 1_000_000_000n;

/** Options of a {@linkcode RiskProcessor}: the market, the limits, the capital. */
export interface RiskProcessorOptions extends MarketBookOptions {
  /** Limits and breaker thresholds (see docs/RISK.md); unknown keys are refused. */
  readonly config?: RiskConfigInput;
  /** Starting balances in the wallet, token address → native units; each is booked once the
   * token has been seen in a pool and has a price. */
  readonly capital?: Readonly<Record<string, bigint>>;
  /** Now, ns since the Unix epoch (default the wall clock): freshness, breakers, metrics. */
  readonly clock?: () => bigint;
  /** Time between two RiskMetrics frames, ns (default 1 s; 0 for none). */
  readonly metricsIntervalNs?: bigint;
  /** VaR method of RiskMetrics (default historical). */
  readonly varMethod?: VarMethod;
  /** NAV marks kept for VaR (default 250). */
  readonly varWindow?: number;
  /** The kill-switch file (`torq risk halt`): halted while it exists; polled on `tick`. */
  readonly killSwitchFile?: string;
  /** Time between two looks at the kill-switch file, ns (default 250 ms). */
  readonly killSwitchPollNs?: bigint;
  /** Source number of the frames written (default SourceType.Risk). */
  readonly source?: number;
}

/** Counters of a risk stage. */
export interface RiskCounters {
  /** ArbitrageSignal values decided on. */
  signals: number;
  /** Approved in full. */
  approved: number;
  /** Approved with a smaller amount. */
  reduced: number;
  /** Rejected. */
  rejected: number;
  /** Rejections and reductions by reason name (`MaxNotional`, `StaleSignal`, …). */
  byReason: Record<string, number>;
  /** ExecutionReport and Fill values taken as feedback. */
  reports: number;
  fills: number;
  /** Feedback that could not be booked (unknown token, no price); see `lastFeedbackError`. */
  feedbackErrors: number;
  /** CircuitBreaker and RiskAlert values written. */
  breakerEvents: number;
  alerts: number;
  /** RiskMetrics values written. */
  metrics: number;
}

/**
 * The risk stage as a {@linkcode FrameProcessor}. Every input frame is forwarded. Market values
 * update its {@linkcode MarketBook} (prices, pool liquidity); for each ArbitrageSignal it runs
 * the {@linkcode RiskEngine}'s pre-trade checks against the {@linkcode Portfolio} and writes one
 * execution-domain frame: a RiskDecision and, when approved or reduced, a copy of the signal's
 * SignalIdentity, Economics and ArbitrageSignal, so an executor needs only that frame.
 * ExecutionReport and Fill values it sees (feedback) close open executions, feed the breakers
 * and book the portfolio; a CircuitBreaker value for the kill switch from another source (an
 * operator's `torq risk halt --socket`) engages or releases it. Breaker changes go out as
 * CircuitBreaker and RiskAlert frames, and RiskMetrics (VaR, CVaR, drawdown, exposure) on `tick`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OutputQueue } from "../transport/stage_contract.ts";
 * import { RiskProcessor } from "./risk_stage.ts";
 * const risk = new RiskProcessor({
 *   chainId: 31337, nativeToken: "0x" + "0a".repeat(20), stablecoins: ["0x" + "0b".repeat(20)],
 *   capital: { ["0x" + "0b".repeat(20)]: 1_000_000_000n },
 * });
 * risk.halt();
 * const out = new OutputQueue();
 * await risk.tick(0n, out);
 * assert.equal(risk.tradingState, 3);
 * ```
 */
export class RiskProcessor implements FrameProcessor {
  /** The engine deciding. */
  readonly engine: RiskEngine;
  /** The portfolio the checks read (capital plus fills seen as feedback). */
  readonly portfolio: Portfolio;
  /** The market rebuilt from the frames seen. */
  readonly market: MarketBook;
  /** Counters. */
  readonly counters: RiskCounters = {
    signals: 0,
    approved: 0,
    reduced: 0,
    rejected: 0,
    byReason: {},
    reports: 0,
    fills: 0,
    feedbackErrors: 0,
    breakerEvents: 0,
    alerts: 0,
    metrics: 0,
  };
  /** Why the last feedback value could not be booked. */
  lastFeedbackError: Error | undefined;

  readonly #clock: () => bigint;
  // One builder per domain: each domain is its own stream (its own relay), so each numbers
  // its frames 1, 2, 3… (spec: per (source, stream)); a shared counter leaves gaps on each relay.
  readonly #signalOut: FrameBuilder;
  readonly #executionOut: FrameBuilder;
  readonly #source: number;
  readonly #feed: PortfolioFeed;
  readonly #metricsInterval: bigint;
  readonly #method: VarMethod;
  readonly #window: number;
  readonly #killFile: string | undefined;
  readonly #killPoll: bigint;
  #navs: bigint[] = [];
  #nextMetrics: bigint | undefined;
  #nextKillPoll = 0n;
  #fileKill = false;
  #manualKill = false;
  #pendingEvents: RiskEvents[] = [];

  /** @throws {RiskError} `BAD_CONFIG` naming the bad key or option */
  constructor(options: RiskProcessorOptions) {
    this.market = configured(() => new MarketBook(options));
    this.#clock = options.clock ?? wallClockNs;
    this.engine = new RiskEngine(options.config ?? {}, { clock: this.#clock });
    this.portfolio = new Portfolio({ prices: this.market });
    this.#source = options.source ?? SourceType.Risk;
    this.#signalOut = new FrameBuilder({ source: this.#source });
    this.#executionOut = new FrameBuilder({ source: this.#source });
    this.#feed = configured(() => new PortfolioFeed(this.market, this.portfolio, options.capital));
    this.#metricsInterval = options.metricsIntervalNs ?? SECOND;
    if (this.#metricsInterval < 0n) {
      throw badOption("metricsIntervalNs", this.#metricsInterval, "a bigint ≥ 0");
    }
    this.#method = options.varMethod ?? VarMethod.Historical;
    if (![1, 2, 3].includes(this.#method)) {
      throw badOption("varMethod", this.#method, "1 historical, 2 parametric or 3 EWMA");
    }
    this.#window = options.varWindow ?? 250;
    if (!Number.isInteger(this.#window) || this.#window < 3) {
      throw badOption("varWindow", this.#window, "an integer ≥ 3");
    }
    this.#killFile = options.killSwitchFile;
    this.#killPoll = options.killSwitchPollNs ?? SECOND / 4n;
  }

  /** The engine's trading state: 1 active, 2 reducing, 3 halted. */
  get tradingState(): TradingState {
    return this.engine.tradingState;
  }

  /** Engage the kill switch (events go out with the next frame written). */
  halt(): void {
    this.#manualKill = true;
    this.#pendingEvents.push(this.engine.kill());
  }

  /** Release a kill switch engaged by `halt` (the file, while it exists, keeps it engaged). */
  release(): void {
    this.#manualKill = false;
    if (!this.#fileKill) this.#pendingEvents.push(this.engine.releaseKill());
  }

  process(frame: Frame, out: FrameOutput): void {
    out.forward(frame);
    this.#flushEvents(out);
    const tlvs = decodeTlvs(frame);
    if (this.market.apply(tlvs) > 0) this.#feed.sync();
    let identity: SignalIdentity | undefined;
    let economics: Economics | undefined;
    // An ExecutionReport's reason is in the OrderStatus the executors put before it.
    const reasons = new Map<bigint, number>();
    for (const t of tlvs) {
      if (t.name === undefined) continue;
      switch (t.type) {
        case TlvType.SignalIdentity:
          identity = t.value;
          break;
        case TlvType.Economics:
          economics = t.value;
          break;
        case TlvType.ArbitrageSignal:
          // a decision frame already carries a copy: only original signals are decided
          if (!tlvs.some((x) => x.type === TlvType.RiskDecision)) {
            this.#decide(t.value, identity, economics, out);
          }
          break;
        case TlvType.OrderStatus:
          reasons.set(t.value.orderId, t.value.reasonCode);
          break;
        case TlvType.ExecutionReport:
          this.counters.reports++;
          this.#emitEvents(
            this.engine.onExecutionReport(t.value, reasons.get(t.value.orderId) ?? 0),
            out,
          );
          break;
        case TlvType.Fill:
          this.#onFill(t.value, out);
          break;
        case TlvType.CircuitBreaker:
          if (t.value.breaker === Breaker.KillSwitch && frame.source !== this.#source) {
            if (t.value.state === TradingState.Halted) this.halt();
            else this.release();
            this.#flushEvents(out);
          }
          break;
      }
    }
  }

  /**
   * Look at the kill-switch file now (`tick` does so every `killSwitchPollNs`); call it once
   * before the first frame so a switch engaged before the start holds from the start.
   */
  async pollKillSwitch(): Promise<void> {
    if (this.#killFile === undefined) return;
    const engaged = (await readKillSwitch(this.#killFile)) !== undefined;
    if (engaged === this.#fileKill) return;
    this.#fileKill = engaged;
    if (engaged) this.#pendingEvents.push(this.engine.kill());
    else if (!this.#manualKill) this.#pendingEvents.push(this.engine.releaseKill());
  }

  async tick(nowNs: bigint, out: FrameOutput): Promise<void> {
    if (this.#killFile !== undefined && nowNs >= this.#nextKillPoll) {
      this.#nextKillPoll = nowNs + this.#killPoll;
      await this.pollKillSwitch();
    }
    this.#pendingEvents.push(this.engine.tick());
    this.#flushEvents(out);
    if (this.#metricsInterval > 0n) {
      this.#nextMetrics ??= nowNs;
      if (nowNs >= this.#nextMetrics) {
        this.#nextMetrics = nowNs + this.#metricsInterval;
        this.writeMetrics(out);
      }
    }
  }

  finish(out: FrameOutput): void {
    this.#flushEvents(out);
  }

  /**
   * Mark NAV, feed it to the drawdown breaker and write a RiskMetrics frame (VaR and CVaR need
   * three marks; before that they are 0 with `window` 0). Returns the value written, or
   * undefined when NAV cannot be valued yet (a held token has no price).
   */
  writeMetrics(out: FrameOutput): RiskMetrics | undefined {
    let mark;
    let gross;
    try {
      mark = this.portfolio.mark();
      gross = this.portfolio.riskView().grossExposureUsd;
    } catch (e) {
      if (e instanceof PortfolioError) return undefined;
      throw e;
    }
    this.#emitEvents(this.engine.onNav(mark.navUsd), out);
    this.#navs.push(mark.navUsd);
    if (this.#navs.length > this.#window) this.#navs.shift();
    const usable = this.#navs.every((n) => n > 0n) && this.#navs.length >= 3;
    const metrics: RiskMetrics = usable
      ? computeRiskMetrics({
        returns: returnsFromNavs(this.#navs),
        navUsd: mark.navUsd,
        peakNavUsd: mark.peakNavUsd,
        grossExposureUsd: gross,
        method: this.#method,
      })
      : {
        navUsd: mark.navUsd,
        peakNavUsd: mark.peakNavUsd,
        drawdownBps: mark.drawdownBps,
        var95Usd: 0n,
        cvar95Usd: 0n,
        var99Usd: 0n,
        cvar99Usd: 0n,
        grossExposureUsd: gross,
        method: this.#method,
        window: 0,
      };
    this.#signalOut.begin(RelayDomain.Signal).add(TlvType.RiskMetrics, metrics).end();
    out.emit(this.#signalOut.take());
    this.counters.metrics++;
    return metrics;
  }

  #decide(
    signal: ArbitrageSignal,
    identity: SignalIdentity | undefined,
    economics: Economics | undefined,
    out: FrameOutput,
  ): void {
    this.counters.signals++;
    const { decision, events } = this.engine.evaluate(signal, this.#marketView(signal));
    this.#emitEvents(events, out);
    const c = this.counters;
    if (decision.decision === Decision.Approve) c.approved++;
    else if (decision.decision === Decision.Reduce) c.reduced++;
    else c.rejected++;
    if (decision.reasonCode !== RiskReason.None) {
      const name = codeName("RiskReason", decision.reasonCode);
      c.byReason[name] = (c.byReason[name] ?? 0) + 1;
    }
    const b = this.#executionOut.begin(RelayDomain.Execution);
    b.add(TlvType.RiskDecision, decision);
    if (decision.decision !== Decision.Reject) {
      if (identity !== undefined && identity.signalId === signal.signalId) {
        b.add(TlvType.SignalIdentity, identity);
      }
      if (economics !== undefined) b.add(TlvType.Economics, economics);
      b.add(TlvType.ArbitrageSignal, signal);
    }
    b.end();
    out.emit(this.#executionOut.take());
  }

  #marketView(signal: ArbitrageSignal): MarketView {
    let view;
    try {
      view = this.portfolio.riskView();
    } catch (e) {
      if (!(e instanceof PortfolioError)) throw e;
      // a held token without a price: NAV unknown, which the NAV check rejects
      view = { navUsd: 0n, tokenPositionsUsd: new Map(), venueHoldingsUsd: new Map() };
    }
    const liquidity = new Map<Hex, bigint>();
    for (const hop of signal.hops) {
      const usd = this.market.poolLiquidityUsd(hop.pool);
      if (usd !== undefined) liquidity.set(hop.pool, usd);
    }
    return {
      navUsd: view.navUsd,
      prices: this.market,
      tokenPositionsUsd: view.tokenPositionsUsd,
      venueHoldingsUsd: view.venueHoldingsUsd,
      poolLiquidityUsd: liquidity,
    };
  }

  #onFill(fill: Fill, out: FrameOutput): void {
    this.counters.fills++;
    try {
      this.portfolio.applyFill(fill);
      this.#emitEvents(this.engine.onNav(this.portfolio.navUsd()), out);
    } catch (e) {
      if (!(e instanceof PortfolioError)) throw e;
      this.counters.feedbackErrors++;
      this.lastFeedbackError = e;
    }
  }

  #flushEvents(out: FrameOutput): void {
    if (this.#pendingEvents.length === 0) return;
    const events = this.#pendingEvents;
    this.#pendingEvents = [];
    for (const e of events) this.#emitEvents(e, out);
  }

  #emitEvents(events: RiskEvents, out: FrameOutput): void {
    if (events.circuitBreakers.length === 0 && events.alerts.length === 0) return;
    const b = this.#signalOut.begin(RelayDomain.Signal);
    for (const c of events.circuitBreakers) b.add(TlvType.CircuitBreaker, c);
    for (const a of events.alerts) b.add(TlvType.RiskAlert, a);
    b.end();
    out.emit(this.#signalOut.take());
    this.counters.breakerEvents += events.circuitBreakers.length;
    this.counters.alerts += events.alerts.length;
  }
}

function wallClockNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n;
}

function badOption(key: string, value: unknown, what: string): RiskError {
  return new RiskError("BAD_CONFIG", `Option ${key} must be ${what}, got ${value}`, { key });
}

// The market and the capital are the stage's configuration: their errors are its BAD_CONFIG.
function configured<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (
      e instanceof MarketError || (e instanceof PortfolioError && e.code === "BAD_CAPITAL")
    ) {
      throw new RiskError("BAD_CONFIG", e.message, { ...e.details }, { cause: e });
    }
    throw e;
  }
}
