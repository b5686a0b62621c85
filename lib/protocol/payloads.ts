// lib/protocol/payloads.ts — one job: the layout table of every numbered TLV type. The typed
// values, the codec and docs/PROTOCOL.md are all derived from these declarations.
import type { FieldSpec, LayoutValue, TlvLayout } from "./layout.ts";

// Every layout is an `as const` literal (no helper calls), so the published types stay exact
// without restating each field in a type annotation.

const AMOUNT = "token amount in the token's native units";
const USD = "USD, fixed point with 8 decimals (1 USD = 100000000)";
const POOL = "the pool's InstrumentId (32-byte form: chain, venue and full pool address)";

// Where an on-chain event sits, so a stream can be deduplicated and reorgs detected.
const EVENT_POSITION = [
  { name: "blockNumber", kind: "u64", doc: "block that holds the event" },
  { name: "logIndex", kind: "u32", doc: "index of the log in its block" },
  { name: "txHash", kind: "bytes32", doc: "hash of the transaction that emitted the event" },
] as const satisfies readonly FieldSpec[];

/** Trade (1): one CEX trade print. */
export const TRADE = {
  type: 1,
  name: "Trade",
  doc: "A trade printed by a centralised venue.",
  fields: [
    { name: "instrument", kind: "instrument", doc: "the traded instrument's InstrumentId" },
    { name: "price", kind: "i64", doc: "price in quote units, fixed point with 8 decimals" },
    { name: "quantity", kind: "u128", doc: "base quantity in units of 10^-quantityDecimals" },
    { name: "quantityDecimals", kind: "u8", doc: "decimals of `quantity`" },
    { name: "side", kind: "u8", doc: "aggressor side: 1 buy, 2 sell, 0 unknown" },
    { name: "tradeId", kind: "u64", doc: "venue's trade id" },
    { name: "exchangeTimestampNs", kind: "u64", doc: "venue's timestamp, ns since the Unix epoch" },
  ],
} as const satisfies TlvLayout;

/** Quote (2): best bid and offer. */
export const QUOTE = {
  type: 2,
  name: "Quote",
  doc: "Top of book of a centralised venue.",
  fields: [
    { name: "instrument", kind: "instrument", doc: "the quoted instrument's InstrumentId" },
    { name: "bidPrice", kind: "i64", doc: "best bid, quote units with 8 decimals" },
    { name: "bidSize", kind: "u128", doc: "size at the bid, units of 10^-sizeDecimals" },
    { name: "askPrice", kind: "i64", doc: "best ask, quote units with 8 decimals" },
    { name: "askSize", kind: "u128", doc: "size at the ask, units of 10^-sizeDecimals" },
    { name: "sizeDecimals", kind: "u8", doc: "decimals of the sizes" },
    { name: "exchangeTimestampNs", kind: "u64", doc: "venue's timestamp, ns since the Unix epoch" },
  ],
} as const satisfies TlvLayout;

/** OrderBook (3): book levels. */
export const ORDER_BOOK = {
  type: 3,
  name: "OrderBook",
  doc: "Depth of a centralised venue's book; bids best first, then asks best first.",
  fields: [
    { name: "instrument", kind: "instrument", doc: "the instrument's InstrumentId" },
    { name: "exchangeTimestampNs", kind: "u64", doc: "venue's timestamp, ns since the Unix epoch" },
    { name: "sizeDecimals", kind: "u8", doc: "decimals of the level sizes" },
  ],
  tail: {
    kind: "list",
    name: "levels",
    doc: "book levels",
    item: [
      { name: "side", kind: "u8", doc: "1 bid, 2 ask" },
      { name: "price", kind: "i64", doc: "price, quote units with 8 decimals" },
      { name: "size", kind: "u128", doc: "size, units of 10^-sizeDecimals" },
    ],
  },
} as const satisfies TlvLayout;

