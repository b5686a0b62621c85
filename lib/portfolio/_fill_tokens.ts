// lib/portfolio/_fill_tokens.ts — one job: read the chain, tokens and gas of a Fill TLV.
import {
  type ChainName,
  evmToken,
  type EvmTokenId,
  instrumentFromBytes,
} from "../instrument/mod.ts";
import { type Fill, hexToBytes } from "../protocol/mod.ts";
import { PortfolioError } from "./errors.ts";

/** What a fill moves, named as the portfolio names tokens. */
export interface FillTokens {
  readonly chain: ChainName;
  readonly tokenIn: EvmTokenId;
  readonly tokenOut: EvmTokenId;
  readonly gasWei: bigint;
}

function bad(fill: Fill, message: string, cause?: unknown): PortfolioError {
  return new PortfolioError(
    "BAD_FILL",
    message,
    { orderId: fill.orderId, fillId: fill.fillId },
    cause === undefined ? undefined : { cause },
  );
}

/** The chain (from the fill's pool id), both tokens and the gas paid in wei. */
export function fillTokens(fill: Fill): FillTokens {
  let chain: ChainName;
  try {
    const id = instrumentFromBytes(hexToBytes(fill.instrument, "instrument"));
    if (id.kind !== "dex_pool") {
      throw bad(fill, `Fill ${fill.orderId}/${fill.fillId} is on a ${id.kind}, not a DEX pool`);
    }
    chain = id.chain;
  } catch (e) {
    if (e instanceof PortfolioError) throw e;
    throw bad(fill, `Fill ${fill.orderId}/${fill.fillId} has a malformed pool id`, e);
  }
  let tokenIn: EvmTokenId, tokenOut: EvmTokenId;
  try {
    tokenIn = evmToken(chain, fill.tokenIn);
    tokenOut = evmToken(chain, fill.tokenOut);
  } catch (e) {
    throw bad(fill, `Fill ${fill.orderId}/${fill.fillId} names a malformed token address`, e);
  }
  if (tokenIn.address === tokenOut.address) {
    throw bad(
      fill,
      `Fill ${fill.orderId}/${fill.fillId} pays and receives the same token ${tokenIn.address}`,
    );
  }
  if (fill.amountIn < 0n || fill.amountOut < 0n || fill.gasUsed < 0n || fill.gasPriceWei < 0n) {
    throw bad(fill, `Fill ${fill.orderId}/${fill.fillId} has a negative amount`);
  }
  return { chain, tokenIn, tokenOut, gasWei: fill.gasUsed * fill.gasPriceWei };
}
