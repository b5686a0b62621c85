// lib/protocol/payloads.ts — one job: the layout table of every numbered TLV type. The typed
// values, the codec and docs/PROTOCOL.md are all derived from these declarations.
import type { FieldKind, LayoutValue, TlvLayout } from "./layout.ts";

function f<N extends string, K extends FieldKind>(name: N, kind: K, doc: string) {
  return { name, kind, doc } as const;
}

const AMOUNT = "token amount in the token's native units";
const USD = "USD, fixed point with 8 decimals (1 USD = 100000000)";
const POOL = "the pool's InstrumentId (32-byte form: chain, venue and full pool address)";

// Where an on-chain event sits, so a stream can be deduplicated and reorgs detected.
const EVENT_POSITION = [
  f("blockNumber", "u64", "block that holds the event"),
  f("logIndex", "u32", "index of the log in its block"),
  f("txHash", "bytes32", "hash of the transaction that emitted the event"),
] as const;

/** Trade (1): one CEX trade print. */
export const TRADE = {
  type: 1,
  name: "Trade",
  doc: "A trade printed by a centralised venue.",
  fields: [
    f("instrument", "instrument", "the traded instrument's InstrumentId"),
    f("price", "i64", "price in quote units, fixed point with 8 decimals"),
    f("quantity", "u128", "base quantity in units of 10^-quantityDecimals"),
    f("quantityDecimals", "u8", "decimals of `quantity`"),
    f("side", "u8", "aggressor side: 1 buy, 2 sell, 0 unknown"),
    f("tradeId", "u64", "venue's trade id"),
    f("exchangeTimestampNs", "u64", "venue's timestamp, ns since the Unix epoch"),
  ],
} as const satisfies TlvLayout;

/** Quote (2): best bid and offer. */
export const QUOTE = {
  type: 2,
  name: "Quote",
  doc: "Top of book of a centralised venue.",
  fields: [
    f("instrument", "instrument", "the quoted instrument's InstrumentId"),
    f("bidPrice", "i64", "best bid, quote units with 8 decimals"),
    f("bidSize", "u128", "size at the bid, units of 10^-sizeDecimals"),
    f("askPrice", "i64", "best ask, quote units with 8 decimals"),
    f("askSize", "u128", "size at the ask, units of 10^-sizeDecimals"),
    f("sizeDecimals", "u8", "decimals of the sizes"),
    f("exchangeTimestampNs", "u64", "venue's timestamp, ns since the Unix epoch"),
  ],
} as const satisfies TlvLayout;

/** OrderBook (3): book levels. */
export const ORDER_BOOK = {
  type: 3,
  name: "OrderBook",
  doc: "Depth of a centralised venue's book; bids best first, then asks best first.",
  fields: [
    f("instrument", "instrument", "the instrument's InstrumentId"),
    f("exchangeTimestampNs", "u64", "venue's timestamp, ns since the Unix epoch"),
    f("sizeDecimals", "u8", "decimals of the level sizes"),
  ],
  tail: {
    kind: "list",
    name: "levels",
    doc: "book levels",
    item: [
      f("side", "u8", "1 bid, 2 ask"),
      f("price", "i64", "price, quote units with 8 decimals"),
      f("size", "u128", "size, units of 10^-sizeDecimals"),
    ],
  },
} as const satisfies TlvLayout;

/** PoolLiquidity (10): a V3 pool's active liquidity changed. */
export const POOL_LIQUIDITY = {
  type: 10,
  name: "PoolLiquidity",
  doc: "A V3 pool's active (in-range) liquidity after a change.",
  fields: [
    f("pool", "instrument", POOL),
    f("liquidity", "u128", "active liquidity L (uint128)"),
    f("tick", "i32", "current tick"),
    f("blockNumber", "u64", "block of the change"),
  ],
} as const satisfies TlvLayout;

