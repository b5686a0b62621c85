// lib/arbitrage/detection.ts — one job: what the detector reports (a detection, its counters),
// shared by the detector and its float and exact stages.
import type { ArbitrageSignal, Economics } from "../protocol/mod.ts";

/** A signal with what the detector knows beyond its wire fields. */
export interface ArbitrageDetection {
  /** The ArbitrageSignal value, ready for a FrameBuilder. */
  readonly signal: ArbitrageSignal;
  /** Its economics in USD (undefined when the input token has no USD valuation). */
  readonly economics: Economics | undefined;
  /** Whether the size is proved to be the integer optimum (see `SizedRoute.certified`). */
  readonly certified: boolean;
  /** The cycle id in the detector's graph. */
  readonly cycle: number;
}

/** Counters since the detector was built. */
export interface DetectorStats {
  /** Values applied. */
  updates: number;
  /** Values that changed no state (V2 Swap/Mint/Burn: the Sync carries the reserves; unknown
   * pools; other chains). */
  ignored: number;
  /** Cycles whose float sum was computed. */
  cyclesScanned: number;
  /** Cycles skipped because their token cycle's float bound ruled them out. */
  cyclesPruned: number;
  /** Cycles that passed the float stages and went to the exact stage. */
  candidates: number;
  /** Candidates sized exactly. */
  sized: number;
  /** Candidates with no profitable integer size. */
  unprofitable: number;
  /** Cycles whose float profit estimate was below the least gross profit that can clear the
   * guard, less a margin far above the estimate's error (so they cannot pass). */
  belowGuardEstimate: number;
  /** Candidates below the minimum-profit guard (exact bound before sizing, or after it). */
  belowGuard: number;
  /** Candidates skipped because even their exact bound nets less than the detections kept. */
  outranked: number;
  /** Candidates dropped: no gas price yet, no pool path to value gas in the input token, or a
   * figure outside its wire range. */
  unpriced: number;
  /** Signals emitted. */
  signals: number;
  /** Emitted signals whose size was certified optimal. */
  certified: number;
}
