// tests/risk/_reports.ts — ExecutionReport values for the breaker scenarios.
import type { ExecutionReport, Hex } from "../../lib/protocol/mod.ts";
import { WETH } from "./_fixtures.ts";

/** Order status numbers of OrderStatus / ExecutionReport. */
export const Status = {
  Submitted: 2,
  Filled: 3,
  Cancelled: 5,
  Rejected: 6,
  Reverted: 7,
  Expired: 8,
};

/** A final report of `signalId` with a realised P&L in USD fixed point. */
export function report(
  signalId: bigint,
  realizedPnlUsd: bigint,
  status = Status.Filled,
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
