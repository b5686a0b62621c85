// lib/devnet/v3_liquidity.ts — one job: create V3 pools and mint positions through the
// NonfungiblePositionManager.
import { type Address, getAddress, type Hex, maxUint256, parseEventLogs, zeroAddress } from "viem";
import { positionManagerAbi, uniswapV3FactoryAbi, uniswapV3PoolAbi } from "./abis.ts";
import type { DevnetClient } from "./client.ts";
import type { V3VenueDeployment } from "./deploy.ts";
import { DevnetError } from "./errors.ts";
import { ensureAllowances } from "./tokens.ts";
import { callError, sendAndConfirm } from "./_tx.ts";

/** Bounds of `sqrtPriceX96` the pool accepts (TickMath MIN_SQRT_RATIO, MAX_SQRT_RATIO). */
const MIN_SQRT_PRICE = 4295128739n;
const MAX_SQRT_PRICE = 1461446703485210103287273052203988822378723970342n;

/**
 * `sqrt(amount1 / amount0) * 2^96`, rounded down: the V3 price at which `amount0` of token0 is
 * worth `amount1` of token1 (both in native units).
 *
 * @throws {DevnetError} `BAD_OPTION` when an amount is not positive or the price is outside
 * what a pool accepts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeSqrtPriceX96 } from "./v3_liquidity.ts";
 * assert(encodeSqrtPriceX96(1n, 1n) === 2n ** 96n);
 * assert(encodeSqrtPriceX96(4n, 1n) === 2n ** 97n);
 * ```
 */
export function encodeSqrtPriceX96(amount1: bigint, amount0: bigint): bigint {
  if (amount0 <= 0n || amount1 <= 0n) {
    throw new DevnetError(
      "BAD_OPTION",
      `Price amounts must be positive, got ${amount1}/${amount0}`,
      {
        amount0,
        amount1,
      },
    );
  }
  const price = isqrt((amount1 << 192n) / amount0);
  if (price < MIN_SQRT_PRICE || price >= MAX_SQRT_PRICE) {
    throw new DevnetError("BAD_OPTION", `Price ${amount1}/${amount0} is outside the V3 range`, {
      amount0,
      amount1,
      sqrtPriceX96: price,
    });
  }
  return price;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's method from a power of two above the root: decreases monotonically to floor(sqrt).
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** A pool to create: tokens already sorted, the fee tier and the starting price. */
export interface CreateV3PoolParams {
  readonly token0: Address;
  readonly token1: Address;
  /** Fee in hundredths of a basis point; the tier must be enabled on the factory. */
  readonly fee: number;
  /** Starting price of token0 in token1, see `encodeSqrtPriceX96`. */
  readonly sqrtPriceX96: bigint;
}

/**
 * Creates and initializes a V3 pool through the position manager (which leaves an existing,
 * initialized pool as it is) and returns the pool's address.
 *
 * @throws {DevnetError} `BAD_TOKEN_ORDER` when token0 is not below token1, `TX_REVERTED` (e.g.
 * a fee tier not enabled).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { sortTokens } from "./tokens.ts";
 * import { createV3Pool } from "./v3_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const dep = await deployDevnet(client, {
 *   v2Venues: [], tokens: [{ symbol: "A", decimals: 18 }, { symbol: "B", decimals: 18 }],
 * });
 * const [token0, token1] = sortTokens(dep.tokens[0]!.address, dep.tokens[1]!.address);
 * const pool = await createV3Pool(client, dep.v3[0]!, {
 *   token0, token1, fee: 3000, sqrtPriceX96: 2n ** 96n,
 * });
 * assert(pool.startsWith("0x"));
 * ```
 */
export async function createV3Pool(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "factory" | "positionManager">,
  params: CreateV3PoolParams,
): Promise<Address> {
  const { token0, token1, fee, sqrtPriceX96 } = params;
  checkOrder(token0, token1);
  await sendAndConfirm(
    client,
    `createAndInitializePool(${token0}, ${token1}, ${fee})`,
    (nonce) =>
      client.writeContract({
        address: venue.positionManager,
        abi: positionManagerAbi,
        functionName: "createAndInitializePoolIfNecessary",
        args: [token0, token1, fee, sqrtPriceX96],
        nonce,
      }),
  );
  const pool = await findV3Pool(client, venue, token0, token1, fee);
  if (pool === undefined) {
    throw new DevnetError("EVENT_MISSING", `Pool ${token0}/${token1}/${fee} was not created`, {
      token0,
      token1,
      fee,
    });
  }
  return pool;
}

/**
 * The V3 pool of two tokens at a fee tier, or undefined when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * import { findV3Pool } from "./v3_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const uni = await deployUniswap(client, { v2Venues: [] });
 * const none = await findV3Pool(client, uni.v3[0]!, uni.weth, anvil.accounts[0]!.address, 500);
 * assert(none === undefined);
 * ```
 */
export async function findV3Pool(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "factory">,
  tokenA: Address,
  tokenB: Address,
  fee: number,
): Promise<Address | undefined> {
  let pool: Address;
  try {
    pool = await client.readContract({
      address: venue.factory,
      abi: uniswapV3FactoryAbi,
      functionName: "getPool",
      args: [tokenA, tokenB, fee],
    });
  } catch (cause) {
    throw callError(`getPool(${tokenA}, ${tokenB}, ${fee})`, cause);
  }
  return pool === zeroAddress ? undefined : getAddress(pool);
}

/** A pool's current price, tick and in-range liquidity. */
export interface V3PoolState {
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  readonly liquidity: bigint;
  readonly tickSpacing: number;
}

/**
 * Reads `slot0`, `liquidity` and `tickSpacing` of a V3 pool.
 *
 * @throws {DevnetError} `CALL_FAILED` when the address is not a pool.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { readV3PoolState } from "./v3_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * await readV3PoolState(client, anvil.accounts[0]!.address).catch((e) => assert(e.code === "CALL_FAILED"));
 * ```
 */
export async function readV3PoolState(client: DevnetClient, pool: Address): Promise<V3PoolState> {
  try {
    const [slot0, liquidity, tickSpacing] = await Promise.all([
      client.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "slot0" }),
      client.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "liquidity" }),
      client.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "tickSpacing" }),
    ]);
    return { sqrtPriceX96: slot0[0], tick: slot0[1], liquidity, tickSpacing };
  } catch (cause) {
    throw callError(`state of pool ${pool}`, cause);
  }
}

