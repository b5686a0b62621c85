// tests/amm_chain/_v2_world.ts — one job: V2 pairs on both devnet V2 venues mirrored by local
// states rebuilt from their Sync events, random routes, and the Router02 round trip.
import assert from "node:assert/strict";
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  encodeFunctionData,
  getAddress,
  maxUint256,
  parseEventLogs,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import {
  AmmError,
  createV2PoolState,
  v2AmountIn,
  v2AmountOut,
  v2ApplySync,
  type V2PoolState,
  type V2SwapAmounts,
  v2SwapExactInput,
  v2SwapExactOutput,
} from "../../lib/amm/mod.ts";
import {
  sortTokens,
  type TokenDeployment,
  uniswapV2RouterAbi,
  type V2VenueDeployment,
} from "../../lib/devnet/mod.ts";
import { readV2Pool } from "../../lib/chain/pool_reader.ts";
import {
  type ChainContext,
  queueApprovals,
  TOKEN_SYMBOLS,
  type TokenSymbol,
  TxQueue,
  v2PairEventsAbi,
} from "./_chain.ts";
import type { Rng } from "./_rng.ts";

/** Whole units of each token worth about the same (60 000 USDC per WBTC, 1 USDC per DAI). */
const UNIT_VALUE: Record<TokenSymbol, bigint> = { USDC: 1n, DAI: 1n, WBTC: 60_000n };

/** A devnet pair and its local mirror. */
export interface V2PairFixture {
  readonly label: string;
  readonly venue: V2VenueDeployment;
  readonly address: Address;
  readonly token0: TokenDeployment;
  readonly token1: TokenDeployment;
  /** Rebuilt from the pair's Sync events only. */
  state: V2PoolState;
}

/** Both V2 venues with the three pairs of the 6/8/18-decimal tokens each. */
export interface V2World {
  readonly ctx: ChainContext;
  readonly pairs: readonly V2PairFixture[];
  readonly queue: TxQueue;
  readonly counts: { syncs: number; swaps: number };
}

/** One hop of a route: a pair and the direction it is crossed in. */
export interface Hop {
  readonly pair: V2PairFixture;
  readonly zeroForOne: boolean;
}

/** A Router02 swap or quote along one or two pairs of one venue. */
export interface Route {
  readonly venue: V2VenueDeployment;
  readonly hops: readonly Hop[];
  readonly exactInput: boolean;
  /** The input (exact input) or the final output (exact output), native units. */
  readonly amount: bigint;
}

/**
 * Deposits into the three pairs (USDC/WBTC, USDC/DAI, WBTC/DAI) on both V2 venues, through
 * Router02 addLiquidity (which creates them), at prices off by a random factor of 0.5–2, and
 * replays their Sync events into local states (checked against getReserves).
 */
export async function setupV2World(ctx: ChainContext, rng: Rng): Promise<V2World> {
  const queue = new TxQueue(ctx);
  const venues = ctx.deployment.v2;
  assert.equal(venues.length, 2, "two V2 venues");
  queueApprovals(ctx, queue, venues.map((v) => v.router));
  await queue.flush();
  const pairs: V2PairFixture[] = [];
  for (const venue of venues) {
    for (const [i, sa] of TOKEN_SYMBOLS.entries()) {
      for (const sb of TOKEN_SYMBOLS.slice(i + 1)) {
        const [a, b] = [ctx.token(sa), ctx.token(sb)];
        // about 10^4..10^7 dollars on each side
        const dollars = 10n ** BigInt(rng.int(4, 7)) * BigInt(rng.int(1, 9));
        const k = BigInt(rng.int(500, 2000));
        const amountA = (dollars * 10n ** BigInt(a.decimals)) / UNIT_VALUE[sa];
        const amountB = (dollars * k * 10n ** BigInt(b.decimals)) / (UNIT_VALUE[sb] * 1000n);
        queue.add(
          `${venue.name} addLiquidity ${sa}/${sb}`,
          venue.router,
          addLiquidityData(ctx, a.address, b.address, amountA, amountB),
        );
        const [t0] = sortTokens(a.address, b.address);
        const [token0, token1] = t0 === a.address ? [a, b] : [b, a];
        pairs.push({
          label:
            `${venue.name} ${token0.symbol}(${token0.decimals})/${token1.symbol}(${token1.decimals})`,
          venue,
          address: "0x" as Address, // known once the first Sync names it
          token0,
          token1,
          state: createV2PoolState(0n, 0n),
        });
      }
    }
  }
  const receipts = await queue.flush();
  // each deposit created its pair: its Sync names the address
  const named = receipts.map((r, i) => {
    const sync = parseEventLogs({ abi: v2PairEventsAbi, eventName: "Sync", logs: r.logs })[0];
    assert(sync !== undefined, `${pairs[i]!.label}: the deposit emitted Sync`);
    return { ...pairs[i]!, address: getAddress(sync.address) };
  });
  const world: V2World = { ctx, pairs: named, queue, counts: { syncs: 0, swaps: 0 } };
  replayV2Receipts(world, receipts);
  await assertV2WorldMatchesChain(world);
  return world;
}

