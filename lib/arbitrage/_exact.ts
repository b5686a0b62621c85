// lib/arbitrage/_exact.ts — one job: the exact stage for one candidate cycle: exact bound, cutoff,
// sizing, gas, net profit, guard, and the signal with every hop's exact amounts.
import type { ArbitrageSignal, Hex } from "../protocol/mod.ts";
import type { ArbitrageDetection, DetectorStats } from "./detection.ts";
import { type GasHop, type GasModel, routeGasUnits } from "./gas.ts";
import { guardAllows, type ProfitGuard } from "./guard.ts";
import { netProfit } from "./net_profit.ts";
import { CYCLE_STRIDE } from "./pool_graph.ts";
import type { RouteHop } from "./route.ts";
import { optimalAmountIn } from "./sizing.ts";
import { I64_MAX, I64_MIN, pathUsdValue } from "./valuation.ts";
import type { EdgeRates } from "./_edge_rates.ts";
import { windowFor } from "./_edge_rates.ts";
import type { ValuationCache } from "./_valuation_cache.ts";
import {
  composeVirtual,
  reachTicks,
  v2Virtual,
  v3Virtual,
  virtualProfitBound,
} from "./_virtual.ts";

const MAX_U128 = (1n << 128n) - 1n;
const MIN_I128 = -(1n << 127n);
const MAX_I128 = (1n << 127n) - 1n;

/** What the exact stage reads. */
export interface ExactContext {
  readonly book: EdgeRates;
  readonly valuation: ValuationCache;
  readonly stats: DetectorStats;
  readonly guard: ProfitGuard;
  readonly gas: GasModel;
  readonly budget: number;
  readonly chainId: number;
  readonly strategyId: number;
  readonly clock: () => bigint;
}

/**
 * The detection for cycle `c`, or undefined when it cannot clear the guard (or cannot net more in
 * USD than `cutoff`, a detection already kept).
 */
