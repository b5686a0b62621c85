import assert from "node:assert/strict";
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import { bytesToHex, type DecodedTlv, type Hex, TlvType } from "../../lib/protocol/mod.ts";
import { MarketBook } from "../../lib/market/mod.ts";

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
