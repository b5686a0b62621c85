// lib/execution/live/live_execute_processor.ts — one job: the live `execute` stage: approved
// signals in, transactions out, and OrderRequest / OrderStatus / Fill / ExecutionReport frames.
import {
  type ArbitrageSignal,
  Decision,
  decodeTlvs,
  ExecutionMode,
  type ExecutionReport,
  type Fill,
  type Frame,
  FrameBuilder,
  type Hex,
  type KnownTlvType,
  LiveReason,
  type OrderRequest,
  OrderState,
  type OrderStatus,
  RelayDomain,
  type RiskDecision,
  SourceType,
  type TlvEntry,
  TlvType,
} from "../../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../../transport/stage_contract.ts";
import { LiveExecutionError } from "./errors.ts";
import type { LiveExecution, LiveExecutor } from "./live_executor.ts";
import { minProfitFor, type RouteCall, routeFromSignal } from "./route_call.ts";
import { gasInToken, gasUsd, tokenUsd } from "./_signal_rates.ts";

/** Options of a {@linkcode LiveExecuteProcessor}. */
export interface LiveExecuteProcessorOptions {
  /** Least net profit per start token (lower-case address → native units) on top of gas. */
  readonly minNetProfit?: Readonly<Record<string, bigint>>;
  /** Largest notional of one route's input, USD 8 decimals; null for none (default none). */
  readonly maxNotionalUsd?: bigint | null;
  /** First order id (default 1). */
  readonly firstOrderId?: bigint;
  /** Clock, ns since the Unix epoch (default the wall clock). */
  readonly clock?: () => bigint;
  /** One line per order outcome (default none). Never receives the key. */
  readonly log?: (line: string) => void;
}

/** Totals of a run. */
export interface LiveExecutionSummary {
  /** Routes mined successfully. */
  readonly executed: number;
  /** Routes mined and reverted (gas spent). */
  readonly reverted: number;
  /** Approved signals not sent: simulation reverted, gas cap, limits, send failures. */
  readonly rejected: number;
  /** Σ ExecutionReport.realizedPnlUsd (profit valued minus gas), USD 8 decimals. */
  readonly realizedPnlUsd: bigint;
  /** Σ gas paid, USD 8 decimals (rounded up per transaction). */
  readonly gasSpentUsd: bigint;
  /** Σ gas paid, wei. */
  readonly gasSpentWei: bigint;
}

const ZERO_HASH = `0x${"00".repeat(32)}` as Hex;
const KEEP = 1024;

const wallClockNs = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

/**
 * The live execution stage. It forwards every frame and watches for RiskDecision values that
 * approve (1) or reduce (3) an ArbitrageSignal seen in the same frame or earlier (matched by
 * signal id). For each it builds the executor call (amount: the approved amount; `minProfit`:
 * {@linkcode minProfitFor} the signal), checks the notional limit, then lets the
 * {@linkcode LiveExecutor} simulate, send and confirm, and emits on the execution domain:
 * OrderRequest + OrderStatus (submitted, or rejected), then OrderStatus (filled or reverted),
 * one Fill per hop (amounts from the pools' Swap events; the transaction's gas on the last
 * hop only, so a portfolio books it once; a reverted transaction gets one Fill of zero amounts
 * carrying its gas) and the ExecutionReport.
 *
 * @example
 * ```ts ignore
 * const stage = new LiveExecuteProcessor(await LiveExecutor.connect({ network, executor, signer }));
 * await runStage("execute", source, sink, stage);
 * console.error(stage.summary());
 * ```
 */
export class LiveExecuteProcessor implements FrameProcessor {
  readonly #executor: LiveExecutor;
  readonly #minNet: ReadonlyMap<string, bigint>;
  readonly #maxNotional: bigint | null;
  readonly #clock: () => bigint;
  readonly #log: ((line: string) => void) | undefined;
  readonly #builder = new FrameBuilder({ source: SourceType.Executor });
  readonly #signals = new Map<bigint, ArbitrageSignal>();
  readonly #waiting = new Map<bigint, RiskDecision>();
  readonly #done = new Set<bigint>();
  #orderId: bigint;
  #executed = 0;
  #reverted = 0;
  #rejected = 0;
  #pnlUsd = 0n;
  #gasUsd = 0n;
  #gasWei = 0n;

