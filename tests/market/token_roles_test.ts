// tests/market/token_roles_test.ts — the token roles the detector is built with.
import assert from "node:assert/strict";
import { getAddress } from "viem";
import { CHAIN_FACTS, resolveTokenRoles } from "../../lib/market/mod.ts";

Deno.test("every address of the public chain table carries a valid EIP-55 checksum", () => {
  for (const { chain, nativeToken, stablecoins } of CHAIN_FACTS) {
    for (const [symbol, address] of [...(nativeToken ? [nativeToken] : []), ...stablecoins]) {
      assert.equal(getAddress(address), address, `${symbol} on chain ${chain}`);
    }
  }
});

Deno.test("resolveTokenRoles takes WETH and USDC/USDT/DAI from the devnet description", () => {
  const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
  const roles = resolveTokenRoles({
    chainId: 31337,
    devnet: {
      chainId: 31337,
      weth: a(1),
      tokens: [
        { symbol: "WETH", address: a(1), decimals: 18 },
        { symbol: "USDC", address: a(2), decimals: 6 },
        { symbol: "LINK", address: a(3), decimals: 18 },
        { symbol: "DAI", address: a(4), decimals: 18 },
      ],
    },
  });
  assert.equal(roles.nativeToken, a(1));
  assert.deepEqual(roles.stablecoins, [a(2), a(4)]);
  assert.equal(roles.symbols.get(a(3)), "LINK");
  assert.equal(roles.decimals.get(a(2)), 6);
});

Deno.test("resolveTokenRoles refuses a devnet description of another chain", () => {
  assert.throws(
    () =>
      resolveTokenRoles({ chainId: 1, devnet: { chainId: 31337, weth: `0x${"1".repeat(40)}` } }),
    /of chain 31337, not 1/,
  );
});

Deno.test("resolveTokenRoles names a malformed address", () => {
  assert.throws(() => resolveTokenRoles({ chainId: 1, native: "0x12" }), /got "0x12"/);
});
