// tests/market/chain_facts_test.ts — one table of chain facts, read by token roles and live execution.
import assert from "node:assert/strict";
import { LIVE_NETWORKS, resolveNetwork } from "../../lib/execution/live/mod.ts";
import { CHAINS } from "../../lib/instrument/mod.ts";
import { CHAIN_FACTS, chainFacts, resolveTokenRoles } from "../../lib/market/mod.ts";

Deno.test("every chain of lib/instrument has facts under its own name and id", () => {
  assert.deepEqual(CHAIN_FACTS.map((c) => [c.chain, c.chainId]), CHAINS.map((c) => [c.name, c.id]));
  for (const c of CHAINS) assert.equal(chainFacts(c.id), chainFacts(c.name));
});

Deno.test("live networks are the chains with live defaults, named as lib/instrument names them", () => {
  const live = CHAIN_FACTS.filter((c) => c.live !== undefined);
  assert.deepEqual(Object.keys(LIVE_NETWORKS).sort(), live.map((c) => c.chain).sort());
  for (const n of Object.values(LIVE_NETWORKS)) {
    const c = chainFacts(n.chainId)!;
    assert.equal(n.name, c.chain);
    assert.equal(n.maxGasPriceWei, c.live!.maxGasPriceWei);
  }
  // the local devnet is anvil (31337) everywhere
  assert.equal(resolveNetwork(31337).name, "anvil");
  assert.equal(resolveNetwork("anvil").rpcUrl, "http://127.0.0.1:8545");
});

Deno.test("token roles of a public chain are its chain facts", () => {
  const facts = chainFacts("polygon")!;
  const roles = resolveTokenRoles({ chainId: facts.chainId });
  assert.equal(roles.nativeToken, facts.nativeToken![1].toLowerCase());
  assert.deepEqual(roles.stablecoins, facts.stablecoins.map(([, a]) => a.toLowerCase()));
});
