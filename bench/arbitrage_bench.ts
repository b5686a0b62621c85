// bench/arbitrage_bench.ts — the detector's decision latency: one pool update in, signals or
// none out, on a 1,000-pool market shaped like a real chain.
//
// Market: five hubs (WETH, USDC, USDT, DAI, WBTC) paired with each other on several venues and
// fee tiers, and tail tokens each paired with 1–3 hubs on 2–3 venues; V2 and V3 mixed, V3 pools
// with 20–100 initialized ticks. Prices start consistent (with ±2 bps of noise per pool). Each
// iteration moves the next pool of a shuffled list to its reference price times (1 + ε): mostly
// |ε| of a few bps (no-ops), sometimes a 0.3–1.5% jump, so that some updates produce signals as
// in a live market; a jump is arbitraged back a few moves later. Each pool's move replaces its
// previous one rather than compounding.
//
// TORQ_BENCH_POOLS=10000 builds a 10,000-pool market instead and names the cases `… 10k`; its
// setup indexes ~38 M cycles (about 20 minutes and 12 GiB here), so it is not part of the default
// run nor of CI's short mode (bench/README.md has the figures).
import {
  createV3PoolState,
  getTickAtSqrtRatio,
  v3ApplyMint,
  type V3PoolState,
} from "../lib/amm/mod.ts";
import { ArbitrageDetector } from "../lib/arbitrage/mod.ts";
import { dexPool, instrumentToBytes } from "../lib/instrument/mod.ts";
import { bytesToHex, type Hex, TlvType } from "../lib/protocol/mod.ts";
import type { PoolUpdate } from "../lib/market/mod.ts";
import { iterations } from "./_short.ts";

const POOLS = Number(Deno.env.get("TORQ_BENCH_POOLS") ?? 1000);
if (!Number.isInteger(POOLS) || POOLS < 100) {
  throw new Error(`TORQ_BENCH_POOLS must be an integer ≥ 100, got ${POOLS}`);
}
// bench names: "detect v2 move" at 1,000 pools, "detect v2 move 10k" at 10,000
const SCALE = POOLS === 1000 ? "" : ` ${POOLS % 1000 === 0 ? `${POOLS / 1000}k` : POOLS}`;
const GAS_PRICE_WEI = 5_000_000_000n; // 5 gwei
const TX_HASH: Hex = `0x${"ab".repeat(32)}`;

// deterministic randomness (mulberry32) so every run benches the same market and moves
let seed = 0x5eed1234;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

interface Token {
  readonly address: Hex;
  readonly decimals: number;
  readonly usd: number;
}

const address = (n: number): Hex => `0x${n.toString(16).padStart(40, "0")}`;
const HUBS: Token[] = [
  { address: address(0xe1), decimals: 18, usd: 3000 }, // WETH
  { address: address(0xe2), decimals: 6, usd: 1 }, // USDC
  { address: address(0xe3), decimals: 6, usd: 1 }, // USDT
  { address: address(0xe4), decimals: 18, usd: 1 }, // DAI
  { address: address(0xe5), decimals: 8, usd: 60000 }, // WBTC
];
const [WETH, USDC, USDT, DAI] = HUBS as [Token, Token, Token, Token, Token];

// native units of `t` worth `usd` dollars
function units(t: Token, usd: number): bigint {
  const micro = BigInt(Math.round((usd / t.usd) * 1e6));
  return (micro * 10n ** BigInt(t.decimals)) / 1_000_000n;
}

const Q96 = 2 ** 96;
function sqrtPriceOf(t0: Token, t1: Token, factor: number): bigint {
  const price = (t0.usd / t1.usd) * 10 ** (t1.decimals - t0.decimals) * factor;
  return BigInt(Math.floor(Math.sqrt(price) * Q96));
}

type Venue = { venue: string; protocol: 1 | 2; fee: number; spacing: number };
const V2_VENUES: Venue[] = [
  { venue: "uniswap_v2", protocol: 1, fee: 3000, spacing: 0 },
  { venue: "sushiswap", protocol: 1, fee: 3000, spacing: 0 },
  { venue: "pancakeswap_v2", protocol: 1, fee: 2500, spacing: 0 },
];
const V3_VENUES: Venue[] = [
  { venue: "uniswap_v3", protocol: 2, fee: 500, spacing: 10 },
  { venue: "uniswap_v3", protocol: 2, fee: 3000, spacing: 60 },
  { venue: "uniswap_v3", protocol: 2, fee: 10000, spacing: 200 },
  { venue: "pancakeswap_v3", protocol: 2, fee: 500, spacing: 10 },
  { venue: "pancakeswap_v3", protocol: 2, fee: 2500, spacing: 50 },
];

interface SimPool {
  readonly id: Hex;
  readonly t0: Token;
  readonly t1: Token;
  readonly v: Venue;
  readonly depthUsd: number;
  // V3: the positions, to rebuild the active liquidity at any tick
  readonly positions: { lower: number; upper: number; liquidity: bigint }[];
  readonly state?: V3PoolState;
}

