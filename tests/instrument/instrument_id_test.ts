import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cexSpot,
  dexPool,
  evmToken,
  instrumentEquals,
  InstrumentError,
  type InstrumentErrorCode,
  instrumentToBytes,
  instrumentToText,
} from "../../lib/instrument/mod.ts";
import { instrumentArb } from "./_arbitraries.ts";

const WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";

function rejects(f: () => unknown, code: InstrumentErrorCode): InstrumentError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof InstrumentError, `expected an InstrumentError, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

Deno.test("cexSpot builds a CEX spot id from a known exchange and two symbols", () => {
  assert.deepEqual(cexSpot("kraken", "XBT", "EUR"), {
    kind: "cex_spot",
    venue: "kraken",
    base: "XBT",
    quote: "EUR",
  });
});

Deno.test("cexSpot rejects an unknown venue, an AMM, and each kind of bad symbol", () => {
  rejects(() => cexSpot("ftx", "BTC", "USD"), "UNKNOWN_VENUE");
  rejects(() => cexSpot("uniswap_v3", "BTC", "USD"), "WRONG_VENUE_KIND");
  const err = rejects(() => cexSpot("binance", "btc", "USDT"), "BAD_SYMBOL");
  assert.equal(err.details.field, "base");
  assert.match(err.message, /base symbol "btc"/);
  assert.equal(rejects(() => cexSpot("binance", "BTC", ""), "BAD_SYMBOL").details.field, "quote");
  rejects(() => cexSpot("binance", "ABCDEFGHIJKLM", "USDT"), "BAD_SYMBOL");
  rejects(() => cexSpot("binance", "BTC-X", "USDT"), "BAD_SYMBOL");
  rejects(() => cexSpot("binance", "BTC", "US\u0000T"), "BAD_SYMBOL");
});

Deno.test("evmToken stores the address in lower case whatever valid case it was given", () => {
  const want = evmToken("ethereum", WETH);
  assert.deepEqual(evmToken("ethereum", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"), want);
  assert.deepEqual(evmToken("ethereum", "0x" + WETH.slice(2).toUpperCase()), want);
  assert.equal(want.address, WETH);
});

Deno.test("evmToken rejects an unknown chain and a bad address", () => {
  rejects(() => evmToken("goerli", WETH), "UNKNOWN_CHAIN");
  rejects(() => evmToken("ethereum", "0x1234"), "BAD_ADDRESS");
  rejects(() => evmToken("ethereum", "0xC02AAA39b223FE8D0A0e5C4F27eAD9083C756Cc2"), "BAD_ADDRESS");
});

Deno.test("dexPool builds a pool id when the AMM is deployed on the chain", () => {
  const pool = dexPool("anvil", "sushiswap", "0x" + "ab".repeat(20));
  assert.deepEqual(pool, {
    kind: "dex_pool",
    chain: "anvil",
    venue: "sushiswap",
    address: "0x" + "ab".repeat(20),
  });
});

Deno.test("dexPool rejects each broken rule with its own code", () => {
  const a = "0x" + "ab".repeat(20);
  rejects(() => dexPool("solana", "uniswap_v2", a), "UNKNOWN_CHAIN");
  rejects(() => dexPool("ethereum", "curve", a), "UNKNOWN_VENUE");
  rejects(() => dexPool("ethereum", "coinbase", a), "WRONG_VENUE_KIND");
  rejects(() => dexPool("ethereum", "quickswap_v3", a), "VENUE_NOT_ON_CHAIN");
  rejects(() => dexPool("ethereum", "uniswap_v2", "0x" + "ab".repeat(19)), "BAD_ADDRESS");
});

Deno.test("instrumentEquals is true exactly when the byte forms are equal", () => {
  fc.assert(
    fc.property(instrumentArb, instrumentArb, fc.boolean(), (a, b, same) => {
      const other = same ? { ...a } : b;
      const bytesEqual = instrumentToBytes(a).every((x, i) => x === instrumentToBytes(other)[i]);
      assert.equal(instrumentEquals(a, other), bytesEqual);
      assert.equal(instrumentEquals(a, other), instrumentToText(a) === instrumentToText(other));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("instrumentEquals tells apart ids that differ in one field only", () => {
  const a = "0x" + "ab".repeat(20);
  assert.ok(!instrumentEquals(cexSpot("okx", "ETH", "BTC"), cexSpot("okx", "BTC", "ETH")));
  assert.ok(!instrumentEquals(cexSpot("okx", "ETH", "BTC"), cexSpot("bybit", "ETH", "BTC")));
  assert.ok(!instrumentEquals(evmToken("base", a), evmToken("arbitrum", a)));
  assert.ok(!instrumentEquals(evmToken("base", a), dexPool("base", "uniswap_v2", a)));
  assert.ok(!instrumentEquals(dexPool("base", "uniswap_v2", a), dexPool("base", "uniswap_v3", a)));
  assert.ok(instrumentEquals(dexPool("base", "uniswap_v2", a), dexPool("base", "uniswap_v2", a)));
});
