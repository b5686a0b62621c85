// lib/arbitrage/scan_stage.ts — one job: the detector as a stage: market-data frames in, every
// frame forwarded, one ArbitrageSignal frame added per detection.
import { decodeTlvs, type Frame, FrameBuilder, RelayDomain, SourceType } from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../transport/stage_contract.ts";
import type { ArbitrageDetection } from "./detection.ts";
import { ArbitrageDetector, type DetectorOptions } from "./detector.ts";
import { ArbitrageError } from "./errors.ts";
import { type SignalFrameOptions, writeArbitrageSignal } from "./signal_frame.ts";

/** Options of a {@linkcode ScanProcessor}: the detector's, plus how signals are framed. */
export interface ScanProcessorOptions extends DetectorOptions {
  /** Confidence and time to live of the signal frames. */
  readonly signalFrame?: SignalFrameOptions;
  /** Source number of the signal frames (default `SourceType.Detector`). */
  readonly source?: number;
  /** Called with each detection right after its frame is emitted (e.g. a live view). */
  readonly onDetection?: (detection: ArbitrageDetection) => void;
  /** Called when the detector refuses a frame's values (the frame is still forwarded). */
  readonly onRefused?: (error: ArbitrageError, frame: Frame) => void;
}

/** What a {@linkcode ScanProcessor} did. */
export interface ScanStats {
  /** Frames read. */
  framesIn: number;
  /** Market-data frames given to the detector. */
  marketFrames: number;
  /** Signal frames emitted. */
  signals: number;
  /** Frames whose values the detector refused (a pool of another chain, a contradiction). */
  refused: number;
}

/**
 * The `arb-scan` stage's logic: each market-data frame's TLVs go to the
 * {@linkcode ArbitrageDetector} (`onTlvs`, so a snapshot frame is evaluated once), every input
 * frame is forwarded unchanged, and each detection follows it as one signal-domain frame
 * (SignalIdentity, Economics, ArbitrageSignal; see {@linkcode writeArbitrageSignal}). A frame
 * whose values the detector refuses (an `ArbitrageError`) is counted in `stats.refused`,
 * reported through `onRefused` and still forwarded; other errors stop the stage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../instrument/mod.ts";
 * import {
 *   buildFrame, bytesToHex, decodeTlvs, type Hex, parseFrame, type PoolState, RelayDomain,
 *   TlvType,
 * } from "../protocol/mod.ts";
 * import { OutputQueue } from "../transport/stage_contract.ts";
 * import { ScanProcessor } from "./scan_stage.ts";
 * const weth: Hex = `0x${"0a".repeat(20)}`, usdc: Hex = `0x${"0b".repeat(20)}`;
 * const scan = new ScanProcessor({ chainId: 1, nativeToken: weth, stablecoins: [usdc] });
 * const pool = (venue: string, n: number, usdcPerWeth: bigint): PoolState => ({
 *   pool: bytesToHex(instrumentToBytes(dexPool("ethereum", venue, "0x" + String(n).repeat(40)))),
 *   protocol: 1, token0: usdc, token1: weth, decimals0: 6, decimals1: 18, fee: 3000,
 *   tickSpacing: 0, reserve0: 1000n * usdcPerWeth * 10n ** 6n, reserve1: 1000n * 10n ** 18n,
 *   sqrtPriceX96: 0n, liquidity: 0n, tick: 0, blockNumber: 1n,
 * });
 * const frame = buildFrame(RelayDomain.MarketData, 1, 1n, [
 *   [TlvType.GasPrice, { chainId: 1, blockNumber: 1n, blockTimestamp: 0n,
 *     baseFeeWei: 10n ** 10n, priorityFeeWei: 0n }],
 *   [TlvType.PoolState, pool("uniswap_v2", 1, 3000n)],
 *   [TlvType.PoolState, pool("sushiswap", 2, 3060n)],
 * ]);
 * const out = new OutputQueue();
 * scan.process(parseFrame(frame), out);
 * const [forwarded, signal] = out.take();
 * assert.deepEqual(forwarded, frame);
 * assert(decodeTlvs(parseFrame(signal!)).some((t) => t.name === "ArbitrageSignal"));
 * assert.equal(scan.stats.signals, 1);
 * ```
 */
export class ScanProcessor implements FrameProcessor {
  /** The detector (its pool graph and counters). */
  readonly detector: ArbitrageDetector;
  /** Counters. */
  readonly stats: ScanStats = { framesIn: 0, marketFrames: 0, signals: 0, refused: 0 };
  readonly #builder: FrameBuilder;
  readonly #frameOptions: SignalFrameOptions;
  readonly #onDetection: ((d: ArbitrageDetection) => void) | undefined;
  readonly #onRefused: ((e: ArbitrageError, frame: Frame) => void) | undefined;

  /** @throws {ArbitrageError} `INVALID_OPTION` for a bad detector option. */
  constructor(options: ScanProcessorOptions) {
    this.detector = new ArbitrageDetector(options);
    // Signals are small; the builder's default 64 KiB buffer would be wasted.
    this.#builder = new FrameBuilder({
      source: options.source ?? SourceType.Detector,
      initialSize: 4096,
    });
    this.#frameOptions = options.signalFrame ?? {};
    this.#onDetection = options.onDetection;
    this.#onRefused = options.onRefused;
  }

  /** Forward `frame`; for market data, run the detector and emit a frame per detection. */
  process(frame: Frame, out: FrameOutput): void {
    this.stats.framesIn++;
    out.forward(frame);
    if (frame.domain !== RelayDomain.MarketData) return;
    this.stats.marketFrames++;
    let detections: readonly ArbitrageDetection[];
    try {
      detections = this.detector.onTlvs(decodeTlvs(frame));
    } catch (e) {
      if (!(e instanceof ArbitrageError)) throw e;
      this.stats.refused++;
      this.#onRefused?.(e, frame);
      return;
    }
    const b = this.#builder;
    for (const d of detections) {
      const size = writeArbitrageSignal(b, d, this.#frameOptions);
      out.emit(b.last(size));
      b.reset();
      this.stats.signals++;
      this.#onDetection?.(d);
    }
  }
}
