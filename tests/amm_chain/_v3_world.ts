// tests/amm_chain/_v3_world.ts — one job: V3 pools on the devnet mirrored by local states that
// are rebuilt only from the pools' events.
import assert from "node:assert/strict";
import {
  type Address,
  encodeFunctionData,
  getAddress,
  maxUint256,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import {
  cloneV3PoolState,
  createV3PoolState,
  getAmount0Delta,
  getAmount1Delta,
  getSqrtRatioAtTick,
  MAX_TICK,
  MIN_TICK,
  v3ApplyBurn,
  v3ApplyMint,
  v3ApplySwap,
  type V3PoolState,
} from "../../lib/amm/mod.ts";
import {
  createV3Pool,
  encodeSqrtPriceX96,
  positionManagerAbi,
  readV3PoolState,
  sortTokens,
  swapRouterAbi,
  type TokenDeployment,
  v3Venue,
  type V3VenueDeployment,
} from "../../lib/devnet/mod.ts";
import { readV3Pool } from "../../lib/chain/pool_reader.ts";
import {
  type ChainContext,
  positionBurnAbi,
  queueApprovals,
  type TokenSymbol,
  TxQueue,
  v3PoolEventsAbi,
} from "./_chain.ts";
import type { Rng } from "./_rng.ts";
import { describePlan, type SwapFields, type SwapPlan } from "./_v3_plans.ts";

/** A pool to create: `price` whole `b` per whole `a`, before a random factor of 0.5–2. */
interface PoolSpec {
  readonly a: TokenSymbol;
  readonly b: TokenSymbol;
  readonly fee: number;
  readonly price: bigint;
}

/** One pool per fee tier, covering the 6/18, 8/18 and 6/8 decimal pairs. */
const POOL_SPECS: readonly PoolSpec[] = [
  { a: "USDC", b: "DAI", fee: 500, price: 1n },
  { a: "WBTC", b: "DAI", fee: 3000, price: 60_000n },
  { a: "WBTC", b: "USDC", fee: 10000, price: 60_000n },
];

/** Narrow positions sit within this many tick spacings of the starting tick. */
export const NARROW_SPREAD = 45;

/** A position of the position manager, as its events describe it. */
export interface V3Position {
  readonly tokenId: bigint;
  readonly tickLower: number;
  readonly tickUpper: number;
  liquidity: bigint;
}

/** A devnet pool and its local mirror. */
export interface V3PoolFixture {
  readonly label: string;
  readonly address: Address;
  readonly token0: TokenDeployment;
  readonly token1: TokenDeployment;
  readonly fee: number;
  readonly tickSpacing: number;
  /** The starting tick rounded down to the spacing: swaps aim around it. */
  readonly centerTick: number;
  /** Rebuilt from the pool's Mint, Burn and Swap events only (v3Apply…). */
  readonly state: V3PoolState;
  readonly positions: Map<bigint, V3Position>;
}

/** The V3 venue, its pools and counters of what the events did. */
export interface V3World {
  readonly ctx: ChainContext;
  readonly venue: V3VenueDeployment;
  readonly pools: readonly V3PoolFixture[];
  readonly queue: TxQueue;
  readonly counts: { mints: number; burns: number; swaps: number; ticksCleared: number };
}

/**
 * Creates one pool per fee tier (500, 3000, 10000) between 6/8/18-decimal tokens at a random
 * price, mints a full-range, a wide, a few medium and `narrow` narrow positions in each, and
 * replays the Mint events into local states (checked against storage).
 */
export async function setupV3World(ctx: ChainContext, rng: Rng, narrow = 14): Promise<V3World> {
  const venue = v3Venue(ctx.deployment, "uniswap_v3");
  const queue = new TxQueue(ctx);
  queueApprovals(ctx, queue, [venue.positionManager, venue.swapRouter]);
  await queue.flush();
  const pools: V3PoolFixture[] = [];
  for (const spec of POOL_SPECS) pools.push(await createPool(ctx, venue, spec, rng));
  const world: V3World = {
    ctx,
    venue,
    pools,
    queue,
    counts: { mints: 0, burns: 0, swaps: 0, ticksCleared: 0 },
  };
  for (const pool of pools) queueInitialPositions(world, pool, rng, narrow);
  replayReceipts(world, await queue.flush());
  await assertWorldMatchesChain(world);
  return world;
}

async function createPool(
  ctx: ChainContext,
  venue: V3VenueDeployment,
  spec: PoolSpec,
  rng: Rng,
): Promise<V3PoolFixture> {
  const a = ctx.token(spec.a);
  const b = ctx.token(spec.b);
  const [t0] = sortTokens(a.address, b.address);
  const [token0, token1] = t0 === a.address ? [a, b] : [b, a];
  // native units of b per native unit of a, times a factor in [0.5, 2]
  const k = BigInt(rng.int(500, 2000));
  const amountB = 10n ** BigInt(b.decimals) * spec.price * k;
  const amountA = 10n ** BigInt(a.decimals) * 1000n;
  const sqrtPriceX96 = token0 === a
    ? encodeSqrtPriceX96(amountB, amountA)
    : encodeSqrtPriceX96(amountA, amountB);
  const address = await createV3Pool(ctx.client, venue, {
    token0: token0.address,
    token1: token1.address,
    fee: spec.fee,
    sqrtPriceX96,
  });
  const tickSpacing = venue.feeTiers.find((t) => t.fee === spec.fee)?.tickSpacing;
  assert(tickSpacing !== undefined, `fee tier ${spec.fee} is enabled`);
  const state = createV3PoolState({ sqrtPriceX96, fee: spec.fee, tickSpacing });
  return {
    label:
      `${token0.symbol}(${token0.decimals})/${token1.symbol}(${token1.decimals}) fee ${spec.fee}`,
    address: getAddress(address),
    token0,
    token1,
    fee: spec.fee,
    tickSpacing,
    centerTick: Math.floor(state.tick / tickSpacing) * tickSpacing,
    state,
    positions: new Map(),
  };
}

function queueInitialPositions(world: V3World, pool: V3PoolFixture, rng: Rng, narrow: number) {
  const s = pool.tickSpacing;
  const c = pool.centerTick;
  const ranges: [number, number][] = [
    [Math.ceil(MIN_TICK / s) * s, Math.floor(MAX_TICK / s) * s],
    [c - 300 * s, c + 300 * s],
  ];
  for (let i = 0; i < 3; i++) {
    const lo = c + rng.int(-60, 40) * s;
    ranges.push([lo, lo + rng.int(10, 40) * s]);
  }
  for (let i = 0; i < narrow; i++) ranges.push(narrowRange(pool, rng));
  for (const [lo, hi] of ranges) queueMint(world, pool, lo, hi, rng);
}

/** A range of 1 to 4 spacings near the starting tick: what makes swaps cross many ticks. */
export function narrowRange(pool: V3PoolFixture, rng: Rng): [number, number] {
  const s = pool.tickSpacing;
  const lo = pool.centerTick + rng.int(-NARROW_SPREAD, NARROW_SPREAD - 1) * s;
  return [lo, lo + rng.int(1, 4) * s];
}

/**
 * Queues a position-manager mint of liquidity `L = x·√P` for x = 10..1000 whole token0 in
 * [lo, hi), with the token amounts that liquidity needs at the current price.
 */
export function queueMint(world: V3World, pool: V3PoolFixture, lo: number, hi: number, rng: Rng) {
  const st = pool.state;
  const whole0 = 10n ** BigInt(pool.token0.decimals) * BigInt(rng.int(10, 1000));
  const liquidity = (whole0 * st.sqrtPriceX96) >> 96n;
  const [sa, sb] = [getSqrtRatioAtTick(lo), getSqrtRatioAtTick(hi)];
  let amount0 = 0n;
  let amount1 = 0n;
  if (st.tick < lo) amount0 = getAmount0Delta(sa, sb, liquidity, true);
  else if (st.tick >= hi) amount1 = getAmount1Delta(sa, sb, liquidity, true);
  else {
    amount0 = getAmount0Delta(st.sqrtPriceX96, sb, liquidity, true);
    amount1 = getAmount1Delta(sa, st.sqrtPriceX96, liquidity, true);
  }
  world.queue.add(
    `${pool.label} mint [${lo}, ${hi})`,
    world.venue.positionManager,
    encodeFunctionData({
      abi: positionManagerAbi,
      functionName: "mint",
      args: [{
        token0: pool.token0.address,
        token1: pool.token1.address,
        fee: pool.fee,
        tickLower: lo,
        tickUpper: hi,
        amount0Desired: amount0 + 2n,
        amount1Desired: amount1 + 2n,
        amount0Min: 0n,
        amount1Min: 0n,
        recipient: world.ctx.me,
        deadline: maxUint256,
      }],
    }),
  );
}

/** Queues a position-manager decreaseLiquidity (the pool burns) of part or all of a position. */
export function queueBurn(world: V3World, pool: V3PoolFixture, pos: V3Position, amount: bigint) {
  world.queue.add(
    `${pool.label} burn ${amount} of position ${pos.tokenId}`,
    world.venue.positionManager,
    encodeFunctionData({
      abi: positionBurnAbi,
      functionName: "decreaseLiquidity",
      args: [{
        tokenId: pos.tokenId,
        liquidity: amount,
        amount0Min: 0n,
        amount1Min: 0n,
        deadline: maxUint256,
      }],
    }),
  );
}

/** Queues a SwapRouter exactInputSingle / exactOutputSingle for the plan. */
export function queueSwap(world: V3World, pool: V3PoolFixture, plan: SwapPlan) {
  const [tokenIn, tokenOut] = plan.zeroForOne
    ? [pool.token0.address, pool.token1.address]
    : [pool.token1.address, pool.token0.address];
  const common = {
    tokenIn,
    tokenOut,
    fee: pool.fee,
    recipient: world.ctx.me,
    deadline: maxUint256,
    sqrtPriceLimitX96: plan.limit,
  };
  const data = plan.exactInput
    ? encodeFunctionData({
      abi: swapRouterAbi,
      functionName: "exactInputSingle",
      args: [{ ...common, amountIn: plan.amount, amountOutMinimum: 0n }],
    })
    : encodeFunctionData({
      abi: swapRouterAbi,
      functionName: "exactOutputSingle",
      args: [{ ...common, amountOut: plan.amount, amountInMaximum: maxUint256 }],
    });
  return world.queue.add(`${pool.label} ${describePlan(plan)}`, world.venue.swapRouter, data);
}

/** A Swap event and the pool that emitted it. */
export interface PoolSwapEvent {
  readonly pool: V3PoolFixture;
  readonly fields: SwapFields;
}

/**
 * Applies the Mint, Burn and Swap events of `receipts` (in order) to the pools' local states
 * with v3ApplyMint / v3ApplyBurn / v3ApplySwap, checking each Mint and Burn's token amounts
 * against what the local math charges or releases, and tracks the position manager's
 * positions. Returns the Swap events of each receipt.
 */
export function replayReceipts(
  world: V3World,
  receipts: readonly TransactionReceipt[],
): PoolSwapEvent[][] {
  const byAddress = new Map(world.pools.map((p) => [p.address, p]));
  return receipts.map((receipt) => {
    const swaps: PoolSwapEvent[] = [];
    let lastMint: { pool: V3PoolFixture; tickLower: number; tickUpper: number } | undefined;
    const logs = parseEventLogs({ abi: v3PoolEventsAbi, logs: receipt.logs });
    for (const log of logs) {
      const pool = byAddress.get(getAddress(log.address));
      if (pool === undefined) continue;
      const where = `${pool.label} block ${receipt.blockNumber}`;
      if (log.eventName === "Swap") {
        const ev = log.args;
        v3ApplySwap(pool.state, ev);
        const { amount0, amount1, sqrtPriceX96, liquidity, tick } = ev;
        swaps.push({ pool, fields: { amount0, amount1, sqrtPriceX96, liquidity, tick } });
        world.counts.swaps++;
      } else if (log.eventName === "Mint") {
        const ev = log.args;
        const owed = v3ApplyMint(pool.state, ev.tickLower, ev.tickUpper, ev.amount);
        assert.deepEqual(
          owed,
          { amount0: ev.amount0, amount1: ev.amount1 },
          `${where}: Mint [${ev.tickLower}, ${ev.tickUpper}) of ${ev.amount}: local amounts differ`,
        );
        lastMint = { pool, tickLower: ev.tickLower, tickUpper: ev.tickUpper };
        world.counts.mints++;
      } else {
        const ev = log.args;
        const before = pool.state.ticks.size;
        const released = v3ApplyBurn(pool.state, ev.tickLower, ev.tickUpper, ev.amount);
        assert.deepEqual(
          released,
          { amount0: ev.amount0, amount1: ev.amount1 },
          `${where}: Burn [${ev.tickLower}, ${ev.tickUpper}) of ${ev.amount}: local amounts differ`,
        );
        world.counts.ticksCleared += before - pool.state.ticks.size;
        world.counts.burns++;
      }
    }
    const npm = parseEventLogs({ abi: positionBurnAbi, logs: receipt.logs })
      .filter((l) => getAddress(l.address) === getAddress(world.venue.positionManager));
    for (const log of npm) {
      const { tokenId, liquidity } = log.args;
      if (log.eventName === "IncreaseLiquidity") {
        assert(lastMint !== undefined, `IncreaseLiquidity of ${tokenId} comes with a pool Mint`);
        const known = lastMint.pool.positions.get(tokenId);
        if (known !== undefined) known.liquidity += liquidity;
        else {
          lastMint.pool.positions.set(tokenId, {
            tokenId,
            tickLower: lastMint.tickLower,
            tickUpper: lastMint.tickUpper,
            liquidity,
          });
        }
      } else {
        for (const pool of world.pools) {
          const pos = pool.positions.get(tokenId);
          if (pos === undefined) continue;
          pos.liquidity -= liquidity;
          if (pos.liquidity === 0n) pool.positions.delete(tokenId);
        }
      }
    }
    return swaps;
  });
}

/** The parts of a V3 state storage holds, as plain data for deepEqual. */
function storageView(state: V3PoolState) {
  return {
    sqrtPriceX96: state.sqrtPriceX96,
    tick: state.tick,
    liquidity: state.liquidity,
    fee: state.fee,
    tickSpacing: state.tickSpacing,
    feeProtocol: state.feeProtocol,
    ticks: state.ticks.ticks().map((t) => {
      const info = state.ticks.get(t)!;
      return [t, info.liquidityGross, info.liquidityNet] as const;
    }),
  };
}

/**
 * Asserts each pool's local (event-replayed) state equals its storage: slot0, liquidity and
 * every initialized tick's liquidityGross/liquidityNet as lib/chain/pool_reader reads them
 * through the tick bitmap; slot0 and liquidity also through the devnet's independent reader.
 */
export async function assertWorldMatchesChain(world: V3World): Promise<void> {
  const blockNumber = await world.ctx.readClient.getBlockNumber({ cacheTime: 0 });
  await Promise.all(world.pools.map(async (pool) => {
    const [snap, raw] = await Promise.all([
      readV3Pool(world.ctx.readClient, pool.address, { blockNumber }),
      readV3PoolState(world.ctx.client, pool.address),
    ]);
    assert.deepEqual(
      storageView(snap.state),
      storageView(pool.state),
      `${pool.label} at block ${blockNumber}: readV3Pool (left) differs from the replayed events`,
    );
    assert.deepEqual(
      { sqrtPriceX96: raw.sqrtPriceX96, tick: raw.tick, liquidity: raw.liquidity },
      {
        sqrtPriceX96: pool.state.sqrtPriceX96,
        tick: pool.state.tick,
        liquidity: pool.state.liquidity,
      },
      `${pool.label}: slot0/liquidity differ from the replayed events`,
    );
    assert.equal(snap.token0.address, pool.token0.address);
    assert.equal(snap.token1.decimals, pool.token1.decimals);
  }));
}

/** A copy of every pool's state, to predict a batch of swaps before sending it. */
export function predictedStates(world: V3World): Map<V3PoolFixture, V3PoolState> {
  return new Map(world.pools.map((p) => [p, cloneV3PoolState(p.state)]));
}
