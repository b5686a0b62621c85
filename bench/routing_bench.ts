// bench/routing_bench.ts — smart order routing: one 50-WETH sell split across 2, 4 and 8 pools of
// a WETH/USDC-like pair (V2 venues with 5–30 bps fees, V3 pools with 2–3 positions each, prices
// within ±0.3 % of each other), against picking the best single pool.
import {
  createV2PoolState,
  createV3PoolState,
  getSqrtRatioAtTick,
  v3ApplyMint,
} from "../lib/amm/mod.ts";
import { poolAmountOut, routeOrder, type RoutingPool } from "../lib/execution/order_router.ts";
import { iterations } from "./_short.ts";

const E18 = 10n ** 18n;
const TICK = -196_250; // ≈ 3000 USDC (6 decimals) per WETH (18 decimals): token0 WETH

function v2(id: string, dTick: number, weth: bigint, feeBps: bigint): RoutingPool {
  const r0 = weth * E18;
  const r1 = (r0 * getSqrtRatioAtTick(TICK + dTick) ** 2n) >> 192n;
  return {
    id,
    pool: { protocol: "v2", state: createV2PoolState(r0, r1, feeBps) },
    zeroForOne: true,
  };
}

function v3(
  id: string,
  dTick: number,
  fee: number,
  spacing: number,
  widths: number[],
): RoutingPool {
  const state = createV3PoolState({
    sqrtPriceX96: getSqrtRatioAtTick(TICK + dTick),
    fee,
    tickSpacing: spacing,
  });
  const base = Math.floor((TICK + dTick) / spacing) * spacing;
  for (const w of widths) {
    v3ApplyMint(state, base - w * spacing, base + w * spacing, 2n * 10n ** 16n);
  }
  return { id, pool: { protocol: "v3", state }, zeroForOne: true };
}

const POOLS: RoutingPool[] = [
  v2("v2-uni-30", 0, 2_000n, 30n),
  v3("v3-500", 10, 500, 10, [30, 300]),
  v2("v2-sushi-25", -20, 800n, 25n),
  v3("v3-3000", -15, 3000, 60, [10, 50, 200]),
  v2("v2-pancake-25", 25, 400n, 25n),
  v3("v3-100", 5, 100, 1, [200, 2_000]),
  v2("v2-fraxswap-5", -30, 300n, 5n),
  v3("v3-10000", 30, 10000, 200, [5, 40]),
];
const AMOUNT_IN = 50n * E18;

function bestSingle(pools: readonly RoutingPool[]): bigint {
  let best = 0n;
  for (const p of pools) {
    const o = poolAmountOut(p, AMOUNT_IN) ?? 0n;
    if (o > best) best = o;
  }
  return best;
}

for (const n of [2, 4, 8]) {
  const pools = POOLS.slice(0, n);
  const group = `route 50 WETH over ${n} pools`;
  Deno.bench({
    name: `best single pool of ${n}`,
    group,
    baseline: true,
    ...iterations,
    fn: () => {
      bestSingle(pools);
    },
  });
  Deno.bench({
    name: `routeOrder over ${n} pools`,
    group,
    ...iterations,
    fn: () => {
      routeOrder(pools, AMOUNT_IN);
    },
  });
}
