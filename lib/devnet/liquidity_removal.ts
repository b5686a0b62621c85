// lib/devnet/liquidity_removal.ts — one job: take liquidity out through the real
// contracts: Router02 `removeLiquidity` (V2 Burn) and the position manager's
// `decreaseLiquidity` (V3 Burn).
import { type Address, type Hex, maxUint256, parseAbi } from "viem";
import type { DevnetClient } from "./client.ts";
import type { V2VenueDeployment, V3VenueDeployment } from "./deploy.ts";
import { ensureAllowances } from "./tokens.ts";
import { sendAndConfirm } from "./_tx.ts";

const routerRemoveAbi = parseAbi([
  "function removeLiquidity(address tokenA, address tokenB, uint256 liquidity, uint256 amountAMin, uint256 amountBMin, address to, uint256 deadline) returns (uint256 amountA, uint256 amountB)",
]);

const managerDecreaseAbi = parseAbi([
  "struct DecreaseLiquidityParams { uint256 tokenId; uint128 liquidity; uint256 amount0Min; uint256 amount1Min; uint256 deadline; }",
  "function decreaseLiquidity(DecreaseLiquidityParams params) payable returns (uint256 amount0, uint256 amount1)",
]);

/** A withdrawal from a V2 pair: LP tokens to burn. */
export interface RemoveV2LiquidityParams {
  readonly pair: Address;
  readonly tokenA: Address;
  readonly tokenB: Address;
  /** LP tokens to return, in the pair's native units. */
  readonly liquidity: bigint;
}

/**
 * Burns LP tokens through UniswapV2Router02 `removeLiquidity` (approving the router for the pair
 * token first where needed); the pair emits Burn and Sync. Returns the transaction hash.
 *
 * @throws {DevnetError} `TX_REVERTED` (e.g. more LP tokens than held), `TX_FAILED`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { removeV2Liquidity } from "./liquidity_removal.ts";
 * import { addV2Liquidity } from "./v2_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const mints = [{ to: client.account.address, amount: 10n ** 24n }];
 * const dep = await deployDevnet(client, {
 *   v3Venues: [], tokens: [{ symbol: "A", decimals: 18, mints }, { symbol: "B", decimals: 18, mints }],
 * });
 * const [a, b] = [dep.tokens[0]!.address, dep.tokens[1]!.address];
 * const added = await addV2Liquidity(client, dep.v2[0]!, { tokenA: a, tokenB: b, amountA: 10n ** 20n, amountB: 10n ** 20n });
 * const hash = await removeV2Liquidity(client, dep.v2[0]!, { pair: added.pair, tokenA: a, tokenB: b, liquidity: added.liquidity / 2n });
 * assert(hash.startsWith("0x"));
 * ```
 */
export async function removeV2Liquidity(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "router">,
  params: RemoveV2LiquidityParams,
): Promise<Hex> {
  await ensureAllowances(client, [
    { token: params.pair, spender: venue.router, amount: params.liquidity },
  ]);
  const receipt = await sendAndConfirm(
    client,
    `removeLiquidity(${params.pair}, ${params.liquidity})`,
    (nonce) =>
      client.writeContract({
        address: venue.router,
        abi: routerRemoveAbi,
        functionName: "removeLiquidity",
        args: [
          params.tokenA,
          params.tokenB,
          params.liquidity,
          0n,
          0n,
          client.account.address,
          maxUint256,
        ],
        nonce,
      }),
  );
  return receipt.transactionHash;
}

/**
 * Removes liquidity from a V3 position through NonfungiblePositionManager `decreaseLiquidity`;
 * the pool emits Burn (the tokens stay owed to the position until collected).
 *
 * @throws {DevnetError} `TX_REVERTED` (e.g. more liquidity than the position has).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { decreaseV3Liquidity } from "./liquidity_removal.ts";
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
 * await createV3Pool(client, venue, { token0, token1, fee: 3000, sqrtPriceX96: 2n ** 96n });
 * const pos = await mintV3Position(client, venue, {
 *   token0, token1, fee: 3000, tickLower: -600, tickUpper: 600,
 *   amount0Desired: 10n ** 18n, amount1Desired: 10n ** 18n,
 * });
 * const hash = await decreaseV3Liquidity(client, venue, { tokenId: pos.tokenId, liquidity: pos.liquidity });
 * assert(hash.startsWith("0x"));
 * ```
 */
export async function decreaseV3Liquidity(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "positionManager">,
  params: { readonly tokenId: bigint; readonly liquidity: bigint },
): Promise<Hex> {
  const receipt = await sendAndConfirm(
    client,
    `decreaseLiquidity(${params.tokenId}, ${params.liquidity})`,
    (nonce) =>
      client.writeContract({
        address: venue.positionManager,
        abi: managerDecreaseAbi,
        functionName: "decreaseLiquidity",
        args: [{
          tokenId: params.tokenId,
          liquidity: params.liquidity,
          amount0Min: 0n,
          amount1Min: 0n,
          deadline: maxUint256,
        }],
        nonce,
      }),
  );
  return receipt.transactionHash;
}
