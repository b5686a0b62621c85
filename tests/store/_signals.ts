// tests/store/_signals.ts — frames of every persisted TLV type, with amounts at the edges of
// their ranges (far beyond int64), built in memory.
import {
  type ArbitrageSignal,
  buildFrame,
  type ExecutionReport,
  type GasPrice,
  RelayDomain,
  type RiskDecision,
  type RiskMetrics,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { concat } from "../transport/_frames.ts";

const U128_MAX = (1n << 128n) - 1n;
const I128_MIN = -(1n << 127n);
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
/** All frames carry this header time: the persister must still keep every point. */
export const STAMP = 1_700_000_000_123_456_789n;

export function signal(i: number): ArbitrageSignal {
  const big = U128_MAX - BigInt(i);
  return {
    signalId: (1n << 64n) - 1n - BigInt(i), // all 64 bits
    strategyId: 7,
    chainId: 137,
    tokenIn: `0x${"ab".repeat(20)}`,
    decimalsIn: 18,
    amountIn: big,
    expectedOut: big - 1n,
    expectedProfit: I128_MIN + BigInt(i),
    gasUnits: 170_000n,
    gasPriceWei: 30_000_000_000n,
    gasCostIn: 12_345_678_901_234_567_890_123n,
    netProfit: -(10n ** 30n) - BigInt(i),
    netProfitUsd: I64_MIN,
    gasCostUsd: I64_MAX,
    blockNumber: 50_000_000n + BigInt(i),
    detectedNs: STAMP,
    hops: [
      {
        pool: `0x03${"11".repeat(31)}`,
        tokenIn: `0x${"ab".repeat(20)}`,
        tokenOut: `0x${"cd".repeat(20)}`,
        amountIn: big,
        amountOut: U128_MAX,
      },
      {
        pool: `0x03${"22".repeat(31)}`,
        tokenIn: `0x${"cd".repeat(20)}`,
        tokenOut: `0x${"ab".repeat(20)}`,
        amountIn: U128_MAX,
        amountOut: big - 1n,
      },
    ],
  };
}

export const decision = (i: number): RiskDecision => ({
  signalId: BigInt(i),
  decision: 3,
  reasonCode: 12,
  approvedAmount: U128_MAX - BigInt(i),
  tradingState: 2,
});

export const report = (i: number): ExecutionReport => ({
  orderId: BigInt(i),
  signalId: BigInt(i),
  status: 3,
  mode: 1,
  token: `0x${"ab".repeat(20)}`,
  decimals: 18,
  expectedProfit: I128_MIN,
  realizedProfit: (1n << 127n) - 1n - BigInt(i),
  expectedPnlUsd: I64_MAX,
  realizedPnlUsd: I64_MIN,
  gasCostUsd: 123n,
  txHash: `0x${"ef".repeat(32)}`,
  blockNumber: 42n,
  latencyNs: 1_500_000n,
});

export const metrics = (i: number): RiskMetrics => ({
  navUsd: I64_MAX - BigInt(i),
  peakNavUsd: I64_MAX,
  drawdownBps: 4_294_967_295,
  var95Usd: I64_MIN,
  cvar95Usd: -1n,
  var99Usd: 0n,
  cvar99Usd: 1n,
  grossExposureUsd: 10n ** 18n,
  method: 3,
  window: 250,
});

export const gas = (i: number): GasPrice => ({
  chainId: 1,
  blockNumber: BigInt(i),
  blockTimestamp: 1_700_000_000n,
  baseFeeWei: U128_MAX - BigInt(i),
  priorityFeeWei: 1n,
});

/** `n` frames of each persisted type, all stamped {@linkcode STAMP}, sources as in a pipeline. */
export function persistedFrames(n: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const seq = BigInt(i + 1);
    const o = { timestampNs: STAMP };
    parts.push(
      buildFrame(RelayDomain.Signal, SourceType.Detector, seq, [[
        TlvType.ArbitrageSignal,
        signal(i),
      ]], o),
      buildFrame(
        RelayDomain.Signal,
        SourceType.Risk,
        seq,
        [[TlvType.RiskDecision, decision(i)]],
        o,
      ),
      buildFrame(RelayDomain.Execution, SourceType.Executor, seq, [[
        TlvType.ExecutionReport,
        report(i),
      ]], o),
      buildFrame(RelayDomain.Signal, SourceType.Portfolio, seq, [[
        TlvType.RiskMetrics,
        metrics(i),
      ]], o),
      buildFrame(
        RelayDomain.MarketData,
        SourceType.Collector,
        seq,
        [[TlvType.GasPrice, gas(i)]],
        o,
      ),
      // Not persisted: must be passed over.
      buildFrame(RelayDomain.Execution, SourceType.Executor, seq + 1_000_000n, [[
        TlvType.OrderCancel,
        { orderId: seq, reasonCode: 0 },
      ]], o),
    );
  }
  return concat(...parts);
}