const pools: SimPool[] = [];
function addPool(a: Token, b: Token, v: Venue, depthUsd: number): void {
  const [t0, t1] = a.address < b.address ? [a, b] : [b, a];
  const n = pools.length + 1;
  const id = bytesToHex(instrumentToBytes(dexPool("ethereum", v.venue, address(0x10000 + n))));
  let state: V3PoolState | undefined;
  const positions: SimPool["positions"] = [];
  if (v.protocol === 2) {
    const sqrt = sqrtPriceOf(t0, t1, 1 + 2e-4 * gauss());
    const tick = getTickAtSqrtRatio(sqrt);
    state = createV3PoolState({ sqrtPriceX96: sqrt, fee: v.fee, tickSpacing: v.spacing });
    // L such that the virtual token0 reserve is worth depthUsd: x = L / √P
    const total = units(t0, depthUsd) * sqrt / (1n << 96n);
    const count = 10 + Math.floor(rand() * 41); // 10–50 positions: 20–100 ticks
    const base = Math.floor(tick / v.spacing);
    for (let i = 0; i < count; i++) {
      const width = 1 + Math.floor(rand() ** 2 * 400);
      let lower: number;
      let upper: number;
      if (rand() < 0.7) {
        lower = (base - 1 - Math.floor(rand() * width)) * v.spacing;
        upper = (base + 1 + Math.floor(rand() * width)) * v.spacing;
      } else {
        const side = rand() < 0.5 ? -1 : 1;
        const start = base + side * (2 + Math.floor(rand() * 60));
        lower = Math.min(start, start + side * width) * v.spacing;
        upper = (Math.max(start, start + side * width) + 1) * v.spacing;
      }
      const liquidity = total / BigInt(count) + BigInt(Math.floor(rand() * 1000));
      if (liquidity === 0n) continue;
      v3ApplyMint(state, lower, upper, liquidity);
      positions.push({ lower, upper, liquidity });
    }
  }
  pools.push({ id, t0, t1, v, depthUsd, positions, ...(state ? { state } : {}) });
}

// hub pairs: 3–6 pools each, deep
for (let i = 0; i < HUBS.length; i++) {
  for (let j = i + 1; j < HUBS.length; j++) {
    const venues = [...V2_VENUES, ...V3_VENUES].sort(() => rand() - 0.5);
    const k = 3 + Math.floor(rand() * 4);
    for (const v of venues.slice(0, k)) addPool(HUBS[i]!, HUBS[j]!, v, 2e6 + rand() * 3e7);
  }
}
// tails: 1–3 hubs, 2–3 venues each, shallower
let tails = 0;
while (pools.length < POOLS) {
  const tail: Token = {
    address: address(0x1000 + tails++),
    decimals: pick([18, 18, 18, 6, 9]),
    usd: 10 ** (rand() * 4 - 2),
  };
  const hubs = [...HUBS].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 3));
  for (const hub of hubs) {
    const venues = [...V2_VENUES, ...V3_VENUES].sort(() => rand() - 0.5);
    const k = 2 + Math.floor(rand() * 2);
    for (const v of venues.slice(0, k)) {
      if (pools.length < POOLS) addPool(hub, tail, v, 5e4 + rand() * 2e6);
    }
  }
}

function v3Liquidity(pool: SimPool, tick: number): bigint {
  let l = 0n;
  for (const p of pool.positions) if (p.lower <= tick && tick < p.upper) l += p.liquidity;
  return l;
}

// the state of pool p at its reference price times `factor`
function update(pool: SimPool, factor: number, block: bigint): PoolUpdate {
  if (pool.v.protocol === 1) {
    const half = Math.sqrt(factor);
    return {
      type: TlvType.PoolSync,
      value: {
        pool: pool.id,
        reserve0: units(pool.t0, pool.depthUsd / half),
        reserve1: units(pool.t1, pool.depthUsd * half),
        blockNumber: block,
        logIndex: 0,
        txHash: TX_HASH,
      },
    };
  }
  const sqrt = sqrtPriceOf(pool.t0, pool.t1, factor);
  const tick = getTickAtSqrtRatio(sqrt);
  return {
    type: TlvType.PoolSwap,
    value: {
      pool: pool.id,
      sender: WETH.address,
      recipient: WETH.address,
      amount0In: 0n,
      amount1In: 0n,
      amount0Out: 0n,
      amount1Out: 0n,
      sqrtPriceX96: sqrt,
      liquidity: v3Liquidity(pool, tick),
      tick,
      decimals0: pool.t0.decimals,
      decimals1: pool.t1.decimals,
      blockNumber: block,
      logIndex: 0,
      txHash: TX_HASH,
    },
  };
}

