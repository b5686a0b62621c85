// lib/arbitrage/signal_frame.ts — one job: write a detection into a frame as ArbitrageSignal,
// SignalIdentity and Economics TLVs.
import { type FrameBuilder, RelayDomain, TlvType } from "../protocol/mod.ts";
import type { ArbitrageDetection } from "./detection.ts";
import { ArbitrageError } from "./errors.ts";

/** Options of {@linkcode writeArbitrageSignal}. */
export interface SignalFrameOptions {
  /**
   * SignalIdentity confidence, 0 to 100 (default 100: the figures are exact and the size is the
   * proved integer optimum). A detection whose size is not certified is written with at most
   * {@linkcode UNCERTIFIED_CONFIDENCE}, so a reader of the frame knows the size may not be optimal.
   */
  readonly confidence?: number;
  /** The signal goes stale this long after detection, ns (default 2 s, about a block on L2s
   * and well inside an L1 block). */
  readonly ttlNs?: bigint;
}

/**
 * The SignalIdentity confidence of a detection whose size is the best found within the sizing
 * budget but not proved optimal (`ArbitrageDetection.certified` false); its figures are still
 * exact.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UNCERTIFIED_CONFIDENCE } from "./signal_frame.ts";
 * assert(UNCERTIFIED_CONFIDENCE < 100);
 * ```
 */
export const UNCERTIFIED_CONFIDENCE: number = 99;

/**
 * Writes one frame on the signal domain holding the detection's ArbitrageSignal, its
 * SignalIdentity and, when the detection has USD figures, its Economics. Returns the frame size.
 * The confidence is capped at {@linkcode UNCERTIFIED_CONFIDENCE} when the size is not certified.
 *
 * @throws {ArbitrageError} `INVALID_OPTION` for a bad confidence or ttl; the builder's
 *   ProtocolError when a value does not fit its field
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import {
 *   type ArbitrageSignal, decodeTlvs, FrameBuilder, parseFrame, SourceType,
 * } from "../protocol/mod.ts";
 * import { writeArbitrageSignal } from "./signal_frame.ts";
 * const signal: ArbitrageSignal = {
 *   signalId: 1n, strategyId: 1, chainId: 1, tokenIn: `0x${"0a".repeat(20)}`, decimalsIn: 18,
 *   amountIn: 10n, expectedOut: 12n, expectedProfit: 2n, gasUnits: 170_000n, gasPriceWei: 0n,
 *   gasCostIn: 0n, netProfit: 2n, netProfitUsd: 0n, gasCostUsd: 0n, blockNumber: 5n,
 *   detectedNs: 1n, hops: [{
 *     pool: `0x03${"00".repeat(31)}`, tokenIn: `0x${"0a".repeat(20)}`,
 *     tokenOut: `0x${"0b".repeat(20)}`, amountIn: 10n, amountOut: 30n,
 *   }],
 * };
 * const b = new FrameBuilder({ source: SourceType.Detector });
 * writeArbitrageSignal(b, { signal, economics: undefined, certified: true, cycle: 0 });
 * const names = decodeTlvs(parseFrame(b.take())).map((t) => t.name);
 * assert.deepEqual(names, ["SignalIdentity", "ArbitrageSignal"]);
 * ```
 */
export function writeArbitrageSignal(
  builder: FrameBuilder,
  detection: ArbitrageDetection,
  options: SignalFrameOptions = {},
): number {
  const confidence = options.confidence ?? 100;
  if (!Number.isInteger(confidence) || confidence < 0 || confidence > 100) {
    throw new ArbitrageError("INVALID_OPTION", `Confidence must be 0 to 100, got ${confidence}`, {
      confidence,
    });
  }
  const ttl = options.ttlNs ?? 2_000_000_000n;
  if (typeof ttl !== "bigint" || ttl < 0n) {
    throw new ArbitrageError("INVALID_OPTION", `ttlNs must be a bigint ≥ 0, got ${ttl}`, { ttl });
  }
  const s = detection.signal;
  const stated = detection.certified ? confidence : Math.min(confidence, UNCERTIFIED_CONFIDENCE);
  builder.begin(RelayDomain.Signal);
  try {
    builder.add(TlvType.SignalIdentity, {
      strategyId: s.strategyId,
      signalId: s.signalId,
      confidence: stated,
      expiresNs: s.detectedNs + ttl,
    });
    if (detection.economics !== undefined) builder.add(TlvType.Economics, detection.economics);
    builder.add(TlvType.ArbitrageSignal, s);
  } catch (e) {
    builder.abort();
    throw e;
  }
  return builder.end();
}
