// lib/amm/v3/mod.ts — the public surface of the Uniswap V3 math.
export { mulDiv, mulDivRoundingUp } from "./full_math.ts";
export {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "./tick_math.ts";
export {
  getAmount0Delta,
  getAmount0DeltaSigned,
  getAmount1Delta,
  getAmount1DeltaSigned,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from "./sqrt_price_math.ts";
export { computeSwapStep, type SwapStep } from "./swap_math.ts";
export { addLiquidityDelta } from "./liquidity_math.ts";
export { MAX_TICK_SPACING, type V3TickInfo, V3TickTable } from "./tick_table.ts";
export {
  cloneV3PoolState,
  createV3PoolState,
  v3MaxLiquidityPerTick,
  type V3PoolState,
  type V3PoolStateInit,
} from "./pool_state.ts";
export { v3Swap, type V3SwapFees, type V3SwapResult, v3SwapWithFees } from "./swap.ts";
export {
  v3ApplyBurn,
  v3ApplyMint,
  v3ApplySwap,
  type V3PositionAmounts,
  type V3SwapOutcome,
} from "./pool_events.ts";
export { v3CountInitializedTicksCrossed } from "./ticks_counter.ts";
export { type V3Quote, v3QuoteExactInput, v3QuoteExactOutput } from "./quoter.ts";
