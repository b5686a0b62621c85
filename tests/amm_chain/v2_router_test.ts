// The local V2 math (lib/amm) against the real UniswapV2Pair and Router02 on both devnet V2
// venues, to the last unit: quotes, executed swaps' events, and reserves replayed from Syncs.
import assert from "node:assert/strict";
import type { V2PoolState } from "../../lib/amm/mod.ts";
import { withAnvil } from "../devnet/_devnet.ts";
import { deployContext, mapConcurrent } from "./_chain.ts";
import { withSeed } from "./_rng.ts";
import {
  assertV2WorldMatchesChain,
  describeRoute,
  localAmounts,
  planRoute,
  queueDeposit,
  queueRouteSwap,
  replayV2Receipts,
  routerAmounts,
  setupV2World,
  type V2PairFixture,
} from "./_v2_world.ts";

const QUOTE_ROUNDS = 6;
const QUOTES_PER_ROUND = 200;
const SWAP_ROUNDS = 8;
const SWAPS_PER_ROUND = 30;

Deno.test(
  `local V2 amounts equal Router02 getAmountsOut and getAmountsIn on 6/8/18-decimal pairs of both V2 venues: ${
    QUOTE_ROUNDS * QUOTES_PER_ROUND
  } random quotes, one and two hops`,
  () =>
    withSeed("v2_router_test.ts", (rng) =>
      withAnvil(async (anvil, client) => {
        const ctx = await deployContext(anvil, client);
        const world = await setupV2World(ctx, rng);
        let reverted = 0;
        let twoHops = 0;
        const venues = new Set<string>();
        for (let round = 0; round < QUOTE_ROUNDS; round++) {
          const routes = Array.from({ length: QUOTES_PER_ROUND }, () => planRoute(world, rng));
          const block = await ctx.batchClient.getBlockNumber({ cacheTime: 0 });
          const chain = await mapConcurrent(
            routes,
            256,
            (r) => routerAmounts(ctx.batchClient, r, block),
          );
          routes.forEach((route, i) => {
            const local = localAmounts(route);
            const got = chain[i]!;
            const where = `block ${block} ${describeRoute(route)}`;
            if (!got.ok || !local.ok) {
              assert.equal(
                local.ok,
                got.ok,
                `${where}: local ${local.ok ? local.amounts : local.error.message} vs Router02 ${
                  got.ok ? got.amounts : got.reason
                }`,
              );
              reverted++;
            } else {
              assert.deepEqual(got.amounts, local.amounts, `${where}: Router02 (left) vs local`);
            }
            if (route.hops.length === 2) twoHops++;
            venues.add(route.venue.name);
          });
          // move the reserves before the next round
          const states = new Map(world.pairs.map((p) => [p, p.state]));
          for (let i = 0; i < 10; i++) queueRouteSwap(world, planRoute(world, rng), states);
          replayV2Receipts(world, await world.queue.flush());
        }
        console.log(
          `  ${
            QUOTE_ROUNDS * QUOTES_PER_ROUND
          } Router02 quotes equal: ${twoHops} two-hop, ${reverted} reverted on both sides`,
        );
        assert(reverted >= 10 && twoHops >= 50, "the mix has reverts and two-hop routes");
        assert.equal(venues.size, 2);
      })),
);

Deno.test(
  `${
    SWAP_ROUNDS * SWAPS_PER_ROUND
  } executed Router02 swaps emit exactly the local amounts, Router02 at the block before agrees, and reserves replayed from Sync equal getReserves`,
  () =>
    withSeed("v2_router_test.ts", (rng) =>
      withAnvil(async (anvil, client) => {
        const ctx = await deployContext(anvil, client);
        const world = await setupV2World(ctx, rng);
        let executed = 0;
        let exactOut = 0;
        for (let round = 0; round < SWAP_ROUNDS; round++) {
          const states = new Map<V2PairFixture, V2PoolState>(world.pairs.map((p) => [p, p.state]));
          const jobs = [];
          while (jobs.length < SWAPS_PER_ROUND) {
            const route = planRoute(world, rng, (p) => states.get(p)!);
            const queued = queueRouteSwap(world, route, states);
            if (queued !== undefined) jobs.push({ route, ...queued });
          }
          // a deposit now and then, replayed from its Sync like the swaps
          queueDeposit(world, rng.pick(world.pairs), rng);
          const receipts = await world.queue.flush();
          const events = replayV2Receipts(world, receipts);
          const quotes = await mapConcurrent(
            jobs,
            256,
            (j) => routerAmounts(ctx.batchClient, j.route, receipts[j.index]!.blockNumber - 1n),
          );
          jobs.forEach((j, i) => {
            const where = `block ${receipts[j.index]!.blockNumber} ${describeRoute(j.route)}`;
            const got = events[j.index]!;
            assert.deepEqual(
              got.map((e) => e.pair.address),
              j.route.hops.map((h) => h.pair.address),
              `${where}: Swap events come from the route's pairs`,
            );
            assert.deepEqual(
              got.map((e) => e.amounts),
              j.events,
              `${where}: Swap events (left) vs local`,
            );
            const q = quotes[i]!;
            assert(q.ok, `${where}: Router02 quotes the swap at the block before`);
            assert.deepEqual(q.amounts, j.amounts, `${where}: Router02 (left) vs local`);
            executed++;
            if (!j.route.exactInput) exactOut++;
          });
          await assertV2WorldMatchesChain(world);
        }
        console.log(
          `  ${executed} swaps (${exactOut} exact-output) equal their events and Router02; ${world.counts.syncs} Syncs replayed`,
        );
        assert.equal(executed, SWAP_ROUNDS * SWAPS_PER_ROUND);
        assert(exactOut >= executed / 4, "enough exact-output swaps");
      })),
);