function addLiquidityData(
  ctx: ChainContext,
  a: Address,
  b: Address,
  amountA: bigint,
  amountB: bigint,
) {
  return encodeFunctionData({
    abi: uniswapV2RouterAbi,
    functionName: "addLiquidity",
    args: [a, b, amountA, amountB, 0n, 0n, ctx.me, maxUint256],
  });
}

/** Queues a Router02 deposit into `pair` of up to half its reserves. */
export function queueDeposit(world: V2World, pair: V2PairFixture, rng: Rng) {
  const { reserve0, reserve1 } = pair.state;
  const amount0 = rng.scale(reserve0, -8, -1);
  const amount1 = rng.scale(reserve1, -8, -1);
  world.queue.add(
    `${pair.label} deposit`,
    pair.venue.router,
    addLiquidityData(world.ctx, pair.token0.address, pair.token1.address, amount0, amount1),
  );
}

/**
 * Applies the Sync events of `receipts` to the pairs' local states with v2ApplySync and returns
 * each receipt's Swap events, in log order.
 */
export function replayV2Receipts(
  world: V2World,
  receipts: readonly TransactionReceipt[],
): { pair: V2PairFixture; amounts: V2SwapAmounts }[][] {
  const byAddress = new Map(world.pairs.map((p) => [p.address, p]));
  return receipts.map((receipt) => {
    const swaps: { pair: V2PairFixture; amounts: V2SwapAmounts }[] = [];
    for (const log of parseEventLogs({ abi: v2PairEventsAbi, logs: receipt.logs })) {
      const pair = byAddress.get(getAddress(log.address));
      if (pair === undefined) continue;
      if (log.eventName === "Sync") {
        pair.state = v2ApplySync(pair.state, log.args.reserve0, log.args.reserve1);
        world.counts.syncs++;
      } else {
        const { amount0In, amount1In, amount0Out, amount1Out } = log.args;
        swaps.push({ pair, amounts: { amount0In, amount1In, amount0Out, amount1Out } });
        world.counts.swaps++;
      }
    }
    return swaps;
  });
}

/** Asserts every pair's replayed reserves equal getReserves as lib/chain/pool_reader reads it. */
export async function assertV2WorldMatchesChain(world: V2World): Promise<void> {
  const blockNumber = await world.ctx.readClient.getBlockNumber({ cacheTime: 0 });
  await Promise.all(world.pairs.map(async (pair) => {
    const snap = await readV2Pool(world.ctx.readClient, pair.address, { blockNumber });
    assert.deepEqual(
      [snap.state.reserve0, snap.state.reserve1, snap.state.feeBps],
      [pair.state.reserve0, pair.state.reserve1, pair.state.feeBps],
      `${pair.label} at block ${blockNumber}: getReserves (left) differs from the replayed Syncs`,
    );
    assert.deepEqual(
      [snap.token0.address, snap.token1.address, snap.token0.decimals, snap.token1.decimals],
      [pair.token0.address, pair.token1.address, pair.token0.decimals, pair.token1.decimals],
    );
  }));
}

/** The token addresses a route passes through, input first. */
export function routePath(route: Route): Address[] {
  const first = route.hops[0]!;
  const path = [first.zeroForOne ? first.pair.token0.address : first.pair.token1.address];
  for (const h of route.hops) {
    path.push(h.zeroForOne ? h.pair.token1.address : h.pair.token0.address);
  }
  return path;
}

/** One line naming a route, for assertion messages. */
export function describeRoute(route: Route): string {
  const symbols = routePath(route).map((a) =>
    route.hops.flatMap((h) => [h.pair.token0, h.pair.token1]).find((t) => t.address === a)!.symbol
  );
  return `${route.venue.name} ${route.exactInput ? "exact-in" : "exact-out"} ${route.amount} ${
    symbols.join("→")
  }`;
}

/**
 * A random route on a random venue: one pair (most of the time) or two pairs through the third
 * token, exact input or output, with an amount log-uniform from a few units up to about twice
 * the reserve (exact input) or the reserve (exact output); now and then a zero input or an
 * output of the whole reserve or more, which Router02 refuses.
 */
