// lib/devnet/quote.ts — one job: ask the deployed contracts for swap quotes.
import type { Address } from "viem";
import { quoterV2Abi, uniswapV2RouterAbi } from "./abis.ts";
import type { DevnetClient } from "./client.ts";
import type { V2VenueDeployment, V3VenueDeployment } from "./deploy.ts";
import { checkPath } from "./_path.ts";
import { callError } from "./_tx.ts";

/**
 * Router02 `getAmountsOut`: the amount at each step of `path` for an exact input.
 *
 * @throws {DevnetError} `BAD_OPTION` for a short path, `CALL_FAILED` (e.g. a missing pair).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * import { quoteV2AmountsOut } from "./quote.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const uni = await deployUniswap(client, { v3Venues: [] });
 * const path = [uni.weth, anvil.accounts[1]!.address];
 * await quoteV2AmountsOut(client, uni.v2[0]!, 1n, path).catch((e) => assert(e.code === "CALL_FAILED"));
 * ```
 */
export async function quoteV2AmountsOut(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "router">,
  amountIn: bigint,
  path: readonly Address[],
): Promise<readonly bigint[]> {
  checkPath(path);
  try {
    return await client.readContract({
      address: venue.router,
      abi: uniswapV2RouterAbi,
      functionName: "getAmountsOut",
      args: [amountIn, path],
    });
  } catch (cause) {
    throw callError(`getAmountsOut(${amountIn})`, cause);
  }
}

/**
 * Router02 `getAmountsIn`: the amount at each step of `path` for an exact output.
 *
 * @throws {DevnetError} `BAD_OPTION` for a short path, `CALL_FAILED`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * import { quoteV2AmountsIn } from "./quote.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const uni = await deployUniswap(client, { v3Venues: [] });
 * await quoteV2AmountsIn(client, uni.v2[0]!, 1n, [uni.weth]).catch((e) => assert(e.code === "BAD_OPTION"));
 * ```
 */
export async function quoteV2AmountsIn(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "router">,
  amountOut: bigint,
  path: readonly Address[],
): Promise<readonly bigint[]> {
  checkPath(path);
  try {
    return await client.readContract({
      address: venue.router,
      abi: uniswapV2RouterAbi,
      functionName: "getAmountsIn",
      args: [amountOut, path],
    });
  } catch (cause) {
    throw callError(`getAmountsIn(${amountOut})`, cause);
  }
}

/** A single-pool QuoterV2 request; `amount` is the input (exact-in) or the output (exact-out). */
export interface V3QuoteParams {
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly fee: number;
  readonly amount: bigint;
  /** Price at which the simulated swap stops; default 0 (no limit). */
  readonly sqrtPriceLimitX96?: bigint;
}

/** A QuoterV2 answer: the other side's amount, and the pool's state after the swap. */
export interface V3Quote {
  /** The output of an exact-in quote, the input of an exact-out one. */
  readonly amount: bigint;
  readonly sqrtPriceX96After: bigint;
  readonly initializedTicksCrossed: number;
  readonly gasEstimate: bigint;
}

/**
 * QuoterV2 `quoteExactInputSingle`, run with `eth_call` (the quoter swaps and reverts inside
 * the call to report the result, so it is not a view function).
 *
 * @throws {DevnetError} `CALL_FAILED` (e.g. no such pool).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * import { quoteV3ExactInSingle } from "./quote.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const uni = await deployUniswap(client, { v2Venues: [] });
 * const params = { tokenIn: uni.weth, tokenOut: anvil.accounts[1]!.address, fee: 3000, amount: 1n };
 * await quoteV3ExactInSingle(client, uni.v3[0]!, params).catch((e) => assert(e.code === "CALL_FAILED"));
 * ```
 */
export async function quoteV3ExactInSingle(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "quoter">,
  params: V3QuoteParams,
): Promise<V3Quote> {
  try {
    const { result } = await client.simulateContract({
      address: venue.quoter,
      abi: quoterV2Abi,
      functionName: "quoteExactInputSingle",
      args: [{
        tokenIn: params.tokenIn,
        tokenOut: params.tokenOut,
        amountIn: params.amount,
        fee: params.fee,
        sqrtPriceLimitX96: params.sqrtPriceLimitX96 ?? 0n,
      }],
    });
    const [amount, sqrtPriceX96After, initializedTicksCrossed, gasEstimate] = result;
    return { amount, sqrtPriceX96After, initializedTicksCrossed, gasEstimate };
  } catch (cause) {
    throw callError(`quoteExactInputSingle(${params.amount})`, cause);
  }
}

/**
 * QuoterV2 `quoteExactOutputSingle`, run with `eth_call`.
 *
 * @throws {DevnetError} `CALL_FAILED` (e.g. no such pool, or not enough liquidity).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * import { quoteV3ExactOutSingle } from "./quote.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const uni = await deployUniswap(client, { v2Venues: [] });
 * const params = { tokenIn: uni.weth, tokenOut: anvil.accounts[1]!.address, fee: 3000, amount: 1n };
 * await quoteV3ExactOutSingle(client, uni.v3[0]!, params).catch((e) => assert(e.code === "CALL_FAILED"));
 * ```
 */
export async function quoteV3ExactOutSingle(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "quoter">,
  params: V3QuoteParams,
): Promise<V3Quote> {
  try {
    const { result } = await client.simulateContract({
      address: venue.quoter,
      abi: quoterV2Abi,
      functionName: "quoteExactOutputSingle",
      args: [{
        tokenIn: params.tokenIn,
        tokenOut: params.tokenOut,
        amount: params.amount,
        fee: params.fee,
        sqrtPriceLimitX96: params.sqrtPriceLimitX96 ?? 0n,
      }],
    });
    const [amount, sqrtPriceX96After, initializedTicksCrossed, gasEstimate] = result;
    return { amount, sqrtPriceX96After, initializedTicksCrossed, gasEstimate };
  } catch (cause) {
    throw callError(`quoteExactOutputSingle(${params.amount})`, cause);
  }
}
