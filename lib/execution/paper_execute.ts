// lib/execution/paper_execute.ts — one job: the paper executor's frame logic: fill approved
// signals against the pool states held at execution time and report what they would have made.
import { guardAllows, type ProfitGuard, profitGuard } from "../arbitrage/mod.ts";
import { evmToken } from "../instrument/mod.ts";
import {
  fitsI64,
  floorDiv,
  MarketBook,
  type MarketBookOptions,
  MarketError,
  usdValue,
} from "../market/mod.ts";
import { Portfolio, PortfolioError, PortfolioFeed } from "../portfolio/mod.ts";
import {
  type ArbitrageSignal,
  codeName,
  Decision,
  decodeTlvs,
  ExecutionMode,
  ExecutionReason,
  type ExecutionReport,
  type Fill,
  type Frame,
  FrameBuilder,
  type Hex,
  OrderState,
  type PositionUpdate,
  RelayDomain,
  type RiskDecision,
  type SignalIdentity,
  SourceType,
  TlvType,
} from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../transport/stage_contract.ts";
import { PaperExecutionError } from "./paper_errors.ts";
import { fillRoute, type PaperHopFill } from "./paper_fill.ts";
import { paperLogLine, type PaperOutcome } from "./paper_log.ts";
import { emptySummary, type PaperSummary, withCaptureRate } from "./paper_summary.ts";

const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;
// signals remembered for their expected profit until decided
const RECENT_LIMIT = 4096;

/** Options of a {@linkcode PaperExecuteProcessor}. */
export interface PaperExecuteOptions extends MarketBookOptions {
  /** Time from a decision to its execution, ns (default 0: at the next frame or tick). */
  readonly latencyNs?: bigint;
  /** Now, ns since the Unix epoch (default the wall clock). */
  readonly clock?: () => bigint;
  /** Least realised net profit in USD, 8 decimals (default 1 USD, as the detector's guard);
   * `null` turns the USD check off. */
  readonly minNetProfitUsd?: bigint | null;
  /** Least realised net profit per input token (address → native units). */
  readonly minNetProfit?: Readonly<Record<string, bigint>>;
  /** Expiry of a signal that came without a SignalIdentity: detectedNs plus this (default 2 s). */
  readonly maxSignalAgeNs?: bigint;
  /** Starting balances of the paper wallet, token address → native units. */
  readonly capital?: Readonly<Record<string, bigint>>;
  /** Receives one JSON line (no newline) per would-be execution, filled or not. */
  readonly log?: (line: string) => void;
  /** Source number of the frames written (default SourceType.Executor). */
  readonly source?: number;
  /** First order id (default 1). */
  readonly firstOrderId?: bigint;
}

interface Pending {
  readonly dueNs: bigint;
  readonly decision: RiskDecision;
  readonly signal: ArbitrageSignal;
  readonly expiresNs: bigint;
}

/**
 * Paper execution as a {@linkcode FrameProcessor}. Every input frame is forwarded; market values
 * keep its own {@linkcode MarketBook}. A RiskDecision that approves or reduces a signal (with the
 * signal's copy in the same frame, as the RiskProcessor writes it) is executed `latencyNs`
 * later — on the first frame boundary or tick at or after that time — by re-quoting the route
 * hop by hop from `approvedAmount` against the states held then ({@linkcode fillRoute}).
 * A fill writes OrderRequest, one Fill per hop, OrderStatus, ExecutionReport and the
 * PositionUpdates of its paper portfolio; a fill whose realised net profit is not positive
 * (slippage) or below the guard, or that cannot be quoted, is not executed and is reported
 * rejected with a reason; a signal past its expiry is reported expired.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PaperExecuteProcessor } from "./paper_execute.ts";
 * const paper = new PaperExecuteProcessor({
 *   chainId: 31337, nativeToken: "0x" + "0a".repeat(20), stablecoins: [],
 * });
 * assert.deepEqual(paper.summary().missed, {
 *   stale: 0, belowGuard: 0, rejectedByRisk: 0, slippage: 0, noPoolState: 0,
 * });
 * ```
 */
export class PaperExecuteProcessor implements FrameProcessor {
  /** The market as this executor sees it. */
  readonly market: MarketBook;
  /** The paper wallet: capital plus every paper fill. */
  readonly portfolio: Portfolio;
  /** Fills that could not be booked in the portfolio (a token of the route has no price). */
  unbooked = 0;