/** PoolLiquidity (10): a V3 pool's active liquidity changed. */
export const POOL_LIQUIDITY = {
  type: 10,
  name: "PoolLiquidity",
  doc: "A V3 pool's active (in-range) liquidity after a change.",
  fields: [
    { name: "pool", kind: "instrument", doc: POOL },
    { name: "liquidity", kind: "u128", doc: "active liquidity L (uint128)" },
    { name: "tick", kind: "i32", doc: "current tick" },
    { name: "blockNumber", kind: "u64", doc: "block of the change" },
  ],
} as const satisfies TlvLayout;

/** PoolSwap (11): a swap on a V2 or V3 pool. */
export const POOL_SWAP = {
  type: 11,
  name: "PoolSwap",
  doc:
    "A swap event. V2 fills the four in/out amounts from its Swap event; V3's signed amounts map to in (positive) or out (negative). V3 also fills the price, liquidity and tick after the swap; V2 leaves them 0.",
  fields: [
    { name: "pool", kind: "instrument", doc: POOL },
    { name: "sender", kind: "address", doc: "the event's sender" },
    { name: "recipient", kind: "address", doc: "the event's recipient (V2 `to`)" },
    { name: "amount0In", kind: "u128", doc: `token0 paid into the pool, ${AMOUNT}` },
    { name: "amount1In", kind: "u128", doc: `token1 paid into the pool, ${AMOUNT}` },
    { name: "amount0Out", kind: "u128", doc: `token0 paid out of the pool, ${AMOUNT}` },
    { name: "amount1Out", kind: "u128", doc: `token1 paid out of the pool, ${AMOUNT}` },
    {
      name: "sqrtPriceX96",
      kind: "u160",
      doc: "V3 price after the swap, sqrt(token1/token0) in Q64.96 (uint160)",
    },
    { name: "liquidity", kind: "u128", doc: "V3 active liquidity after the swap" },
    { name: "tick", kind: "i32", doc: "V3 tick after the swap" },
    { name: "decimals0", kind: "u8", doc: "token0 decimals" },
    { name: "decimals1", kind: "u8", doc: "token1 decimals" },
    ...EVENT_POSITION,
  ],
} as const satisfies TlvLayout;

const MINT_BURN_FIELDS = [
  { name: "pool", kind: "instrument", doc: POOL },
  { name: "owner", kind: "address", doc: "position owner (V2: the `sender`)" },
  { name: "tickLower", kind: "i32", doc: "V3 lower tick of the position (0 for V2)" },
  { name: "tickUpper", kind: "i32", doc: "V3 upper tick of the position (0 for V2)" },
  { name: "liquidity", kind: "u128", doc: "V3 liquidity added or removed (0 for V2)" },
  { name: "amount0", kind: "u128", doc: `token0, ${AMOUNT}` },
  { name: "amount1", kind: "u128", doc: `token1, ${AMOUNT}` },
  ...EVENT_POSITION,
] as const satisfies readonly FieldSpec[];

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
    { name: "pool", kind: "instrument", doc: POOL },
    { name: "tick", kind: "i32", doc: "the tick index" },
    {
      name: "liquidityNet",
      kind: "i128",
      doc: "liquidity added when the price crosses the tick upwards (int128)",
    },
    { name: "liquidityGross", kind: "u128", doc: "total liquidity referencing the tick (uint128)" },
    { name: "blockNumber", kind: "u64", doc: "block the tick was read at" },
  ],
} as const satisfies TlvLayout;