/** PoolSwap (11): a swap on a V2 or V3 pool. */
export const POOL_SWAP = {
  type: 11,
  name: "PoolSwap",
  doc:
    "A swap event. V2 fills the four in/out amounts from its Swap event; V3's signed amounts map to in (positive) or out (negative). V3 also fills the price, liquidity and tick after the swap; V2 leaves them 0.",
  fields: [
    f("pool", "instrument", POOL),
    f("sender", "address", "the event's sender"),
    f("recipient", "address", "the event's recipient (V2 `to`)"),
    f("amount0In", "u128", `token0 paid into the pool, ${AMOUNT}`),
    f("amount1In", "u128", `token1 paid into the pool, ${AMOUNT}`),
    f("amount0Out", "u128", `token0 paid out of the pool, ${AMOUNT}`),
    f("amount1Out", "u128", `token1 paid out of the pool, ${AMOUNT}`),
    f("sqrtPriceX96", "u160", "V3 price after the swap, sqrt(token1/token0) in Q64.96 (uint160)"),
    f("liquidity", "u128", "V3 active liquidity after the swap"),
    f("tick", "i32", "V3 tick after the swap"),
    f("decimals0", "u8", "token0 decimals"),
    f("decimals1", "u8", "token1 decimals"),
    ...EVENT_POSITION,
  ],
} as const satisfies TlvLayout;

const MINT_BURN_FIELDS = [
  f("pool", "instrument", POOL),
  f("owner", "address", "position owner (V2: the `sender`)"),
  f("tickLower", "i32", "V3 lower tick of the position (0 for V2)"),
  f("tickUpper", "i32", "V3 upper tick of the position (0 for V2)"),
  f("liquidity", "u128", "V3 liquidity added or removed (0 for V2)"),
  f("amount0", "u128", `token0, ${AMOUNT}`),
  f("amount1", "u128", `token1, ${AMOUNT}`),
  ...EVENT_POSITION,
] as const;

/** PoolMint (12): liquidity added. */
export const POOL_MINT = {
  type: 12,
  name: "PoolMint",
  doc: "Liquidity added to a pool (V2 Mint or V3 Mint event).",
  fields: MINT_BURN_FIELDS,
} as const satisfies TlvLayout;

/** PoolBurn (13): liquidity removed. */
export const POOL_BURN = {
  type: 13,
  name: "PoolBurn",
  doc: "Liquidity removed from a pool (V2 Burn or V3 Burn event).",
  fields: MINT_BURN_FIELDS,
} as const satisfies TlvLayout;

/** PoolTick (14): one initialized V3 tick. */
export const POOL_TICK = {
  type: 14,
  name: "PoolTick",
  doc: "An initialized tick of a V3 pool, as read from `ticks(tick)`.",
  fields: [
    f("pool", "instrument", POOL),
    f("tick", "i32", "the tick index"),
    f("liquidityNet", "i128", "liquidity added when the price crosses the tick upwards (int128)"),
    f("liquidityGross", "u128", "total liquidity referencing the tick (uint128)"),
    f("blockNumber", "u64", "block the tick was read at"),
  ],
} as const satisfies TlvLayout;

/** PoolState (15): a pool's full state. */
export const POOL_STATE = {
  type: 15,
  name: "PoolState",
  doc:
    "The full state of a V2 or V3 pool at a block; V2 fills the reserves, V3 the price, tick and liquidity (initialized ticks follow as PoolTick TLVs).",
  fields: [
    f("pool", "instrument", POOL),
    f("protocol", "u8", "1 Uniswap V2 style, 2 Uniswap V3 style"),
    f("token0", "address", "token0 address"),
    f("token1", "address", "token1 address"),
    f("decimals0", "u8", "token0 decimals"),
    f("decimals1", "u8", "token1 decimals"),
    f("fee", "u32", "fee in hundredths of a basis point (3000 = 0.30%)"),
    f("tickSpacing", "i32", "V3 tick spacing (0 for V2)"),
    f("reserve0", "u128", `V2 reserve of token0 (uint112), ${AMOUNT}`),
    f("reserve1", "u128", `V2 reserve of token1 (uint112), ${AMOUNT}`),
    f("sqrtPriceX96", "u160", "V3 sqrt price, Q64.96 (uint160)"),
    f("liquidity", "u128", "V3 active liquidity"),
    f("tick", "i32", "V3 current tick"),
    f("blockNumber", "u64", "block the state was read at"),
  ],
} as const satisfies TlvLayout;

