// tests/transport/topic_filter_test.ts — which frames a subscription's topics let through.
import assert from "node:assert/strict";
import { cexSpot, dexPool, instrumentToBytes, venueByName } from "../../lib/instrument/mod.ts";
import {
  buildFrame,
  bytesToHex,
  parseFrame,
  RelayDomain,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { matchesTopics, parseTopics } from "../../lib/transport/mod.ts";

const hex = (b: Uint8Array) => bytesToHex(b) as `0x${string}`;
const pool = (venue: string) =>
  hex(instrumentToBytes(dexPool("ethereum", venue, "0x" + "12".repeat(20))));
const sync = (venue: string) =>
  parseFrame(buildFrame(RelayDomain.MarketData, 1, 1n, [[TlvType.PoolSync, {
    pool: pool(venue),
    reserve0: 1n,
    reserve1: 2n,
    blockNumber: 1n,
    logIndex: 0,
    txHash: hex(new Uint8Array(32)),
  }]]));

Deno.test("topics by venue match the pool's venue code and nothing without a venue", () => {
  const uni = venueByName("uniswap_v3").code;
  assert.ok(matchesTopics(sync("uniswap_v3"), { venues: [uni] }));
  assert.ok(!matchesTopics(sync("sushiswap"), { venues: [uni] }));
  const gas = parseFrame(buildFrame(RelayDomain.MarketData, 1, 1n, [[TlvType.GasPrice, {
    chainId: 1,
    blockNumber: 1n,
    blockTimestamp: 1n,
    baseFeeWei: 1n,
    priorityFeeWei: 1n,
  }]]));
  assert.ok(!matchesTopics(gas, { venues: [uni] }));
  assert.ok(matchesTopics(gas, {}));
  const trade = parseFrame(buildFrame(RelayDomain.MarketData, 1, 1n, [[TlvType.Trade, {
    instrument: hex(instrumentToBytes(cexSpot("binance", "BTC", "USDT"))),
    price: 1n,
    quantity: 1n,
    quantityDecimals: 8,
    side: 1,
    tradeId: 1n,
    exchangeTimestampNs: 1n,
  }]]));
  assert.ok(matchesTopics(trade, { venues: [venueByName("binance").code] }));
});

Deno.test("all given topic lists must match: type and source together", () => {
  const f = sync("uniswap_v3");
  assert.ok(matchesTopics(f, { types: [TlvType.PoolSync], sources: [1] }));
  assert.ok(!matchesTopics(f, { types: [TlvType.PoolSync], sources: [2] }));
  assert.ok(!matchesTopics(f, { types: [TlvType.PoolSwap], sources: [1] }));
});

Deno.test("parseTopics reads names and numbers and names what it cannot read", () => {
  assert.deepEqual(
    parseTopics({ types: "PoolSync,18", venues: "uniswap_v3", strategies: "7", sources: "1, 2" }),
    {
      types: [16, 18],
      sources: [1, 2],
      venues: [venueByName("uniswap_v3").code],
      strategies: [7],
    },
  );
  assert.throws(
    () => parseTopics({ sources: "256" }),
    /--sources takes numbers 0 to 255, got "256"/,
  );
  assert.throws(() => parseTopics({ venues: "nowhere" }), /unknown venue "nowhere"/);
  assert.throws(() => parseTopics({ types: "0" }), /type 0 is invalid/);
});
