// lib/amm/v3/_tick_math.ts — one job: TickMath's two conversions, bit-identical, unchecked inputs.
import { Q128 } from "../fixed_point.ts";
import { MAX_UINT256 } from "../_uint.ts";

/** Lowest tick: log base 1.0001 of 2^-128, rounded toward zero. */
export const MIN_TICK = -887272;
/** Highest tick: `-MIN_TICK`. */
export const MAX_TICK = 887272;
/** `getSqrtRatioAtTick(MIN_TICK)`. */
export const MIN_SQRT_RATIO = 4295128739n;
/** `getSqrtRatioAtTick(MAX_TICK)`. */
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

// Q128.128 values of 1/sqrt(1.0001)^(2^i) for i = 1..19, the factors the contract multiplies by.
const FACTORS: readonly bigint[] = [
  0n, // bit 0 seeds the product instead (below)
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
];
const FACTOR_BIT0 = 0xfffcb933bd6fad37aa2d162d1a594001n;
const LOW32 = 0xffffffffn;

/**
 * `TickMath.getSqrtRatioAtTick` for a tick already known to be in [MIN_TICK, MAX_TICK]: the same
 * products of Q128.128 constants, the same truncations, the same final round-up to Q64.96.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sqrtRatioAtTick } from "./_tick_math.ts";
 * assert(sqrtRatioAtTick(0) === 1n << 96n);
 * ```
 */
export function sqrtRatioAtTick(tick: number): bigint {
  const absTick = tick < 0 ? -tick : tick;
  let ratio = (absTick & 1) !== 0 ? FACTOR_BIT0 : Q128;
  for (let bit = 1, mask = 2; mask <= absTick; bit++, mask <<= 1) {
    if ((absTick & mask) !== 0) ratio = (ratio * FACTORS[bit]!) >> 128n;
  }
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  // round up from Q128.128 to Q64.96 so that tickAtSqrtRatio of the result is consistent
  return (ratio >> 32n) + ((ratio & LOW32) === 0n ? 0n : 1n);
}

// bit i of the fractional log2, i = 63 … 50, as the 14 squaring steps produce them
const LOG_BITS: readonly bigint[] = Array.from({ length: 14 }, (_, k) => 1n << BigInt(63 - k));
const P64 = 1n << 64n;
const P32 = 1n << 32n;
const LOG_SQRT10001 = 255738958999603826347141n;
const TICK_LOW_OFFSET = 3402992956809132418596140100660247210n;
const TICK_HI_OFFSET = 291339464771989622907027621153398088495n;

/**
 * `TickMath.getTickAtSqrtRatio` literally, for a price already known to be in [MIN_SQRT_RATIO,
 * MAX_SQRT_RATIO): the contract's 14-bit log2 approximation, then its `tickHi` check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tickAtSqrtRatioContract } from "./_tick_math.ts";
 * assert(tickAtSqrtRatioContract(1n << 96n) === 0);
 * ```
 */
export function tickAtSqrtRatioContract(sqrtPriceX96: bigint): number {
  const ratio = sqrtPriceX96 << 32n;
  let r = ratio;
  let msb = 0;
  if (r >= Q128) (msb += 128), (r >>= 128n);
  if (r >= P64) (msb += 64), (r >>= 64n);
  if (r >= P32) (msb += 32), (r >>= 32n);
  if (r >= 0x10000n) (msb += 16), (r >>= 16n);
  if (r >= 0x100n) (msb += 8), (r >>= 8n);
  if (r >= 0x10n) (msb += 4), (r >>= 4n);
  if (r >= 0x4n) (msb += 2), (r >>= 2n);
  if (r >= 0x2n) msb += 1;

  r = msb >= 128 ? ratio >> BigInt(msb - 127) : ratio << BigInt(127 - msb);
  // the low 64 bits of (msb - 128) << 64 are zero, so adding the bits equals the contract's OR
  let log2 = BigInt(msb - 128) << 64n;
  for (let k = 0; k < 14; k++) {
    r = (r * r) >> 127n;
    if (r >= Q128) {
      log2 += LOG_BITS[k]!;
      r >>= 1n;
    }
  }
  const logSqrt10001 = log2 * LOG_SQRT10001;
  const tickLow = Number((logSqrt10001 - TICK_LOW_OFFSET) >> 128n);
  const tickHi = Number((logSqrt10001 + TICK_HI_OFFSET) >> 128n);
  if (tickLow === tickHi) return tickLow;
  return sqrtRatioAtTick(tickHi) <= sqrtPriceX96 ? tickHi : tickLow;
}

// 2 / ln(1.0001): ticks per unit of ln(sqrtPrice), to 33 significant digits
const TICKS_PER_LN_SQRT = 20000.999983334166613892638603528;
const TWO_POW_NEG_96 = 2 ** -96;
// Over every tick t, |estimate(getSqrtRatioAtTick(t)) - t| < 4.7e-6 (checked exhaustively in
// tests/amm/tick_math_test.ts) and the float error is < 1e-9, so a fraction this far from an
// integer cannot be on the wrong side of a tick boundary.
const FAST_PATH_MARGIN = 1e-3;

/**
 * The greatest tick whose sqrt ratio is ≤ `sqrtPriceX96` — the same integer as the contract's
 * `getTickAtSqrtRatio`, computed from a float logarithm when the price is not within 1e-3 of a
 * tick boundary (≈ 20× faster), and by the contract's algorithm otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sqrtRatioAtTick, tickAtSqrtRatio } from "./_tick_math.ts";
 * assert(tickAtSqrtRatio(sqrtRatioAtTick(-100) + 12345n) === -100);
 * ```
 */
export function tickAtSqrtRatio(sqrtPriceX96: bigint): number {
  const estimate = Math.log(Number(sqrtPriceX96) * TWO_POW_NEG_96) * TICKS_PER_LN_SQRT;
  const tick = Math.floor(estimate);
  const fraction = estimate - tick;
  if (fraction > FAST_PATH_MARGIN && fraction < 1 - FAST_PATH_MARGIN) return tick;
  return tickAtSqrtRatioContract(sqrtPriceX96);
}

// Word-boundary targets recur across swaps and pools; bounded so a scan over ticks cannot grow it.
const boundaryCache = new Map<number, bigint>();
const BOUNDARY_CACHE_LIMIT = 1 << 16;

/**
 * `sqrtRatioAtTick` memoised (exact: the function is pure), for the bitmap-word boundaries a
 * swap steps to when a word holds no initialized tick.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sqrtRatioAtTick, sqrtRatioAtTickCached } from "./_tick_math.ts";
 * assert(sqrtRatioAtTickCached(-256) === sqrtRatioAtTick(-256));
 * ```
 */
export function sqrtRatioAtTickCached(tick: number): bigint {
  let ratio = boundaryCache.get(tick);
  if (ratio === undefined) {
    if (boundaryCache.size >= BOUNDARY_CACHE_LIMIT) boundaryCache.clear();
    ratio = sqrtRatioAtTick(tick);
    boundaryCache.set(tick, ratio);
  }
  return ratio;
}
