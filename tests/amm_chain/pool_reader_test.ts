// lib/chain/pool_reader against the devnet: a reader asked for the latest state gets it.
import assert from "node:assert/strict";
import { readPool } from "../../lib/chain/pool_reader.ts";
import { withAnvil } from "../devnet/_devnet.ts";
import { deployContext } from "./_chain.ts";
import { withSeed } from "./_rng.ts";
import { swapRound, V3Coverage } from "./_v3_rounds.ts";
import { setupV3World } from "./_v3_world.ts";

Deno.test("readPool on a long-lived client reads the block just mined, not a cached one", () =>
  withSeed("pool_reader_test.ts", (rng) =>
    withAnvil(async (anvil, client) => {
      const ctx = await deployContext(anvil, client);
      const world = await setupV3World(ctx, rng, 4);
      const pool = world.pools[0]!;
      const before = await readPool(ctx.readClient, pool.address);
      // within viem's 4 s block-number cache of the same client
      await swapRound(world, rng, 2, new V3Coverage());
      const latest = await ctx.client.getBlockNumber({ cacheTime: 0 });
      const after = await readPool(ctx.readClient, pool.address);
      assert(after.blockNumber > before.blockNumber);
      assert.equal(after.blockNumber, latest);
      assert(after.protocol === "v3");
      assert.deepEqual(
        [after.state.sqrtPriceX96, after.state.tick, after.state.liquidity],
        [pool.state.sqrtPriceX96, pool.state.tick, pool.state.liquidity],
      );
    })));
