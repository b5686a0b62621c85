// bench/execution_bench.ts — the risk stage deciding on one signal frame, and the paper executor
// filling one approved decision frame, on a market of two dislocated V2 pools.
import { ArbitrageDetector, writeArbitrageSignal } from "../lib/arbitrage/mod.ts";
import { PaperExecuteProcessor } from "../lib/execution/mod.ts";
import { dexPool, instrumentToBytes } from "../lib/instrument/mod.ts";
import { usd } from "../lib/portfolio/mod.ts";
import {
  buildFrame,
  bytesToHex,
  decodeTlvs,
  type Frame,
  FrameBuilder,
  type Hex,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../lib/protocol/mod.ts";
import { RiskProcessor } from "../lib/risk/mod.ts";
import { OutputQueue } from "../lib/transport/stage_contract.ts";
import { iterations } from "./_short.ts";

const NOW = 1_750_000_000_000_000_000n;
const WETH: Hex = `0x${"e1".repeat(20)}`;
const USDC: Hex = `0x${"c1".repeat(20)}`;
const market = { chainId: 31337, nativeToken: WETH, stablecoins: [USDC] };
const pool = (venue: string, b: string): Hex =>
  bytesToHex(instrumentToBytes(dexPool("anvil", venue, "0x" + b.repeat(20))));
const state = (id: Hex, usdcPerWeth: bigint) =>
  parseFrame(buildFrame(RelayDomain.MarketData, SourceType.Collector, 1n, [[TlvType.PoolState, {
    pool: id,
    protocol: 1,
    token0: USDC,
    token1: WETH,
    decimals0: 6,
    decimals1: 18,
    fee: 3000,
    tickSpacing: 0,
    reserve0: 1000n * usdcPerWeth * 10n ** 6n,
    reserve1: 1000n * 10n ** 18n,
    sqrtPriceX96: 0n,
    liquidity: 0n,
    tick: 0,
    blockNumber: 1n,
  }]]));
const gas = parseFrame(buildFrame(RelayDomain.MarketData, SourceType.Collector, 2n, [[
  TlvType.GasPrice,
  {
    chainId: 31337,
    blockNumber: 1n,
    blockTimestamp: 0n,
    baseFeeWei: 10n ** 9n,
    priorityFeeWei: 0n,
  },
]]));
const marketFrames: Frame[] = [
  gas,
  state(pool("sushiswap", "a1"), 3000n),
  state(pool("quickswap_v2", "a2"), 3060n),
];

const detector = new ArbitrageDetector({ ...market, clock: () => NOW });
const builder = new FrameBuilder({ source: SourceType.Detector });
let detection;
for (const f of marketFrames) detection = detector.onTlvs(decodeTlvs(f))[0] ?? detection;
if (detection === undefined) throw new Error("the bench market has no arbitrage");
writeArbitrageSignal(builder, detection, { ttlNs: 10n ** 18n });
const signalBytes = builder.take();
const limits = {
  maxNotionalUsd: usd("1000000"),
  maxPositionUsd: usd("100000000"),
  maxVenueExposureUsd: usd("100000000"),
  maxNavExposureBps: 10_000,
};
const capital = { [USDC]: 10n ** 15n };

function risk(): RiskProcessor {
  const r = new RiskProcessor({ ...market, config: { limits }, capital, clock: () => NOW });
  const q = new OutputQueue();
  for (const f of marketFrames) r.process(f, q);
  return r;
}

// the signal decided again and again; each execution is closed as its report would close it
const decider = risk();
const sink = new OutputQueue();
const report = (signalId: bigint) => ({
  orderId: signalId,
  signalId,
  status: 3,
  mode: 1,
  token: WETH,
  decimals: 18,
  expectedProfit: 0n,
  realizedProfit: 0n,
  expectedPnlUsd: 0n,
  realizedPnlUsd: 0n,
  gasCostUsd: 0n,
  txHash: `0x${"00".repeat(32)}` as Hex,
  blockNumber: 1n,
  latencyNs: 0n,
});
const signalFrame = parseFrame(signalBytes);
Deno.bench(
  { name: "risk decision per signal", group: "execution", baseline: true, ...iterations },
  () => {
    decider.process(signalFrame, sink);
    decider.engine.onExecutionReport(report(detection!.signal.signalId));
    sink.take();
  },
);

// the decision frame risk wrote, filled again and again at the same state
const q = new OutputQueue();
risk().process(signalFrame, q);
const decisionFrame = q.take().map((b) => parseFrame(b)).find((f) =>
  decodeTlvs(f).some((t) => t.type === TlvType.RiskDecision)
)!;
const paper = new PaperExecuteProcessor({ ...market, clock: () => NOW, capital });
for (const f of marketFrames) paper.process(f, sink);
sink.take();
Deno.bench({ name: "paper fill per signal", group: "execution", ...iterations }, () => {
  paper.process(decisionFrame, sink);
  paper.runDue(sink);
  sink.take();
});
