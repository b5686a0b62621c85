// tests/risk/_reports.ts — ExecutionReport values for the breaker scenarios.
import { type ExecutionReport, type Hex, OrderState } from "../../lib/protocol/mod.ts";
import { WETH } from "./_fixtures.ts";

/** A final report of `signalId` with a realised P&L in USD fixed point. */
export function report(
  signalId: bigint,
  realizedPnlUsd: bigint,
  status: number = OrderState.Filled,
): ExecutionReport {
  return {
    orderId: signalId,
    signalId,
    status,
    mode: 1,
    token: WETH.address as Hex,
    decimals: 18,
    expectedProfit: 0n,
    realizedProfit: 0n,
    expectedPnlUsd: 0n,
    realizedPnlUsd,
    gasCostUsd: 0n,
    txHash: `0x${"00".repeat(32)}`,
    blockNumber: 1n,
    latencyNs: 1n,
  };
}
