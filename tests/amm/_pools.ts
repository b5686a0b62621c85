// tests/amm/_pools.ts — shared fixtures: Uniswap's test price encoding, pool builders, arbitraries.
import fc from "fast-check";
import {
  createV3PoolState,
  getSqrtRatioAtTick,
  v3ApplyMint,
  type V3PoolState,
  type V3TickTable,
} from "../../lib/amm/mod.ts";

/** floor(sqrt(x)) by Newton's method from above. */
export function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / 2));
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

/**
 * Uniswap's test helper `encodePriceSqrt(reserve1, reserve0)`: bignumber.js with 40 decimal
 * places and ROUND_HALF_UP for the division and the square root, times 2^96, floored.
 */
export function encodePriceSqrt(reserve1: bigint, reserve0: bigint): bigint {
  const scale = 10n ** 40n;
  const quotient = (2n * reserve1 * scale + reserve0) / (2n * reserve0);
  const x = quotient * scale;
  const floor = isqrt(x);
  // round half up: take floor + 1 when sqrt(x) >= floor + 1/2, i.e. 4x >= (2·floor + 1)^2
  const root = 4n * x >= (2n * floor + 1n) ** 2n ? floor + 1n : floor;
  return (root << 96n) / scale;
}

/** A position to mint into a test pool. */
export interface PositionSpec {
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly liquidity: bigint;
}

/** A pool at `sqrtPriceX96` with the positions minted in order; also the tokens they cost. */
export function buildPool(
  sqrtPriceX96: bigint,
  fee: number,
  tickSpacing: number,
  positions: readonly PositionSpec[],
): { pool: V3PoolState; amount0: bigint; amount1: bigint } {
  const pool = createV3PoolState({ sqrtPriceX96, fee, tickSpacing });
  let amount0 = 0n;
  let amount1 = 0n;
  for (const p of positions) {
    const owed = v3ApplyMint(pool, p.tickLower, p.tickUpper, p.liquidity);
    amount0 += owed.amount0;
    amount1 += owed.amount1;
  }
  return { pool, amount0, amount1 };
}

/** Active liquidity implied by a table built from mints: the sum of liquidityNet at or below. */
export function liquidityAt(ticks: V3TickTable, tick: number): bigint {
  let sum = 0n;
  for (const t of ticks.entries()) if (t.tick <= tick) sum += t.liquidityNet;
  return sum;
}

/** Fee tiers with their mainnet tick spacings. */
export const FEE_TIERS: readonly (readonly [number, number])[] = [
  [100, 1],
  [500, 10],
  [3000, 60],
  [10000, 200],
];

/** A pool to build: fee tier, positions, and its price as a tick's ratio plus an offset. */
export interface PoolSpec {
  readonly fee: number;
  readonly tickSpacing: number;
  readonly positions: PositionSpec[];
  readonly priceTick: number;
  readonly priceOffset: bigint;
}

/** A random pool: fee tier, 1–12 positions around tick 0, and a price somewhere among them. */
export const poolArb: fc.Arbitrary<PoolSpec> = fc.constantFrom(...FEE_TIERS).chain((
  [fee, tickSpacing],
) =>
  fc.record({
    fee: fc.constant(fee),
    tickSpacing: fc.constant(tickSpacing),
    positions: fc.array(
      fc.tuple(
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.bigInt({ min: 10n ** 12n, max: 10n ** 24n }),
      ).map(([lower, width, liquidity]) => ({
        tickLower: lower * tickSpacing,
        tickUpper: (lower + width) * tickSpacing,
        liquidity,
      })),
      { minLength: 1, maxLength: 12 },
    ),
    priceTick: fc.integer({ min: -300 * tickSpacing, max: 300 * tickSpacing }),
    priceOffset: fc.bigInt({ min: 0n, max: 10n ** 20n }),
  })
);

/** Builds the pool `poolArb` describes (price = its tick's ratio plus a small offset). */
export function poolFrom(spec: PoolSpec): V3PoolState {
  const price = getSqrtRatioAtTick(spec.priceTick) + spec.priceOffset;
  return buildPool(price, spec.fee, spec.tickSpacing, spec.positions).pool;
}
