// Executed V3 swaps, mints and burns on the devnet against the local math (lib/amm): every Swap
// event to the last unit, and the local state rebuilt from the events against the pool storage.
import assert from "node:assert/strict";
import { withAnvil } from "../devnet/_devnet.ts";
import { deployContext } from "./_chain.ts";
import { withSeed } from "./_rng.ts";
import { liquidityRound, swapRound, V3Coverage } from "./_v3_rounds.ts";
import { assertWorldMatchesChain, setupV3World } from "./_v3_world.ts";

const SWAP_ROUNDS = 10;
const SWAPS_PER_POOL = 15;
const SWAPS = SWAP_ROUNDS * SWAPS_PER_POOL * 3;

Deno.test(
  `${SWAPS} executed SwapRouter swaps emit exactly the local amount0, amount1, sqrtPriceX96, liquidity and tick, and QuoterV2 at the block before agrees`,
  () =>
    withSeed("v3_swaps_test.ts", (rng) =>
      withAnvil(async (anvil, client) => {
        const started = performance.now();
        const world = await setupV3World(await deployContext(anvil, client), rng);
        const coverage = new V3Coverage();
        for (let round = 0; round < SWAP_ROUNDS; round++) {
          await swapRound(world, rng, SWAPS_PER_POOL, coverage);
        }
        await assertWorldMatchesChain(world);
        console.log(
          `  ${coverage.executed} swaps equal their events and QuoterV2 in ${
            Math.round(performance.now() - started)
          } ms; ≥5 ticks crossed: ${coverage.crossed5} (max ${coverage.maxCrossed}), stopped at the limit: ${coverage.limitStops} (${coverage.limitStopsExactIn} exact-in), kinds ${
            JSON.stringify(coverage.kinds)
          }`,
        );
        // a plan the local math rejects is re-drawn, so nearly every slot holds a swap
        assert(coverage.executed >= SWAPS * 0.95, `${coverage.executed} swaps executed`);
        assert.equal(world.counts.swaps, coverage.executed);
        assert(coverage.crossed5 >= 20, `${coverage.crossed5} swaps crossed ≥5 initialized ticks`);
        assert(coverage.limitStops >= 20, `${coverage.limitStops} swaps stopped at their limit`);
        assert(coverage.limitStopsExactIn >= 10, "exactInputSingle swaps stopped at their limit");
        for (const kind of ["in0→1", "in1→0", "out0→1", "out1→0"]) {
          assert((coverage.kinds[kind] ?? 0) >= SWAPS / 10, `enough ${kind} swaps`);
        }
      })),
);

const LIQUIDITY_ROUNDS = 12;
const BURNS_PER_POOL = 3;

Deno.test(
  `the local state replayed from Mint, Burn and Swap events equals every pool's storage, all initialized ticks included, over ${LIQUIDITY_ROUNDS} rounds of swaps, burns and mints`,
  () =>
    withSeed("v3_swaps_test.ts", (rng) =>
      withAnvil(async (anvil, client) => {
        const started = performance.now();
        const world = await setupV3World(await deployContext(anvil, client), rng);
        const coverage = new V3Coverage();
        for (let round = 0; round < LIQUIDITY_ROUNDS; round++) {
          await swapRound(world, rng, 8, coverage);
          await liquidityRound(world, rng, BURNS_PER_POOL);
          await assertWorldMatchesChain(world);
        }
        const { mints, burns, swaps, ticksCleared } = world.counts;
        console.log(
          `  ${swaps} swaps, ${mints} mints, ${burns} burns replayed; ${ticksCleared} ticks cleared by burns; storage equal after each of ${LIQUIDITY_ROUNDS} rounds, ${
            Math.round(performance.now() - started)
          } ms`,
        );
        assert.equal(burns, LIQUIDITY_ROUNDS * BURNS_PER_POOL * 3);
        assert(ticksCleared >= 1, "some burn uninitialized a tick");
        assert(world.pools.every((p) => p.state.ticks.size >= 10), "pools keep many ticks");
      })),
);