export function planRoute(world: V2World, rng: Rng, states = stateOf): Route {
  const venue = rng.pick(world.ctx.deployment.v2);
  const onVenue = world.pairs.filter((p) => p.venue === venue);
  const symbols = [...TOKEN_SYMBOLS];
  const from = symbols.splice(rng.int(0, 2), 1)[0]!;
  const via = symbols.splice(rng.int(0, 1), 1)[0]!;
  const tokens = rng.chance(0.15) ? [from, via, symbols[0]!] : [from, via];
  const hops: Hop[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = world.ctx.token(tokens[i]!).address;
    const b = world.ctx.token(tokens[i + 1]!).address;
    const pair = onVenue.find((p) =>
      (p.token0.address === a && p.token1.address === b) ||
      (p.token0.address === b && p.token1.address === a)
    )!;
    hops.push({ pair, zeroForOne: pair.token0.address === a });
  }
  const exactInput = rng.chance(0.5);
  const edge = exactInput ? hops[0]! : hops[hops.length - 1]!;
  const s = states(edge.pair);
  const reserve = exactInput === edge.zeroForOne ? s.reserve0 : s.reserve1;
  if (rng.chance(0.03)) {
    // at the edge: nothing in, or all of the output reserve or more (Router02 reverts)
    const amount = exactInput ? 0n : reserve + rng.below(reserve) * BigInt(rng.int(0, 1));
    return { venue, hops, exactInput, amount };
  }
  const amount = exactInput ? rng.scale(reserve, -40, 1) : rng.scale(reserve, -40, 0);
  return { venue, hops, exactInput, amount };
}

function stateOf(pair: V2PairFixture): V2PoolState {
  return pair.state;
}

/** Router02's amounts along the route computed locally, or the AmmError standing for a revert. */
export function localAmounts(
  route: Route,
  states = stateOf,
): { ok: true; amounts: bigint[] } | { ok: false; error: AmmError } {
  try {
    const amounts = [route.amount];
    if (route.exactInput) {
      for (const h of route.hops) {
        const s = states(h.pair);
        const [rin, rout] = h.zeroForOne ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
        amounts.push(v2AmountOut(amounts[amounts.length - 1]!, rin, rout, s.feeBps));
      }
      return { ok: true, amounts };
    }
    for (const h of [...route.hops].reverse()) {
      const s = states(h.pair);
      const [rin, rout] = h.zeroForOne ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
      amounts.unshift(v2AmountIn(amounts[0]!, rin, rout, s.feeBps));
    }
    return { ok: true, amounts };
  } catch (e) {
    if (e instanceof AmmError) return { ok: false, error: e };
    throw e;
  }
}

/** Router02 getAmountsOut / getAmountsIn via eth_call at a block, or its revert reason. */
export async function routerAmounts(
  client: PublicClient,
  route: Route,
  blockNumber: bigint,
): Promise<{ ok: true; amounts: bigint[] } | { ok: false; reason: string }> {
  try {
    const amounts = await client.readContract({
      address: route.venue.router,
      abi: uniswapV2RouterAbi,
      functionName: route.exactInput ? "getAmountsOut" : "getAmountsIn",
      args: [route.amount, routePath(route)],
      blockNumber,
    });
    return { ok: true, amounts: [...amounts] };
  } catch (e) {
    const reverted = e instanceof BaseError &&
      e.walk((x) => x instanceof ContractFunctionRevertedError) !== null;
    if (!reverted) throw e;
    return { ok: false, reason: (e as BaseError).shortMessage };
  }
}

/**
 * Predicts a Router02 swap along the route on `states` (advancing them) and queues it:
 * swapExactTokensForTokens or swapTokensForExactTokens. Returns undefined, queuing nothing,
 * when the local math says the router would revert.
 */
export function queueRouteSwap(
  world: V2World,
  route: Route,
  states: Map<V2PairFixture, V2PoolState>,
): { index: number; amounts: bigint[]; events: V2SwapAmounts[] } | undefined {
  const state = (p: V2PairFixture) => states.get(p)!;
  const local = localAmounts(route, state);
  if (!local.ok) return undefined;
  const next = new Map<V2PairFixture, V2PoolState>();
  const events: V2SwapAmounts[] = [];
  try {
    route.hops.forEach((h, i) => {
      const amountIn = local.amounts[i]!;
      const r = route.exactInput
        ? v2SwapExactInput(state(h.pair), h.zeroForOne, amountIn)
        : v2SwapExactOutput(state(h.pair), h.zeroForOne, local.amounts[i + 1]!);
      assert.equal(r.amountIn, amountIn, "the pair takes what the router computed");
      next.set(h.pair, r.state);
      events.push(
        h.zeroForOne
          ? { amount0In: r.amountIn, amount1In: 0n, amount0Out: 0n, amount1Out: r.amountOut }
          : { amount0In: 0n, amount1In: r.amountIn, amount0Out: r.amountOut, amount1Out: 0n },
      );
    });
  } catch (e) {
    if (e instanceof AmmError) return undefined; // e.g. a zero output the pair refuses
    throw e;
  }
  for (const [p, s] of next) states.set(p, s);
  const path = routePath(route);
  const data = route.exactInput
    ? encodeFunctionData({
      abi: uniswapV2RouterAbi,
      functionName: "swapExactTokensForTokens",
      args: [route.amount, 0n, path, world.ctx.me, maxUint256],
    })
    : encodeFunctionData({
      abi: uniswapV2RouterAbi,
      functionName: "swapTokensForExactTokens",
      args: [route.amount, maxUint256, path, world.ctx.me, maxUint256],
    });
  const index = world.queue.add(describeRoute(route), route.venue.router, data);
  return { index, amounts: local.amounts, events };
}
