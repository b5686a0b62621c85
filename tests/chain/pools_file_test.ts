// tests/chain/pools_file_test.ts — the pools file: devnet JSON, JSON lists and plain text.
import assert from "node:assert/strict";
import { parsePoolsFile } from "../../lib/chain/pools_file.ts";

const A = "0x00000000000000000000000000000000000000aa";
const FULL = {
  address: A,
  venue: "sushiswap",
  protocol: "v2",
  token0: "0x0000000000000000000000000000000000000001",
  token1: "0x0000000000000000000000000000000000000002",
  decimals0: 6,
  decimals1: 18,
  fee: 3000,
  tickSpacing: 0,
  pair: "X/Y",
};

Deno.test("parsePoolsFile takes fully described pools from torq devnet's JSON as they are", () => {
  const c = parsePoolsFile(JSON.stringify({ chainId: 31337, pools: [FULL] }), "devnet.json");
  assert.equal(c.refs.length, 0);
  assert.equal(c.pools[0]?.venue, "sushiswap");
  assert.equal(c.pools[0]?.decimals0, 6);
  assert.equal(c.pools[0]?.address, "0x00000000000000000000000000000000000000AA");
});

Deno.test("parsePoolsFile leaves bare addresses of a JSON list or of text lines to be resolved", () => {
  const json = parsePoolsFile(JSON.stringify([A, { address: A, venue: "uniswap_v3" }]), "l.json");
  assert.deepEqual(json.refs.map((r) => r.venue), [undefined, "uniswap_v3"]);
  const text = parsePoolsFile(`# pools\n\n${A}\nquickswap_v2:${A}  # a comment\n`, "l.txt");
  assert.deepEqual(text.refs.map((r) => r.venue), [undefined, "quickswap_v2"]);
});

Deno.test("parsePoolsFile names the file and the entry that is wrong", () => {
  assert.throws(() => parsePoolsFile("{ nope", "a.json"), /Pools file a\.json: not valid JSON/);
  assert.throws(() => parsePoolsFile('{"x":1}', "b.json"), /b\.json: expected a "pools" array/);
  assert.throws(
    () => parsePoolsFile("0x1234\n", "c.txt"),
    /Pool on line 1 "0x1234" is not an address/,
  );
  assert.throws(() => parsePoolsFile("# nothing\n", "d.txt"), /d\.txt: names no pool/);
});
