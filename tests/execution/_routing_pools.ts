// tests/execution/_routing_pools.ts — random pool sets of one pair for the order router's
// properties, and an independent exact reference of a pool's output (lib/amm's quotePool).
import fc from "fast-check";
import {
  createV2PoolState,
  createV3PoolState,
  getSqrtRatioAtTick,
  quotePool,
  v3ApplyMint,
} from "../../lib/amm/mod.ts";
import type { RoutingPool } from "../../lib/execution/order_router.ts";

/** Exact output of `pool` for `amountIn` from quotePool; undefined when it would not fill. */
export function referenceOut(pool: RoutingPool, amountIn: bigint): bigint | undefined {
  if (amountIn === 0n) return 0n;
  try {
    const q = quotePool(pool.pool, pool.zeroForOne, amountIn, true);
    return q.amountIn === amountIn ? q.amountOut : undefined;
  } catch {
    return undefined;
  }
}

/** Σ of reference outputs of a split; undefined when a leg would not fill. */
export function referenceTotal(
  pools: readonly RoutingPool[],
  amounts: readonly bigint[],
): bigint | undefined {
  let total = 0n;
  for (let i = 0; i < pools.length; i++) {
    const o = referenceOut(pools[i]!, amounts[i]!);
    if (o === undefined || (amounts[i]! > 0n && o === 0n && pools[i]!.pool.protocol === "v2")) {
      return undefined;
    }
    total += o;
  }
  return total;
}

const V3_TIERS = [
  { fee: 100, tickSpacing: 1 },
  { fee: 500, tickSpacing: 10 },
  { fee: 3000, tickSpacing: 60 },
  { fee: 10000, tickSpacing: 200 },
] as const;

/** A V2 pair at about `tick`'s price (token1 per token0), depth in token0 units of 10^18. */
export function v2Pool(
  id: string,
  tick: number,
  depth: bigint,
  feeBps: bigint,
  zeroForOne: boolean,
) {
  const r0 = depth * 10n ** 18n;
  const r1 = (r0 * getSqrtRatioAtTick(tick) ** 2n) >> 192n;
  return {
    id,
    pool: { protocol: "v2" as const, state: createV2PoolState(r0, r1 < 1n ? 1n : r1, feeBps) },
    zeroForOne,
  };
}

/** A V3 pool at `tick` with full-range and concentrated positions around it. */
export function v3Pool(
  id: string,
  tier: number,
  tick: number,
  positions: readonly { width: number; liquidity: bigint }[],
  zeroForOne: boolean,
) {
  const { fee, tickSpacing } = V3_TIERS[tier]!;
  const state = createV3PoolState({ sqrtPriceX96: getSqrtRatioAtTick(tick), fee, tickSpacing });
  const base = Math.floor(tick / tickSpacing) * tickSpacing;
  for (const p of positions) {
    const w = Math.max(1, p.width) * tickSpacing;
    v3ApplyMint(state, base - w, base + w + tickSpacing, p.liquidity);
  }
  return { id, pool: { protocol: "v3" as const, state }, zeroForOne };
}

const v2Arb = (tick: number, zeroForOne: boolean, id: string) =>
  fc.record({
    skew: fc.integer({ min: -300, max: 300 }),
    depth: fc.bigInt({ min: 1n, max: 10n ** 7n }),
    fee: fc.constantFrom(5n, 25n, 30n, 100n),
  }).map(({ skew, depth, fee }) => v2Pool(id, tick + skew, depth, fee, zeroForOne));

const v3Arb = (tick: number, zeroForOne: boolean, id: string) =>
  fc.record({
    skew: fc.integer({ min: -300, max: 300 }),
    tier: fc.integer({ min: 0, max: 3 }),
    positions: fc.array(
      fc.record({
        width: fc.integer({ min: 1, max: 40 }),
        liquidity: fc.bigInt({ min: 10n ** 15n, max: 10n ** 24n }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }).map(({ skew, tier, positions }) => v3Pool(id, tier, tick + skew, positions, zeroForOne));

/** 1 to `max` pools of one pair near one price, V2 and V3 mixed, and a trade size. */
export function poolSetArb(max: number) {
  return fc.record({
    tick: fc.integer({ min: -60_000, max: 60_000 }),
    zeroForOne: fc.boolean(),
    kinds: fc.array(fc.boolean(), { minLength: 1, maxLength: max }),
    exponent: fc.integer({ min: 0, max: 24 }),
    mantissa: fc.bigInt({ min: 1n, max: 9n }),
  }).chain(({ tick, zeroForOne, kinds, exponent, mantissa }) =>
    fc.tuple(
      fc.tuple(
        ...kinds.map((v3, i) =>
          v3 ? v3Arb(tick, zeroForOne, `v3-${i}`) : v2Arb(tick, zeroForOne, `v2-${i}`)
        ),
      ),
      fc.constant(mantissa * 10n ** BigInt(exponent)),
    )
  ).map(([pools, amountIn]) => ({ pools: pools as RoutingPool[], amountIn }));
}