/** PoolState (15): a pool's full state. */
export const POOL_STATE = {
  type: 15,
  name: "PoolState",
  doc:
    "The full state of a V2 or V3 pool at a block; V2 fills the reserves, V3 the price, tick and liquidity (initialized ticks follow as PoolTick TLVs).",
  fields: [
    { name: "pool", kind: "instrument", doc: POOL },
    { name: "protocol", kind: "u8", doc: "1 Uniswap V2 style, 2 Uniswap V3 style" },
    { name: "token0", kind: "address", doc: "token0 address" },
    { name: "token1", kind: "address", doc: "token1 address" },
    { name: "decimals0", kind: "u8", doc: "token0 decimals" },
    { name: "decimals1", kind: "u8", doc: "token1 decimals" },
    { name: "fee", kind: "u32", doc: "fee in hundredths of a basis point (3000 = 0.30%)" },
    { name: "tickSpacing", kind: "i32", doc: "V3 tick spacing (0 for V2)" },
    { name: "reserve0", kind: "u128", doc: `V2 reserve of token0 (uint112), ${AMOUNT}` },
    { name: "reserve1", kind: "u128", doc: `V2 reserve of token1 (uint112), ${AMOUNT}` },
    { name: "sqrtPriceX96", kind: "u160", doc: "V3 sqrt price, Q64.96 (uint160)" },
    { name: "liquidity", kind: "u128", doc: "V3 active liquidity" },
    { name: "tick", kind: "i32", doc: "V3 current tick" },
    { name: "blockNumber", kind: "u64", doc: "block the state was read at" },
  ],
} as const satisfies TlvLayout;

/** PoolSync (16): a V2 Sync event. */
export const POOL_SYNC = {
  type: 16,
  name: "PoolSync",
  doc: "A V2 pair's reserves after a Sync event.",
  fields: [
    { name: "pool", kind: "instrument", doc: POOL },
    { name: "reserve0", kind: "u128", doc: `reserve of token0 (uint112), ${AMOUNT}` },
    { name: "reserve1", kind: "u128", doc: `reserve of token1 (uint112), ${AMOUNT}` },
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
    { name: "pool", kind: "instrument", doc: POOL },
    { name: "fromBlock", kind: "u64", doc: "first block whose events for the pool are void" },
    {
      name: "reason",
      kind: "u8",
      doc: "1 chain reorganisation, 2 resynchronisation (state re-read)",
    },
  ],
} as const satisfies TlvLayout;

/** GasPrice (18): a block's fee market. */
export const GAS_PRICE = {
  type: 18,
  name: "GasPrice",
  doc: "Fee market of a block: what a transaction included next would pay.",
  fields: [
    { name: "chainId", kind: "u32", doc: "EIP-155 chain id" },
    { name: "blockNumber", kind: "u64", doc: "block number" },
    { name: "blockTimestamp", kind: "u64", doc: "block timestamp, seconds since the Unix epoch" },
    { name: "baseFeeWei", kind: "u128", doc: "EIP-1559 base fee per gas, wei" },
    { name: "priorityFeeWei", kind: "u128", doc: "suggested priority fee per gas, wei" },
  ],
} as const satisfies TlvLayout;

/** SignalIdentity (20): who made a signal. */
export const SIGNAL_IDENTITY = {
  type: 20,
  name: "SignalIdentity",
  doc: "Identity of a trading signal.",
  fields: [
    { name: "strategyId", kind: "u16", doc: "strategy number" },
    { name: "signalId", kind: "u64", doc: "id unique per strategy" },
    {
      name: "confidence",
      kind: "u8",
      doc:
        "0 to 100; an arbitrage detector writes 100 when the size is proved the integer optimum, 99 when it is the best found within its sizing budget (figures still exact)",
    },
    {
      name: "expiresNs",
      kind: "u64",
      doc: "the signal is stale after this time, ns since the Unix epoch",
    },
  ],
} as const satisfies TlvLayout;

/** Economics (22): a signal's economics in USD. */
export const ECONOMICS = {
  type: 22,
  name: "Economics",
  doc: "Economics of a signal in USD.",
  fields: [
    { name: "expectedProfitUsd", kind: "i64", doc: `gross expected profit, ${USD}` },
    { name: "requiredCapitalUsd", kind: "i64", doc: `capital needed, ${USD}` },
    { name: "gasCostUsd", kind: "i64", doc: `gas cost, ${USD}` },
    { name: "netProfitUsd", kind: "i64", doc: `net profit, ${USD}` },
  ],
} as const satisfies TlvLayout;

