// tests/execution/_paper_world.ts — a real market for the risk and paper-execution tests: Anvil
// with the scenario's Uniswap pools, the real collector writing frames, swaps through the real
// routers to make dislocations, the real detector to turn frames into signals, and the on-chain
// quoters to check paper fills against.
import type { Address } from "viem";
import { ArbitrageDetector, writeArbitrageSignal } from "../../lib/arbitrage/mod.ts";
import { Collector } from "../../lib/chain/collector.ts";
import {
  type AnvilHandle,
  createDevnetClient,
  type DevnetClient,
  quoteV2AmountsOut,
  quoteV3ExactInSingle,
  type ScenarioDeployment,
  type ScenarioPool,
  swapV2ExactIn,
  swapV3ExactInSingle,
  tokenBySymbol,
} from "../../lib/devnet/mod.ts";
import { createReadClient } from "../../lib/chain/rpc_client.ts";
import { poolInstrumentHex } from "../../lib/chain/watched_pool.ts";
import {
  type ArbitrageSignal,
  decodeTlvs,
  type Frame,
  FrameBuilder,
  type Hex,
  SourceType,
} from "../../lib/protocol/mod.ts";
import type { MarketBookOptions } from "../../lib/market/mod.ts";
import { concat, framesOf, headOf, MemorySink, waitFor, withScenario } from "../chain/_market.ts";

/** A running market: chain, collector, detector. */
export interface World {
  readonly anvil: AnvilHandle;
  readonly scenario: ScenarioDeployment;
  /** Signs with a trader account. */
  readonly trader: DevnetClient;
  /** What a RiskProcessor or PaperExecuteProcessor needs to know about the market. */
  readonly market: MarketBookOptions;
  /** Address of a scenario token by symbol. */
  token(symbol: string): Address;
  /** The scenario pool of a pair on a venue (V3: with its fee). */
  pool(venue: string, pair: string, fee?: number): ScenarioPool;
  /** The frames the collector wrote since the last call, once it has reached the chain's head. */
  frames(): Promise<Frame[]>;
  /** Feed frames to the world's own detector; returns each signal as a frame on its own. */
  detect(frames: readonly Frame[], ttlNs?: bigint): { signal: ArbitrageSignal; frame: Frame }[];
  /** Swap an exact input through a V2 venue's router, as the trader. */
  swapV2(venue: string, path: readonly Address[], amountIn: bigint): Promise<void>;
  /** Swap an exact input through the V3 SwapRouter on the pool of `fee`, as the trader. */
  swapV3(tokenIn: Address, tokenOut: Address, fee: number, amountIn: bigint): Promise<void>;
  /**
   * What the chain's own contracts quote for each hop of `hops` now (Router02 getAmountsOut
   * on the hop's V2 venue, QuoterV2 quoteExactInputSingle on V3), hop i fed hop i−1's output.
   */
  quoteHops(
    hops: readonly { pool: Hex; tokenIn: Hex; tokenOut: Hex }[],
    amountIn: bigint,
  ): Promise<bigint[]>;
}