export function exactDetection(
  ctx: ExactContext,
  c: number,
  cutoff: ArbitrageSignal | undefined,
): ArbitrageDetection | undefined {
  const book = ctx.book;
  const g = book.graph;
  const stats = ctx.stats;
  const n = g.cycleLength[c]!;
  const route: RouteHop[] = [];
  let v3Hops = 0;
  // At the optimum the route's marginal rate is 1, so no hop's price has moved by more than the
  // cycle's initial rate m: a V3 pool only matters within ln(m)/ln(1.0001) ticks (plus a margin
  // far above the float sum's error). Past that the relaxed profit only falls (it is concave).
  let logRate = 0;
  for (let i = 0; i < n; i++) logRate += book.edgeLog[g.cycleEdges[c * CYCLE_STRIDE + i]!]!;
  const window = windowFor(reachTicks(logRate));
  // An exact upper bound of the route: each hop as a constant product Y·x/(X + x) paying at
  // least as much as the pool (V2 exactly; V3 on virtual reserves at the most liquidity within
  // reach), composed with Y rounded up and X down so the bound survives the rounding.
  let y = 0n;
  let x = 0n;
  for (let i = 0; i < n; i++) {
    const e = g.cycleEdges[c * CYCLE_STRIDE + i]!;
    const hop = book.hop(e);
    route.push(hop);
    let y2: bigint;
    let x2: bigint;
    if (hop.protocol === "v3") {
      v3Hops++;
      const l = book.windowLiquidity(e, window);
      [y2, x2] = v3Virtual(l, hop.state.sqrtPriceX96, hop.state.fee, hop.zeroForOne);
    } else {
      const st = hop.state;
      [y2, x2] = hop.zeroForOne
        ? v2Virtual(st.reserve0, st.reserve1, st.feeBps)
        : v2Virtual(st.reserve1, st.reserve0, st.feeBps);
    }
    [y, x] = i === 0 ? [y2, x2] : composeVirtual(y, x, y2, x2);
  }
  const base = g.cycleBase[c]!;
  const tokenIn = g.tokenAddress(base);
  const least = ctx.valuation.least(base, n - v3Hops, v3Hops);
  if (least === undefined) {
    stats.unpriced++;
    return undefined;
  }
  const economy = least.economy;
  if (y <= x) {
    stats.unprofitable++;
    return undefined;
  }
  const gross = virtualProfitBound(y, x);
  if (gross < least.least) {
    stats.belowGuard++;
    return undefined;
  }
  // cannot beat the detections already kept: even its bound nets less in USD
  if (cutoff !== undefined && economy.inputUsd !== undefined) {
    const usd = pathUsdValue(gross - least.gasIn, economy.inputUsd, "floor");
    if (usd <= cutoff.netProfitUsd) {
      stats.outranked++;
      return undefined;
    }
  }
  const { nativeToIn, inputUsd, nativeUsd, gasPrice } = economy;
  const allV2 = v3Hops === 0;
  const leastGas = routeGasUnits(ctx.gas, route.map(zeroTicks));

  stats.sized++;
  const sized = optimalAmountIn(route, { maxEvaluations: ctx.budget });
  if (sized === undefined) {
    stats.unprofitable++;
    return undefined;
  }
  const amounts = sized.amounts;
  const gasUnits = allV2 ? leastGas : routeGasUnits(
    ctx.gas,
    route.map((h, i) => ({ protocol: h.protocol, ticksCrossed: sized.ticksCrossed[i]! })),
  );
  const net = netProfit({
    grossProfit: sized.profit,
    gasUnits,
    gasPriceWei: gasPrice,
    nativeToInput: nativeToIn,
    inputUsd,
    nativeUsd,
  });
  if (!guardAllows(ctx.guard, tokenIn, net.netProfit, net.netProfitUsd)) {
    stats.belowGuard++;
    return undefined;
  }
  const economics = inputUsd === undefined || net.netProfitUsd === undefined ||
      net.gasCostUsd === undefined
    ? undefined
    : {
      expectedProfitUsd: pathUsdValue(sized.profit, inputUsd, "floor"),
      requiredCapitalUsd: pathUsdValue(sized.amountIn, inputUsd, "ceil"),
      gasCostUsd: net.gasCostUsd,
      netProfitUsd: net.netProfitUsd,
    };
  if (
    !inRange(gasUnits, 0n, 0xffff_ffff_ffff_ffffn) || !inRange(net.gasCostIn, 0n, MAX_U128) ||
    !inRange(net.netProfit, MIN_I128, MAX_I128) || !inRange(gasPrice, 0n, MAX_U128) ||
    (economics !== undefined &&
      !Object.values(economics).every((v) => inRange(v, I64_MIN, I64_MAX)))
  ) {
    stats.unpriced++;
    return undefined;
  }
  let block = 0n;
  const hops = [];
  for (let i = 0; i < n; i++) {
    const e = g.cycleEdges[c * CYCLE_STRIDE + i]!;
    const p = e >> 1;
    if (book.block[p]! > block) block = book.block[p]!;
    hops.push({
      pool: book.ids[p] as Hex,
      tokenIn: g.tokenAddress(g.edgeFrom(e)) as Hex,
      tokenOut: g.tokenAddress(g.edgeTo(e)) as Hex,
      amountIn: amounts[i]!,
      amountOut: amounts[i + 1]!,
    });
  }
  const signal: ArbitrageSignal = {
    signalId: 0n, // numbered when emitted
    strategyId: ctx.strategyId,
    chainId: ctx.chainId,
    tokenIn: tokenIn as Hex,
    decimalsIn: g.tokenDecimals(base),
    amountIn: sized.amountIn,
    expectedOut: sized.amountOut,
    expectedProfit: sized.profit,
    gasUnits,
    gasPriceWei: gasPrice,
    gasCostIn: net.gasCostIn,
    netProfit: net.netProfit,
    netProfitUsd: net.netProfitUsd ?? 0n,
    gasCostUsd: net.gasCostUsd ?? 0n,
    blockNumber: block,
    detectedNs: ctx.clock(),
    hops,
  };
  return { signal, economics, certified: sized.certified, cycle: c };
}

function zeroTicks(h: RouteHop): GasHop {
  return { protocol: h.protocol, ticksCrossed: 0 };
}

function inRange(v: bigint, min: bigint, max: bigint): boolean {
  return v >= min && v <= max;
}
