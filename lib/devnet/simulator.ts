// lib/devnet/simulator.ts — one job: a market on the devnet: a seeded sequence of swaps
// (and some liquidity changes) sent through the real routers from several accounts, so prices
// wander, drift apart across venues, and arbitrage appears.
import type { AnvilHandle } from "./anvil.ts";
import { createDevnetClient, type DevnetClient } from "./client.ts";
import { v2Venue, v3Venue } from "./deploy.ts";
import { DevnetError } from "./errors.ts";
import { decreaseV3Liquidity, removeV2Liquidity } from "./liquidity_removal.ts";
import type { ScenarioDeployment, ScenarioPool } from "./scenario.ts";
import { swapV2ExactIn, swapV3ExactInSingle } from "./swap.ts";
import { addV2Liquidity } from "./v2_liquidity.ts";
import { mintV3Position } from "./v3_liquidity.ts";
import { createPrng, type Prng } from "./_prng.ts";

/** One planned action on a pool (index into the scenario's pools). */
export type SimStep =
  | {
    readonly kind: "swap";
    readonly pool: number;
    /** True: pay token0 for token1 (the price of token0 falls). */
    readonly zeroForOne: boolean;
    readonly amountIn: bigint;
    /** Index of the trader account that sends it. */
    readonly trader: number;
  }
  | {
    readonly kind: "mint";
    readonly pool: number;
    readonly amount0: bigint;
    readonly amount1: bigint;
    /** V3 range (0, 0 for V2). */
    readonly tickLower: number;
    readonly tickUpper: number;
  }
  | {
    readonly kind: "burn";
    readonly pool: number;
    /** Which of the simulator's open positions on the pool (oldest first). */
    readonly position: number;
    /** Share of it to remove, in parts per million. */
    readonly sharePpm: number;
  };

/** The knobs of the market. */
export interface PlannerOptions {
  readonly seed: number;
  /** Typical relative price move per trade (default 0.002, i.e. 0.2%). */
  readonly volatility?: number;
  /** Share of steps that add or remove liquidity instead of swapping (default 0.05). */
  readonly liquidityShare?: number;
  /** Number of trader accounts (default 3). */
  readonly traders?: number;
}

/**
 * The deterministic plan: the same seed and options give the same steps, whatever the chain
 * does. Each pair has a fair price that random-walks (mean-reverting); each pool chases its
 * pair's fair price plus its own noise, so venues drift apart and come back. Trade sizes are
 * drawn as parts per billion of the pool's starting reserves (bigint from there on).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TradePlanner } from "./simulator.ts";
 * const pools = [{ protocol: "v2", pair: "A/B", reserve0: 10n ** 21n, reserve1: 10n ** 21n, centerTick: 0, tickSpacing: 0 }] as const;
 * const a = new TradePlanner(pools, { seed: 3 });
 * const b = new TradePlanner(pools, { seed: 3 });
 * assert(JSON.stringify(a.next(), (_, v) => String(v)) === JSON.stringify(b.next(), (_, v) => String(v)));
 * ```
 */
export class TradePlanner {
  readonly #pools: readonly Pick<
    ScenarioPool,
    "protocol" | "pair" | "reserve0" | "reserve1" | "centerTick" | "tickSpacing"
  >[];
  readonly #rng: Prng;
  readonly #vol: number;
  readonly #liquidityShare: number;
  readonly #traders: number;
  readonly #fair = new Map<string, number>();
  readonly #offset: number[];
  readonly #open: number[];
  #step = 0;

  constructor(
    pools: readonly Pick<
      ScenarioPool,
      "protocol" | "pair" | "reserve0" | "reserve1" | "centerTick" | "tickSpacing"
    >[],
    options: PlannerOptions,
  ) {
    if (pools.length === 0) {
      throw new DevnetError("BAD_OPTION", "The simulator needs at least one pool", {});
    }
    const vol = options.volatility ?? 0.002;
    if (!(vol > 0 && vol <= 0.1)) {
      throw new DevnetError("BAD_OPTION", `Volatility must be in (0, 0.1], got ${vol}`, {
        volatility: vol,
      });
    }
    const share = options.liquidityShare ?? 0.05;
    if (!(share >= 0 && share <= 1)) {
      throw new DevnetError("BAD_OPTION", `Liquidity share must be in [0, 1], got ${share}`, {
        liquidityShare: share,
      });
    }
    this.#pools = pools;
    this.#rng = createPrng(options.seed);
    this.#vol = vol;
    this.#liquidityShare = share;
    this.#traders = options.traders ?? 3;
    this.#offset = pools.map(() => 0);
    this.#open = pools.map(() => 0);
  }

