import assert from "node:assert/strict";
import {
  chainById,
  chainByName,
  CHAINS,
  findChainById,
  InstrumentError,
  isChainName,
} from "../../lib/instrument/mod.ts";

const code = (c: string) => (e: unknown): boolean => e instanceof InstrumentError && e.code === c;

Deno.test("the chain table holds the required chains with their EIP-155 ids", () => {
  const want: Record<string, number> = {
    ethereum: 1,
    polygon: 137,
    arbitrum: 42161,
    base: 8453,
    bsc: 56,
    polygon_amoy: 80002,
    anvil: 31337,
  };
  for (const [name, id] of Object.entries(want)) {
    assert.equal(chainByName(name).id, id);
    assert.equal(chainById(id).name, name);
  }
});

Deno.test("chain names and ids are unique and ids fit the u32 field", () => {
  assert.equal(new Set(CHAINS.map((c) => c.name)).size, CHAINS.length);
  assert.equal(new Set(CHAINS.map((c) => c.id)).size, CHAINS.length);
  for (const c of CHAINS) assert.ok(Number.isInteger(c.id) && c.id > 0 && c.id < 2 ** 32);
});

Deno.test("chainByName and chainById throw UNKNOWN_CHAIN naming the value", () => {
  assert.throws(
    () => chainByName("Ethereum"),
    (e) => code("UNKNOWN_CHAIN")(e) && /"Ethereum"/.test((e as Error).message),
  );
  assert.throws(
    () => chainById(5),
    (e) => code("UNKNOWN_CHAIN")(e) && (e as InstrumentError).details.chainId === 5,
  );
  assert.equal(findChainById(5), undefined);
  assert.equal(isChainName("constructor"), false);
  assert.equal(isChainName("anvil"), true);
});
