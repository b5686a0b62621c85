import assert from "node:assert/strict";
import { evmToken, InstrumentError, instrumentFromBytes } from "../../lib/instrument/mod.ts";
import {
  NATIVE_TOKEN_ADDRESS,
  nativeToken,
  tokenKey,
  tokenOnChain,
} from "../../lib/portfolio/mod.ts";
import { hexToBytes } from "../../lib/protocol/mod.ts";
import { caught } from "./_fixtures.ts";

Deno.test("tokenKey is the hex of the token's 32-byte InstrumentId and decodes back to it", () => {
  const token = evmToken("polygon", "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174");
  const key = tokenKey(token);
  assert.match(key, /^0x02000000890000002791bca1f2de4661ed88a30c99a7a9449aa8417400000000$/);
  assert.deepEqual(instrumentFromBytes(hexToBytes(key)), token);
});

Deno.test("tokenOnChain names a token by chain id and normalises its address", () => {
  assert.deepEqual(
    tokenOnChain(137, "0x" + "AB".repeat(20)),
    evmToken("polygon", "0x" + "ab".repeat(20)),
  );
  const err = caught(() => tokenOnChain(5, "0x" + "ab".repeat(20)));
  assert(err instanceof InstrumentError && err.code === "UNKNOWN_CHAIN");
});

Deno.test("nativeToken is the zero address on the chain", () => {
  assert.deepEqual(nativeToken("anvil"), evmToken("anvil", NATIVE_TOKEN_ADDRESS));
});
