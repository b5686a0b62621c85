// tests/pipeline/route_text_test.ts — routes and amounts in the words the view and JSON use.
import assert from "node:assert/strict";
import { dexPool, evmToken, instrumentToBytes } from "../../lib/instrument/mod.ts";
import { amountText, routeText, tokenName } from "../../lib/pipeline/mod.ts";
import { bytesToHex, type Hex } from "../../lib/protocol/mod.ts";
import { MEME, SUSHI_POOL, SYMBOLS, USDC, V3_POOL, WETH } from "./_ledger_frames.ts";

const hop = (pool: Hex, tokenIn: Hex, tokenOut: Hex) => ({
  pool,
  tokenIn,
  tokenOut,
  amountIn: 1n,
  amountOut: 1n,
});

Deno.test("routeText names a three-hop route by symbol, venue and V3 fee tier", () => {
  const v2 = bytesToHex(
    instrumentToBytes(dexPool("ethereum", "uniswap_v2", `0x${"33".repeat(20)}`)),
  );
  const text = routeText({
    hops: [hop(V3_POOL, WETH, USDC), hop(SUSHI_POOL, USDC, MEME), hop(v2, MEME, WETH)],
  }, { symbols: SYMBOLS, poolFees: new Map([[V3_POOL, 3000], [v2, 3000]]) });
  // A V2 pool's fee is not a tier: only the V3 venue shows it.
  assert.equal(text, "WETH >uniswap_v3/3000> USDC >sushiswap> 0xdddd…dddd >uniswap_v2> WETH");
});

Deno.test("routeText finds fee tiers and symbols whatever the case of the hex", () => {
  const upper = `0x${V3_POOL.slice(2).toUpperCase()}` as Hex;
  const text = routeText(
    { hops: [hop(upper, `0x${WETH.slice(2).toUpperCase()}`, USDC), hop(SUSHI_POOL, USDC, WETH)] },
    { symbols: SYMBOLS, poolFees: new Map([[V3_POOL, 100]]) },
  );
  assert.equal(text, "WETH >uniswap_v3/100> USDC >sushiswap> WETH");
});

Deno.test("routeText shows the start of a pool id that is not a DEX pool, or not an id at all", () => {
  const token = bytesToHex(instrumentToBytes(evmToken("ethereum", WETH)));
  const text = routeText(
    { hops: [hop(token, WETH, USDC), hop("0x1234abcd5678ef", USDC, WETH)] },
    { symbols: SYMBOLS },
  );
  assert.equal(text, `WETH >${token.slice(0, 10)}> USDC >0x1234abcd> WETH`);
});

Deno.test("routeText of a signal without hops says so", () => {
  assert.equal(routeText({ hops: [] }, { symbols: SYMBOLS }), "(no hops)");
});

Deno.test("tokenName gives the symbol, or the address cut to its ends in lower case", () => {
  assert.equal(tokenName(USDC.toUpperCase().replace("0X", "0x"), SYMBOLS), "USDC");
  assert.equal(tokenName(`0xABCDEF${"00".repeat(16)}1234`, SYMBOLS), "0xabcd…1234");
});

Deno.test("amountText cuts toward zero at the digits asked, never rounds", () => {
  assert.equal(amountText(1_999_999n, 6, 2), "1.99"); // 1.999999 USDC
  assert.equal(amountText(-1_999_999n, 6, 2), "-1.99");
  assert.equal(amountText(999_999_999_999_999_999n, 18), "0.999999"); // default 6 digits
  assert.equal(amountText(2_500_000_000n, 6, 4), "2500"); // no fraction: no dot
  assert.equal(amountText(1_230_000n, 6, 4), "1.23"); // trailing zeros are not added
  assert.equal(amountText(5n, 18, 6), "0.000000");
  assert.equal(amountText(2n ** 100n, 18, 4), "1267650600228.2294");
  assert.equal(amountText(12_345n, 0, 4), "12345");
});
