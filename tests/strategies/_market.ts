// tests/strategies/_market.ts — the devnet market the strategy tests read: the real collector's
// frames before and after a swap made on purpose to dislocate one pool. Recorded once per test
// file (the devnet starts and stops inside the first test that asks), then replayed as data.
import type { Address } from "viem";
import { poolInstrumentHex } from "../../lib/chain/watched_pool.ts";
import { type ArbitrageSignal, type Frame, type Hex, TlvType } from "../../lib/protocol/mod.ts";
import type { FrameProcessor } from "../../lib/transport/stage_contract.ts";
import { withWorld } from "../execution/_paper_world.ts";
import { feed, valuesOf } from "../execution/_stages.ts";

/** The recorded market. */
export interface RecordedMarket {
  readonly chainId: number;
  readonly nativeToken: Address;
  readonly stablecoins: readonly Address[];
  /** The collector's frames up to the swap (snapshots of every pool, gas prices). */
  readonly before: readonly Frame[];
  /** Its frames for the swap: the dislocation. */
  readonly after: readonly Frame[];
  /** InstrumentId hex of the pool the swap moved (WETH/USDC on quickswap_v2). */
  readonly dislocated: Hex;
}

/** 10 WETH sold for USDC on one venue: WETH ends about 2% cheaper there than elsewhere. */
export const DISLOCATING_SWAP = 10n * 10n ** 18n;

let recorded: Promise<RecordedMarket> | undefined;

/** The market, recorded on a fresh devnet the first time it is asked for. */
export function recordedMarket(): Promise<RecordedMarket> {
  recorded ??= record();
  return recorded;
}

async function record(): Promise<RecordedMarket> {
  let market: RecordedMarket | undefined;
  await withWorld(async (w) => {
    const before = await w.frames();
    await w.swapV2("quickswap_v2", [w.token("WETH"), w.token("USDC")], DISLOCATING_SWAP);
    const after = await w.frames();
    market = {
      chainId: w.market.chainId,
      nativeToken: w.scenario.deployment.weth,
      stablecoins: ["USDC", "USDT", "DAI"].map(w.token),
      before,
      after,
      dislocated: poolInstrumentHex("anvil", w.pool("quickswap_v2", "WETH/USDC")),
    };
  });
  return market!;
}

/** What a strategy made of the recorded market. */
export interface Run {
  /** Every frame it wrote, forwarded ones included. */
  readonly out: Frame[];
  /** Its signals while reading `before`, then while reading `after`. */
  readonly beforeSignals: ArbitrageSignal[];
  readonly afterSignals: ArbitrageSignal[];
  readonly all: ArbitrageSignal[];
}

/** Feeds the recorded frames through `p` and splits its signals around the swap. */
export async function runOn(p: FrameProcessor, m: RecordedMarket): Promise<Run> {
  const first = await feed(p, m.before);
  const second = await feed(p, m.after);
  const beforeSignals = valuesOf(first, TlvType.ArbitrageSignal);
  const afterSignals = valuesOf(second, TlvType.ArbitrageSignal);
  return {
    out: [...first, ...second],
    beforeSignals,
    afterSignals,
    all: [...beforeSignals, ...afterSignals],
  };
}

/** Why `s` is not a closed cycle from its input token back to it, or undefined when it is. */
export function cycleDefect(s: ArbitrageSignal): string | undefined {
  const hops = s.hops;
  if (hops.length === 0) return "no hops";
  if (hops[0]!.tokenIn !== s.tokenIn) return `starts in ${hops[0]!.tokenIn}, not ${s.tokenIn}`;
  if (hops.at(-1)!.tokenOut !== s.tokenIn) return `ends in ${hops.at(-1)!.tokenOut}`;
  if (hops[0]!.amountIn !== s.amountIn) return "first hop is not fed amountIn";
  for (let i = 1; i < hops.length; i++) {
    if (hops[i]!.tokenIn !== hops[i - 1]!.tokenOut) return `hop ${i} does not follow hop ${i - 1}`;
    if (hops[i]!.amountIn !== hops[i - 1]!.amountOut) return `hop ${i} is not fed hop ${i - 1}`;
  }
  if (hops.at(-1)!.amountOut !== s.expectedOut) return "last hop does not pay expectedOut";
  if (s.netProfit !== s.expectedOut - s.amountIn - s.gasCostIn) return "netProfit is not exact";
  return undefined;
}
