// tests/devnet/description_test.ts — the devnet description is a typed value: what a deployed
// scenario prints parses back to the same value, and a bad file is named with its bad field.
import assert from "node:assert/strict";
import {
  DevnetError,
  devnetPools,
  parseDevnetDescription,
  scenarioJson,
} from "../../lib/devnet/mod.ts";
import { withScenario } from "../chain/_market.ts";

Deno.test("a deployed scenario's description parses back to the value it was printed from", async () => {
  await withScenario((_anvil, scenario) => {
    const printed = { ...scenarioJson(scenario), anvilPid: 4242 };
    const parsed = parseDevnetDescription(JSON.stringify(printed), "devnet.json");
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(printed)));
    assert.equal(parsed.pools.length, scenario.pools.length);
    assert.equal(parsed.anvilPid, 4242);
    // The collector's pool list is the scenario's pools, without the description's extras.
    assert.deepEqual(
      devnetPools(parsed),
      scenario.pools.map((p) => ({
        address: p.address,
        venue: p.venue,
        protocol: p.protocol,
        token0: p.token0,
        token1: p.token1,
        decimals0: p.decimals0,
        decimals1: p.decimals1,
        fee: p.fee,
        tickSpacing: p.tickSpacing,
        ...(p.factory !== undefined ? { factory: p.factory } : {}),
      })),
    );
    return Promise.resolve();
  });
});

const MINIMAL = {
  chainId: 31337,
  rpcUrl: "http://127.0.0.1:8545",
  wsUrl: "ws://127.0.0.1:8545",
  seed: 1,
  weth: "0x" + "11".repeat(20),
  tokens: [],
  venues: [],
  pools: [{
    address: "0x" + "22".repeat(20),
    venue: "sushiswap",
    protocol: "v2",
    token0: "0x" + "33".repeat(20),
    token1: "not an address",
    decimals0: 18,
    decimals1: 6,
    fee: 3000,
    tickSpacing: 0,
    pair: "WETH/USDC",
    symbol0: "WETH",
    symbol1: "USDC",
    reserve0: "1",
    reserve1: "2",
    centerTick: 0,
  }],
  accounts: { deployer: "0x" + "44".repeat(20), liquidity: "0x" + "55".repeat(20), traders: [] },
};

Deno.test("parseDevnetDescription names the file and the field that is wrong", () => {
  let err: unknown;
  try {
    parseDevnetDescription(JSON.stringify(MINIMAL), "/tmp/devnet.json");
  } catch (e) {
    err = e;
  }
  assert(err instanceof DevnetError);
  assert.equal(err.code, "BAD_DESCRIPTION");
  assert.equal(
    err.message,
    'Devnet description /tmp/devnet.json: field "pools[0].token1" must be an address (0x and 40 hex digits)',
  );
  assert.deepEqual(err.details, { source: "/tmp/devnet.json", field: "pools[0].token1" });
});

Deno.test("parseDevnetDescription refuses text that is not JSON and a fork's description", () => {
  assert.throws(
    () => parseDevnetDescription("0x" + "11".repeat(20), "pools.txt"),
    /Devnet description pools\.txt is not JSON/,
  );
  assert.throws(
    () =>
      parseDevnetDescription(
        JSON.stringify({
          chainId: 1,
          rpcUrl: "x",
          wsUrl: "y",
          fork: "z",
          anvilPid: 1,
          accounts: [],
        }),
        "fork.json",
      ),
    /Devnet description fork\.json describes a fork/,
  );
});