/** PoolSync (16): a V2 Sync event. */
export const POOL_SYNC = {
  type: 16,
  name: "PoolSync",
  doc: "A V2 pair's reserves after a Sync event.",
  fields: [
    f("pool", "instrument", POOL),
    f("reserve0", "u128", `reserve of token0 (uint112), ${AMOUNT}`),
    f("reserve1", "u128", `reserve of token1 (uint112), ${AMOUNT}`),
    ...EVENT_POSITION,
  ],
} as const satisfies TlvLayout;

/** PoolInvalidate (17): state derived from a block on is void. */
export const POOL_INVALIDATE = {
  type: 17,
  name: "PoolInvalidate",
  doc:
    "Everything a consumer derived for the pool from block `fromBlock` on is void (a chain reorganisation removed those blocks, or the collector could not follow them); a fresh PoolState (and PoolTick TLVs) follows, then events from the new chain.",
  fields: [
    f("pool", "instrument", POOL),
    f("fromBlock", "u64", "first block whose events for the pool are void"),
    f("reason", "u8", "1 chain reorganisation, 2 resynchronisation (state re-read)"),
  ],
} as const satisfies TlvLayout;

/** GasPrice (18): a block's fee market. */
export const GAS_PRICE = {
  type: 18,
  name: "GasPrice",
  doc: "Fee market of a block: what a transaction included next would pay.",
  fields: [
    f("chainId", "u32", "EIP-155 chain id"),
    f("blockNumber", "u64", "block number"),
    f("blockTimestamp", "u64", "block timestamp, seconds since the Unix epoch"),
    f("baseFeeWei", "u128", "EIP-1559 base fee per gas, wei"),
    f("priorityFeeWei", "u128", "suggested priority fee per gas, wei"),
  ],
} as const satisfies TlvLayout;

/** SignalIdentity (20): who made a signal. */
export const SIGNAL_IDENTITY = {
  type: 20,
  name: "SignalIdentity",
  doc: "Identity of a trading signal.",
  fields: [
    f("strategyId", "u16", "strategy number"),
    f("signalId", "u64", "id unique per strategy"),
    f(
      "confidence",
      "u8",
      "0 to 100; an arbitrage detector writes 100 when the size is proved the integer optimum, 99 when it is the best found within its sizing budget (figures still exact)",
    ),
    f("expiresNs", "u64", "the signal is stale after this time, ns since the Unix epoch"),
  ],
} as const satisfies TlvLayout;

/** Economics (22): a signal's economics in USD. */
export const ECONOMICS = {
  type: 22,
  name: "Economics",
  doc: "Economics of a signal in USD.",
  fields: [
    f("expectedProfitUsd", "i64", `gross expected profit, ${USD}`),
    f("requiredCapitalUsd", "i64", `capital needed, ${USD}`),
    f("gasCostUsd", "i64", `gas cost, ${USD}`),
    f("netProfitUsd", "i64", `net profit, ${USD}`),
  ],
} as const satisfies TlvLayout;

