// lib/chain/event_abis.ts — one job: the typed event and view fragments the collector and the
// pool discovery decode and call (V2 pairs, V3 pools, their factories, ERC-20 decimals).
import { type ParseAbi, parseAbi } from "viem";

const v2PairEventsSignatures = [
  "event Sync(uint112 reserve0, uint112 reserve1)",
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
  "event Mint(address indexed sender, uint256 amount0, uint256 amount1)",
  "event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to)",
] as const;

/**
 * The events of a Uniswap V2 pair that change or describe its reserves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2PairEventsAbi } from "./event_abis.ts";
 * assert(v2PairEventsAbi.filter((e) => e.type === "event").length === 4);
 * ```
 */
export const v2PairEventsAbi: ParseAbi<typeof v2PairEventsSignatures> = parseAbi(
  v2PairEventsSignatures,
);

const v3PoolEventsSignatures = [
  "event Initialize(uint160 sqrtPriceX96, int24 tick)",
  "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)",
  "event Mint(address sender, address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
  "event Burn(address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
] as const;

/**
 * The events of a Uniswap V3 pool that change its price, active liquidity or ticks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v3PoolEventsAbi } from "./event_abis.ts";
 * assert(v3PoolEventsAbi.some((e) => e.type === "event" && e.name === "Initialize"));
 * ```
 */
export const v3PoolEventsAbi: ParseAbi<typeof v3PoolEventsSignatures> = parseAbi(
  v3PoolEventsSignatures,
);

const factoryEventsSignatures = [
  "event PairCreated(address indexed token0, address indexed token1, address pair, uint256 pairCount)",
  "event PoolCreated(address indexed token0, address indexed token1, uint24 indexed fee, int24 tickSpacing, address pool)",
] as const;

/**
 * The pool-creation events of the V2 and V3 factories.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { factoryEventsAbi } from "./event_abis.ts";
 * assert(factoryEventsAbi.length === 2);
 * ```
 */
export const factoryEventsAbi: ParseAbi<typeof factoryEventsSignatures> = parseAbi(
  factoryEventsSignatures,
);

const poolViewsSignatures = [
  "function token0() view returns (address)",
  "function token1() view returns (address)",
  "function fee() view returns (uint24)",
  "function tickSpacing() view returns (int24)",
  "function factory() view returns (address)",
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function slot0() view returns (uint160 sqrtPriceX96, int24 tick, uint16 observationIndex, uint16 observationCardinality, uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked)",
  "function decimals() view returns (uint8)",
  "function allPairsLength() view returns (uint256)",
  "function feeAmountTickSpacing(uint24 fee) view returns (int24)",
] as const;

/**
 * The views pool discovery calls: what a pool trades, its fee and spacing, its factory, and
 * the tokens' decimals; plus the factory probes that tell a V2 factory from a V3 one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { poolViewsAbi } from "./event_abis.ts";
 * assert(poolViewsAbi.some((f) => f.type === "function" && f.name === "tickSpacing"));
 * ```
 */
export const poolViewsAbi: ParseAbi<typeof poolViewsSignatures> = parseAbi(poolViewsSignatures);