  readonly #feed: PortfolioFeed;
  readonly #clock: () => bigint;
  readonly #latency: bigint;
  readonly #guard: ProfitGuard;
  readonly #maxAge: bigint;
  readonly #log: ((line: string) => void) | undefined;
  readonly #builder: FrameBuilder;
  readonly #pending: Pending[] = [];
  readonly #recent = new Map<bigint, bigint>();
  #nextOrder: bigint;
  #s = emptySummary();

  /** @throws {PaperExecutionError} `BAD_OPTION`, also for the market and the capital */
  constructor(options: PaperExecuteOptions) {
    this.market = configured("market", () => new MarketBook(options));
    this.portfolio = new Portfolio({ prices: this.market });
    this.#feed = configured(
      "capital",
      () => new PortfolioFeed(this.market, this.portfolio, options.capital),
    );
    this.#clock = options.clock ?? wallClockNs;
    this.#latency = options.latencyNs ?? 0n;
    if (typeof this.#latency !== "bigint" || this.#latency < 0n) {
      throw bad("latencyNs", this.#latency, "a bigint ≥ 0");
    }
    this.#maxAge = options.maxSignalAgeNs ?? 2_000_000_000n;
    if (typeof this.#maxAge !== "bigint" || this.#maxAge < 0n) {
      throw bad("maxSignalAgeNs", this.#maxAge, "a bigint ≥ 0");
    }
    try {
      this.#guard = profitGuard({
        ...(options.minNetProfitUsd !== undefined
          ? { minNetProfitUsd: options.minNetProfitUsd }
          : {}),
        ...(options.minNetProfit !== undefined ? { minNetProfit: options.minNetProfit } : {}),
      });
    } catch (e) {
      throw bad("minNetProfitUsd", options.minNetProfitUsd, (e as Error).message);
    }
    this.#log = options.log;
    this.#builder = new FrameBuilder({ source: options.source ?? SourceType.Executor });
    this.#nextOrder = options.firstOrderId ?? 1n;
  }

  /** Decisions waiting for their execution time. */
  get pending(): number {
    return this.#pending.length;
  }

  /**
   * What happened so far: opportunities (signals seen), decisions, executions, misses by cause,
   * expected P&L (the signals' netProfitUsd) and theoretical P&L (realised on paper), in USD
   * fixed point, and their ratio.
   */
  summary(): PaperSummary {
    return withCaptureRate(this.#s);
  }

  process(frame: Frame, out: FrameOutput): void {
    // what was due before this frame executes against the state before it
    this.#runDue(this.#clock(), false, out);
    out.forward(frame);
    const tlvs = decodeTlvs(frame);
    if (this.market.apply(tlvs) > 0) this.#feed.sync();
    let decision: RiskDecision | undefined;
    let identity: SignalIdentity | undefined;
    let signal: ArbitrageSignal | undefined;
    for (const t of tlvs) {
      if (t.name === undefined) continue;
      if (t.type === TlvType.RiskDecision) decision = t.value;
      else if (t.type === TlvType.SignalIdentity) identity = t.value;
      else if (t.type === TlvType.ArbitrageSignal) signal = t.value;
    }
    if (decision !== undefined) this.#onDecision(decision, signal, identity);
    else if (signal !== undefined) this.#remember(signal);
  }

  /** Execute every decision whose time has come by the processor's clock. */
  runDue(out: FrameOutput): void {
    this.#runDue(this.#clock(), false, out);
  }

  tick(nowNs: bigint, out: FrameOutput): void {
    this.#runDue(nowNs, false, out);
  }

  finish(out: FrameOutput): void {
    // the input ended: no state will change any more, so waiting out the latency changes nothing
    this.#runDue(this.#clock(), true, out);
  }

  #remember(signal: ArbitrageSignal): void {
    if (this.#recent.has(signal.signalId)) return;
    this.#s.opportunities++;
    this.#s.expectedPnlUsd += signal.netProfitUsd;
    this.#recent.set(signal.signalId, signal.netProfitUsd);
    if (this.#recent.size > RECENT_LIMIT) {
      this.#recent.delete(this.#recent.keys().next().value!);
    }
  }

  #onDecision(
    decision: RiskDecision,
    signal: ArbitrageSignal | undefined,
    identity: SignalIdentity | undefined,
  ): void {
    const s = this.#s;
    if (!this.#recent.has(decision.signalId)) {
      if (signal !== undefined) this.#remember(signal);
      else s.opportunities++;
    }
    this.#recent.delete(decision.signalId);
    if (decision.decision === Decision.Reject || decision.approvedAmount <= 0n) {
      s.rejectedByRisk++;
      s.missed.rejectedByRisk++;
      return;
    }
    s.approved++;
    if (signal === undefined || signal.signalId !== decision.signalId) {
      // an approval without its signal cannot be executed: nothing says what to trade
      s.missed.noPoolState++;
      return;
    }
    const expiresNs = identity !== undefined && identity.signalId === signal.signalId
      ? identity.expiresNs
      : signal.detectedNs + this.#maxAge;
    this.#pending.push({ dueNs: this.#clock() + this.#latency, decision, signal, expiresNs });
  }

  #runDue(nowNs: bigint, all: boolean, out: FrameOutput): void {
    while (this.#pending.length > 0) {
      const p = this.#pending[0]!;
      if (!all && p.dueNs > nowNs) return;
      this.#pending.shift();
      this.#execute(p, nowNs > p.dueNs ? nowNs : p.dueNs, out);
    }
  }

  #execute(p: Pending, atNs: bigint, out: FrameOutput): void {
    const { signal, decision } = p;
    const amount = decision.approvedAmount;
    const orderId = this.#nextOrder++;
    const full = amount === signal.amountIn;
    // a reduced trade is expected to make the concave lower bound the risk engine checked
    const expected = full
      ? signal.netProfit
      : floorDiv(signal.expectedProfit * amount, signal.amountIn) - signal.gasCostIn;
    const expectedUsd = full ? signal.netProfitUsd : floorDiv(
      (signal.netProfitUsd + signal.gasCostUsd) * amount,
      signal.amountIn,
    ) - signal.gasCostUsd;
    const b = this.#builder.begin(RelayDomain.Execution);
    b.add(TlvType.OrderRequest, {
      orderId,
      signalId: signal.signalId,
      instrument: signal.hops[0]!.pool,
      tokenIn: signal.tokenIn,
      tokenOut: signal.tokenIn,
      amountIn: amount,
      // break-even after the estimated gas, plus one unit
      minAmountOut: amount + signal.gasCostIn + 1n,
      deadlineNs: p.expiresNs,
      mode: ExecutionMode.Paper,
    });
    const block = this.market.blockNumber;
    const latencyNs = atNs > signal.detectedNs ? atNs - signal.detectedNs : 0n;
    const report = (
      status: number,
      realized: bigint,
      realizedUsd: bigint,
      gasUsd: bigint,
    ): ExecutionReport => ({
      orderId,
      signalId: signal.signalId,
      status,
      mode: ExecutionMode.Paper,
      token: signal.tokenIn,
      decimals: signal.decimalsIn,
      expectedProfit: expected,
      realizedProfit: realized,
      expectedPnlUsd: clampI64(expectedUsd),
      realizedPnlUsd: clampI64(realizedUsd),
      gasCostUsd: gasUsd,
      txHash: ZERO_HASH,
      blockNumber: block,
      latencyNs,
    });
    const miss = (
      status: number,
      reason: ExecutionReason,
      outcome: PaperOutcome,
      hops: readonly PaperHopFill[],
      wouldBe?: { profit: bigint; usd: bigint | undefined },
    ) => {
      b.add(TlvType.OrderStatus, {
        orderId,
        status,
        reasonCode: reason,
        txHash: ZERO_HASH,
        updatedNs: atNs,
      });
      b.add(TlvType.ExecutionReport, report(status, 0n, 0n, 0n));
      b.end();
      out.emit(this.#builder.take());
      this.#writeLog(outcome, status, reason, p, orderId, expected, expectedUsd, hops, atNs, {
        profit: wouldBe?.profit,
        usd: wouldBe?.usd,
      });
    };

    if (atNs > p.expiresNs) {
      this.#s.missed.stale++;
      miss(OrderState.Expired, ExecutionReason.StaleSignal, "stale", []);
      return;
    }
    const route = fillRoute(this.market, signal.hops, amount);
    if (!route.ok) {
      if (route.reason === ExecutionReason.QuoteFailed) this.#s.missed.slippage++;
      else this.#s.missed.noPoolState++;
      miss(
        OrderState.Rejected,
        route.reason,
        route.reason === ExecutionReason.QuoteFailed ? "slippage" : "noPoolState",
        [],
      );
      return;
    }
    const net = route.amountOut - amount - signal.gasCostIn;
    const price = this.market.priceOf(signal.tokenIn);
    const netUsd = price === undefined
      ? undefined
      : usdValue(net, signal.decimalsIn, price, "floor");
    if (net <= 0n) {
      this.#s.missed.slippage++;
      miss(OrderState.Rejected, ExecutionReason.Slippage, "slippage", route.hops, {
        profit: net,
        usd: netUsd,
      });
      return;
    }
    if (!guardAllows(this.#guard, signal.tokenIn.toLowerCase(), net, netUsd)) {
      this.#s.missed.belowGuard++;
      miss(OrderState.Rejected, ExecutionReason.BelowGuard, "belowGuard", route.hops, {
        profit: net,
        usd: netUsd,
      });
      return;
    }
    const realizedUsd = netUsd ?? 0n;
    const updates = new Map<string, PositionUpdate>();
    const fills: Fill[] = route.hops.map((h, i) => ({
      orderId,
      fillId: BigInt(i + 1),
      instrument: h.pool,
      tokenIn: h.tokenIn,
      tokenOut: h.tokenOut,
      amountIn: h.amountIn,
      amountOut: h.amountOut,
      gasUsed: 0n,
      gasPriceWei: signal.gasPriceWei,
      txHash: ZERO_HASH,
      blockNumber: block,
    }));
    for (const f of fills) b.add(TlvType.Fill, f);
    b.add(TlvType.OrderStatus, {
      orderId,
      status: OrderState.Filled,
      reasonCode: ExecutionReason.None,
      txHash: ZERO_HASH,
      updatedNs: atNs,
    });
    b.add(
      TlvType.ExecutionReport,
      report(OrderState.Filled, net, realizedUsd, clampI64(signal.gasCostUsd)),
    );
    if (this.#bookable(route.hops)) {
      for (const f of fills) {
        for (const u of this.portfolio.applyFill(f).updates) {
          updates.set(`${u.token}|${u.venue}`, u);
        }
      }
      for (const u of updates.values()) b.add(TlvType.PositionUpdate, u);
    } else this.unbooked++;
    b.end();
    out.emit(this.#builder.take());
    this.#s.executed++;
    this.#s.theoreticalPnlUsd += realizedUsd;
    this.#writeLog(
      "filled",
      OrderState.Filled,
      0,
      p,
      orderId,
      expected,
      expectedUsd,
      route.hops,
      atNs,
      {
        profit: net,
        usd: netUsd,
      },
    );
  }

  // every token of the route registered and priced, so the portfolio books all hops or none
  #bookable(hops: readonly PaperHopFill[]): boolean {
    const chain = this.market.chain;
    for (const h of hops) {
      for (const t of [h.tokenIn, h.tokenOut]) {
        if (this.market.priceOf(t) === undefined) return false;
        if (this.portfolio.decimalsOf(evmToken(chain, t)) === undefined) return false;
      }
    }
    return true;
  }

  #writeLog(
    outcome: PaperOutcome,
    status: number,
    reason: number,
    p: Pending,
    orderId: bigint,
    expected: bigint,
    expectedUsd: bigint,
    hops: readonly PaperHopFill[],
    atNs: bigint,
    realized: { profit: bigint | undefined; usd: bigint | undefined },
  ): void {
    if (this.#log === undefined) return;
    this.#log(paperLogLine({
      outcome,
      status,
      reason: codeName("ExecutionReason", reason),
      orderId,
      signal: p.signal,
      approvedAmount: p.decision.approvedAmount,
      expectedProfit: expected,
      expectedPnlUsd: expectedUsd,
      realizedProfit: realized.profit,
      realizedPnlUsd: realized.usd,
      blockNumber: this.market.blockNumber,
      executedNs: atNs,
      hops,
    }));
  }
}

function clampI64(x: bigint): bigint {
  if (fitsI64(x)) return x;
  return x < 0n ? -(1n << 63n) : (1n << 63n) - 1n;
}

function wallClockNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n;
}

function bad(key: string, value: unknown, what: string): PaperExecutionError {
  return new PaperExecutionError("BAD_OPTION", `Option ${key} must be ${what}, got ${value}`, {
    key,
  });
}

// The market and the capital are options of the executor: their errors are its BAD_OPTION.
function configured<T>(key: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (
      e instanceof MarketError || (e instanceof PortfolioError && e.code === "BAD_CAPITAL")
    ) {
      throw new PaperExecutionError("BAD_OPTION", e.message, { key, ...e.details }, { cause: e });
    }
    throw e;
  }
}
