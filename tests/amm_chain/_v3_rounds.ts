// tests/amm_chain/_v3_rounds.ts — one job: rounds of random V3 activity on the devnet, each
// checked against the local math: quotes vs QuoterV2, executed swaps vs their Swap events and
// vs QuoterV2 at the block before, burns and mints replayed from their events.
import assert from "node:assert/strict";
import { MIN_TICK, v3ApplySwap, type V3Quote } from "../../lib/amm/mod.ts";
import { mapConcurrent } from "./_chain.ts";
import type { Rng } from "./_rng.ts";
import {
  assertQuotesEqual,
  describePlan,
  type LocalQuote,
  planSwap,
  quoteChain,
  quoteLocal,
  swapFields,
  type SwapPlan,
} from "./_v3_plans.ts";
import {
  narrowRange,
  predictedStates,
  queueBurn,
  queueMint,
  queueSwap,
  replayReceipts,
  type V3PoolFixture,
  type V3World,
} from "./_v3_world.ts";

/** What the comparisons covered, to assert the scenario reached the cases it is meant to. */
export class V3Coverage {
  quotes = 0;
  quoteReverts = 0;
  executed = 0;
  /** Quotes or swaps that crossed at least 5 initialized ticks (the swap loop's count). */
  crossed5 = 0;
  maxCrossed = 0;
  /** Quotes or swaps that stopped at their price limit (of them, exact input). */
  limitStops = 0;
  limitStopsExactIn = 0;
  /** By kind: exact-in / exact-out, token0→token1 / token1→token0. */
  readonly kinds: Record<string, number> = {};
  readonly byFee: Record<number, number> = {};

  record(pool: V3PoolFixture, plan: SwapPlan, local: LocalQuote): void {
    const kind = `${plan.exactInput ? "in" : "out"}${plan.zeroForOne ? "0→1" : "1→0"}`;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    this.byFee[pool.fee] = (this.byFee[pool.fee] ?? 0) + 1;
    if (!local.ok) {
      this.quoteReverts++;
      return;
    }
    const crossed = local.quote.swap.initializedTicksCrossed;
    if (crossed >= 5) this.crossed5++;
    this.maxCrossed = Math.max(this.maxCrossed, crossed);
    if (plan.limit !== 0n && local.quote.sqrtPriceX96After === plan.limit) {
      this.limitStops++;
      if (plan.exactInput) this.limitStopsExactIn++;
    }
  }
}

/**
 * Quotes `perPool` random plans on every pool at the current block, locally and through
 * QuoterV2 (concurrently, in JSON-RPC batches), and asserts each pair equal.
 */
export async function quoteRound(
  world: V3World,
  rng: Rng,
  perPool: number,
  coverage: V3Coverage,
  plan: (pool: V3PoolFixture, rng: Rng) => SwapPlan = (pool, r) => planSwap(pool, pool.state, r),
): Promise<void> {
  const jobs = world.pools.flatMap((pool) =>
    Array.from({ length: perPool }, () => {
      const p = plan(pool, rng);
      return { pool, plan: p, local: quoteLocal(pool.state, p) };
    })
  );
  const { ctx, venue } = world;
  const blockNumber = await ctx.batchClient.getBlockNumber({ cacheTime: 0 });
  const chain = await mapConcurrent(
    jobs,
    256,
    (j) => quoteChain(ctx.batchClient, venue.quoter, j.pool, j.plan, blockNumber),
  );
  jobs.forEach((j, i) => {
    const where = `${j.pool.label} block ${blockNumber} ${describePlan(j.plan)}`;
    assertQuotesEqual(j.plan, j.local, chain[i]!, where);
    coverage.record(j.pool, j.plan, j.local);
    coverage.quotes++;
  });
}

/**
 * Executes `perPool` random SwapRouter swaps on every pool in one batch. Each swap is predicted
 * locally on a copy of the state advanced by the predictions before it; then each Swap event
 * must equal its prediction, and QuoterV2 at the block before the swap must agree with it.
 * The events (not the predictions) are what the local states are advanced with.
 */
export async function swapRound(
  world: V3World,
  rng: Rng,
  perPool: number,
  coverage: V3Coverage,
): Promise<void> {
  const predicted = predictedStates(world);
  const jobs: { pool: V3PoolFixture; plan: SwapPlan; quote: V3Quote; index: number }[] = [];
  for (let i = 0; i < perPool; i++) {
    for (const pool of world.pools) {
      const state = predicted.get(pool)!;
      for (let attempt = 0; attempt < 10; attempt++) {
        const plan = planSwap(pool, state, rng);
        const local = quoteLocal(state, plan);
        if (!local.ok) continue; // the router would revert too; the quote rounds cover that
        v3ApplySwap(state, local.quote.swap);
        jobs.push({ pool, plan, quote: local.quote, index: queueSwap(world, pool, plan) });
        break;
      }
    }
  }
  const receipts = await world.queue.flush();
  const events = replayReceipts(world, receipts);
  for (const j of jobs) {
    const where = `${j.pool.label} block ${receipts[j.index]!.blockNumber} ${describePlan(j.plan)}`;
    const got = events[j.index] ?? [];
    assert.equal(got.length, 1, `${where}: one Swap event`);
    assert.equal(got[0]!.pool, j.pool, `${where}: the Swap came from the pool`);
    assert.deepEqual(got[0]!.fields, swapFields(j.quote), `${where}: Swap event (left) vs local`);
  }
  const { ctx, venue } = world;
  const chain = await mapConcurrent(
    jobs,
    256,
    (j) =>
      quoteChain(
        ctx.batchClient,
        venue.quoter,
        j.pool,
        j.plan,
        receipts[j.index]!.blockNumber - 1n,
      ),
  );
  jobs.forEach((j, i) => {
    const local = { ok: true, quote: j.quote } as const;
    const block = receipts[j.index]!.blockNumber - 1n;
    assertQuotesEqual(
      j.plan,
      local,
      chain[i]!,
      `${j.pool.label} block ${block} ${describePlan(j.plan)}`,
    );
    coverage.record(j.pool, j.plan, local);
    coverage.executed++;
  });
}

/**
 * Burns part or all of `burnsPerPool` random positions per pool through the position manager's
 * decreaseLiquidity, and mints one new narrow position per pool, in one batch; the events are
 * replayed (their amounts checked) into the local states. The full-range position is kept, so
 * no swap runs out of liquidity.
 */
export async function liquidityRound(world: V3World, rng: Rng, burnsPerPool: number) {
  for (const pool of world.pools) {
    const fullLower = Math.ceil(MIN_TICK / pool.tickSpacing) * pool.tickSpacing;
    const candidates = [...pool.positions.values()].filter((p) => p.tickLower !== fullLower);
    for (let i = 0; i < burnsPerPool && candidates.length > 0; i++) {
      const [pos] = candidates.splice(rng.int(0, candidates.length - 1), 1);
      const amount = rng.chance(0.4) || pos!.liquidity === 1n
        ? pos!.liquidity
        : 1n + rng.below(pos!.liquidity - 1n);
      queueBurn(world, pool, pos!, amount);
    }
    const [lo, hi] = narrowRange(pool, rng);
    queueMint(world, pool, lo, hi, rng);
  }
  replayReceipts(world, await world.queue.flush());
}
