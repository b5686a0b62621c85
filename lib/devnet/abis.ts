// lib/devnet/abis.ts — one job: typed ABI fragments of the calls the devnet helpers make.
// The published artifacts' ABIs are untyped JSON; these fragments give viem exact argument and
// result types. tests/devnet/devnet_artifacts_test.ts checks each against the real artifact.
import { type ParseAbi, parseAbi } from "viem";

const testTokenSignatures = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address owner) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function transfer(address to, uint256 amount) returns (bool)",
  "function transferFrom(address from, address to, uint256 amount) returns (bool)",
  "function mint(address to, uint256 amount)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event Approval(address indexed owner, address indexed spender, uint256 value)",
  "error InsufficientBalance(address from, uint256 balance, uint256 needed)",
  "error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)",
] as const;

/**
 * TestToken (contracts/TestToken.sol): ERC-20 plus an open `mint`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testTokenAbi } from "./abis.ts";
 * assert(testTokenAbi.some((f) => f.type === "function" && f.name === "mint"));
 * ```
 */
export const testTokenAbi: ParseAbi<typeof testTokenSignatures> = parseAbi(testTokenSignatures);

const weth9Signatures = [
  "function deposit() payable",
  "function withdraw(uint256 wad)",
  "function balanceOf(address owner) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
] as const;

/**
 * WETH9: wrap and unwrap ether (plus the ERC-20 calls of `testTokenAbi`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { weth9Abi } from "./abis.ts";
 * assert(weth9Abi.some((f) => f.type === "function" && f.name === "deposit"));
 * ```
 */
export const weth9Abi: ParseAbi<typeof weth9Signatures> = parseAbi(weth9Signatures);

const uniswapV2FactorySignatures = [
  "function createPair(address tokenA, address tokenB) returns (address pair)",
  "function getPair(address tokenA, address tokenB) view returns (address pair)",
  "function allPairsLength() view returns (uint256)",
  "event PairCreated(address indexed token0, address indexed token1, address pair, uint256 pairCount)",
] as const;

/**
 * UniswapV2Factory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uniswapV2FactoryAbi } from "./abis.ts";
 * assert(uniswapV2FactoryAbi.some((f) => f.type === "function" && f.name === "createPair"));
 * ```
 */
export const uniswapV2FactoryAbi: ParseAbi<typeof uniswapV2FactorySignatures> = parseAbi(
  uniswapV2FactorySignatures,
);

const uniswapV2PairSignatures = [
  "function token0() view returns (address)",
  "function token1() view returns (address)",
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
  "event Sync(uint112 reserve0, uint112 reserve1)",
  "event Mint(address indexed sender, uint256 amount0, uint256 amount1)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
] as const;

/**
 * UniswapV2Pair: reserves and the events a swap or a deposit emits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uniswapV2PairAbi } from "./abis.ts";
 * assert(uniswapV2PairAbi.some((f) => f.type === "event" && f.name === "Swap"));
 * ```
 */
export const uniswapV2PairAbi: ParseAbi<typeof uniswapV2PairSignatures> = parseAbi(
  uniswapV2PairSignatures,
);

const uniswapV2RouterSignatures = [
  "function factory() view returns (address)",
  "function WETH() view returns (address)",
  "function addLiquidity(address tokenA, address tokenB, uint256 amountADesired, uint256 amountBDesired, uint256 amountAMin, uint256 amountBMin, address to, uint256 deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity)",
  "function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)",
  "function swapTokensForExactTokens(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline) returns (uint256[] amounts)",
  "function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)",
  "function getAmountsIn(uint256 amountOut, address[] path) view returns (uint256[] amounts)",
] as const;

/**
 * UniswapV2Router02: liquidity, exact-in and exact-out swaps, and the amount quotes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uniswapV2RouterAbi } from "./abis.ts";
 * assert(uniswapV2RouterAbi.some((f) => f.type === "function" && f.name === "getAmountsOut"));
 * ```
 */
export const uniswapV2RouterAbi: ParseAbi<typeof uniswapV2RouterSignatures> = parseAbi(
  uniswapV2RouterSignatures,
);

const uniswapV3FactorySignatures = [
  "function createPool(address tokenA, address tokenB, uint24 fee) returns (address pool)",
  "function getPool(address tokenA, address tokenB, uint24 fee) view returns (address pool)",
  "function enableFeeAmount(uint24 fee, int24 tickSpacing)",
  "function feeAmountTickSpacing(uint24 fee) view returns (int24)",
  "event PoolCreated(address indexed token0, address indexed token1, uint24 indexed fee, int24 tickSpacing, address pool)",
] as const;