/** ArbitrageSignal (32): a sized arbitrage route. */
export const ARBITRAGE_SIGNAL = {
  type: 32,
  name: "ArbitrageSignal",
  doc:
    "A sized arbitrage cycle: start with amountIn of tokenIn, walk the hops, end with expectedOut of tokenIn. Profits are exact in the input token and fixed point in USD.",
  fields: [
    f("signalId", "u64", "id unique per strategy"),
    f("strategyId", "u16", "strategy number"),
    f("chainId", "u32", "EIP-155 chain id"),
    f("tokenIn", "address", "the token the cycle starts and ends in"),
    f("decimalsIn", "u8", "decimals of tokenIn"),
    f("amountIn", "u128", `optimal input, ${AMOUNT}`),
    f("expectedOut", "u128", `output of the last hop, ${AMOUNT}`),
    f("expectedProfit", "i128", `expectedOut - amountIn, ${AMOUNT}`),
    f("gasUnits", "u64", "estimated gas of the whole route"),
    f("gasPriceWei", "u128", "gas price used, wei"),
    f("gasCostIn", "u128", `gas cost converted into tokenIn, ${AMOUNT}`),
    f("netProfit", "i128", `expectedProfit - gasCostIn, ${AMOUNT}`),
    f("netProfitUsd", "i64", `net profit, ${USD}`),
    f("gasCostUsd", "i64", `gas cost, ${USD}`),
    f("blockNumber", "u64", "block of the pool states used"),
    f("detectedNs", "u64", "detection time, ns since the Unix epoch"),
  ],
  tail: {
    kind: "list",
    name: "hops",
    doc: "the route, in order (2 to 4 hops in practice)",
    item: [
      f("pool", "instrument", POOL),
      f("tokenIn", "address", "token paid into the pool"),
      f("tokenOut", "address", "token received"),
      f("amountIn", "u128", `input of the hop, ${AMOUNT}`),
      f("amountOut", "u128", `exact output of the hop, ${AMOUNT}`),
    ],
  },
} as const satisfies TlvLayout;

/** OrderRequest (40): an order to execute. */
export const ORDER_REQUEST = {
  type: 40,
  name: "OrderRequest",
  doc: "A request to swap, on a pool or a venue.",
  fields: [
    f("orderId", "u64", "id unique per executor"),
    f("signalId", "u64", "signal the order serves (0 for none)"),
    f("instrument", "instrument", "pool or instrument to trade on"),
    f("tokenIn", "address", "token paid"),
    f("tokenOut", "address", "token received"),
    f("amountIn", "u128", `input, ${AMOUNT}`),
    f("minAmountOut", "u128", `least acceptable output, ${AMOUNT}`),
    f("deadlineNs", "u64", "give up after this time, ns since the Unix epoch"),
    f("mode", "u8", "1 paper, 2 live"),
  ],
} as const satisfies TlvLayout;

/** OrderStatus (41): an order's state changed. */
export const ORDER_STATUS = {
  type: 41,
  name: "OrderStatus",
  doc: "State of an order.",
  fields: [
    f("orderId", "u64", "the order"),
    f(
      "status",
      "u8",
      "1 pending, 2 submitted, 3 filled, 4 partially filled, 5 cancelled, 6 rejected, 7 reverted, 8 expired",
    ),
    f("reasonCode", "u16", "why (0 none; see the execution docs)"),
    f("txHash", "bytes32", "transaction hash, zero before submission"),
    f("updatedNs", "u64", "time of the change, ns since the Unix epoch"),
  ],
} as const satisfies TlvLayout;

/** Fill (42): an executed swap. */
export const FILL = {
  type: 42,
  name: "Fill",
  doc: "An executed (or paper-executed) swap.",
  fields: [
    f("orderId", "u64", "the order"),
    f("fillId", "u64", "id unique per order"),
    f("instrument", "instrument", "pool or instrument traded on"),
    f("tokenIn", "address", "token paid"),
    f("tokenOut", "address", "token received"),
    f("amountIn", "u128", `paid, ${AMOUNT}`),
    f("amountOut", "u128", `received, ${AMOUNT}`),
    f("gasUsed", "u64", "gas used (0 on paper)"),
    f("gasPriceWei", "u128", "effective gas price, wei"),
    f("txHash", "bytes32", "transaction hash (zero on paper)"),
    f("blockNumber", "u64", "block of the fill"),
  ],
} as const satisfies TlvLayout;

/** OrderCancel (43): cancel an order. */
export const ORDER_CANCEL = {
  type: 43,
  name: "OrderCancel",
  doc: "Cancel an order that is not final yet.",
  fields: [
    f("orderId", "u64", "the order"),
    f("reasonCode", "u16", "why"),
  ],
} as const satisfies TlvLayout;

