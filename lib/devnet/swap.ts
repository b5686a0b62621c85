// lib/devnet/swap.ts — one job: swap through the real routers (Router02, SwapRouter).
import { type Address, type Hex, maxUint256, type TransactionReceipt } from "viem";
import { swapRouterAbi, uniswapV2RouterAbi } from "./abis.ts";
import type { DevnetClient } from "./client.ts";
import type { V2VenueDeployment, V3VenueDeployment } from "./deploy.ts";
import {
  type V2SwapEvent,
  v2SwapEvents,
  type V3SwapEvent,
  v3SwapEvents,
} from "../chain/swap_events.ts";
import { ensureAllowances } from "./tokens.ts";
import { checkPath } from "./_path.ts";
import { sendAndConfirm } from "./_tx.ts";

/** A mined swap and the Swap events its pools emitted, in log order. */
export interface SwapResult<E> {
  readonly hash: Hex;
  readonly receipt: TransactionReceipt;
  readonly swaps: readonly E[];
}

/** Who receives the output and until when the router may execute. */
interface SwapCommon {
  /** Default: the client's account. */
  readonly recipient?: Address;
  /** Unix time after which the router refuses; default never. */
  readonly deadline?: bigint;
}

/** An exact-input swap along a V2 path (token addresses, first is the input). */
export interface V2ExactInParams extends SwapCommon {
  readonly path: readonly Address[];
  readonly amountIn: bigint;
  /** Least output accepted, in native units; pass 0n to accept any. */
  readonly amountOutMin: bigint;
}

/** An exact-output swap along a V2 path. */
export interface V2ExactOutParams extends SwapCommon {
  readonly path: readonly Address[];
  readonly amountOut: bigint;
  /** Most input accepted, in native units. */
  readonly amountInMax: bigint;
}

/** An exact-input swap in one V3 pool. */
export interface V3ExactInSingleParams extends SwapCommon {
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly fee: number;
  readonly amountIn: bigint;
  /** Least output accepted; pass 0n to accept any. */
  readonly amountOutMin: bigint;
  /** Price at which the swap stops early; default 0 (no limit). */
  readonly sqrtPriceLimitX96?: bigint;
}

/** An exact-output swap in one V3 pool. */
export interface V3ExactOutSingleParams extends SwapCommon {
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly fee: number;
  readonly amountOut: bigint;
  /** Most input accepted. */
  readonly amountInMax: bigint;
  /** Default 0 (no limit). */
  readonly sqrtPriceLimitX96?: bigint;
}

/**
 * Swaps an exact input through UniswapV2Router02 `swapExactTokensForTokens`, approving the
 * router first where needed.
 *
 * @throws {DevnetError} `BAD_OPTION` for a path shorter than two tokens, `TX_REVERTED` (e.g.
 * `INSUFFICIENT_OUTPUT_AMOUNT`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { swapV2ExactIn } from "./swap.ts";
 * import { addV2Liquidity } from "./v2_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const mints = [{ to: client.account.address, amount: 10n ** 24n }];
 * const dep = await deployDevnet(client, {
 *   v3Venues: [], tokens: [{ symbol: "A", decimals: 18, mints }, { symbol: "B", decimals: 18, mints }],
 * });
 * const [a, b] = [dep.tokens[0]!.address, dep.tokens[1]!.address];
 * const venue = dep.v2[0]!;
 * await addV2Liquidity(client, venue, { tokenA: a, tokenB: b, amountA: 10n ** 21n, amountB: 10n ** 21n });
 * const res = await swapV2ExactIn(client, venue, { path: [a, b], amountIn: 10n ** 18n, amountOutMin: 0n });
 * assert(res.swaps.length === 1);
 * ```
 */
