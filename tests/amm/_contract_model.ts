// tests/amm/_contract_model.ts — a literal, unoptimised transcription of the V3 swap math.
//
// Each function follows the Solidity statement by statement (two-stage roundings, the
// remaining-less-fee comparison, the fee as mulDivRoundingUp, the bitmap scan), so the library's
// rewritten arithmetic and its sorted-array loop can be compared against the contract's own
// formulation. Only tick <-> price conversion is borrowed (tested on its own).
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "../../lib/amm/mod.ts";
import { tickAtSqrtRatioContract } from "../../lib/amm/v3/_tick_math.ts";
import type { BitmapModel } from "./_bitmap_model.ts";

const MAX_UINT256 = (1n << 256n) - 1n;
const MAX_UINT160 = (1n << 160n) - 1n;
const Q96 = 1n << 96n;

class Revert extends Error {}

function mulDiv(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) throw new Revert("mulDiv denominator");
  const r = (a * b) / d;
  if (r > MAX_UINT256) throw new Revert("mulDiv overflow");
  return r;
}

function mulDivRoundingUp(a: bigint, b: bigint, d: bigint): bigint {
  let r = mulDiv(a, b, d);
  if ((a * b) % d > 0n) {
    if (r >= MAX_UINT256) throw new Revert("mulDivRoundingUp overflow");
    r++;
  }
  return r;
}

function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) return 0n;
  return x / y + (x % y > 0n ? 1n : 0n);
}

export function getAmount0Delta(a: bigint, b: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (a > b) [a, b] = [b, a];
  const numerator1 = liquidity << 96n;
  const numerator2 = b - a;
  if (a <= 0n) throw new Revert("sqrtRatioAX96");
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, b), a)
    : mulDiv(numerator1, numerator2, b) / a;
}

export function getAmount1Delta(a: bigint, b: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (a > b) [a, b] = [b, a];
  return roundUp ? mulDivRoundingUp(liquidity, b - a, Q96) : mulDiv(liquidity, b - a, Q96);
}

function nextFromAmount0RoundingUp(p: bigint, l: bigint, amount: bigint, add: boolean): bigint {
  if (amount === 0n) return p;
  const numerator1 = l << 96n;
  const product = (amount * p) & MAX_UINT256; // EVM multiplication wraps
  if (add) {
    if (product / amount === p) {
      const denominator = (numerator1 + product) & MAX_UINT256;
      if (denominator >= numerator1) {
        return mulDivRoundingUp(numerator1, p, denominator) & MAX_UINT160;
      }
    }
    const d = numerator1 / p + amount;
    if (d > MAX_UINT256) throw new Revert("add overflow");
    return divRoundingUp(numerator1, d) & MAX_UINT160;
  }
  if (!(product / amount === p && numerator1 > product)) throw new Revert("denominator");
  const r = mulDivRoundingUp(numerator1, p, numerator1 - product);
  if (r > MAX_UINT160) throw new Revert("toUint160");
  return r;
}

function nextFromAmount1RoundingDown(p: bigint, l: bigint, amount: bigint, add: boolean): bigint {
  if (add) {
    const quotient = amount <= MAX_UINT160 ? (amount << 96n) / l : mulDiv(amount, Q96, l);
    const r = p + quotient;
    if (r > MAX_UINT160) throw new Revert("toUint160");
    return r;
  }
  const quotient = amount <= MAX_UINT160
    ? divRoundingUp(amount << 96n, l)
    : mulDivRoundingUp(amount, Q96, l);
  if (!(p > quotient)) throw new Revert("price underflow");
  return p - quotient;
}