/** ExecutionReport (45): outcome of a signal's execution. */
export const EXECUTION_REPORT = {
  type: 45,
  name: "ExecutionReport",
  doc: "What executing a signal achieved against what was expected.",
  fields: [
    f("orderId", "u64", "the order"),
    f("signalId", "u64", "the signal"),
    f("status", "u8", "as OrderStatus.status"),
    f("mode", "u8", "1 paper, 2 live"),
    f("token", "address", "token the profit is counted in"),
    f("decimals", "u8", "its decimals"),
    f("expectedProfit", "i128", `expected net profit, ${AMOUNT}`),
    f("realizedProfit", "i128", `realised net profit, ${AMOUNT}`),
    f("expectedPnlUsd", "i64", `expected, ${USD}`),
    f("realizedPnlUsd", "i64", `realised, ${USD}`),
    f("gasCostUsd", "i64", `gas paid, ${USD}`),
    f("txHash", "bytes32", "transaction hash (zero on paper)"),
    f("blockNumber", "u64", "block of execution"),
    f("latencyNs", "u64", "signal detection to execution, ns"),
  ],
} as const satisfies TlvLayout;

/** RiskDecision (60): the risk engine's verdict on a signal. */
export const RISK_DECISION = {
  type: 60,
  name: "RiskDecision",
  doc: "Verdict on one signal.",
  fields: [
    f("signalId", "u64", "the signal"),
    f("decision", "u8", "1 approve, 2 reject, 3 reduce"),
    f("reasonCode", "u16", "which check decided (0 none)"),
    f("approvedAmount", "u128", `input allowed, ${AMOUNT}`),
    f("tradingState", "u8", "1 active, 2 reducing, 3 halted"),
  ],
} as const satisfies TlvLayout;

/** PositionUpdate (61): a position changed. */
export const POSITION_UPDATE = {
  type: 61,
  name: "PositionUpdate",
  doc: "A position in one token on one venue after a change.",
  fields: [
    f("token", "instrument", "the token's InstrumentId"),
    f("venue", "u16", "venue code (0 for the wallet)"),
    f("quantity", "i128", `signed position, ${AMOUNT}`),
    f("decimals", "u8", "token decimals"),
    f("avgCostUsd", "i64", `average cost per whole token, ${USD}`),
    f("realizedPnlUsd", "i64", `realised P&L, ${USD}`),
    f("unrealizedPnlUsd", "i64", `unrealised P&L, ${USD}`),
  ],
} as const satisfies TlvLayout;

/** RiskAlert (62): a limit is near or breached. */
export const RISK_ALERT = {
  type: 62,
  name: "RiskAlert",
  doc: "A limit near or over its threshold.",
  fields: [
    f("severity", "u8", "1 info, 2 warning, 3 critical"),
    f("alertCode", "u16", "which limit"),
    f("subject", "instrument", "what it concerns (zero for the whole portfolio)"),
    f("value", "i64", "observed value, fixed point with 8 decimals"),
    f("threshold", "i64", "limit, fixed point with 8 decimals"),
  ],
} as const satisfies TlvLayout;

/** RiskMetrics (70): portfolio risk figures. */
export const RISK_METRICS = {
  type: 70,
  name: "RiskMetrics",
  doc: "Portfolio risk figures over a window of returns.",
  fields: [
    f("navUsd", "i64", `net asset value, ${USD}`),
    f("peakNavUsd", "i64", `highest NAV seen, ${USD}`),
    f("drawdownBps", "u32", "drawdown from peak, basis points"),
    f("var95Usd", "i64", `value at risk at 95%, ${USD}`),
    f("cvar95Usd", "i64", `expected shortfall at 95%, ${USD}`),
    f("var99Usd", "i64", `value at risk at 99%, ${USD}`),
    f("cvar99Usd", "i64", `expected shortfall at 99%, ${USD}`),
    f("grossExposureUsd", "i64", `sum of absolute positions, ${USD}`),
    f("method", "u8", "1 historical, 2 parametric, 3 EWMA"),
    f("window", "u32", "number of returns used"),
  ],
} as const satisfies TlvLayout;