/**
 * UniswapV3Factory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uniswapV3FactoryAbi } from "./abis.ts";
 * assert(uniswapV3FactoryAbi.some((f) => f.type === "function" && f.name === "getPool"));
 * ```
 */
export const uniswapV3FactoryAbi: ParseAbi<typeof uniswapV3FactorySignatures> = parseAbi(
  uniswapV3FactorySignatures,
);

const uniswapV3PoolSignatures = [
  "function token0() view returns (address)",
  "function token1() view returns (address)",
  "function fee() view returns (uint24)",
  "function tickSpacing() view returns (int24)",
  "function liquidity() view returns (uint128)",
  "function slot0() view returns (uint160 sqrtPriceX96, int24 tick, uint16 observationIndex, uint16 observationCardinality, uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked)",
  "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)",
  "event Mint(address sender, address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
] as const;

/**
 * UniswapV3Pool: price, liquidity and the Swap event.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uniswapV3PoolAbi } from "./abis.ts";
 * assert(uniswapV3PoolAbi.some((f) => f.type === "function" && f.name === "slot0"));
 * ```
 */
export const uniswapV3PoolAbi: ParseAbi<typeof uniswapV3PoolSignatures> = parseAbi(
  uniswapV3PoolSignatures,
);

const positionManagerSignatures = [
  "struct MintParams { address token0; address token1; uint24 fee; int24 tickLower; int24 tickUpper; uint256 amount0Desired; uint256 amount1Desired; uint256 amount0Min; uint256 amount1Min; address recipient; uint256 deadline; }",
  "function factory() view returns (address)",
  "function createAndInitializePoolIfNecessary(address token0, address token1, uint24 fee, uint160 sqrtPriceX96) payable returns (address pool)",
  "function mint(MintParams params) payable returns (uint256 tokenId, uint128 liquidity, uint256 amount0, uint256 amount1)",
  "function positions(uint256 tokenId) view returns (uint96 nonce, address operator, address token0, address token1, uint24 fee, int24 tickLower, int24 tickUpper, uint128 liquidity, uint256 feeGrowthInside0LastX128, uint256 feeGrowthInside1LastX128, uint128 tokensOwed0, uint128 tokensOwed1)",
  "event IncreaseLiquidity(uint256 indexed tokenId, uint128 liquidity, uint256 amount0, uint256 amount1)",
] as const;

/**
 * NonfungiblePositionManager: create a pool and mint positions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { positionManagerAbi } from "./abis.ts";
 * assert(positionManagerAbi.some((f) => f.type === "function" && f.name === "mint"));
 * ```
 */
export const positionManagerAbi: ParseAbi<typeof positionManagerSignatures> = parseAbi(
  positionManagerSignatures,
);

const swapRouterSignatures = [
  "struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 deadline; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }",
  "struct ExactOutputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 deadline; uint256 amountOut; uint256 amountInMaximum; uint160 sqrtPriceLimitX96; }",
  "function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)",
  "function exactOutputSingle(ExactOutputSingleParams params) payable returns (uint256 amountIn)",
] as const;

/**
 * SwapRouter (V3): single-pool exact-in and exact-out swaps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { swapRouterAbi } from "./abis.ts";
 * assert(swapRouterAbi.some((f) => f.type === "function" && f.name === "exactInputSingle"));
 * ```
 */
export const swapRouterAbi: ParseAbi<typeof swapRouterSignatures> = parseAbi(swapRouterSignatures);

const quoterV2Signatures = [
  "struct QuoteExactInputSingleParams { address tokenIn; address tokenOut; uint256 amountIn; uint24 fee; uint160 sqrtPriceLimitX96; }",
  "struct QuoteExactOutputSingleParams { address tokenIn; address tokenOut; uint256 amount; uint24 fee; uint160 sqrtPriceLimitX96; }",
  "function quoteExactInputSingle(QuoteExactInputSingleParams params) returns (uint256 amountOut, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)",
  "function quoteExactOutputSingle(QuoteExactOutputSingleParams params) returns (uint256 amountIn, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)",
] as const;

/**
 * QuoterV2: quotes by simulating a swap (non-view; call it with `eth_call`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quoterV2Abi } from "./abis.ts";
 * assert(quoterV2Abi.some((f) => f.type === "function" && f.name === "quoteExactInputSingle"));
 * ```
 */
export const quoterV2Abi: ParseAbi<typeof quoterV2Signatures> = parseAbi(quoterV2Signatures);
