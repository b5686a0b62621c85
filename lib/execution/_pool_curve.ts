// lib/execution/_pool_curve.ts — one job: one pool seen by the order router: its exact output for
// an input, its marginal rate, and the input that brings that rate down to a given level.
import {
  AmmError,
  type AnyPoolState,
  BPS,
  getSqrtRatioAtTick,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  Q192,
  v2AmountOut,
  v3Swap,
} from "../amm/mod.ts";
import { isqrt } from "../arbitrage/isqrt.ts";

/** Marginal rates (output units per input unit) are fixed-point integers `L = rate · 2^Q`. */
export const RATE_BITS = 128n;
const PIPS = 1_000_000n;
const MAX_INT256 = (1n << 255n) - 1n;
const MAX_UINT112 = (1n << 112n) - 1n;

/** The exact view of one pool in one direction. */
export interface PoolCurve {
  /** Exact output for `amountIn` (0 for 0), or -1 when the pool would revert or not take it all. */
  out(amountIn: bigint): bigint;
  /** `L` of the marginal rate before any input (floor). */
  readonly initialRate: bigint;
  /** The input after which the marginal rate is about `rate / 2^Q` (0 when already below). */
  amountAtRate(rate: bigint): bigint;
}

/** The curve of `pool` paying token0 (`zeroForOne`) or token1. */
export function poolCurve(pool: AnyPoolState, zeroForOne: boolean): PoolCurve {
  return pool.protocol === "v2" ? v2Curve(pool.state, zeroForOne) : v3Curve(pool.state, zeroForOne);
}

function v2Curve(
  state: { reserve0: bigint; reserve1: bigint; feeBps: bigint },
  zeroForOne: boolean,
): PoolCurve {
  const rIn = zeroForOne ? state.reserve0 : state.reserve1;
  const rOut = zeroForOne ? state.reserve1 : state.reserve0;
  const fee = state.feeBps;
  const g = BPS - fee;
  const room = MAX_UINT112 - rIn; // the pair reverts once a balance overflows uint112
  return {
    out(amountIn: bigint): bigint {
      if (amountIn === 0n) return 0n;
      if (amountIn < 0n || amountIn > room || rIn === 0n || rOut === 0n) return -1n;
      const out = v2AmountOut(amountIn, rIn, rOut, fee);
      return out === 0n ? -1n : out; // the pair reverts a swap that pays nothing out
    },
    initialRate: rIn === 0n ? 0n : (g * rOut << RATE_BITS) / (BPS * rIn),
    amountAtRate(rate: bigint): bigint {
      if (rIn === 0n || rOut === 0n || g === 0n) return 0n;
      if (rate <= 0n) return room;
      // out'(a) = 10⁴·g·rIn·rOut / (10⁴·rIn + g·a)², solved for a at out'(a) = rate / 2^Q
      const a = (isqrt((BPS * g * rIn * rOut << RATE_BITS) / rate) - BPS * rIn) / g;
      return a <= 0n ? 0n : a > room ? room : a;
    },
  };
}

function v3Curve(
  state: Parameters<typeof v3Swap>[0],
  zeroForOne: boolean,
): PoolCurve {
  const keep = PIPS - BigInt(state.fee);
  const start = state.sqrtPriceX96;
  const edge = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
  const blocked = zeroForOne ? start <= edge : start >= edge;
  // what the pool takes on the way to the price bound: past it a swap walks empty tick words to
  // the bound (thousands of steps), so inputs above it are refused without a swap
  let capacity = -1n;
  const takes = (): bigint => {
    if (capacity < 0n) capacity = v3Capacity(state, zeroForOne, edge);
    return capacity;
  };
  return {
    out(amountIn: bigint): bigint {
      if (amountIn === 0n) return 0n;
      if (amountIn < 0n || amountIn > MAX_INT256 || blocked || amountIn > takes()) return -1n;
      try {
        const r = v3Swap(state, zeroForOne, amountIn, edge);
        const [paid, received] = zeroForOne ? [r.amount0, -r.amount1] : [r.amount1, -r.amount0];
        return paid === amountIn ? received : -1n; // beyond the pool's liquidity
      } catch (e) {
        if (e instanceof AmmError) return -1n;
        throw e;
      }
    },
    // zeroForOne pays s²/2^192 token1 per token0, the other way 2^192/s², less the fee
    initialRate: blocked || start === 0n
      ? 0n
      : zeroForOne
      ? (keep * start * start << RATE_BITS) / (PIPS * Q192)
      : (keep * Q192 << RATE_BITS) / (PIPS * start * start),
    amountAtRate(rate: bigint): bigint {
      if (blocked || state.liquidity === 0n && state.ticks.size === 0) return 0n;
      let target: bigint;
      if (rate <= 0n) return takes();
      else if (zeroForOne) {
        target = isqrt((rate * Q192 * PIPS >> RATE_BITS) / keep);
        if (target >= start) return 0n;
        if (target < edge) target = edge;
      } else {
        target = isqrt((keep * Q192 << RATE_BITS) / (PIPS * rate));
        if (target <= start) return 0n;
        if (target > edge) target = edge;
      }
      if (target === start) return 0n;
      const r = v3Swap(state, zeroForOne, MAX_INT256, target);
      return zeroForOne ? r.amount0 : r.amount1;
    },
  };
}

// The input a V3 pool takes before its price reaches the bound: up to its farthest initialized
// tick, past which no position is in range (found by a swap to that tick; the walk to the bound
// only when liquidity remains there)
function v3Capacity(
  state: Parameters<typeof v3Swap>[0],
  zeroForOne: boolean,
  edge: bigint,
): bigint {
  const paid = (r: { amount0: bigint; amount1: bigint }) => zeroForOne ? r.amount0 : r.amount1;
  const ticks = state.ticks.ticks();
  const far = zeroForOne ? ticks[0] : ticks[ticks.length - 1];
  if (far !== undefined) {
    const price = getSqrtRatioAtTick(far);
    const ahead = zeroForOne ? price < state.sqrtPriceX96 : price > state.sqrtPriceX96;
    if (ahead && price > MIN_SQRT_RATIO + 1n && price < MAX_SQRT_RATIO - 1n) {
      const r = v3Swap(state, zeroForOne, MAX_INT256, price);
      if (r.liquidity === 0n) return paid(r);
    }
  } else if (state.liquidity === 0n) {
    return 0n;
  }
  return paid(v3Swap(state, zeroForOne, MAX_INT256, edge));
}
