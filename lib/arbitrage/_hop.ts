// lib/arbitrage/_hop.ts — one job: the per-hop primitives the sizing and the detector share:
// exact output, exact least input, the constant-product relaxation, the marginal rate.
import {
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  Q192,
  Q96,
  v3Swap,
  type V3SwapResult,
} from "../amm/mod.ts";
import type { Mobius } from "./mobius.ts";
import type { RouteHop, V3Hop } from "./hop_types.ts";

const BPS = 10_000n;
const PIPS = 1_000_000n;
const MAX_UINT112 = (1n << 112n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;
const MAX_INT255 = (1n << 255n) - 1n;

/**
 * Exact output of one hop for `amountIn` (0 for 0), or −1 when the pool cannot take the input:
 * a V2 reserve would pass uint112 or the library's uint256 product would overflow, a V3 swap would
 * reach the price limit before using the whole input, or the V3 math reverts.
 */
export function hopOut(hop: RouteHop, amountIn: bigint): bigint {
  if (amountIn === 0n) return 0n;
  if (hop.protocol === "v2") {
    const s = hop.state;
    const rIn = hop.zeroForOne ? s.reserve0 : s.reserve1;
    const rOut = hop.zeroForOne ? s.reserve1 : s.reserve0;
    if (rIn === 0n || rOut === 0n || rIn + amountIn > MAX_UINT112) return -1n;
    const withFee = amountIn * (BPS - s.feeBps);
    const numerator = withFee * rOut;
    if (numerator > MAX_UINT256) return -1n;
    return numerator / (rIn * BPS + withFee);
  }
  const r = v3SwapIn(hop, amountIn);
  if (r === undefined) return -1n;
  return hop.zeroForOne ? -r.amount1 : -r.amount0;
}

/** The V3 swap of an exact input, or undefined when it reverts or cannot use the whole input. */
export function v3SwapIn(hop: V3Hop, amountIn: bigint): V3SwapResult | undefined {
  if (amountIn > MAX_INT255) return undefined;
  let r: V3SwapResult;
  try {
    r = v3Swap(hop.state, hop.zeroForOne, amountIn, limitOf(hop));
  } catch {
    return undefined;
  }
  const used = hop.zeroForOne ? r.amount0 : r.amount1;
  return used === amountIn ? r : undefined;
}

function limitOf(hop: V3Hop): bigint {
  return hop.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
}

/**
 * The least input whose exact output is at least `amountOut` (0 for 0), or −1 when no input
 * reaches it. V2 inverts the pair formula exactly (a ceiling); V3 asks the pool for the exact
 * output swap, then settles the last units with exact-input checks.
 */
export function hopMinIn(hop: RouteHop, amountOut: bigint): bigint {
  if (amountOut <= 0n) return 0n;
  if (hop.protocol === "v2") {
    const s = hop.state;
    const rIn = hop.zeroForOne ? s.reserve0 : s.reserve1;
    const rOut = hop.zeroForOne ? s.reserve1 : s.reserve0;
    if (rIn === 0n || amountOut >= rOut) return -1n;
    // out(a) ≥ y ⟺ a·γ·(rOut − y) ≥ y·rIn·10000, so the least a is that quotient rounded up
    const num = amountOut * rIn * BPS;
    const den = (rOut - amountOut) * (BPS - s.feeBps);
    const a = (num + den - 1n) / den;
    // the same limits as hopOut: the pair's uint112 balance and the library's uint256 product
    if (rIn + a > MAX_UINT112 || a * (BPS - s.feeBps) * rOut > MAX_UINT256) return -1n;
    return a;
  }
  let guess: bigint;
  try {
    const r = v3Swap(hop.state, hop.zeroForOne, -amountOut, limitOf(hop));
    const received = hop.zeroForOne ? -r.amount1 : -r.amount0;
    if (received < amountOut) return -1n;
    guess = hop.zeroForOne ? r.amount0 : r.amount1;
  } catch {
    return -1n;
  }
  return leastInput(hop, amountOut, guess);
}

// least a with out(a) ≥ target, given a guess near it (out is non-decreasing in a)
function leastInput(hop: RouteHop, target: bigint, guess: bigint): bigint {
  let hi = guess;
  let step = 1n;
  for (;;) {
    const out = hopOut(hop, hi);
    if (out >= target) break;
    if (out < 0n) return -1n;
    hi += step;
    step *= 2n;
    if (step > 1n << 128n) return -1n;
  }
  let lo = hi - 1n; // invariant: out(hi) ≥ target; search below while out(lo) ≥ target
  step = 1n;
  while (lo >= 0n && hopOut(hop, lo) >= target) {
    hi = lo;
    lo = hi - step;
    step *= 2n;
  }
  if (lo < 0n) lo = -1n;
  // out(lo) < target ≤ out(hi) (lo = −1 stands for "below zero")
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (mid >= 0n && hopOut(hop, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The hop's real-valued output on its current price range as `a·x/(b + c·x)`. Exact for V2 (the
 * pair formula without the floor). For V3 it is the constant product on the virtual reserves
 * `L/√P` and `L·√P`, exact while the swap stays inside the current tick range. Undefined for an
 * empty pool (V2 zero reserve, V3 zero active liquidity).
 */
export function hopMobius(hop: RouteHop): Mobius | undefined {
  if (hop.protocol === "v2") {
    const s = hop.state;
    const rIn = hop.zeroForOne ? s.reserve0 : s.reserve1;
    const rOut = hop.zeroForOne ? s.reserve1 : s.reserve0;
    if (rIn === 0n || rOut === 0n) return undefined;
    const g = BPS - s.feeBps;
    return { a: g * rOut, b: BPS * rIn, c: g };
  }
  const s = hop.state;
  return v3Mobius(s.liquidity, s.sqrtPriceX96, s.fee, hop.zeroForOne);
}

/** {@linkcode hopMobius} of a V3 pool at liquidity `l` and price `p` (undefined when `l` = 0). */
export function v3Mobius(
  l: bigint,
  p: bigint,
  fee: number,
  zeroForOne: boolean,
): Mobius | undefined {
  if (l === 0n) return undefined;
  const g = PIPS - BigInt(fee);
  // virtual reserves L·2^96/√P and L·√P/2^96, scaled by 1e6·√P·2^96 so all three are integers
  return zeroForOne
    ? { a: g * l * p * p, b: PIPS * l * Q192, c: g * p * Q96 }
    : { a: g * l * Q192, b: PIPS * l * p * p, c: g * p * Q96 };
}

/**
 * The hop's marginal rate (output per unit of input, after the fee) at the state reached by
 * trading `amountIn` for `amountOut` (a V3 hop passes the swap's price after), as num/den.
 */
export function hopMarginal(
  hop: RouteHop,
  amountIn: bigint,
  amountOut: bigint,
  sqrtPriceAfter: bigint,
): { num: bigint; den: bigint } {
  if (hop.protocol === "v2") {
    const s = hop.state;
    const rIn = (hop.zeroForOne ? s.reserve0 : s.reserve1) + amountIn;
    const rOut = (hop.zeroForOne ? s.reserve1 : s.reserve0) - amountOut;
    return { num: rOut * (BPS - s.feeBps), den: rIn * BPS };
  }
  const g = PIPS - BigInt(hop.state.fee);
  const p2 = sqrtPriceAfter * sqrtPriceAfter;
  return hop.zeroForOne ? { num: p2 * g, den: Q192 * PIPS } : { num: Q192 * g, den: p2 * PIPS };
}
