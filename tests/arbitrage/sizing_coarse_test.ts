// Routes of the shapes the devnet check found sized short of the integer optimum: 3–4 hops with
// two V3 hops through 6- and 8-decimal tokens, on pools shaped like the devnet scenario's (V3: a
// full-range, a ±10% and a ±2% position; V2: one pair), mispriced by a few tenths of a percent.
import assert from "node:assert/strict";
import {
  createV2PoolState,
  createV3PoolState,
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_TICK,
  MIN_TICK,
  v3ApplyMint,
} from "../../lib/amm/mod.ts";
import {
  optimalAmountIn,
  type RouteHop,
  UNCERTIFIED_CONFIDENCE,
  v2Hop,
  v3Hop,
  writeArbitrageSignal,
} from "../../lib/arbitrage/mod.ts";
import {
  type ArbitrageSignal,
  decodeTlvs,
  FrameBuilder,
  parseFrame,
  SourceType,
} from "../../lib/protocol/mod.ts";
import { referenceProfit } from "./_fixtures.ts";

const Q96 = 1n << 96n;
interface Token {
  readonly dec: number;
  readonly usd: number;
  readonly order: number;
}
const WETH: Token = { dec: 18, usd: 3000, order: 1 };
const USDC: Token = { dec: 6, usd: 1, order: 2 };
const USDT: Token = { dec: 6, usd: 1, order: 3 };
const DAI: Token = { dec: 18, usd: 1, order: 4 };
const WBTC: Token = { dec: 8, usd: 60000, order: 5 };
const UNI: Token = { dec: 18, usd: 8, order: 6 };

const units = (t: Token, usd: number, skew = 1) =>
  BigInt(Math.round((usd / t.usd) * skew * 1e6)) * 10n ** BigInt(t.dec) / 1_000_000n;

// a V3 pool of a and b at their reference price × skew, as the devnet scenario mints it
function v3(a: Token, b: Token, fee: number, spacing: number, usd: number, skew: number) {
  const [t0, t1] = a.order < b.order ? [a, b] : [b, a];
  const price = (t0.usd / t1.usd) * 10 ** (t1.dec - t0.dec) * skew;
  const sqrt = BigInt(Math.floor(Math.sqrt(price) * 2 ** 96));
  const state = createV3PoolState({ sqrtPriceX96: sqrt, fee, tickSpacing: spacing });
  const center = getTickAtSqrtRatio(sqrt);
  const [a0, a1] = [units(t0, usd), units(t1, usd)];
  for (const [share, half] of [[25n, 0], [35n, 953], [40n, 198]] as const) {
    const [lo, hi] = half === 0
      ? [Math.ceil(MIN_TICK / spacing) * spacing, Math.floor(MAX_TICK / spacing) * spacing]
      : [
        Math.floor((center - half) / spacing) * spacing,
        Math.ceil((center + half) / spacing) * spacing,
      ];
    const [sa, sb] = [getSqrtRatioAtTick(lo), getSqrtRatioAtTick(hi)];
    const l0 = (a0 * share / 100n) * sqrt / Q96 * sb / (sb - sqrt);
    const l1 = (a1 * share / 100n) * Q96 / (sqrt - sa);
    v3ApplyMint(state, lo, hi, l0 < l1 ? l0 : l1);
  }
  return (from: Token): RouteHop => v3Hop(state, from === t0);
}

function v2(a: Token, b: Token, usd: number, skew: number) {
  const [t0, t1] = a.order < b.order ? [a, b] : [b, a];
  const state = createV2PoolState(units(t0, usd), units(t1, usd, skew), 30n);
  return (from: Token): RouteHop => v2Hop(state, from === t0);
}