/** CircuitBreaker (71): a breaker changed the trading state. */
export const CIRCUIT_BREAKER = {
  type: 71,
  name: "CircuitBreaker",
  doc: "A breaker tripped or reset.",
  fields: [
    f(
      "breaker",
      "u8",
      "1 consecutive losses, 2 error rate, 3 daily loss, 4 drawdown, 5 kill switch",
    ),
    f("state", "u8", "new trading state: 1 active, 2 reducing, 3 halted"),
    f("previousState", "u8", "state before"),
    f("triggerValue", "i64", "value that tripped it, fixed point with 8 decimals"),
    f("threshold", "i64", "its threshold, fixed point with 8 decimals"),
    f("resetAfterNs", "u64", "earliest automatic reset, ns since the Unix epoch (0 manual)"),
  ],
} as const satisfies TlvLayout;

/** Heartbeat (100): a component is alive. */
export const HEARTBEAT = {
  type: 100,
  name: "Heartbeat",
  doc: "A component's liveness and counters.",
  fields: [
    f("status", "u8", "1 ok, 2 degraded, 3 stopping"),
    f("uptimeNs", "u64", "time since start, ns"),
    f("framesIn", "u64", "frames read"),
    f("framesOut", "u64", "frames written"),
    f("dropped", "u64", "frames dropped (should stay 0)"),
  ],
} as const satisfies TlvLayout;

/** Snapshot (101): state as of a sequence. */
export const SNAPSHOT = {
  type: 101,
  name: "Snapshot",
  doc:
    "The state of a source's stream as of a sequence, when retransmission is not possible; the state is a concatenation of TLVs (for example PoolState and PoolTick).",
  fields: [
    f("source", "u8", "source whose stream it replaces"),
    f("domain", "u8", "its relay domain"),
    f("asOfSequence", "u64", "the state includes every frame up to this sequence"),
  ],
  tail: { kind: "bytes", name: "state", doc: "TLVs that rebuild the state" },
} as const satisfies TlvLayout;

/** Error (102): a component reports an error. */
export const ERROR = {
  type: 102,
  name: "Error",
  doc: "An error a component reports downstream.",
  fields: [
    f("errorCode", "u16", "error number"),
    f("source", "u8", "source the error concerns"),
    f("relatedSequence", "u64", "sequence it concerns (0 for none)"),
  ],
  tail: { kind: "text", name: "message", doc: "UTF-8 message" },
} as const satisfies TlvLayout;

/** RecoveryRequest (110): ask a relay for missing frames. */
export const RECOVERY_REQUEST = {
  type: 110,
  name: "RecoveryRequest",
  doc: "A subscriber saw a gap and asks for the missing frames.",
  fields: [
    f("requestId", "u32", "id echoed in the response"),
    f("source", "u8", "source of the stream with the gap"),
    f("domain", "u8", "its relay domain"),
    f("fromSequence", "u64", "first missing sequence"),
    f("toSequence", "u64", "last missing sequence"),
  ],
} as const satisfies TlvLayout;

/** RecoveryResponse (111): a relay's answer. */
export const RECOVERY_RESPONSE = {
  type: 111,
  name: "RecoveryResponse",
  doc: "How a relay answers a RecoveryRequest.",
  fields: [
    f("requestId", "u32", "the request"),
    f("source", "u8", "source of the stream"),
    f("fromSequence", "u64", "first sequence covered"),
    f("toSequence", "u64", "last sequence covered"),
    f("status", "u8", "1 retransmission follows, 2 snapshot follows, 3 unavailable"),
  ],
} as const satisfies TlvLayout;

/** SequenceSync (112): where a source's stream stands. */
export const SEQUENCE_SYNC = {
  type: 112,
  name: "SequenceSync",
  doc: "The last sequence a source sent, so a subscriber can detect a gap at the tail.",
  fields: [
    f("source", "u8", "the source"),
    f("domain", "u8", "its relay domain"),
    f("lastSequence", "u64", "last sequence sent"),
  ],
} as const satisfies TlvLayout;

