import assert from "node:assert/strict";
import { ExecutionReason, LiveReason } from "../../lib/execution/mod.ts";
import { MARKET_MISS_REASONS } from "../../lib/risk/mod.ts";

Deno.test("the risk layer's market-miss reasons are exactly the executors' stale, below-guard, slippage and too-little-profit codes", () => {
  assert.deepEqual(
    [...MARKET_MISS_REASONS].sort((a, b) => a - b),
    [
      ExecutionReason.StaleSignal,
      ExecutionReason.BelowGuard,
      ExecutionReason.Slippage,
      LiveReason.InsufficientProfit,
    ].sort((a, b) => a - b),
  );
});