/** ArbitrageSignal (32): a sized arbitrage route. */
export const ARBITRAGE_SIGNAL = {
  type: 32,
  name: "ArbitrageSignal",
  doc:
    "A sized arbitrage cycle: start with amountIn of tokenIn, walk the hops, end with expectedOut of tokenIn. Profits are exact in the input token and fixed point in USD.",
  fields: [
    { name: "signalId", kind: "u64", doc: "id unique per strategy" },
    { name: "strategyId", kind: "u16", doc: "strategy number" },
    { name: "chainId", kind: "u32", doc: "EIP-155 chain id" },
    { name: "tokenIn", kind: "address", doc: "the token the cycle starts and ends in" },
    { name: "decimalsIn", kind: "u8", doc: "decimals of tokenIn" },
    { name: "amountIn", kind: "u128", doc: `optimal input, ${AMOUNT}` },
    { name: "expectedOut", kind: "u128", doc: `output of the last hop, ${AMOUNT}` },
    { name: "expectedProfit", kind: "i128", doc: `expectedOut - amountIn, ${AMOUNT}` },
    { name: "gasUnits", kind: "u64", doc: "estimated gas of the whole route" },
    { name: "gasPriceWei", kind: "u128", doc: "gas price used, wei" },
    { name: "gasCostIn", kind: "u128", doc: `gas cost converted into tokenIn, ${AMOUNT}` },
    { name: "netProfit", kind: "i128", doc: `expectedProfit - gasCostIn, ${AMOUNT}` },
    { name: "netProfitUsd", kind: "i64", doc: `net profit, ${USD}` },
    { name: "gasCostUsd", kind: "i64", doc: `gas cost, ${USD}` },
    { name: "blockNumber", kind: "u64", doc: "block of the pool states used" },
    { name: "detectedNs", kind: "u64", doc: "detection time, ns since the Unix epoch" },
  ],
  tail: {
    kind: "list",
    name: "hops",
    doc: "the route, in order (2 to 4 hops in practice)",
    item: [
      { name: "pool", kind: "instrument", doc: POOL },
      { name: "tokenIn", kind: "address", doc: "token paid into the pool" },
      { name: "tokenOut", kind: "address", doc: "token received" },
      { name: "amountIn", kind: "u128", doc: `input of the hop, ${AMOUNT}` },
      { name: "amountOut", kind: "u128", doc: `exact output of the hop, ${AMOUNT}` },
    ],
  },
} as const satisfies TlvLayout;

/** OrderRequest (40): an order to execute. */
export const ORDER_REQUEST = {
  type: 40,
  name: "OrderRequest",
  doc: "A request to swap, on a pool or a venue.",
  fields: [
    { name: "orderId", kind: "u64", doc: "id unique per executor" },
    { name: "signalId", kind: "u64", doc: "signal the order serves (0 for none)" },
    { name: "instrument", kind: "instrument", doc: "pool or instrument to trade on" },
    { name: "tokenIn", kind: "address", doc: "token paid" },
    { name: "tokenOut", kind: "address", doc: "token received" },
    { name: "amountIn", kind: "u128", doc: `input, ${AMOUNT}` },
    { name: "minAmountOut", kind: "u128", doc: `least acceptable output, ${AMOUNT}` },
    { name: "deadlineNs", kind: "u64", doc: "give up after this time, ns since the Unix epoch" },
    { name: "mode", kind: "u8", doc: "1 paper, 2 live" },
  ],
} as const satisfies TlvLayout;

