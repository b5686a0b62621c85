// lib/devnet/v2_liquidity.ts — one job: create V2 pairs and deposit through Router02.
import { type Address, getAddress, type Hex, maxUint256, parseEventLogs, zeroAddress } from "viem";
import { uniswapV2FactoryAbi, uniswapV2PairAbi, uniswapV2RouterAbi } from "./abis.ts";
import type { DevnetClient } from "./client.ts";
import type { V2VenueDeployment } from "./deploy.ts";
import { DevnetError } from "./errors.ts";
import { ensureAllowances, sortTokens } from "./tokens.ts";
import { callError, sendAndConfirm } from "./_tx.ts";

/**
 * Creates the pair of `tokenA` and `tokenB` on a V2 factory and returns its address.
 *
 * @throws {DevnetError} `TX_REVERTED` when the pair exists already or the tokens are equal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { createV2Pair } from "./v2_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const dep = await deployDevnet(client, {
 *   v3Venues: [], tokens: [{ symbol: "A", decimals: 18 }, { symbol: "B", decimals: 6 }],
 * });
 * const pair = await createV2Pair(client, dep.v2[0]!, dep.tokens[0]!.address, dep.tokens[1]!.address);
 * assert(pair.startsWith("0x"));
 * ```
 */
export async function createV2Pair(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "factory">,
  tokenA: Address,
  tokenB: Address,
): Promise<Address> {
  const receipt = await sendAndConfirm(
    client,
    `createPair(${tokenA}, ${tokenB})`,
    (nonce) =>
      client.writeContract({
        address: venue.factory,
        abi: uniswapV2FactoryAbi,
        functionName: "createPair",
        args: [tokenA, tokenB],
        nonce,
      }),
  );
  const [created] = parseEventLogs({
    abi: uniswapV2FactoryAbi,
    eventName: "PairCreated",
    logs: receipt.logs,
  });
  if (created === undefined) {
    throw new DevnetError(
      "EVENT_MISSING",
      `createPair(${tokenA}, ${tokenB}) emitted no PairCreated`,
      {
        hash: receipt.transactionHash,
      },
    );
  }
  return getAddress(created.args.pair);
}

/**
 * The pair of two tokens on a V2 factory, or undefined when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * import { findV2Pair } from "./v2_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const uni = await deployUniswap(client, { v3Venues: [] });
 * assert(await findV2Pair(client, uni.v2[0]!, uni.weth, anvil.accounts[0]!.address) === undefined);
 * ```
 */
export async function findV2Pair(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "factory">,
  tokenA: Address,
  tokenB: Address,
): Promise<Address | undefined> {
  let pair: Address;
  try {
    pair = await client.readContract({
      address: venue.factory,
      abi: uniswapV2FactoryAbi,
      functionName: "getPair",
      args: [tokenA, tokenB],
    });
  } catch (cause) {
    throw callError(`getPair(${tokenA}, ${tokenB})`, cause);
  }
  return pair === zeroAddress ? undefined : getAddress(pair);
}

/** A deposit through Router02; amounts in native units. */
export interface AddV2LiquidityParams {
  readonly tokenA: Address;
  readonly tokenB: Address;
  readonly amountA: bigint;
  readonly amountB: bigint;
  /** Least of token A to deposit once the router matches the pool's ratio; default 0. */
  readonly amountAMin?: bigint;
  /** Least of token B to deposit; default 0. */
  readonly amountBMin?: bigint;
  /** Receiver of the LP tokens; default the client's account. */
  readonly recipient?: Address;
  /** Unix time after which the router refuses; default never. */
  readonly deadline?: bigint;
}

/** What a deposit did, read from the pair's Mint and Transfer events. */
export interface V2LiquidityResult {
  readonly pair: Address;
  readonly amountA: bigint;
  readonly amountB: bigint;
  /** LP tokens minted to the recipient. */
  readonly liquidity: bigint;
  readonly hash: Hex;
}

/**
 * Deposits two tokens through UniswapV2Router02 `addLiquidity` (which creates the pair when it
 * is missing), approving the router first where needed.
 *
 * @throws {DevnetError} `TX_REVERTED` (e.g. a minimum not met), `EVENT_MISSING`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { addV2Liquidity } from "./v2_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const me = client.account.address;
 * const dep = await deployDevnet(client, {
 *   v3Venues: [],
 *   tokens: [
 *     { symbol: "A", decimals: 18, mints: [{ to: me, amount: 10n ** 21n }] },
 *     { symbol: "B", decimals: 6, mints: [{ to: me, amount: 10n ** 9n }] },
 *   ],
 * });
 * const res = await addV2Liquidity(client, dep.v2[0]!, {
 *   tokenA: dep.tokens[0]!.address, tokenB: dep.tokens[1]!.address,
 *   amountA: 10n ** 20n, amountB: 10n ** 8n,
 * });
 * assert(res.amountA === 10n ** 20n && res.liquidity > 0n);
 * ```
 */
export async function addV2Liquidity(
  client: DevnetClient,
  venue: Pick<V2VenueDeployment, "router">,
  params: AddV2LiquidityParams,
): Promise<V2LiquidityResult> {
  const { tokenA, tokenB, amountA, amountB } = params;
  const recipient = params.recipient ?? client.account.address;
  await ensureAllowances(client, [
    { token: tokenA, spender: venue.router, amount: amountA },
    { token: tokenB, spender: venue.router, amount: amountB },
  ]);
  const what = `addLiquidity(${tokenA}, ${tokenB})`;
  const receipt = await sendAndConfirm(client, what, (nonce) =>
    client.writeContract({
      address: venue.router,
      abi: uniswapV2RouterAbi,
      functionName: "addLiquidity",
      args: [
        tokenA,
        tokenB,
        amountA,
        amountB,
        params.amountAMin ?? 0n,
        params.amountBMin ?? 0n,
        recipient,
        params.deadline ?? maxUint256,
      ],
      nonce,
    }));
  const logs = parseEventLogs({ abi: uniswapV2PairAbi, logs: receipt.logs });
  const mint = logs.find((l) => l.eventName === "Mint");
  if (mint?.eventName !== "Mint") {
    throw new DevnetError("EVENT_MISSING", `${what} emitted no Mint`, {
      hash: receipt.transactionHash,
    });
  }
  const pair = getAddress(mint.address);
  const minted = logs.find((l) =>
    l.eventName === "Transfer" && getAddress(l.address) === pair &&
    l.args.from === zeroAddress && getAddress(l.args.to) === getAddress(recipient)
  );
  const liquidity = minted?.eventName === "Transfer" ? minted.args.value : 0n;
  const aIsToken0 = sortTokens(tokenA, tokenB)[0] === tokenA;
  return {
    pair,
    amountA: aIsToken0 ? mint.args.amount0 : mint.args.amount1,
    amountB: aIsToken0 ? mint.args.amount1 : mint.args.amount0,
    liquidity,
    hash: receipt.transactionHash,
  };
}