  constructor(executor: LiveExecutor, options: LiveExecuteProcessorOptions = {}) {
    this.#executor = executor;
    this.#minNet = new Map(
      Object.entries(options.minNetProfit ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    this.#maxNotional = options.maxNotionalUsd ?? null;
    this.#orderId = options.firstOrderId ?? 1n;
    this.#clock = options.clock ?? wallClockNs;
    this.#log = options.log;
  }

  /** Forward the frame; execute what it approves. */
  async process(frame: Frame, out: FrameOutput): Promise<void> {
    out.forward(frame);
    if (frame.domain === RelayDomain.MarketData) return;
    const decisions: RiskDecision[] = [];
    for (const t of decodeTlvs(frame)) {
      if (!("value" in t)) continue;
      if (t.type === TlvType.ArbitrageSignal) remember(this.#signals, t.value.signalId, t.value);
      else if (t.type === TlvType.RiskDecision) decisions.push(t.value);
    }
    // A signal that arrives after its decision is executed now.
    for (const [id, decision] of this.#waiting) {
      if (this.#signals.has(id)) {
        this.#waiting.delete(id);
        decisions.push(decision);
      }
    }
    for (const decision of decisions) {
      if (decision.decision !== Decision.Approve && decision.decision !== Decision.Reduce) continue;
      if (this.#done.has(decision.signalId)) continue;
      const signal = this.#signals.get(decision.signalId);
      if (signal === undefined) {
        remember(this.#waiting, decision.signalId, decision);
        continue;
      }
      this.#done.add(decision.signalId);
      if (this.#done.size > KEEP) this.#done.delete(this.#done.values().next().value!);
      await this.#run(signal, decision, out);
    }
  }

  /** Totals so far. */
  summary(): LiveExecutionSummary {
    return {
      executed: this.#executed,
      reverted: this.#reverted,
      rejected: this.#rejected,
      realizedPnlUsd: this.#pnlUsd,
      gasSpentUsd: this.#gasUsd,
      gasSpentWei: this.#gasWei,
    };
  }

  async #run(signal: ArbitrageSignal, decision: RiskDecision, out: FrameOutput): Promise<void> {
    const orderId = this.#orderId++;
    const amountIn =
      decision.decision === Decision.Reduce && decision.approvedAmount < signal.amountIn
        ? decision.approvedAmount
        : signal.amountIn;
    const minProfit = minProfitFor(signal, this.#minNet.get(signal.tokenIn.toLowerCase()));
    const request: OrderRequest = {
      orderId,
      signalId: signal.signalId,
      instrument: signal.hops[0]?.pool ?? (`0x${"00".repeat(32)}` as Hex),
      tokenIn: signal.tokenIn,
      tokenOut: signal.tokenIn,
      amountIn,
      minAmountOut: amountIn + minProfit,
      deadlineNs: this.#clock() + 60_000_000_000n,
      mode: ExecutionMode.Live,
    };
    const refuse = (reason: number, text: string) => {
      this.#rejected++;
      this.#log?.(`order ${orderId} (signal ${signal.signalId}) rejected: ${text}`);
      this.#emit(out, [
        [TlvType.OrderRequest, request],
        [TlvType.OrderStatus, this.#status(orderId, OrderState.Rejected, reason, ZERO_HASH)],
        [TlvType.ExecutionReport, this.#report(signal, orderId, OrderState.Rejected, amountIn)],
      ]);
    };
    let call: RouteCall;
    try {
      call = { hops: routeFromSignal(signal), amountIn, minProfit };
    } catch (e) {
      if (!(e instanceof LiveExecutionError)) throw e;
      return refuse(LiveReason.UnsupportedRoute, e.message);
    }
    if (this.#maxNotional !== null) {
      const notional = tokenUsd(signal, amountIn, "ceil");
      if (notional === undefined || notional > this.#maxNotional) {
        return refuse(
          LiveReason.PositionLimit,
          `notional ${notional ?? "unknown"} above the limit ${this.#maxNotional} (USD 1e-8)`,
        );
      }
    }
    let result: LiveExecution;
    try {
      result = await this.#executor.execute(call);
    } catch (e) {
      if (!(e instanceof LiveExecutionError)) throw e;
      return refuse(failureReason(e), e.message);
    }
    if (result.status === "rejected") {
      return refuse(
        result.revert?.reasonCode ?? LiveReason.UnknownRevert,
        result.revert?.text ?? "",
      );
    }
    const hash = result.txHash ?? ZERO_HASH;
    this.#emit(out, [
      [TlvType.OrderRequest, request],
      [TlvType.OrderStatus, this.#status(orderId, OrderState.Submitted, 0, hash)],
    ]);
    const filled = result.status === "filled";
    const status = filled ? OrderState.Filled : OrderState.Reverted;
    const reason = filled ? 0 : result.revert?.reasonCode ?? LiveReason.UnknownRevert;
    const report = this.#report(signal, orderId, status, amountIn, result);
    if (filled) this.#executed++;
    else this.#reverted++;
    this.#pnlUsd += report.realizedPnlUsd;
    this.#gasUsd += report.gasCostUsd;
    this.#gasWei += result.gasCostWei;
    this.#log?.(
      `order ${orderId} (signal ${signal.signalId}) ${
        filled ? "filled" : "reverted"
      } in ${hash}: ` +
        (filled ? `profit ${result.profit}` : result.revert?.text ?? "") +
        `, gas ${result.gasUsed}`,
    );
    this.#emit(out, [
      [TlvType.OrderStatus, this.#status(orderId, status, reason, hash)],
      ...this.#fills(signal, orderId, result).map((f): TlvEntry => [TlvType.Fill, f]),
      [TlvType.ExecutionReport, report],
    ]);
  }

  #fills(signal: ArbitrageSignal, orderId: bigint, r: LiveExecution): Fill[] {
    const common = {
      orderId,
      gasPriceWei: r.effectiveGasPrice,
      txHash: r.txHash ?? ZERO_HASH,
      blockNumber: r.blockNumber ?? 0n,
    };
    if (r.status !== "filled") {
      const hop = signal.hops[0]!;
      return [{
        ...common,
        fillId: 1n,
        instrument: hop.pool,
        tokenIn: hop.tokenIn,
        tokenOut: hop.tokenOut,
        amountIn: 0n,
        amountOut: 0n,
        gasUsed: r.gasUsed,
      }];
    }
    return r.swaps.map((s, i) => ({
      ...common,
      fillId: BigInt(i + 1),
      instrument: signal.hops[i]!.pool,
      tokenIn: signal.hops[i]!.tokenIn,
      tokenOut: signal.hops[i]!.tokenOut,
      amountIn: s.amountIn,
      amountOut: s.amountOut,
      gasUsed: i === r.swaps.length - 1 ? r.gasUsed : 0n,
    }));
  }

  #report(
    signal: ArbitrageSignal,
    orderId: bigint,
    status: number,
    amountIn: bigint,
    r?: LiveExecution,
  ): ExecutionReport {
    // Expected: what the simulation returned (else the signal's profit scaled to the amount),
    // less the detector's gas estimate. Realised: the profit received less the gas paid, both
    // in the start token at the signal's rates.
    const gross = r?.simulatedProfit ??
      (signal.amountIn > 0n ? signal.expectedProfit * amountIn / signal.amountIn : 0n);
    const expected = gross - signal.gasCostIn;
    const gasWei = r?.gasCostWei ?? 0n;
    const profit = r?.profit ?? 0n;
    const gasCostUsd = gasUsd(signal, gasWei);
    return {
      orderId,
      signalId: signal.signalId,
      status,
      mode: ExecutionMode.Live,
      token: signal.tokenIn,
      decimals: signal.decimalsIn,
      expectedProfit: expected,
      realizedProfit: profit - gasInToken(signal, gasWei),
      expectedPnlUsd: clampI64(tokenUsd(signal, expected, "floor") ?? 0n),
      realizedPnlUsd: clampI64((tokenUsd(signal, profit, "floor") ?? 0n) - gasCostUsd),
      gasCostUsd: clampI64(gasCostUsd),
      txHash: r?.txHash ?? ZERO_HASH,
      blockNumber: r?.blockNumber ?? 0n,
      latencyNs: this.#clock() - signal.detectedNs,
    };
  }

