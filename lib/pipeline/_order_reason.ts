// lib/pipeline/_order_reason.ts — one job: the name of an OrderStatus reason code, paper
// (0–99) or live (100–149).
import { executionReasonName, LiveReason } from "../execution/mod.ts";

const LIVE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(LiveReason).map(([name, code]) => [code as number, name]),
);

/** `InsufficientProfit` for 101, `Slippage` for 3, `Unknown(n)` otherwise. */
export function orderReasonName(code: number): string {
  return code >= 100 ? LIVE_NAMES.get(code) ?? `Unknown(${code})` : executionReasonName(code);
}
