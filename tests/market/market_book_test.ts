import assert from "node:assert/strict";
import { createV3PoolState, Q96, v3ApplyMint } from "../../lib/amm/mod.ts";
import { dexPool, evmToken, instrumentToBytes } from "../../lib/instrument/mod.ts";
import { bytesToHex, type DecodedTlv, type Hex, TlvType } from "../../lib/protocol/mod.ts";
import { MarketBook, NATIVE_TOKEN_ADDRESS } from "../../lib/market/mod.ts";
import { LINK, poolId, USDC, v2State, v3Updates, WETH } from "../arbitrage/_fixtures.ts";

const weth: Hex = `0x${"0a".repeat(20)}`;
const usdc: Hex = `0x${"0b".repeat(20)}`;
const pool = bytesToHex(instrumentToBytes(dexPool("anvil", "sushiswap", "0x" + "11".repeat(20))));

const state = (reserve0: bigint, block: bigint): DecodedTlv => ({
  type: TlvType.PoolState,
  name: "PoolState",
  value: {
    pool,
    protocol: 1,
    token0: weth,
    token1: usdc,
    decimals0: 18,
    decimals1: 6,
    fee: 3000,
    tickSpacing: 0,
    reserve0,
    reserve1: 3_000_000n * 10n ** 6n,
    sqrtPriceX96: 0n,
    liquidity: 0n,
    tick: 0,
    blockNumber: block,
  },
});

Deno.test("a pool is tradable with reserves, not after a PoolInvalidate, and again after a fresh PoolState", () => {
  const book = new MarketBook({ chainId: 31337, nativeToken: weth, stablecoins: [usdc] });
  assert.equal(book.pool(pool), undefined);
  book.apply([state(0n, 6n)]);
  assert.equal(book.pool(pool)?.tradable, false, "no reserves yet");
  book.apply([state(10n ** 21n, 7n)]);
  assert.equal(book.pool(pool)?.tradable, true);
  book.apply([{
    type: TlvType.PoolInvalidate,
    name: "PoolInvalidate",
    value: { pool, fromBlock: 8n, reason: 1 },
  }]);
  assert.equal(book.pool(pool)?.tradable, false, "invalidated by a reorg");
  book.apply([state(10n ** 21n, 9n)]);
  assert.equal(book.pool(pool)?.tradable, true, "re-read");
});

// WETH/USDC V2 at 3000 USDC per WETH, and WETH/LINK V3 at exactly 4 LINK per WETH
function pricedMarket(): { book: MarketBook; v3: Hex } {
  const book = new MarketBook({
    chainId: 1,
    nativeToken: WETH.address,
    stablecoins: [USDC.address],
  });
  const pool = createV3PoolState({ sqrtPriceX96: 2n * Q96, fee: 3000, tickSpacing: 60 });
  v3ApplyMint(pool, -60000, 60000, 10n ** 18n);
  const v3 = poolId("uniswap_v3", 7);
  const { state, ticks } = v3Updates(v3, WETH, LINK, pool);
  book.apply([
    {
      type: TlvType.PoolState,
      name: "PoolState",
      value: v2State(
        poolId("uniswap_v2", 1),
        WETH,
        1_000n * 10n ** 18n,
        USDC,
        3_000_000n * 10n ** 6n,
      ),
    },
    { type: TlvType.PoolState, name: "PoolState", value: state },
    ...ticks.map((value): DecodedTlv => ({ type: TlvType.PoolTick, name: "PoolTick", value })),
  ]);
  return { book, v3 };
}

Deno.test("a token without a stablecoin pool is priced exactly through the native token", () => {
  const { book } = pricedMarket();
  assert.deepEqual(book.usdPrice(evmToken("ethereum", USDC.address)), { num: 1n, den: 1n });
  const weth = book.usdPrice(evmToken("ethereum", WETH.address))!;
  assert.equal(weth.num, 3000n * weth.den);
  // 1 LINK = 1/4 WETH = 750 USD, with no rounding on the way
  const link = book.usdPrice(evmToken("ethereum", LINK.address))!;
  assert.equal(link.num, 750n * link.den);
  assert.equal(
    book.priceOf(NATIVE_TOKEN_ADDRESS)?.num,
    weth.num,
    "the chain's coin is its wrapped token",
  );
  assert.equal(book.usdPrice(evmToken("polygon", LINK.address)), undefined, "another chain");
});

Deno.test("a V3 pool's liquidity in USD is the value of its active range's virtual reserves", () => {
  const { book, v3 } = pricedMarket();
  // L = 1e18 at √P = 2: 0.5 WETH (1500 USD) and 2 LINK (1500 USD)
  assert.equal(book.poolLiquidityUsd(v3), 3000n * 10n ** 8n);
  assert.equal(book.decimalsOf(LINK.address), 18);
  assert.equal(book.tokenCount, 3);
});