/** Every numbered type's layout, in type order. */
export const LAYOUTS = [
  TRADE,
  QUOTE,
  ORDER_BOOK,
  POOL_LIQUIDITY,
  POOL_SWAP,
  POOL_MINT,
  POOL_BURN,
  POOL_TICK,
  POOL_STATE,
  POOL_SYNC,
  POOL_INVALIDATE,
  GAS_PRICE,
  SIGNAL_IDENTITY,
  ECONOMICS,
  ARBITRAGE_SIGNAL,
  ORDER_REQUEST,
  ORDER_STATUS,
  FILL,
  ORDER_CANCEL,
  EXECUTION_REPORT,
  RISK_DECISION,
  POSITION_UPDATE,
  RISK_ALERT,
  RISK_METRICS,
  CIRCUIT_BREAKER,
  HEARTBEAT,
  SNAPSHOT,
  ERROR,
  RECOVERY_REQUEST,
  RECOVERY_RESPONSE,
  SEQUENCE_SYNC,
] as const;

/** A CEX trade. */
export type Trade = LayoutValue<typeof TRADE>;
/** A CEX top of book. */
export type Quote = LayoutValue<typeof QUOTE>;
/** CEX book levels. */
export type OrderBook = LayoutValue<typeof ORDER_BOOK>;
/** A V3 active-liquidity change. */
export type PoolLiquidity = LayoutValue<typeof POOL_LIQUIDITY>;
/** A pool swap. */
export type PoolSwap = LayoutValue<typeof POOL_SWAP>;
/** Liquidity added. */
export type PoolMint = LayoutValue<typeof POOL_MINT>;
/** Liquidity removed. */
export type PoolBurn = LayoutValue<typeof POOL_BURN>;
/** An initialized V3 tick. */
export type PoolTick = LayoutValue<typeof POOL_TICK>;
/** A pool's full state. */
export type PoolState = LayoutValue<typeof POOL_STATE>;
/** A V2 Sync. */
export type PoolSync = LayoutValue<typeof POOL_SYNC>;
/** Pool state derived from a block on is void. */
export type PoolInvalidate = LayoutValue<typeof POOL_INVALIDATE>;
/** A block's fee market. */
export type GasPrice = LayoutValue<typeof GAS_PRICE>;
/** A signal's identity. */
export type SignalIdentity = LayoutValue<typeof SIGNAL_IDENTITY>;
/** A signal's economics. */
export type Economics = LayoutValue<typeof ECONOMICS>;
/** A sized arbitrage route. */
export type ArbitrageSignal = LayoutValue<typeof ARBITRAGE_SIGNAL>;
/** One hop of an arbitrage route. */
export type ArbitrageHop = ArbitrageSignal["hops"][number];
/** An order. */
export type OrderRequest = LayoutValue<typeof ORDER_REQUEST>;
/** An order's state. */
export type OrderStatus = LayoutValue<typeof ORDER_STATUS>;
/** An executed swap. */
export type Fill = LayoutValue<typeof FILL>;
/** An order cancel. */
export type OrderCancel = LayoutValue<typeof ORDER_CANCEL>;
/** A signal's execution outcome. */
export type ExecutionReport = LayoutValue<typeof EXECUTION_REPORT>;
/** A risk verdict. */
export type RiskDecision = LayoutValue<typeof RISK_DECISION>;
/** A position change. */
export type PositionUpdate = LayoutValue<typeof POSITION_UPDATE>;
/** A risk alert. */
export type RiskAlert = LayoutValue<typeof RISK_ALERT>;
/** Portfolio risk figures. */
export type RiskMetrics = LayoutValue<typeof RISK_METRICS>;
/** A breaker change. */
export type CircuitBreaker = LayoutValue<typeof CIRCUIT_BREAKER>;
/** A liveness beat. */
export type Heartbeat = LayoutValue<typeof HEARTBEAT>;
/** A state snapshot. */
export type Snapshot = LayoutValue<typeof SNAPSHOT>;
/** A reported error (the TLV, not a thrown error). */
export type ErrorReport = LayoutValue<typeof ERROR>;
/** A recovery request. */
export type RecoveryRequest = LayoutValue<typeof RECOVERY_REQUEST>;
/** A recovery answer. */
export type RecoveryResponse = LayoutValue<typeof RECOVERY_RESPONSE>;
/** A sequence position. */
export type SequenceSync = LayoutValue<typeof SEQUENCE_SYNC>;
