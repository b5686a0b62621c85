// tests/pipeline/_ledger_frames.ts — real wire frames for the ledger, view and JSON tests:
// signals, risk decisions, execution reports (with the OrderStatus that carries their reason)
// and market data, built with the protocol builder and parsed back as a stage receives them.
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import {
  type ArbitrageSignal,
  buildFrame,
  bytesToHex,
  type ExecutionReport,
  type Frame,
  type Hex,
  parseFrame,
  RelayDomain,
  type RiskDecision,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { SignalLedger, type SignalLedgerOptions } from "../../lib/pipeline/mod.ts";
import { OutputQueue } from "../../lib/transport/mod.ts";

export const WETH: Hex = `0x${"c0".repeat(20)}`;
export const USDC: Hex = `0x${"a0".repeat(20)}`;
/** A token no symbol table knows: shown as `0xdddd…dddd`. */
export const MEME: Hex = `0x${"dd".repeat(20)}`;
export const SYMBOLS: ReadonlyMap<string, string> = new Map([[WETH, "WETH"], [USDC, "USDC"]]);

/** Pool ids (32-byte InstrumentId hex) on Ethereum: a Sushiswap pair and a V3 pool. */
export const SUSHI_POOL: Hex = poolId("sushiswap", "11");
export const V3_POOL: Hex = poolId("uniswap_v3", "22");

function poolId(venue: string, byte: string): Hex {
  return bytesToHex(instrumentToBytes(dexPool("ethereum", venue, `0x${byte.repeat(20)}`)));
}

const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;
let sequence = 1n;

/** A parsed frame, as a stage gets it. */
function frame(domain: RelayDomain, tlvs: Parameters<typeof buildFrame>[3]): Frame {
  return parseFrame(buildFrame(domain, 7, sequence++, tlvs));
}

/**
 * A two-hop signal `tokenIn → other → tokenIn` (V3 then Sushiswap); fields not given are
 * small placeholders the ledger only passes through.
 */
export function signal(
  fields: Partial<ArbitrageSignal> & Pick<ArbitrageSignal, "signalId">,
): ArbitrageSignal {
  const tokenIn = fields.tokenIn ?? WETH;
  const other = tokenIn === USDC ? WETH : USDC;
  const amountIn = fields.amountIn ?? 10n ** 18n;
  const expectedOut = fields.expectedOut ?? amountIn + 3n;
  return {
    strategyId: 1,
    chainId: 1,
    tokenIn,
    decimalsIn: 18,
    amountIn,
    expectedOut,
    expectedProfit: expectedOut - amountIn,
    gasUnits: 250_000n,
    gasPriceWei: 1_000_000_000n,
    gasCostIn: 1n,
    netProfit: expectedOut - amountIn - 1n,
    netProfitUsd: 100_000_000n,
    gasCostUsd: 50_000_000n,
    blockNumber: 100n,
    detectedNs: 1n,
    hops: [
      { pool: V3_POOL, tokenIn, tokenOut: other, amountIn, amountOut: 5n },
      { pool: SUSHI_POOL, tokenIn: other, tokenOut: tokenIn, amountIn: 5n, amountOut: expectedOut },
    ],
    ...fields,
  };
}

/** The detector's frame: one ArbitrageSignal on the Signal domain. */
export function signalFrame(s: ArbitrageSignal): Frame {
  return frame(RelayDomain.Signal, [[TlvType.ArbitrageSignal, s]]);
}

/**
 * Risk's frame: the decision, with a copy of the signal when it is not a rejection (as the risk
 * stage sends it).
 */
export function decisionFrame(
  s: ArbitrageSignal,
  decision: 1 | 2 | 3,
  fields: Partial<RiskDecision> = {},
): Frame {
  const d: RiskDecision = {
    signalId: s.signalId,
    decision,
    reasonCode: decision === 2 ? 30 : 0,
    approvedAmount: decision === 2 ? 0n : s.amountIn,
    tradingState: 1,
    ...fields,
  };
  return frame(
    RelayDomain.Execution,
    decision === 2 ? [[TlvType.RiskDecision, d]] : [
      [TlvType.RiskDecision, d],
      [TlvType.ArbitrageSignal, s],
    ],
  );
}

/** An executor's report; `reasonCode` adds the OrderStatus before it, as the executors do. */
export function reportFrame(
  fields: Partial<ExecutionReport> & Pick<ExecutionReport, "signalId" | "status">,
  reasonCode?: number,
): Frame {
  const r: ExecutionReport = {
    orderId: fields.signalId + 1000n,
    mode: 1,
    token: WETH,
    decimals: 18,
    expectedProfit: 0n,
    realizedProfit: 0n,
    expectedPnlUsd: 0n,
    realizedPnlUsd: 0n,
    gasCostUsd: 0n,
    txHash: ZERO_HASH,
    blockNumber: 101n,
    latencyNs: 150_000_000n,
    ...fields,
  };
  const status = reasonCode === undefined ? [] : [
    [TlvType.OrderStatus, {
      orderId: r.orderId,
      status: r.status,
      reasonCode,
      txHash: r.txHash,
      updatedNs: 2n,
    }] as const,
  ];
  return frame(RelayDomain.Execution, [...status, [TlvType.ExecutionReport, r]]);
}

/** A fill with its report, for a signal id (paper, filled). */
export function fillFrame(signalId: bigint, realizedPnlUsd: bigint): Frame {
  const orderId = signalId + 1000n;
  return frame(RelayDomain.Execution, [
    [TlvType.Fill, {
      orderId,
      fillId: 1n,
      instrument: SUSHI_POOL,
      tokenIn: WETH,
      tokenOut: USDC,
      amountIn: 10n ** 18n,
      amountOut: 3_000_000_000n,
      gasUsed: 0n,
      gasPriceWei: 0n,
      txHash: ZERO_HASH,
      blockNumber: 101n,
    }],
    [TlvType.OrderStatus, { orderId, status: 3, reasonCode: 0, txHash: ZERO_HASH, updatedNs: 2n }],
    [TlvType.ExecutionReport, {
      orderId,
      signalId,
      status: 3,
      mode: 1,
      token: WETH,
      decimals: 18,
      expectedProfit: 2n,
      realizedProfit: 2n,
      expectedPnlUsd: realizedPnlUsd,
      realizedPnlUsd,
      gasCostUsd: 0n,
      txHash: ZERO_HASH,
      blockNumber: 101n,
      latencyNs: 1n,
    }],
  ]);
}

/** The collector's fee-market frame of a block. */
export function gasFrame(blockNumber: bigint): Frame {
  return frame(RelayDomain.MarketData, [[TlvType.GasPrice, {
    chainId: 1,
    blockNumber,
    blockTimestamp: 1_700_000_000n + blockNumber,
    baseFeeWei: 10_000_000_000n,
    priorityFeeWei: 1_000_000_000n,
  }]]);
}

/** The collector's full state of a V3 pool with its fee tier. */
export function poolStateFrame(pool: Hex, fee: number): Frame {
  return frame(RelayDomain.MarketData, [[TlvType.PoolState, {
    pool,
    protocol: 2,
    token0: USDC,
    token1: WETH,
    decimals0: 6,
    decimals1: 18,
    fee,
    tickSpacing: 10,
    reserve0: 0n,
    reserve1: 0n,
    sqrtPriceX96: 2n ** 96n,
    liquidity: 10n ** 20n,
    tick: 0,
    blockNumber: 99n,
  }]]);
}

/** A clock the test moves by hand, ms. */
export class ManualClock {
  now = 0;
  readonly read = (): number => this.now;
}

/** Feeds frames to a ledger in order; returns the bytes it passed on. */
export function feed(ledger: SignalLedger, frames: readonly Frame[]): Uint8Array[] {
  const out = new OutputQueue();
  for (const f of frames) ledger.process(f, out);
  return out.take();
}

/** A ledger with the test symbols and a manual clock. */
export function ledgerWith(
  clock: ManualClock,
  options: Omit<SignalLedgerOptions, "clockMs" | "symbols"> = {},
): SignalLedger {
  return new SignalLedger({ symbols: SYMBOLS, clockMs: clock.read, ...options });
}
