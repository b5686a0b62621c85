// tests/market/pool_book_test.ts — the exact pool book: every kind of market frame applied, and
// what the book refuses.
import assert from "node:assert/strict";
import {
  cloneV3PoolState,
  MIN_SQRT_RATIO,
  v3ApplyBurn,
  v3ApplyMint,
  type V3PoolState,
  v3Swap,
} from "../../lib/amm/mod.ts";
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import { ArbitrageDetector } from "../../lib/arbitrage/mod.ts";
import {
  isPoolUpdate,
  MarketBook,
  MarketError,
  PoolBook,
  type PoolUpdate,
} from "../../lib/market/mod.ts";
import {
  bytesToHex,
  decodeTlvs,
  FrameBuilder,
  type Hex,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { LINK, poolId, USDC, v2State, v3PoolAt, v3Updates, WETH } from "../arbitrage/_fixtures.ts";

const E18 = 10n ** 18n;
const E6 = 10n ** 6n;
const V2 = poolId("uniswap_v2", 1); // WETH/USDC
const V3 = poolId("uniswap_v3", 7); // WETH/LINK
const TX: Hex = `0x${"00".repeat(32)}`;

function v2Book(): PoolBook {
  const book = new PoolBook(1);
  book.apply({
    type: TlvType.PoolState,
    value: v2State(V2, WETH, 1_000n * E18, USDC, 3_000_000n * E6),
  });
  return book;
}

function linkPool(): V3PoolState {
  return v3PoolAt(-600, 3000, 60, [
    { lower: -6000, upper: 6000, liquidity: E18 },
    { lower: -1200, upper: 600, liquidity: 2n * E18 },
  ]);
}

// a book holding the V3 pool: its PoolState, and its PoolTicks unless `withTicks` is false
function v3Book(pool: V3PoolState, withTicks = true): PoolBook {
  const book = new PoolBook(1);
  const { state, ticks } = v3Updates(V3, WETH, LINK, pool);
  book.apply({ type: TlvType.PoolState, value: state });
  if (withTicks) { for (const t of ticks) book.apply({ type: TlvType.PoolTick, value: t }); }
  return book;
}

Deno.test("a PoolState registers the pool and its tokens, numbered in arrival order", () => {
  const book = v2Book();
  const p = book.indexOf(V2);
  assert.equal(p, 0);
  assert.equal(book.indexOf(V2.toUpperCase().replace("0X", "0x")), 0);
  assert.equal(book.poolCount, 1);
  assert.equal(book.tokenCount, 2);
  assert.equal(book.ids[p], V2);
  assert.equal(book.protocol[p], 1);
  assert.deepEqual(book.v2[p], { reserve0: 1_000n * E18, reserve1: 3_000_000n * E6, feeBps: 30n });
  assert.equal(book.tokenAddress(book.token0(p)), WETH.address);
  assert.equal(book.tokenDecimals(book.token1(p)), 6);
  assert.deepEqual(book.pairPools(book.tokenIndex(USDC.address), book.tokenIndex(WETH.address)), [
    p,
  ]);
  assert.equal(book.tradable[p], true);
  assert.deepEqual(book.state(p), { protocol: "v2", state: book.v2[p] });
});

Deno.test("a PoolSync replaces a V2 pair's reserves; its Swap, Mint and Burn change nothing", () => {
  const book = v2Book();
  const sync: PoolUpdate = {
    type: TlvType.PoolSync,
    value: {
      pool: V2,
      reserve0: 999n * E18,
      reserve1: 3_003_000n * E6,
      blockNumber: 5n,
      logIndex: 0,
      txHash: TX,
    },
  };
  assert.equal(book.apply(sync), 0);
  assert.equal(book.v2[0]!.reserve0, 999n * E18);
  assert.equal(book.v2[0]!.reserve1, 3_003_000n * E6);
  assert.equal(book.block[0], 5n);
  const before = book.v2[0];
  const swap: PoolUpdate = {
    type: TlvType.PoolSwap,
    value: {
      pool: V2,
      sender: WETH.address,
      recipient: WETH.address,
      amount0In: 1n,
      amount1In: 0n,
      amount0Out: 0n,
      amount1Out: 1n,
      decimals0: 18,
      decimals1: 6,
      sqrtPriceX96: 0n,
      liquidity: 0n,
      tick: 0,
      blockNumber: 6n,
      logIndex: 1,
      txHash: TX,
    },
  };
  assert.equal(book.apply(swap), -1);
  assert.equal(book.v2[0], before);
});

Deno.test("a PoolState and its PoolTicks rebuild a V3 pool exactly; tradable once its ticks arrive", () => {
  const pool = linkPool();
  const bare = v3Book(pool, false);
  assert.equal(bare.tradable[0], false, "liquidity but no ticks around the price yet");
  const book = v3Book(pool);
  const s = book.v3[0]!;
  assert.equal(s.sqrtPriceX96, pool.sqrtPriceX96);
  assert.equal(s.tick, pool.tick);
  assert.equal(s.liquidity, pool.liquidity);
  assert.deepEqual([...s.ticks.entries()], [...pool.ticks.entries()]);
  assert.equal(book.tradable[0], true);
  assert.deepEqual(book.state(0), { protocol: "v3", state: s });
});

Deno.test("a PoolSwap moves a V3 pool to the price, tick and liquidity the swap left", () => {
  const pool = linkPool();
  const book = v3Book(pool);
  // sell 3 WETH into the pool: the price crosses the tick at -1200
  const r = v3Swap(cloneV3PoolState(pool), true, 3n * E18, MIN_SQRT_RATIO + 1n);
  assert(r.initializedTicksCrossed > 0);
  const p = book.apply({
    type: TlvType.PoolSwap,
    value: {
      pool: V3,
      sender: WETH.address,
      recipient: WETH.address,
      amount0In: r.amount0,
      amount1In: 0n,
      amount0Out: 0n,
      amount1Out: -r.amount1,
      decimals0: 18,
      decimals1: 18,
      sqrtPriceX96: r.sqrtPriceX96,
      liquidity: r.liquidity,
      tick: r.tick,
      blockNumber: 9n,
      logIndex: 0,
      txHash: TX,
    },
  });
  assert.equal(p, 0);
  const s = book.v3[0]!;
  assert.deepEqual([s.sqrtPriceX96, s.tick, s.liquidity], [r.sqrtPriceX96, r.tick, r.liquidity]);
  assert.equal(book.block[0], 9n);
});

Deno.test("PoolMint and PoolBurn change a V3 pool as v3ApplyMint and v3ApplyBurn do; a zero burn does not", () => {
  const pool = linkPool();
  const book = v3Book(pool);
  const expected = cloneV3PoolState(pool);
  v3ApplyMint(expected, -60, 120, 5n * E18);
  v3ApplyBurn(expected, -1200, 600, E18);
  const position = { pool: V3, owner: WETH.address, blockNumber: 3n, logIndex: 0, txHash: TX };
  assert.equal(
    book.apply({
      type: TlvType.PoolMint,
      value: {
        ...position,
        tickLower: -60,
        tickUpper: 120,
        liquidity: 5n * E18,
        amount0: 0n,
        amount1: 0n,
      },
    }),
    0,
  );
  assert.equal(
    book.apply({
      type: TlvType.PoolBurn,
      value: {
        ...position,
        tickLower: -1200,
        tickUpper: 600,
        liquidity: E18,
        amount0: 0n,
        amount1: 0n,
      },
    }),
    0,
  );
  assert.equal(
    book.apply({
      type: TlvType.PoolBurn,
      value: {
        ...position,
        tickLower: -1200,
        tickUpper: 600,
        liquidity: 0n,
        amount0: 0n,
        amount1: 0n,
      },
    }),
    -1,
    "a zero burn only collects fees",
  );
  const s = book.v3[0]!;
  assert.equal(s.liquidity, expected.liquidity);
  assert.deepEqual([...s.ticks.entries()], [...expected.ticks.entries()]);
});

Deno.test("a PoolInvalidate voids a pool until its fresh PoolState; a V3 pool drops its ticks", () => {
  const pool = linkPool();
  const book = v3Book(pool);
  assert.equal(
    book.apply({ type: TlvType.PoolInvalidate, value: { pool: V3, fromBlock: 2n, reason: 1 } }),
    0,
  );
  assert.equal(book.tradable[0], false);
  assert.equal(book.v3[0]!.ticks.size, 0);
  assert.equal(book.v3[0]!.sqrtPriceX96, pool.sqrtPriceX96, "the price is kept");
  const { state, ticks } = v3Updates(V3, WETH, LINK, pool, 4n);
  book.apply({ type: TlvType.PoolState, value: state });
  assert.equal(book.tradable[0], false, "ticks not back yet");
  for (const t of ticks) book.apply({ type: TlvType.PoolTick, value: t });
  assert.equal(book.tradable[0], true);
  assert.equal(
    book.apply({
      type: TlvType.PoolInvalidate,
      value: { pool: poolId("sushiswap", 9), fromBlock: 2n, reason: 1 },
    }),
    -1,
  );
});

Deno.test("a GasPrice of the book's chain is kept, another chain's ignored; blockNumber is the highest seen", () => {
  const book = new PoolBook(1);
  const gas = (chainId: number, blockNumber: bigint): PoolUpdate => ({
    type: TlvType.GasPrice,
    value: { chainId, blockNumber, blockTimestamp: 0n, baseFeeWei: 7n, priorityFeeWei: 2n },
  });
  assert.equal(book.gasPriceWei, undefined);
  assert.equal(book.apply(gas(137, 50n)), -1);
  assert.equal(book.gasPriceWei, undefined);
  assert.equal(book.apply(gas(1, 40n)), -1);
  assert.equal(book.gasPriceWei, 9n);
  assert.equal(book.blockNumber, 50n);
});

Deno.test("the book refuses another chain, a protocol mismatch and contradicting updates, and keeps no trace", () => {
  const code = (c: string) => (e: unknown) => e instanceof MarketError && e.code === c;
  const book = v2Book();
  const polygon = bytesToHex(
    instrumentToBytes(dexPool("polygon", "quickswap_v2", `0x${"77".repeat(20)}`)),
  );
  assert.throws(
    () => book.apply({ type: TlvType.PoolState, value: v2State(polygon, WETH, 1n, LINK, 1n) }),
    code("WRONG_CHAIN"),
  );
  assert.throws(
    () =>
      book.apply({
        type: TlvType.PoolState,
        value: { ...v2State(poolId("sushiswap", 3), WETH, 1n, LINK, 1n), protocol: 2 },
      }),
    code("PROTOCOL_MISMATCH"),
  );
  // a known token with other decimals
  assert.throws(
    () =>
      book.apply({
        type: TlvType.PoolState,
        value: v2State(poolId("sushiswap", 4), LINK, 1n, { ...USDC, decimals: 18 }, 1n),
      }),
    code("INVALID_POOL_UPDATE"),
  );
  assert.equal(book.poolCount, 1);
  assert.equal(book.tokenCount, 2, "LINK was not registered by the refused pool");
  assert.throws(
    () =>
      book.apply({
        type: TlvType.PoolSync,
        value: {
          pool: V2,
          reserve0: 1n << 120n,
          reserve1: 1n,
          blockNumber: 1n,
          logIndex: 0,
          txHash: TX,
        },
      }),
    code("INVALID_POOL_UPDATE"),
  );
  assert.throws(() => new PoolBook(0), code("BAD_CONFIG"));
});

Deno.test("isPoolUpdate is true for exactly the eight market value types", () => {
  const market = [
    TlvType.PoolState,
    TlvType.PoolTick,
    TlvType.PoolSync,
    TlvType.PoolSwap,
    TlvType.PoolMint,
    TlvType.PoolBurn,
    TlvType.PoolInvalidate,
    TlvType.GasPrice,
  ] as number[];
  for (const type of Object.values(TlvType) as number[]) {
    assert.equal(isPoolUpdate(type), market.includes(type), `type ${type}`);
  }
});

Deno.test("the detector and a MarketBook fed the same frames hold the same exact pool states", () => {
  const detector = new ArbitrageDetector({
    chainId: 1,
    nativeToken: WETH.address,
    stablecoins: [USDC.address],
  });
  const market = new MarketBook({
    chainId: 1,
    nativeToken: WETH.address,
    stablecoins: [USDC.address],
  });
  const { state, ticks } = v3Updates(V3, WETH, LINK, linkPool());
  const frames: PoolUpdate[] = [
    { type: TlvType.PoolState, value: v2State(V2, WETH, 1_000n * E18, USDC, 3_000_000n * E6) },
    { type: TlvType.PoolState, value: state },
    ...ticks.map((value): PoolUpdate => ({ type: TlvType.PoolTick, value })),
    { type: TlvType.PoolInvalidate, value: { pool: V2, fromBlock: 2n, reason: 1 } },
  ];
  // one real frame, decoded once, read by both
  const b = new FrameBuilder({ source: SourceType.Collector }).begin(RelayDomain.MarketData);
  for (const f of frames) b.add(f.type, f.value);
  b.end();
  const tlvs = decodeTlvs(parseFrame(b.take()));
  detector.onTlvs(tlvs);
  market.apply(tlvs);
  assert(detector.book instanceof PoolBook && market.book instanceof PoolBook);
  for (const id of [V2, V3]) {
    const p = detector.book.indexOf(id);
    assert.equal(market.book.indexOf(id), p);
    assert.deepEqual(market.book.state(p), detector.book.state(p));
    assert.equal(market.book.tradable[p], detector.book.tradable[p]);
    assert.equal(detector.poolTradable(id), detector.book.tradable[p]);
  }
  assert.equal(detector.book.tradable[0], false, "the invalidated pair");
});
