// lib/chain/pool_quote_report.ts — one job: read a pool once and quote a swap on it locally.
import { getAddress, type PublicClient } from "viem";
import { formatRatio } from "../market/mod.ts";
import { type PoolQuote, Q192, quotePool } from "../amm/mod.ts";
import { ChainError } from "./errors.ts";
import { type PoolSnapshot, type PoolToken, readPool } from "./pool_reader.ts";

/** What to quote. */
export interface QuoteRequest {
  /** The pool (V2 pair or V3 pool). */
  readonly pool: string;
  /** The token paid into the pool. */
  readonly tokenIn: string;
  /** Exact input (amount paid) or exact output (amount received), native units. */
  readonly amount: bigint;
  /** True when `amount` is the input, false when it is the output. */
  readonly exactInput: boolean;
  /** Read the pool at this block (default latest). */
  readonly blockNumber?: bigint;
  /** A V2 venue's fee in basis points (default 30). */
  readonly v2FeeBps?: bigint;
  /** Shown in errors. */
  readonly rpcUrl?: string;
}

/** A quote with the pool it was computed on. */
export interface QuoteReport {
  readonly pool: PoolSnapshot;
  readonly tokenIn: PoolToken;
  readonly tokenOut: PoolToken;
  readonly quote: PoolQuote;
  /** Price after the swap: tokenOut per tokenIn, decimal text (display only). */
  readonly priceAfter: string;
}

/**
 * Read the pool's state once, then compute the swap locally with the exact V2/V3 math — the
 * same number Router02 or QuoterV2 would return at that block.
 *
 * @throws {ChainError} `TOKEN_NOT_IN_POOL`, `NOT_A_POOL`, `RPC_UNREACHABLE`, …
 * @throws {AmmError} when the pool cannot do the swap (insufficient liquidity)
 * @example
 * ```ts ignore
 * const r = await quoteOnChain(client, { pool, tokenIn: weth, amount: 10n ** 18n, exactInput: true });
 * console.log(r.quote.amountOut, r.priceAfter);
 * ```
 */
export async function quoteOnChain(
  client: PublicClient,
  request: QuoteRequest,
): Promise<QuoteReport> {
  const pool = await readPool(client, request.pool, {
    ...(request.blockNumber !== undefined ? { blockNumber: request.blockNumber } : {}),
    ...(request.v2FeeBps !== undefined ? { v2FeeBps: request.v2FeeBps } : {}),
    ...(request.rpcUrl !== undefined ? { rpcUrl: request.rpcUrl } : {}),
  });
  let tokenIn: string;
  try {
    tokenIn = getAddress(request.tokenIn);
  } catch {
    throw new ChainError("TOKEN_NOT_IN_POOL", `Token ${request.tokenIn} is not an address`, {
      token: request.tokenIn,
    });
  }
  const zeroForOne = tokenIn === pool.token0.address;
  if (!zeroForOne && tokenIn !== pool.token1.address) {
    throw new ChainError(
      "TOKEN_NOT_IN_POOL",
      `Token ${tokenIn} is not in pool ${pool.address} (token0 ${pool.token0.address}, token1 ${pool.token1.address})`,
      { token: tokenIn, pool: pool.address },
    );
  }
  const quote = quotePool(pool, zeroForOne, request.amount, request.exactInput);
  const [inTok, outTok] = zeroForOne ? [pool.token0, pool.token1] : [pool.token1, pool.token0];
  return {
    pool,
    tokenIn: inTok,
    tokenOut: outTok,
    quote,
    priceAfter: priceAfter(pool, quote, zeroForOne),
  };
}

// Display price of tokenOut per tokenIn after the swap, in whole-token units.
function priceAfter(pool: PoolSnapshot, q: PoolQuote, zeroForOne: boolean): string {
  const d0 = 10n ** BigInt(pool.token0.decimals);
  const d1 = 10n ** BigInt(pool.token1.decimals);
  // token1 per token0 = num / den
  let num: bigint;
  let den: bigint;
  if (q.reservesAfter !== undefined) {
    num = q.reservesAfter[1] * d0;
    den = q.reservesAfter[0] * d1;
  } else {
    const s = q.sqrtPriceX96After!;
    num = s * s * d0;
    den = Q192 * d1;
  }
  if (num === 0n || den === 0n) return "0";
  return zeroForOne ? formatRatio(num, den) : formatRatio(den, num);
}