// one V2 pair 1.4–1.8% off, the V3 pools 0.02–0.12%: every route is profitable
const SHAPES: { name: string; route: (k: number) => RouteHop[] }[] = [
  {
    name: "WETH→USDC→WBTC→WETH",
    route: (k) => [
      v3(WETH, USDC, 500, 10, 6e5, 1 + 0.0004 * k)(WETH),
      v2(USDC, WBTC, 5e5, 1 + (0.012 + 0.002 * k))(USDC),
      v3(WBTC, WETH, 3000, 60, 4e5, 1 - 0.0002 * k)(WBTC),
    ],
  },
  {
    name: "WETH→DAI→USDC→USDT→WETH",
    route: (k) => [
      v2(WETH, DAI, 5e5, 1 + (0.012 + 0.002 * k))(WETH),
      v3(DAI, USDC, 500, 10, 3e5, 1 + 0.0002 * k)(DAI),
      v3(USDC, USDT, 500, 10, 5e5, 1 + 0.0002 * k)(USDC),
      v2(USDT, WETH, 6e5, 1)(USDT),
    ],
  },
  {
    name: "WETH→USDT→USDC→UNI→WETH",
    route: (k) => [
      v2(WETH, USDT, 6e5, 1 + (0.012 + 0.002 * k))(WETH),
      v3(USDT, USDC, 500, 10, 5e5, 1 - 0.0002 * k)(USDT),
      v2(USDC, UNI, 1.5e5, 1)(USDC),
      v3(UNI, WETH, 3000, 60, 1e5, 1 + 0.0002 * k)(UNI),
    ],
  },
];

// every input within ±radius of s, and ±radius around inputs up to 1e-5 relative away from s
function probes(s: bigint, radius: bigint): bigint[] {
  const out: bigint[] = [];
  for (let k = -10n; k <= 10n; k++) {
    const c = s + (s * k) / 1_000_000n;
    for (let d = -radius; d <= radius; d++) if (c + d >= 1n) out.push(c + d);
  }
  return out;
}

for (const shape of SHAPES) {
  Deno.test(`a ${shape.name} route is sized at the integer optimum or labelled uncertified`, () => {
    let certified = 0;
    let sized = 0;
    for (const k of [1, 2, 3]) {
      const route = shape.route(k);
      const best = optimalAmountIn(route);
      if (best === undefined) continue;
      sized++;
      assert.equal(referenceProfit(route, best.amountIn), best.profit);
      if (!best.certified) continue;
      certified++;
      // no probe earns more than a certified size (exact reference math, v3Swap / v2AmountOut)
      for (const x of probes(best.amountIn, 40n)) {
        const p = referenceProfit(route, x);
        if (p !== undefined) assert.ok(p <= best.profit, `profit ${p} at ${x} > ${best.profit}`);
      }
      // and the hot-path budget finds the same certified size
      const quick = optimalAmountIn(route, { maxEvaluations: 6 });
      if (quick?.certified) assert.equal(quick.profit, best.profit);
    }
    assert.ok(sized >= 2, `only ${sized} of 3 routes are profitable`);
    // measured: every WBTC route is certified; the 6-decimal pairs not yet (see docs/ARBITRAGE.md)
    if (shape.name.includes("WBTC")) assert.equal(certified, sized);
  });
}

Deno.test("a signal whose size is not certified says so in its frame (confidence 99)", () => {
  const signal: ArbitrageSignal = {
    signalId: 1n,
    strategyId: 1,
    chainId: 1,
    tokenIn: `0x${"0a".repeat(20)}`,
    decimalsIn: 18,
    amountIn: 10n,
    expectedOut: 12n,
    expectedProfit: 2n,
    gasUnits: 170_000n,
    gasPriceWei: 0n,
    gasCostIn: 0n,
    netProfit: 2n,
    netProfitUsd: 0n,
    gasCostUsd: 0n,
    blockNumber: 5n,
    detectedNs: 1n,
    hops: [{
      pool: `0x03${"00".repeat(31)}`,
      tokenIn: `0x${"0a".repeat(20)}`,
      tokenOut: `0x${"0b".repeat(20)}`,
      amountIn: 10n,
      amountOut: 12n,
    }],
  };
  const confidence = (certified: boolean) => {
    const b = new FrameBuilder({ source: SourceType.Detector });
    writeArbitrageSignal(b, { signal, economics: undefined, certified, cycle: 0 });
    const identity = decodeTlvs(parseFrame(b.take())).find((t) => t.name === "SignalIdentity")!;
    return "value" in identity ? (identity.value as { confidence: number }).confidence : -1;
  };
  assert.equal(confidence(true), 100);
  assert.equal(confidence(false), UNCERTIFIED_CONFIDENCE);
  assert.equal(UNCERTIFIED_CONFIDENCE, 99);
});