/** OrderStatus (41): an order's state changed. */
export const ORDER_STATUS = {
  type: 41,
  name: "OrderStatus",
  doc: "State of an order.",
  fields: [
    { name: "orderId", kind: "u64", doc: "the order" },
    {
      name: "status",
      kind: "u8",
      doc:
        "1 pending, 2 submitted, 3 filled, 4 partially filled, 5 cancelled, 6 rejected, 7 reverted, 8 expired",
    },
    { name: "reasonCode", kind: "u16", doc: "why (0 none; see the execution docs)" },
    { name: "txHash", kind: "bytes32", doc: "transaction hash, zero before submission" },
    { name: "updatedNs", kind: "u64", doc: "time of the change, ns since the Unix epoch" },
  ],
} as const satisfies TlvLayout;

/** Fill (42): an executed swap. */
export const FILL = {
  type: 42,
  name: "Fill",
  doc: "An executed (or paper-executed) swap.",
  fields: [
    { name: "orderId", kind: "u64", doc: "the order" },
    { name: "fillId", kind: "u64", doc: "id unique per order" },
    { name: "instrument", kind: "instrument", doc: "pool or instrument traded on" },
    { name: "tokenIn", kind: "address", doc: "token paid" },
    { name: "tokenOut", kind: "address", doc: "token received" },
    { name: "amountIn", kind: "u128", doc: `paid, ${AMOUNT}` },
    { name: "amountOut", kind: "u128", doc: `received, ${AMOUNT}` },
    { name: "gasUsed", kind: "u64", doc: "gas used (0 on paper)" },
    { name: "gasPriceWei", kind: "u128", doc: "effective gas price, wei" },
    { name: "txHash", kind: "bytes32", doc: "transaction hash (zero on paper)" },
    { name: "blockNumber", kind: "u64", doc: "block of the fill" },
  ],
} as const satisfies TlvLayout;

/** OrderCancel (43): cancel an order. */
export const ORDER_CANCEL = {
  type: 43,
  name: "OrderCancel",
  doc: "Cancel an order that is not final yet.",
  fields: [
    { name: "orderId", kind: "u64", doc: "the order" },
    { name: "reasonCode", kind: "u16", doc: "why" },
  ],
} as const satisfies TlvLayout;

/** ExecutionReport (45): outcome of a signal's execution. */
export const EXECUTION_REPORT = {
  type: 45,
  name: "ExecutionReport",
  doc: "What executing a signal achieved against what was expected.",
  fields: [
    { name: "orderId", kind: "u64", doc: "the order" },
    { name: "signalId", kind: "u64", doc: "the signal" },
    { name: "status", kind: "u8", doc: "as OrderStatus.status" },
    { name: "mode", kind: "u8", doc: "1 paper, 2 live" },
    { name: "token", kind: "address", doc: "token the profit is counted in" },
    { name: "decimals", kind: "u8", doc: "its decimals" },
    { name: "expectedProfit", kind: "i128", doc: `expected net profit, ${AMOUNT}` },
    { name: "realizedProfit", kind: "i128", doc: `realised net profit, ${AMOUNT}` },
    { name: "expectedPnlUsd", kind: "i64", doc: `expected, ${USD}` },
    { name: "realizedPnlUsd", kind: "i64", doc: `realised, ${USD}` },
    { name: "gasCostUsd", kind: "i64", doc: `gas paid, ${USD}` },
    { name: "txHash", kind: "bytes32", doc: "transaction hash (zero on paper)" },
    { name: "blockNumber", kind: "u64", doc: "block of execution" },
    { name: "latencyNs", kind: "u64", doc: "signal detection to execution, ns" },
  ],
} as const satisfies TlvLayout;

/** RiskDecision (60): the risk engine's verdict on a signal. */
export const RISK_DECISION = {
  type: 60,
  name: "RiskDecision",
  doc: "Verdict on one signal.",
  fields: [
    { name: "signalId", kind: "u64", doc: "the signal" },
    { name: "decision", kind: "u8", doc: "1 approve, 2 reject, 3 reduce" },
    { name: "reasonCode", kind: "u16", doc: "which check decided (0 none)" },
    { name: "approvedAmount", kind: "u128", doc: `input allowed, ${AMOUNT}` },
    { name: "tradingState", kind: "u8", doc: "1 active, 2 reducing, 3 halted" },
  ],
} as const satisfies TlvLayout;