/** A position to mint; amounts in native units, ticks multiples of the pool's spacing. */
export interface MintV3PositionParams {
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly amount0Desired: bigint;
  readonly amount1Desired: bigint;
  /** Default 0. */
  readonly amount0Min?: bigint;
  /** Default 0. */
  readonly amount1Min?: bigint;
  /** Owner of the position NFT; default the client's account. */
  readonly recipient?: Address;
  /** Unix time after which the manager refuses; default never. */
  readonly deadline?: bigint;
}

/** A minted position, read from the manager's IncreaseLiquidity event. */
export interface V3PositionResult {
  readonly tokenId: bigint;
  readonly liquidity: bigint;
  readonly amount0: bigint;
  readonly amount1: bigint;
  readonly hash: Hex;
}

/**
 * Mints a position over `[tickLower, tickUpper)` through the NonfungiblePositionManager,
 * approving it first where needed. The pool must exist and be initialized.
 *
 * @throws {DevnetError} `BAD_TOKEN_ORDER`, `BAD_OPTION` for an empty tick range,
 * `TX_REVERTED` (e.g. ticks off the spacing).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * import { sortTokens } from "./tokens.ts";
 * import { createV3Pool, mintV3Position } from "./v3_liquidity.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const me = client.account.address;
 * const mints = [{ to: me, amount: 10n ** 24n }];
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
 * assert(pos.liquidity > 0n && pos.amount0 === pos.amount1);
 * ```
 */
export async function mintV3Position(
  client: DevnetClient,
  venue: Pick<V3VenueDeployment, "positionManager">,
  params: MintV3PositionParams,
): Promise<V3PositionResult> {
  const { token0, token1, fee, tickLower, tickUpper } = params;
  checkOrder(token0, token1);
  if (!(Number.isInteger(tickLower) && Number.isInteger(tickUpper) && tickLower < tickUpper)) {
    throw new DevnetError("BAD_OPTION", `Tick range [${tickLower}, ${tickUpper}) is empty`, {
      tickLower,
      tickUpper,
    });
  }
  await ensureAllowances(client, [
    { token: token0, spender: venue.positionManager, amount: params.amount0Desired },
    { token: token1, spender: venue.positionManager, amount: params.amount1Desired },
  ]);
  const what = `mint(${token0}, ${token1}, ${fee}, [${tickLower}, ${tickUpper}))`;
  const receipt = await sendAndConfirm(client, what, (nonce) =>
    client.writeContract({
      address: venue.positionManager,
      abi: positionManagerAbi,
      functionName: "mint",
      args: [{
        token0,
        token1,
        fee,
        tickLower,
        tickUpper,
        amount0Desired: params.amount0Desired,
        amount1Desired: params.amount1Desired,
        amount0Min: params.amount0Min ?? 0n,
        amount1Min: params.amount1Min ?? 0n,
        recipient: params.recipient ?? client.account.address,
        deadline: params.deadline ?? maxUint256,
      }],
      nonce,
    }));
  const [increase] = parseEventLogs({
    abi: positionManagerAbi,
    eventName: "IncreaseLiquidity",
    logs: receipt.logs,
  });
  if (increase === undefined) {
    throw new DevnetError("EVENT_MISSING", `${what} emitted no IncreaseLiquidity`, {
      hash: receipt.transactionHash,
    });
  }
  const { tokenId, liquidity, amount0, amount1 } = increase.args;
  return { tokenId, liquidity, amount0, amount1, hash: receipt.transactionHash };
}

function checkOrder(token0: Address, token1: Address): void {
  if (BigInt(token0) >= BigInt(token1)) {
    throw new DevnetError(
      "BAD_TOKEN_ORDER",
      `Token0 ${token0} must sort below token1 ${token1}; use sortTokens`,
      { token0, token1 },
    );
  }
}
