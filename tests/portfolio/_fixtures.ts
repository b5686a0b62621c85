// tests/portfolio/_fixtures.ts — tokens, prices and fills shared by the portfolio tests.
import { dexPool, evmToken, instrumentToBytes } from "../../lib/instrument/mod.ts";
import {
  nativeToken,
  Portfolio,
  StaticPriceSource,
  type UsdPrice,
} from "../../lib/portfolio/mod.ts";
import { bytesToHex, type Fill, type Hex } from "../../lib/protocol/mod.ts";

export const WETH = evmToken("anvil", "0x" + "e1".repeat(20));
export const USDC = evmToken("anvil", "0x" + "c1".repeat(20));
export const WBTC = evmToken("anvil", "0x" + "b1".repeat(20));
export const ETH = nativeToken("anvil");
export const POOL: Hex = bytesToHex(
  instrumentToBytes(dexPool("anvil", "uniswap_v3", "0x" + "90".repeat(20))),
);

export const ONE_ETH = 10n ** 18n;
export const ONE_USDC = 10n ** 6n;

/** A portfolio on anvil with WETH (18), USDC (6), WBTC (8) and ETH (18) registered. */
export function setup(prices: Partial<Record<"weth" | "usdc" | "wbtc" | "eth", UsdPrice>> = {}) {
  const source = new StaticPriceSource()
    .set(WETH, prices.weth ?? { num: 3000n, den: 1n })
    .set(USDC, prices.usdc ?? { num: 1n, den: 1n })
    .set(WBTC, prices.wbtc ?? { num: 60000n, den: 1n })
    .set(ETH, prices.eth ?? { num: 3000n, den: 1n });
  const portfolio = new Portfolio({ prices: source });
  portfolio.registerToken(WETH, 18);
  portfolio.registerToken(USDC, 6);
  portfolio.registerToken(WBTC, 8);
  portfolio.registerToken(ETH, 18);
  return { portfolio, prices: source };
}

let nextOrder = 1n;

/** A Fill on POOL paying `amountIn` of `tokenIn` for `amountOut` of `tokenOut`. */
export function fill(
  tokenIn: { address: string },
  amountIn: bigint,
  tokenOut: { address: string },
  amountOut: bigint,
  gas: { gasUsed?: bigint; gasPriceWei?: bigint } = {},
): Fill {
  return {
    orderId: nextOrder++,
    fillId: 1n,
    instrument: POOL,
    tokenIn: tokenIn.address as Hex,
    tokenOut: tokenOut.address as Hex,
    amountIn,
    amountOut,
    gasUsed: gas.gasUsed ?? 0n,
    gasPriceWei: gas.gasPriceWei ?? 0n,
    txHash: `0x${"00".repeat(32)}`,
    blockNumber: 1n,
  };
}

/** Runs `f` and returns the error it throws, failing when it throws nothing. */
export function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error, nothing was thrown");
}