export async function swapV2ExactIn(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "router">,
  params: V2ExactInParams,
): Promise<SwapResult<V2SwapEvent>> {
  const path = checkPath(params.path);
  await ensureAllowances(client, [
    { token: path[0], spender: venue.router, amount: params.amountIn },
  ]);
  const receipt = await sendAndConfirm(client, `swapExactTokensForTokens(${params.amountIn})`, (
    nonce,
  ) =>
    client.writeContract({
      address: venue.router,
      abi: uniswapV2RouterAbi,
      functionName: "swapExactTokensForTokens",
      args: [
        params.amountIn,
        params.amountOutMin,
        path,
        params.recipient ?? client.account.address,
        params.deadline ?? maxUint256,
      ],
      nonce,
    }));
  return { hash: receipt.transactionHash, receipt, swaps: v2SwapEvents(receipt.logs) };
}

/**
 * Swaps for an exact output through UniswapV2Router02 `swapTokensForExactTokens`.
 *
 * @throws {DevnetError} `BAD_OPTION` for a short path, `TX_REVERTED` (e.g.
 * `EXCESSIVE_INPUT_AMOUNT`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { swapV2ExactOut } from "./swap.ts";
 * import { addV2Liquidity } from "./v2_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const mints = [{ to: client.account.address, amount: 10n ** 24n }];
 * const dep = await deployDevnet(client, {
 *   v3Venues: [], tokens: [{ symbol: "A", decimals: 18, mints }, { symbol: "B", decimals: 18, mints }],
 * });
 * const [a, b] = [dep.tokens[0]!.address, dep.tokens[1]!.address];
 * const venue = dep.v2[0]!;
 * await addV2Liquidity(client, venue, { tokenA: a, tokenB: b, amountA: 10n ** 21n, amountB: 10n ** 21n });
 * const res = await swapV2ExactOut(client, venue, {
 *   path: [a, b], amountOut: 10n ** 18n, amountInMax: 2n * 10n ** 18n,
 * });
 * const out = res.swaps[0]!;
 * assert(out.amount0Out + out.amount1Out === 10n ** 18n);
 * ```
 */
export async function swapV2ExactOut(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "router">,
  params: V2ExactOutParams,
): Promise<SwapResult<V2SwapEvent>> {
  const path = checkPath(params.path);
  await ensureAllowances(client, [
    { token: path[0], spender: venue.router, amount: params.amountInMax },
  ]);
  const receipt = await sendAndConfirm(client, `swapTokensForExactTokens(${params.amountOut})`, (
    nonce,
  ) =>
    client.writeContract({
      address: venue.router,
      abi: uniswapV2RouterAbi,
      functionName: "swapTokensForExactTokens",
      args: [
        params.amountOut,
        params.amountInMax,
        path,
        params.recipient ?? client.account.address,
        params.deadline ?? maxUint256,
      ],
      nonce,
    }));
  return { hash: receipt.transactionHash, receipt, swaps: v2SwapEvents(receipt.logs) };
}

/**
 * Swaps an exact input in one pool through the V3 SwapRouter `exactInputSingle`.
 *
 * @throws {DevnetError} `TX_REVERTED` (e.g. `Too little received`, no such pool).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { swapV3ExactInSingle } from "./swap.ts";
 * import { sortTokens } from "./tokens.ts";
 * import { createV3Pool, mintV3Position } from "./v3_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const mints = [{ to: client.account.address, amount: 10n ** 24n }];
 * const dep = await deployDevnet(client, {
 *   v2Venues: [], tokens: [{ symbol: "A", decimals: 18, mints }, { symbol: "B", decimals: 18, mints }],
 * });
 * const [token0, token1] = sortTokens(dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const venue = dep.v3[0]!;
 * await createV3Pool(client, venue, { token0, token1, fee: 500, sqrtPriceX96: 2n ** 96n });
 * await mintV3Position(client, venue, {
 *   token0, token1, fee: 500, tickLower: -100, tickUpper: 100,
 *   amount0Desired: 10n ** 21n, amount1Desired: 10n ** 21n,
 * });
 * const res = await swapV3ExactInSingle(client, venue, {
 *   tokenIn: token0, tokenOut: token1, fee: 500, amountIn: 10n ** 18n, amountOutMin: 0n,
 * });
 * assert(res.swaps[0]?.amount0 === 10n ** 18n);
 * ```
 */