  #status(orderId: bigint, status: number, reasonCode: number, txHash: Hex): OrderStatus {
    return { orderId, status, reasonCode, txHash, updatedNs: this.#clock() };
  }

  #emit(out: FrameOutput, entries: TlvEntry[]): void {
    const b = this.#builder.begin(RelayDomain.Execution);
    for (const [type, value] of entries) {
      if (value instanceof Uint8Array) b.addRaw(type, value);
      else b.add(type as KnownTlvType, value as never);
    }
    b.end();
    out.emit(b.take());
  }
}

function failureReason(e: LiveExecutionError): number {
  switch (e.code) {
    case "GAS_PRICE_TOO_HIGH":
      return LiveReason.GasPriceTooHigh;
    case "SEND_FAILED":
      return LiveReason.SendFailed;
    case "RECEIPT_TIMEOUT":
      return LiveReason.ReceiptTimeout;
    case "UNSUPPORTED_ROUTE":
      return LiveReason.UnsupportedRoute;
    default:
      return LiveReason.RpcFailed;
  }
}

function remember<V>(map: Map<bigint, V>, key: bigint, value: V): void {
  map.set(key, value);
  if (map.size > KEEP) map.delete(map.keys().next().value!);
}

const I64_MAX = (1n << 63n) - 1n;
function clampI64(x: bigint): bigint {
  return x > I64_MAX ? I64_MAX : x < -I64_MAX - 1n ? -I64_MAX - 1n : x;
}