/** PositionUpdate (61): a position changed. */
export const POSITION_UPDATE = {
  type: 61,
  name: "PositionUpdate",
  doc: "A position in one token on one venue after a change.",
  fields: [
    { name: "token", kind: "instrument", doc: "the token's InstrumentId" },
    { name: "venue", kind: "u16", doc: "venue code (0 for the wallet)" },
    { name: "quantity", kind: "i128", doc: `signed position, ${AMOUNT}` },
    { name: "decimals", kind: "u8", doc: "token decimals" },
    { name: "avgCostUsd", kind: "i64", doc: `average cost per whole token, ${USD}` },
    { name: "realizedPnlUsd", kind: "i64", doc: `realised P&L, ${USD}` },
    { name: "unrealizedPnlUsd", kind: "i64", doc: `unrealised P&L, ${USD}` },
  ],
} as const satisfies TlvLayout;

/** RiskAlert (62): a limit is near or breached. */
export const RISK_ALERT = {
  type: 62,
  name: "RiskAlert",
  doc: "A limit near or over its threshold.",
  fields: [
    { name: "severity", kind: "u8", doc: "1 info, 2 warning, 3 critical" },
    { name: "alertCode", kind: "u16", doc: "which limit" },
    { name: "subject", kind: "instrument", doc: "what it concerns (zero for the whole portfolio)" },
    { name: "value", kind: "i64", doc: "observed value, fixed point with 8 decimals" },
    { name: "threshold", kind: "i64", doc: "limit, fixed point with 8 decimals" },
  ],
} as const satisfies TlvLayout;

/** RiskMetrics (70): portfolio risk figures. */
export const RISK_METRICS = {
  type: 70,
  name: "RiskMetrics",
  doc: "Portfolio risk figures over a window of returns.",
  fields: [
    { name: "navUsd", kind: "i64", doc: `net asset value, ${USD}` },
    { name: "peakNavUsd", kind: "i64", doc: `highest NAV seen, ${USD}` },
    { name: "drawdownBps", kind: "u32", doc: "drawdown from peak, basis points" },
    { name: "var95Usd", kind: "i64", doc: `value at risk at 95%, ${USD}` },
    { name: "cvar95Usd", kind: "i64", doc: `expected shortfall at 95%, ${USD}` },
    { name: "var99Usd", kind: "i64", doc: `value at risk at 99%, ${USD}` },
    { name: "cvar99Usd", kind: "i64", doc: `expected shortfall at 99%, ${USD}` },
    { name: "grossExposureUsd", kind: "i64", doc: `sum of absolute positions, ${USD}` },
    { name: "method", kind: "u8", doc: "1 historical, 2 parametric, 3 EWMA" },
    { name: "window", kind: "u32", doc: "number of returns used" },
  ],
} as const satisfies TlvLayout;

/** CircuitBreaker (71): a breaker changed the trading state. */
export const CIRCUIT_BREAKER = {
  type: 71,
  name: "CircuitBreaker",
  doc: "A breaker tripped or reset.",
  fields: [
    {
      name: "breaker",
      kind: "u8",
      doc: "1 consecutive losses, 2 error rate, 3 daily loss, 4 drawdown, 5 kill switch",
    },
    { name: "state", kind: "u8", doc: "new trading state: 1 active, 2 reducing, 3 halted" },
    { name: "previousState", kind: "u8", doc: "state before" },
    {
      name: "triggerValue",
      kind: "i64",
      doc: "value that tripped it, fixed point with 8 decimals",
    },
    { name: "threshold", kind: "i64", doc: "its threshold, fixed point with 8 decimals" },
    {
      name: "resetAfterNs",
      kind: "u64",
      doc: "earliest automatic reset, ns since the Unix epoch (0 manual)",
    },
  ],
} as const satisfies TlvLayout;