  /** The next step of the plan. */
  next(): SimStep {
    const rng = this.#rng;
    const index = rng.int(this.#pools.length);
    const pool = this.#pools[index]!;
    const n = this.#step++;
    if (rng.next() < this.#liquidityShare) {
      if (this.#open[index]! > 0 && rng.next() < 0.5) {
        const position = rng.int(this.#open[index]!);
        const sharePpm = 200_000 + rng.int(800_001);
        if (sharePpm === 1_000_000) this.#open[index]!--;
        return { kind: "burn", pool: index, position, sharePpm };
      }
      this.#open[index]!++;
      const ppb = BigInt(1_000_000 + rng.int(19_000_000)); // 0.1% to 2% of the starting reserves
      let tickLower = 0;
      let tickUpper = 0;
      if (pool.protocol === "v3") {
        const spacing = pool.tickSpacing;
        const offset = Math.round(rng.normal() * 300);
        const half = 60 + rng.int(1200);
        tickLower = Math.floor((pool.centerTick + offset - half) / spacing) * spacing;
        tickUpper = Math.ceil((pool.centerTick + offset + half) / spacing) * spacing;
      }
      return {
        kind: "mint",
        pool: index,
        amount0: pool.reserve0 * ppb / 1_000_000_000n,
        amount1: pool.reserve1 * ppb / 1_000_000_000n,
        tickLower,
        tickUpper,
      };
    }
    // The pair's fair log-price reverts slowly to the start; the pool chases it with noise.
    const fair = (this.#fair.get(pool.pair) ?? 0) * 0.99 + this.#vol * 0.5 * rng.normal();
    this.#fair.set(pool.pair, fair);
    const target = fair + this.#vol * 1.5 * rng.normal();
    const cap = 3 * this.#vol;
    const move = Math.max(-cap, Math.min(cap, target - this.#offset[index]!));
    this.#offset[index]! += move;
    // Moving a constant-product price by m needs about m/2 of the input reserve.
    const ppb = BigInt(Math.max(1_000, Math.round(Math.abs(move) / 2 * 1e9)));
    const zeroForOne = move < 0;
    const reserveIn = zeroForOne ? pool.reserve0 : pool.reserve1;
    return {
      kind: "swap",
      pool: index,
      zeroForOne,
      amountIn: reserveIn * ppb / 1_000_000_000n,
      trader: n % this.#traders,
    };
  }
}

/** How to run the market. */
export interface SimulatorOptions extends Omit<PlannerOptions, "traders"> {
  /** Steps per second (default 5); `Infinity` runs them as fast as the chain takes them. */
  readonly rate?: number;
  /** Stop after this many steps (default: run until stopped). */
  readonly steps?: number;
  /** Steps one account may have queued before the scheduler waits (default 8). */
  readonly maxBacklog?: number;
  /** One line per failed step and a summary now and then. */
  readonly log?: (line: string) => void;
}

/** What the simulator did. */
export interface SimulatorStats {
  swaps: number;
  mints: number;
  burns: number;
  failed: number;
}

/** A running simulator. */
export interface SimulatorHandle {
  readonly stats: SimulatorStats;
  /** Resolves when the planned steps are done (never, without `steps`, until stopped). */
  readonly done: Promise<SimulatorStats>;
  /** Stops scheduling, waits for the steps in flight, resolves with the totals. */
  stop(): Promise<SimulatorStats>;
}

interface Position {
  readonly tokenId: bigint;
  liquidity: bigint;
}

/**
 * Runs the planned market against a deployed scenario: swaps from the trader accounts
 * (concurrently, one queue per account), liquidity from the liquidity account, at `rate` steps
 * per second. A failed step (e.g. a swap that a pool cannot fill) is logged and counted, and
 * the market goes on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { deployScenario } from "./scenario.ts";
 * import { startSimulator } from "./simulator.ts";
 * await using anvil = await startAnvil();
 * const scenario = await deployScenario(anvil, { seed: 1 });
 * const stats = await startSimulator(anvil, scenario, { seed: 1, rate: Infinity, steps: 12 }).done;
 * assert(stats.swaps + stats.mints + stats.burns + stats.failed === 12);
 * ```
 */
export function startSimulator(
  anvil: Pick<AnvilHandle, "chainId" | "rpcUrl" | "wsUrl" | "accounts">,
  scenario: ScenarioDeployment,
  options: SimulatorOptions,
): SimulatorHandle {
  const rate = options.rate ?? 5;
  if (!(rate > 0)) {
    throw new DevnetError("BAD_OPTION", `Rate must be positive, got ${rate}`, { rate });
  }
  const traders = scenario.accounts.traders.map((account) =>
    createDevnetClient(anvil, { account })
  );
  const lp = createDevnetClient(anvil, { account: scenario.accounts.liquidity });
  const planner = new TradePlanner(scenario.pools, { ...options, traders: traders.length });
  const stats: SimulatorStats = { swaps: 0, mints: 0, burns: 0, failed: 0 };
  const positions = new Map<number, Position[]>();
  const lpTokens = new Map<number, bigint[]>();
  const queues = new Map<DevnetClient, { tail: Promise<void>; size: number }>();
  const log = options.log ?? (() => {});
  let stopped = false;
  let wake: (() => void) | undefined;

  const execute = async (step: SimStep): Promise<void> => {
    const pool = scenario.pools[step.pool]!;
    const [tokenIn, tokenOut] = step.kind === "swap" && !step.zeroForOne
      ? [pool.token1, pool.token0]
      : [pool.token0, pool.token1];
    if (step.kind === "swap") {
      const client = traders[step.trader]!;
      if (pool.protocol === "v2") {
        await swapV2ExactIn(client, v2Venue(scenario.deployment, pool.venue), {
          path: [tokenIn, tokenOut],
          amountIn: step.amountIn,
          amountOutMin: 0n,
        });
      } else {
        await swapV3ExactInSingle(client, v3Venue(scenario.deployment, pool.venue), {
          tokenIn,
          tokenOut,
          fee: pool.fee,
          amountIn: step.amountIn,
          amountOutMin: 0n,
        });
      }
      stats.swaps++;
      return;
    }
    if (step.kind === "mint") {
      if (pool.protocol === "v2") {
        const r = await addV2Liquidity(lp, v2Venue(scenario.deployment, pool.venue), {
          tokenA: pool.token0,
          tokenB: pool.token1,
          amountA: step.amount0,
          amountB: step.amount1,
        });
        list(lpTokens, step.pool).push(r.liquidity);
      } else {
        const r = await mintV3Position(lp, v3Venue(scenario.deployment, pool.venue), {
          token0: pool.token0,
          token1: pool.token1,
          fee: pool.fee,
          tickLower: step.tickLower,
          tickUpper: step.tickUpper,
          amount0Desired: step.amount0,
          amount1Desired: step.amount1,
        });
        list(positions, step.pool).push({ tokenId: r.tokenId, liquidity: r.liquidity });
      }
      stats.mints++;
      return;
    }
    if (pool.protocol === "v2") {
      const held = list(lpTokens, step.pool);
      const k = step.position % Math.max(1, held.length);
      const amount = (held[k] ?? 0n) * BigInt(step.sharePpm) / 1_000_000n;
      if (amount === 0n) throw new Error("no LP tokens of the simulator to remove");
      await removeV2Liquidity(lp, v2Venue(scenario.deployment, pool.venue), {
        pair: pool.address,
        tokenA: pool.token0,
        tokenB: pool.token1,
        liquidity: amount,
      });
      held[k] = held[k]! - amount;
    } else {
      const held = list(positions, step.pool);
      const pos = held[step.position % Math.max(1, held.length)];
      const amount = pos === undefined ? 0n : pos.liquidity * BigInt(step.sharePpm) / 1_000_000n;
      if (pos === undefined || amount === 0n) {
        throw new Error("no position of the simulator to burn");
      }
      await decreaseV3Liquidity(lp, v3Venue(scenario.deployment, pool.venue), {
        tokenId: pos.tokenId,
        liquidity: amount,
      });
      pos.liquidity -= amount;
    }
    stats.burns++;
  };

  const enqueue = async (client: DevnetClient, step: SimStep, n: number): Promise<void> => {
    let q = queues.get(client);
    if (q === undefined) queues.set(client, q = { tail: Promise.resolve(), size: 0 });
    const maxBacklog = options.maxBacklog ?? 8;
    while (q.size >= maxBacklog) await q.tail;
    q.size++;
    const queue = q;
    q.tail = q.tail.then(() => execute(step)).catch((e) => {
      stats.failed++;
      log(`step ${n} (${step.kind} on pool ${step.pool}) failed: ${(e as Error).message}`);
    }).finally(() => {
      queue.size--;
    });
  };

  const run = async (): Promise<SimulatorStats> => {
    const start = performance.now();
    for (let n = 0; options.steps === undefined || n < options.steps; n++) {
      if (stopped) break;
      if (Number.isFinite(rate)) {
        const due = start + n * 1000 / rate;
        const wait = due - performance.now();
        if (wait > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          if (stopped) break;
        }
      }
      const step = planner.next();
      await enqueue(step.kind === "swap" ? traders[step.trader]! : lp, step, n);
    }
    await Promise.all([...queues.values()].map((q) => q.tail));
    return stats;
  };

  const done = run();
  return {
    stats,
    done,
    stop() {
      stopped = true;
      wake?.();
      return done;
    },
  };
}

function list<T>(map: Map<number, T[]>, key: number): T[] {
  let hit = map.get(key);
  if (hit === undefined) map.set(key, hit = []);
  return hit;
}