function snapshot(detector: ArbitrageDetector): void {
  detector.apply({
    type: TlvType.GasPrice,
    value: {
      chainId: 1,
      blockNumber: 1n,
      blockTimestamp: 1_700_000_000n,
      baseFeeWei: GAS_PRICE_WEI,
      priorityFeeWei: 0n,
    },
  });
  for (const p of pools) {
    const s = p.state;
    const half = Math.sqrt(1 + 2e-4 * gauss());
    detector.apply({
      type: TlvType.PoolState,
      value: {
        pool: p.id,
        protocol: p.v.protocol,
        token0: p.t0.address,
        token1: p.t1.address,
        decimals0: p.t0.decimals,
        decimals1: p.t1.decimals,
        fee: p.v.fee,
        tickSpacing: p.v.spacing,
        reserve0: s ? 0n : units(p.t0, p.depthUsd / half),
        reserve1: s ? 0n : units(p.t1, p.depthUsd * half),
        sqrtPriceX96: s?.sqrtPriceX96 ?? 0n,
        liquidity: s?.liquidity ?? 0n,
        tick: s?.tick ?? 0,
        blockNumber: 1n,
      },
    });
    for (const t of s?.ticks.entries() ?? []) {
      detector.apply({
        type: TlvType.PoolTick,
        value: { pool: p.id, ...t, blockNumber: 1n },
      });
    }
  }
  detector.evaluate();
}

// one move per iteration, each pool in turn (shuffled), 3 rounds per protocol; a jump is
// arbitraged back to the reference price 3–12 moves (a block or two) later
function moves(protocol: 1 | 2): PoolUpdate[] {
  const list = pools.filter((p) => p.v.protocol === protocol);
  const out: PoolUpdate[] = [];
  const pending: { at: number; pool: SimPool }[] = [];
  let block = 2n;
  for (let round = 0; round < 3; round++) {
    for (const p of [...list].sort(() => rand() - 0.5)) {
      while (pending.length > 0 && pending[0]!.at <= out.length) {
        out.push(update(pending.shift()!.pool, 1 + 1e-4 * gauss(), block++));
      }
      const jump = rand() < 0.01;
      const eps = jump ? (rand() < 0.5 ? -1 : 1) * (0.003 + rand() * 0.012) : 1e-4 * gauss();
      out.push(update(p, 1 + eps, block++));
      if (jump) {
        pending.push({ at: out.length + 3 + Math.floor(rand() * 10), pool: p });
        pending.sort((a, b) => a.at - b.at);
      }
    }
  }
  return out;
}

function detector(): ArbitrageDetector {
  const d = new ArbitrageDetector({
    chainId: 1,
    nativeToken: WETH.address,
    stablecoins: [USDC.address, USDT.address, DAI.address],
    baseTokens: HUBS.map((h) => h.address),
  });
  snapshot(d);
  return d;
}

const t0 = performance.now();
const v2Detector = detector();
const v3Detector = detector();
const v2Moves = moves(1);
const v3Moves = moves(2);
const setupMs = performance.now() - t0;

// Two dry runs over every move: the first warms the code and the lazily built indexes, the
// second times each update on its own and reports the latency distribution per update (Deno's
// bench batches iterations this fast, so its p75/p99 are percentiles of batch means, which hide
// the slow tail).
function census(d: ArbitrageDetector, list: PoolUpdate[]): string {
  for (const u of list) d.onPoolUpdate(u);
  const before = { ...d.stats };
  const times: number[] = [];
  const withSignal: number[] = [];
  for (const u of list) {
    const t = performance.now();
    const found = d.onPoolUpdate(u).length;
    const us = (performance.now() - t) * 1000;
    times.push(us);
    if (found > 0) withSignal.push(us);
  }
  times.sort((a, b) => a - b);
  withSignal.sort((a, b) => a - b);
  const q = (xs: number[], f: number) => xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]!;
  const s = d.stats;
  return `${list.length} moves, ${withSignal.length} with a signal, ` +
    `${s.candidates - before.candidates} exact candidates, ${s.sized - before.sized} sized; ` +
    `per update p50 ${q(times, 0.5).toFixed(1)} µs, p75 ${q(times, 0.75).toFixed(1)} µs, ` +
    `p99 ${q(times, 0.99).toFixed(1)} µs, max ${times.at(-1)!.toFixed(0)} µs; updates with a ` +
    `signal p50 ${withSignal.length ? q(withSignal, 0.5).toFixed(0) : "-"} µs`;
}
if (!Deno.args.includes("--quiet")) {
  console.error(
    `arbitrage bench: ${pools.length} pools (${
      pools.filter((p) => p.v.protocol === 2).length
    } V3), ` +
      `${tails} tail tokens, ${v2Detector.graph.cycleCount} cycles, setup ${
        setupMs.toFixed(0)
      } ms, ` +
      `heap ${(Deno.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB (two detectors)`,
  );
  console.error(`  v2: ${census(v2Detector, v2Moves)}`);
  console.error(`  v3: ${census(v3Detector, v3Moves)}`);
}

let i2 = 0;
Deno.bench({
  name: `detect v2 move${SCALE}`,
  group: `detect${SCALE}`,
  baseline: true,
  ...iterations,
}, () => {
  v2Detector.onPoolUpdate(v2Moves[i2++ % v2Moves.length]!);
});

let i3 = 0;
Deno.bench({ name: `detect v3 move${SCALE}`, group: `detect${SCALE}`, ...iterations }, () => {
  v3Detector.onPoolUpdate(v3Moves[i3++ % v3Moves.length]!);
});