/** Heartbeat (100): a component is alive. */
export const HEARTBEAT = {
  type: 100,
  name: "Heartbeat",
  doc: "A component's liveness and counters.",
  fields: [
    { name: "status", kind: "u8", doc: "1 ok, 2 degraded, 3 stopping" },
    { name: "uptimeNs", kind: "u64", doc: "time since start, ns" },
    { name: "framesIn", kind: "u64", doc: "frames read" },
    { name: "framesOut", kind: "u64", doc: "frames written" },
    { name: "dropped", kind: "u64", doc: "frames dropped (should stay 0)" },
  ],
} as const satisfies TlvLayout;

/** Snapshot (101): state as of a sequence. */
export const SNAPSHOT = {
  type: 101,
  name: "Snapshot",
  doc:
    "The state of a source's stream as of a sequence, when retransmission is not possible; the state is a concatenation of TLVs (for example PoolState and PoolTick).",
  fields: [
    { name: "source", kind: "u8", doc: "source whose stream it replaces" },
    { name: "domain", kind: "u8", doc: "its relay domain" },
    {
      name: "asOfSequence",
      kind: "u64",
      doc: "the state includes every frame up to this sequence",
    },
  ],
  tail: { kind: "bytes", name: "state", doc: "TLVs that rebuild the state" },
} as const satisfies TlvLayout;

/** Error (102): a component reports an error. */
export const ERROR = {
  type: 102,
  name: "Error",
  doc: "An error a component reports downstream.",
  fields: [
    { name: "errorCode", kind: "u16", doc: "error number" },
    { name: "source", kind: "u8", doc: "source the error concerns" },
    { name: "relatedSequence", kind: "u64", doc: "sequence it concerns (0 for none)" },
  ],
  tail: { kind: "text", name: "message", doc: "UTF-8 message" },
} as const satisfies TlvLayout;

/** RecoveryRequest (110): ask a relay for missing frames. */
export const RECOVERY_REQUEST = {
  type: 110,
  name: "RecoveryRequest",
  doc: "A subscriber saw a gap and asks for the missing frames.",
  fields: [
    { name: "requestId", kind: "u32", doc: "id echoed in the response" },
    { name: "source", kind: "u8", doc: "source of the stream with the gap" },
    { name: "domain", kind: "u8", doc: "its relay domain" },
    { name: "fromSequence", kind: "u64", doc: "first missing sequence" },
    { name: "toSequence", kind: "u64", doc: "last missing sequence" },
  ],
} as const satisfies TlvLayout;

/** RecoveryResponse (111): a relay's answer. */
export const RECOVERY_RESPONSE = {
  type: 111,
  name: "RecoveryResponse",
  doc: "How a relay answers a RecoveryRequest.",
  fields: [
    { name: "requestId", kind: "u32", doc: "the request" },
    { name: "source", kind: "u8", doc: "source of the stream" },
    { name: "fromSequence", kind: "u64", doc: "first sequence covered" },
    { name: "toSequence", kind: "u64", doc: "last sequence covered" },
    {
      name: "status",
      kind: "u8",
      doc: "1 retransmission follows, 2 snapshot follows, 3 unavailable",
    },
  ],
} as const satisfies TlvLayout;

/** SequenceSync (112): where a source's stream stands. */
export const SEQUENCE_SYNC = {
  type: 112,
  name: "SequenceSync",
  doc: "The last sequence a source sent, so a subscriber can detect a gap at the tail.",
  fields: [
    { name: "source", kind: "u8", doc: "the source" },
    { name: "domain", kind: "u8", doc: "its relay domain" },
    { name: "lastSequence", kind: "u64", doc: "last sequence sent" },
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