export function computeSwapStep(
  current: bigint,
  target: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
): [bigint, bigint, bigint, bigint] {
  const zeroForOne = current >= target;
  const exactIn = amountRemaining >= 0n;
  let next: bigint;
  let amountIn = 0n;
  let amountOut = 0n;
  const need = (p: bigint, l: bigint) => {
    if (p <= 0n || l <= 0n) throw new Revert("P/L");
  };
  if (exactIn) {
    const lessFee = mulDiv(amountRemaining, 1_000_000n - feePips, 1_000_000n);
    amountIn = zeroForOne
      ? getAmount0Delta(target, current, liquidity, true)
      : getAmount1Delta(current, target, liquidity, true);
    if (lessFee >= amountIn) next = target;
    else {
      need(current, liquidity);
      next = zeroForOne
        ? nextFromAmount0RoundingUp(current, liquidity, lessFee, true)
        : nextFromAmount1RoundingDown(current, liquidity, lessFee, true);
    }
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(target, current, liquidity, false)
      : getAmount0Delta(current, target, liquidity, false);
    if (-amountRemaining >= amountOut) next = target;
    else {
      need(current, liquidity);
      next = zeroForOne
        ? nextFromAmount1RoundingDown(current, liquidity, -amountRemaining, false)
        : nextFromAmount0RoundingUp(current, liquidity, -amountRemaining, false);
    }
  }
  const max = target === next;
  if (zeroForOne) {
    amountIn = max && exactIn ? amountIn : getAmount0Delta(next, current, liquidity, true);
    amountOut = max && !exactIn ? amountOut : getAmount1Delta(next, current, liquidity, false);
  } else {
    amountIn = max && exactIn ? amountIn : getAmount1Delta(current, next, liquidity, true);
    amountOut = max && !exactIn ? amountOut : getAmount0Delta(current, next, liquidity, false);
  }
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;
  const feeAmount = exactIn && next !== target
    ? amountRemaining - amountIn
    : mulDivRoundingUp(amountIn, feePips, 1_000_000n - feePips);
  return [next, amountIn, amountOut, feeAmount];
}

/** A pool as the contract stores it: slot0, liquidity, a bitmap and the ticks' liquidityNet. */
export interface ModelPool {
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  fee: number;
  bitmap: BitmapModel;
  liquidityNet: Map<number, bigint>;
}

/** UniswapV3Pool.swap's loop (minus oracle and transfers), statement by statement. */
export function swap(
  pool: ModelPool,
  zeroForOne: boolean,
  amountSpecified: bigint,
  limit: bigint,
): {
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  feeGrowth: bigint;
} {
  const exactInput = amountSpecified > 0n;
  const fee = BigInt(pool.fee);
  let remaining = amountSpecified;
  let calculated = 0n;
  let price = pool.sqrtPriceX96;
  let tick = pool.tick;
  let liquidity = pool.liquidity;
  let feeGrowth = 0n;
  while (remaining !== 0n && price !== limit) {
    const start = price;
    let [tickNext, initialized] = pool.bitmap.nextInitializedTickWithinOneWord(tick, zeroForOne);
    if (tickNext < MIN_TICK) tickNext = MIN_TICK;
    else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
    const sqrtNext = getSqrtRatioAtTick(tickNext);
    const target = (zeroForOne ? sqrtNext < limit : sqrtNext > limit) ? limit : sqrtNext;
    const [next, amountIn, amountOut, feeAmount] = computeSwapStep(
      price,
      target,
      liquidity,
      remaining,
      fee,
    );
    price = next;
    if (exactInput) {
      remaining -= amountIn + feeAmount;
      calculated -= amountOut;
    } else {
      remaining += amountOut;
      calculated += amountIn + feeAmount;
    }
    if (liquidity > 0n) feeGrowth += mulDiv(feeAmount, 1n << 128n, liquidity);
    if (price === sqrtNext) {
      if (initialized) {
        let net = pool.liquidityNet.get(tickNext)!;
        if (zeroForOne) net = -net;
        liquidity += net;
        if (liquidity < 0n || liquidity >= 1n << 128n) throw new Revert("LS/LA");
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
    } else if (price !== start) {
      tick = tickAtSqrtRatioContract(price);
    }
  }
  const used = amountSpecified - remaining;
  return zeroForOne === exactInput
    ? { amount0: used, amount1: calculated, sqrtPriceX96: price, tick, liquidity, feeGrowth }
    : { amount0: calculated, amount1: used, sqrtPriceX96: price, tick, liquidity, feeGrowth };
}

export { Revert };