/** Runs `fn` on a fresh devnet with the collector running, then stops both. */
export async function withWorld(fn: (w: World) => Promise<void>, seed = 11): Promise<void> {
  await withScenario(async (anvil, scenario) => {
    const sink = new MemorySink();
    const collector = new Collector({
      client: createReadClient(anvil.rpcUrl),
      rpcUrl: anvil.rpcUrl,
      wsUrl: anvil.wsUrl,
      chainId: anvil.chainId,
      pools: scenario.pools,
      output: sink,
    });
    const ctrl = new AbortController();
    const running = collector.run(ctrl.signal);
    try {
      const bySymbol = (s: string) => tokenBySymbol({ tokens: scenario.tokens }, s).address;
      const weth = scenario.deployment.weth;
      const stables = ["USDC", "USDT", "DAI"].map(bySymbol);
      const detector = new ArbitrageDetector({
        chainId: anvil.chainId,
        nativeToken: weth,
        stablecoins: stables,
      });
      const builder = new FrameBuilder({ source: SourceType.Detector });
      const trader = createDevnetClient(anvil, { account: scenario.accounts.traders[0]! });
      const byId = new Map(scenario.pools.map((p) => [poolInstrumentHex("anvil", p), p]));
      let taken = 0;
      const world: World = {
        anvil,
        scenario,
        trader,
        market: { chainId: anvil.chainId, nativeToken: weth, stablecoins: stables },
        token: bySymbol,
        pool(venue, pair, fee) {
          const p = scenario.pools.find((p) =>
            p.venue === venue && p.pair === pair && (fee === undefined || p.fee === fee)
          );
          if (p === undefined) throw new Error(`no pool ${pair} on ${venue}`);
          return p;
        },
        async frames() {
          const head = await headOf(anvil.rpcUrl);
          await waitFor(`collector at ${head}`, () => collector.stats.lastBlock >= head);
          const all = framesOf(concat(sink.chunks));
          const fresh = all.slice(taken);
          taken = all.length;
          return fresh;
        },
        detect(frames, ttlNs = 60_000_000_000n) {
          const out: { signal: ArbitrageSignal; frame: Frame }[] = [];
          for (const f of frames) {
            for (const d of detector.onTlvs(decodeTlvs(f))) {
              writeArbitrageSignal(builder, d, { ttlNs });
              out.push({ signal: d.signal, frame: framesOf(builder.take())[0]! });
            }
          }
          return out;
        },
        async swapV2(venue, path, amountIn) {
          const v = scenario.deployment.v2.find((v) => v.name === venue)!;
          await swapV2ExactIn(trader, v, { path, amountIn, amountOutMin: 0n });
        },
        async swapV3(tokenIn, tokenOut, fee, amountIn) {
          const v = scenario.deployment.v3[0]!;
          await swapV3ExactInSingle(trader, v, {
            tokenIn,
            tokenOut,
            fee,
            amountIn,
            amountOutMin: 0n,
          });
        },
        async quoteHops(hops, amountIn) {
          const out: bigint[] = [];
          let amount = amountIn;
          for (let i = 0; i < hops.length; i++) {
            const h = hops[i]!;
            const p = byId.get(h.pool.toLowerCase() as Hex) ?? byId.get(h.pool);
            if (p === undefined) throw new Error(`unknown pool ${h.pool}`);
            const tokenIn = checksum(scenario, h.tokenIn);
            const tokenOut = checksum(scenario, h.tokenOut);
            if (p.protocol === "v2") {
              const v = scenario.deployment.v2.find((v) => v.name === p.venue)!;
              const r = await quoteV2AmountsOut(trader, v, amount, [tokenIn, tokenOut]);
              amount = r[1]!;
            } else {
              const v = scenario.deployment.v3.find((v) => v.name === p.venue)!;
              const q = await quoteV3ExactInSingle(trader, v, {
                tokenIn,
                tokenOut,
                fee: p.fee,
                amount,
              });
              amount = q.amount;
            }
            out.push(amount);
          }
          return out;
        },
      };
      await fn(world);
    } finally {
      ctrl.abort();
      await running;
    }
  }, seed);
}

function checksum(s: ScenarioDeployment, address: string): Address {
  const t = s.tokens.find((t) => t.address.toLowerCase() === address.toLowerCase());
  if (t === undefined) throw new Error(`unknown token ${address}`);
  return t.address;
}

/**
 * The market frames around a 10 WETH sale into USDC on quickswap_v2 (a dislocation against the
 * other venues), and the first signal the world's detector finds in them.
 */
export async function wethSaleSignal(
  w: World,
  ttlNs?: bigint,
): Promise<{ market: Frame[]; signal: ArbitrageSignal; frame: Frame }> {
  const market = await w.frames();
  await w.swapV2("quickswap_v2", [w.token("WETH"), w.token("USDC")], 10n * 10n ** 18n);
  market.push(...await w.frames());
  const [hit] = w.detect(market, ttlNs);
  if (hit === undefined) throw new Error("the detector found no signal after the WETH sale");
  return { market, ...hit };
}
