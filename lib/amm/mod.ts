// lib/amm/mod.ts — the public surface of the pool math: exact Uniswap V2 and V3, no I/O.
export { AmmError, type AmmErrorCode } from "./errors.ts";
export {
  assertV2Fee,
  assertV2Reserve,
  BPS,
  V2_DEFAULT_FEE_BPS,
  v2AmountIn,
  v2AmountOut,
} from "./v2.ts";
export { compareRational, type Rational, v2MarginalPrice, v2SpotPrice } from "./v2_price.ts";
export {
  createV2PoolState,
  v2ApplySwap,
  v2ApplySync,
  type V2PoolState,
  type V2SwapAmounts,
  v2SwapExactInput,
  v2SwapExactOutput,
  type V2SwapResult,
} from "./v2_state.ts";
export * from "./v3/mod.ts";
export { Q128, Q192, Q96 } from "./fixed_point.ts";
export { type AnyPoolState, type PoolQuote, quotePool } from "./pool_quote.ts";
