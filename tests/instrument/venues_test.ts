import assert from "node:assert/strict";
import {
  cexVenueByName,
  CHAINS,
  dexVenueByName,
  findVenueByCode,
  InstrumentError,
  isChainName,
  isVenueName,
  isVenueOnChain,
  venueByCode,
  venueByName,
  VENUES,
} from "../../lib/instrument/mod.ts";

const code = (c: string) => (e: unknown): boolean => e instanceof InstrumentError && e.code === c;

Deno.test("the venue table holds the required exchanges and AMMs", () => {
  for (const n of ["binance", "coinbase", "kraken", "okx", "bybit"]) {
    assert.equal(venueByName(n).kind, "cex");
  }
  for (
    const n of [
      "uniswap_v2",
      "uniswap_v3",
      "sushiswap",
      "quickswap_v2",
      "quickswap_v3",
      "pancakeswap_v2",
      "pancakeswap_v3",
    ]
  ) {
    assert.equal(venueByName(n).kind, "dex");
  }
});

Deno.test("venue names and codes are unique, non-zero and fit the u16 field", () => {
  assert.equal(new Set(VENUES.map((v) => v.name)).size, VENUES.length);
  assert.equal(new Set(VENUES.map((v) => v.code)).size, VENUES.length);
  for (const v of VENUES) {
    assert.ok(Number.isInteger(v.code) && v.code > 0 && v.code < 2 ** 16);
    assert.equal(venueByCode(v.code), v);
    assert.ok(isVenueName(v.name));
  }
});

Deno.test("every AMM lists only known chains and a fee of its protocol's kind", () => {
  for (const v of VENUES) {
    if (v.kind !== "dex") continue;
    assert.ok(v.chains.length > 0, v.name);
    for (const c of v.chains) assert.ok(isChainName(c), `${v.name} on ${c}`);
    if (v.protocol === "uniswap_v2") {
      assert.ok(v.feeBps > 0n && v.feeBps < 10_000n, v.name);
    } else {
      assert.ok(v.defaultFee > 0n && v.defaultFee < 1_000_000n, v.name);
      assert.ok(v.dynamicFee || v.feeTiers.includes(v.defaultFee), v.name);
    }
  }
});

Deno.test("the anvil devnet hosts exactly quickswap_v2, sushiswap and uniswap_v3", () => {
  const onAnvil = VENUES.filter((v) => v.kind === "dex" && isVenueOnChain(v, "anvil"))
    .map((v) => v.name).sort();
  assert.deepEqual(onAnvil, ["quickswap_v2", "sushiswap", "uniswap_v3"]);
});

Deno.test("the V2-style fees are the ones the pair contracts charge", () => {
  const fee = (n: string) => {
    const v = dexVenueByName(n);
    assert.equal(v.protocol, "uniswap_v2");
    return v.protocol === "uniswap_v2" ? v.feeBps : -1n;
  };
  assert.equal(fee("uniswap_v2"), 30n);
  assert.equal(fee("sushiswap"), 30n);
  assert.equal(fee("quickswap_v2"), 30n);
  assert.equal(fee("pancakeswap_v2"), 25n);
});

Deno.test("uniswap_v3 has the four standard fee tiers in hundredths of a basis point", () => {
  const v = dexVenueByName("uniswap_v3");
  assert.ok(v.protocol === "uniswap_v3");
  assert.deepEqual(v.feeTiers, [100n, 500n, 3000n, 10000n]);
  assert.equal(v.defaultFee, 3000n);
});

Deno.test("venueByName and venueByCode throw UNKNOWN_VENUE naming the value", () => {
  assert.throws(() => venueByName("uniswap"), code("UNKNOWN_VENUE"));
  assert.throws(
    () => venueByCode(0),
    (e) => code("UNKNOWN_VENUE")(e) && (e as InstrumentError).details.venueCode === 0,
  );
  assert.equal(findVenueByCode(999), undefined);
});

Deno.test("cexVenueByName and dexVenueByName throw WRONG_VENUE_KIND for the other kind", () => {
  assert.throws(() => cexVenueByName("uniswap_v2"), code("WRONG_VENUE_KIND"));
  assert.throws(() => dexVenueByName("binance"), code("WRONG_VENUE_KIND"));
  assert.throws(() => dexVenueByName("nope"), code("UNKNOWN_VENUE"));
});

Deno.test("the tables are frozen so no caller can change a code under another", () => {
  assert.ok(Object.isFrozen(CHAINS) && Object.isFrozen(VENUES));
  assert.ok(CHAINS.every(Object.isFrozen) && VENUES.every(Object.isFrozen));
  assert.throws(() => (VENUES as unknown as unknown[]).push({}), TypeError);
});
