// lib/execution/live/executor_abi.ts — one job: the typed ABI of contracts/ArbitrageExecutor.sol.
import { type ParseAbi, parseAbi } from "viem";

const arbitrageExecutorSignatures = [
  "struct Hop { address pool; address tokenIn; address tokenOut; uint8 kind; uint16 feeBps; }",
  "constructor()",
  "function owner() view returns (address)",
  "function execute(Hop[] hops, uint256 amountIn, uint256 minProfit, uint256 deadline) returns (uint256 amountOut, uint256 profit)",
  "function withdraw(address token, address to, uint256 amount)",
  "function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes data)",
  "function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes data)",
  "event ArbitrageExecuted(address indexed token, uint256 amountIn, uint256 amountOut, uint256 profit)",
  "error NotOwner(address caller)",
  "error DeadlineExpired(uint256 deadline, uint256 timestamp)",
  "error BadRouteLength(uint256 hops)",
  "error BadHop(uint256 index)",
  "error BadAmount(uint256 amountIn)",
  "error InsufficientProfit(int256 profit, uint256 minProfit)",
  "error UnexpectedCallback(address caller)",
  "error UnexpectedInitiator(address initiator)",
  "error CallbackMissing(address pool)",
  "error PartialFill(address pool, uint256 amountIn, uint256 paid)",
  "error ZeroOutput(address pool)",
  "error TransferFailed(address token, address to, uint256 amount)",
] as const;

/**
 * ABI of ArbitrageExecutor, written out so viem types every call; a test checks it against the
 * ABI solc produces from contracts/ArbitrageExecutor.sol.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { arbitrageExecutorAbi } from "./executor_abi.ts";
 * assert(arbitrageExecutorAbi.some((x) => x.type === "error" && x.name === "InsufficientProfit"));
 * ```
 */
export const arbitrageExecutorAbi: ParseAbi<typeof arbitrageExecutorSignatures> = parseAbi(
  arbitrageExecutorSignatures,
);

/** Hop kinds of the executor's route (the PoolState protocol numbers). */
export const HopKind = { V2: 1, V3: 2 } as const;
/** A hop kind: 1 Uniswap V2 pair, 2 Uniswap V3 pool. */
export type HopKind = typeof HopKind[keyof typeof HopKind];
