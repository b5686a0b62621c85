// The local V3 quotes (lib/amm) against the real QuoterV2 on the devnet, to the last unit.
import assert from "node:assert/strict";
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO, v3Swap } from "../../lib/amm/mod.ts";
import { withAnvil } from "../devnet/_devnet.ts";
import { deployContext } from "./_chain.ts";
import { type Rng, withSeed } from "./_rng.ts";
import { quoteRound, swapRound, V3Coverage } from "./_v3_rounds.ts";
import type { SwapPlan } from "./_v3_plans.ts";
import { setupV3World, type V3PoolFixture } from "./_v3_world.ts";

const ROUNDS = 10;
const QUOTES_PER_POOL = 100;
const POOLS = 3;
const TOTAL = ROUNDS * QUOTES_PER_POOL * POOLS;

Deno.test(
  `local V3 quotes equal QuoterV2 to the last unit: ${TOTAL} random exact-input and exact-output quotes, with and without price limits, on 6/8/18-decimal pools at fees 500, 3000 and 10000`,
  () =>
    withSeed("v3_quoter_test.ts", (rng) =>
      withAnvil(async (anvil, client) => {
        const started = performance.now();
        const world = await setupV3World(await deployContext(anvil, client), rng);
        const coverage = new V3Coverage();
        for (let round = 0; round < ROUNDS; round++) {
          await quoteRound(world, rng, QUOTES_PER_POOL, coverage);
          // move the prices so the next round quotes from other ticks
          await swapRound(world, rng, 3, coverage);
        }
        console.log(
          `  ${coverage.quotes} quotes + ${coverage.executed} executed swaps equal QuoterV2 in ${
            Math.round(performance.now() - started)
          } ms; ≥5 ticks crossed: ${coverage.crossed5} (max ${coverage.maxCrossed}), stopped at the limit: ${coverage.limitStops} (${coverage.limitStopsExactIn} exact-in), both reverted: ${coverage.quoteReverts}, kinds ${
            JSON.stringify(coverage.kinds)
          }`,
        );
        assert.equal(coverage.quotes, TOTAL);
        assert(coverage.crossed5 >= TOTAL / 20, `${coverage.crossed5} quotes crossed ≥5 ticks`);
        assert(coverage.limitStops >= TOTAL / 20, `${coverage.limitStops} quotes hit their limit`);
        assert(coverage.limitStopsExactIn >= TOTAL / 40, "exact-input quotes hit their limit");
        for (const kind of ["in0→1", "in1→0", "out0→1", "out1→0"]) {
          assert((coverage.kinds[kind] ?? 0) >= TOTAL / 10, `enough ${kind} quotes`);
        }
        assert.deepEqual(Object.keys(coverage.byFee).sort(), ["10000", "3000", "500"]);
      })),
);

/** A quote at the edge of what a pool or QuoterV2 accepts. */
function planEdge(pool: V3PoolFixture, rng: Rng): SwapPlan {
  const state = pool.state;
  const zeroForOne = rng.chance(0.5);
  const bound = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
  const drain = v3Swap(state, zeroForOne, -(1n << 200n), bound);
  const maxOut = -(zeroForOne ? drain.amount1 : drain.amount0);
  const exactInput = rng.chance(0.5);
  switch (rng.int(0, 6)) {
    case 0: // limit on the wrong side of the price
      return {
        zeroForOne,
        exactInput,
        amount: 10n ** 6n,
        limit: zeroForOne
          ? state.sqrtPriceX96 + 1n + rng.below(1n << 80n)
          : state.sqrtPriceX96 - 1n - rng.below(state.sqrtPriceX96 / 2n),
      };
    case 1: // limit exactly at the price
      return { zeroForOne, exactInput, amount: 10n ** 6n, limit: state.sqrtPriceX96 };
    case 2: // limit at the price bound itself (the pool wants strictly inside)
      return {
        zeroForOne,
        exactInput,
        amount: 10n ** 6n,
        limit: zeroForOne ? MIN_SQRT_RATIO : MAX_SQRT_RATIO,
      };
    case 3: // more output than the pool holds, without a limit
      return { zeroForOne, exactInput: false, amount: maxOut + 1n + rng.below(maxOut), limit: 0n };
    case 4: // every unit of output the pool can pay
      return { zeroForOne, exactInput: false, amount: maxOut - BigInt(rng.int(0, 2)), limit: 0n };
    case 5: // more input than the pool can absorb: stops at the price bound
      return { zeroForOne, exactInput: true, amount: 1n << BigInt(rng.int(150, 250)), limit: 0n };
    default: // a limit a few ticks away with an enormous amount
      return {
        zeroForOne,
        exactInput,
        amount: 1n << 180n,
        limit: getSqrtRatioAtTick(state.tick + (zeroForOne ? -rng.int(1, 3000) : rng.int(1, 3000))),
      };
  }
}

Deno.test(
  "local V3 quotes fail exactly where QuoterV2 reverts, and agree at the price bounds and on draining a pool",
  () =>
    withSeed("v3_quoter_test.ts", (rng) =>
      withAnvil(async (anvil, client) => {
        const world = await setupV3World(await deployContext(anvil, client), rng, 6);
        const coverage = new V3Coverage();
        await quoteRound(world, rng, 70, coverage, planEdge);
        console.log(
          `  ${coverage.quotes} edge quotes: ${coverage.quoteReverts} reverted on both sides`,
        );
        assert(coverage.quoteReverts >= 50, "enough reverting cases");
        assert(coverage.quotes - coverage.quoteReverts >= 30, "enough succeeding edge cases");
      })),
);
