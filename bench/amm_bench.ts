// bench/amm_bench.ts — the pool-math hot paths: a V2 quote and a V3 quote crossing ten ticks.
import {
  createV3PoolState,
  getSqrtRatioAtTick,
  v2AmountOut,
  v3ApplyMint,
  v3QuoteExactInput,
  v3Swap,
} from "../lib/amm/mod.ts";

const RESERVE = 1_000n * 10n ** 18n;
// 1024 different inputs, cycled, so the JIT cannot hoist the call; indexing is number arithmetic
const V2_INPUTS = Array.from({ length: 1024 }, (_, i) => 10n ** 18n + BigInt(i) * 7_919n);
let v2Index = 0;
let v2Sink = 0n;

Deno.bench({
  name: "v2 amountOut",
  group: "amm",
  baseline: true,
  fn() {
    v2Sink = v2AmountOut(V2_INPUTS[v2Index++ & 1023]!, RESERVE, RESERVE);
  },
});

// A 0.3 % pool at tick 0 with nested positions: initialized ticks every 60 from -720 to 720,
// all in one bitmap word below the price. The input is sized to end between ticks -600 and
// -660, so the quote crosses exactly ten initialized ticks (-60 … -600).
const pool = createV3PoolState({
  sqrtPriceX96: getSqrtRatioAtTick(-30),
  fee: 3000,
  tickSpacing: 60,
});
for (let i = 1; i <= 12; i++) v3ApplyMint(pool, -60 * i, 60 * i, 10n ** 21n);
const toMid = v3Swap(pool, true, (1n << 255n) - 1n, getSqrtRatioAtTick(-630));
const amountIn = toMid.amount0;
const check = v3QuoteExactInput(pool, true, amountIn);
if (check.swap.initializedTicksCrossed !== 10) {
  throw new Error(`bench setup crosses ${check.swap.initializedTicksCrossed} ticks, not 10`);
}

// A sink read after the run keeps the results observable.
globalThis.addEventListener("unload", () => {
  if (v2Sink <= 0n) throw new Error("v2 amountOut produced nothing");
});

Deno.bench({
  name: "v3 quote 10 ticks",
  group: "amm",
  fn() {
    v3QuoteExactInput(pool, true, amountIn);
  },
});