export async function swapV3ExactInSingle(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "swapRouter">,
  params: V3ExactInSingleParams,
): Promise<SwapResult<V3SwapEvent>> {
  await ensureAllowances(client, [
    { token: params.tokenIn, spender: venue.swapRouter, amount: params.amountIn },
  ]);
  const receipt = await sendAndConfirm(
    client,
    `exactInputSingle(${params.amountIn})`,
    (nonce) =>
      client.writeContract({
        address: venue.swapRouter,
        abi: swapRouterAbi,
        functionName: "exactInputSingle",
        args: [{
          tokenIn: params.tokenIn,
          tokenOut: params.tokenOut,
          fee: params.fee,
          recipient: params.recipient ?? client.account.address,
          deadline: params.deadline ?? maxUint256,
          amountIn: params.amountIn,
          amountOutMinimum: params.amountOutMin,
          sqrtPriceLimitX96: params.sqrtPriceLimitX96 ?? 0n,
        }],
        nonce,
      }),
  );
  return { hash: receipt.transactionHash, receipt, swaps: v3SwapEvents(receipt.logs) };
}

/**
 * Swaps for an exact output in one pool through the V3 SwapRouter `exactOutputSingle`.
 *
 * @throws {DevnetError} `TX_REVERTED` (e.g. `Too much requested`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { swapV3ExactOutSingle } from "./swap.ts";
 * import { sortTokens } from "./tokens.ts";
 * import { createV3Pool, mintV3Position } from "./v3_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const mints = [{ to: client.account.address, amount: 10n ** 24n }];
 * const dep = await deployDevnet(client, {
 *   v2Venues: [], tokens: [{ symbol: "A", decimals: 18, mints }, { symbol: "B", decimals: 18, mints }],
 * });
 * const [token0, token1] = sortTokens(dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const venue = dep.v3[0]!;
 * await createV3Pool(client, venue, { token0, token1, fee: 500, sqrtPriceX96: 2n ** 96n });
 * await mintV3Position(client, venue, {
 *   token0, token1, fee: 500, tickLower: -100, tickUpper: 100,
 *   amount0Desired: 10n ** 21n, amount1Desired: 10n ** 21n,
 * });
 * const res = await swapV3ExactOutSingle(client, venue, {
 *   tokenIn: token1, tokenOut: token0, fee: 500, amountOut: 10n ** 18n, amountInMax: 2n * 10n ** 18n,
 * });
 * assert(res.swaps[0]?.amount0 === -(10n ** 18n));
 * ```
 */
export async function swapV3ExactOutSingle(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "swapRouter">,
  params: V3ExactOutSingleParams,
): Promise<SwapResult<V3SwapEvent>> {
  await ensureAllowances(client, [
    { token: params.tokenIn, spender: venue.swapRouter, amount: params.amountInMax },
  ]);
  const receipt = await sendAndConfirm(
    client,
    `exactOutputSingle(${params.amountOut})`,
    (nonce) =>
      client.writeContract({
        address: venue.swapRouter,
        abi: swapRouterAbi,
        functionName: "exactOutputSingle",
        args: [{
          tokenIn: params.tokenIn,
          tokenOut: params.tokenOut,
          fee: params.fee,
          recipient: params.recipient ?? client.account.address,
          deadline: params.deadline ?? maxUint256,
          amountOut: params.amountOut,
          amountInMaximum: params.amountInMax,
          sqrtPriceLimitX96: params.sqrtPriceLimitX96 ?? 0n,
        }],
        nonce,
      }),
  );
  return { hash: receipt.transactionHash, receipt, swaps: v3SwapEvents(receipt.logs) };
}
