import assert from "node:assert/strict";
import { type Abi, type AbiEvent, type AbiFunction, keccak256 } from "viem";
import { formatAbiItem } from "viem/utils";
import {
  DevnetError,
  loadArtifact,
  loadOwnContract,
  positionManagerAbi,
  quoterV2Abi,
  swapRouterAbi,
  testTokenAbi,
  toArtifact,
  type UniswapArtifactName,
  uniswapV2FactoryAbi,
  uniswapV2PairAbi,
  uniswapV2RouterAbi,
  uniswapV3FactoryAbi,
  uniswapV3PoolAbi,
  V2_PAIR_INIT_CODE_HASH,
  V3_POOL_INIT_CODE_HASH,
  weth9Abi,
} from "../../lib/devnet/mod.ts";

const NAMES: UniswapArtifactName[] = [
  "WETH9",
  "UniswapV2Factory",
  "UniswapV2Pair",
  "UniswapV2Router02",
  "UniswapV3Factory",
  "UniswapV3Pool",
  "NonfungiblePositionManager",
  "SwapRouter",
  "QuoterV2",
];

Deno.test("the published UniswapV2Pair and UniswapV3Pool builds hash to mainnet's init-code hashes", async () => {
  assert.equal(keccak256((await loadArtifact("UniswapV2Pair")).bytecode), V2_PAIR_INIT_CODE_HASH);
  assert.equal(keccak256((await loadArtifact("UniswapV3Pool")).bytecode), V3_POOL_INIT_CODE_HASH);
});

Deno.test("every Uniswap artifact loads with an ABI and 0x-prefixed bytecode, V2 builds included", async () => {
  for (const name of NAMES) {
    const a = await loadArtifact(name);
    assert.ok(a.abi.length > 0, name);
    assert.match(a.bytecode, /^0x(?:[0-9a-f]{2})+$/i, name);
    assert.match(a.source, /^@uniswap\//, name);
  }
  assert.equal(await loadArtifact("WETH9"), await loadArtifact("WETH9"), "loaded once");
});

Deno.test("toArtifact rejects a build with no bytecode or with unlinked library placeholders", () => {
  const invalid = (e: unknown) => e instanceof DevnetError && e.code === "ARTIFACT_INVALID";
  assert.throws(() => toArtifact("X", "test", { abi: [] }), invalid);
  assert.throws(() => toArtifact("X", "test", { bytecode: "6080" }), invalid);
  assert.throws(
    () => toArtifact("X", "test", { abi: [], bytecode: "6080__$a1b2c3$__6080" }),
    (e: unknown) => invalid(e) && /X bytecode is not plain hex/.test((e as Error).message),
  );
  assert.equal(
    toArtifact("X", "test", { abi: [], evm: { bytecode: { object: "00" } } }).bytecode,
    "0x00",
  );
});

/** Each fragment the helpers use exists in the real ABI with the same inputs, outputs and indexing. */
function assertFragmentsMatch(label: string, fragments: Abi, real: Abi): void {
  type Named = AbiFunction | AbiEvent | Extract<Abi[number], { type: "error" }>;
  const named = (i: Abi[number]): i is Named =>
    i.type === "function" || i.type === "event" || i.type === "error";
  const key = (item: Named) =>
    item.type === "error"
      ? formatAbiItem(item)
      : item.type === "function"
      ? `${formatAbiItem(item)} -> (${item.outputs.map((o) => o.type).join(",")})`
      : `${formatAbiItem(item)} [${item.inputs.map((i) => (i.indexed ? 1 : 0)).join("")}]`;
  const realKeys = new Set(real.filter(named).map(key));
  const checked = fragments.filter(named);
  assert.ok(checked.length > 0, label);
  for (const item of checked) {
    assert.ok(realKeys.has(key(item)), `${label}: ${key(item)} is not in the real ABI`);
  }
}

Deno.test("the helpers' typed ABI fragments match the real contracts' ABIs", async () => {
  const pairs: [string, Abi, Abi][] = [
    ["TestToken", testTokenAbi, (await loadOwnContract("TestToken")).abi],
    ["WETH9", weth9Abi, (await loadArtifact("WETH9")).abi],
    ["UniswapV2Factory", uniswapV2FactoryAbi, (await loadArtifact("UniswapV2Factory")).abi],
    ["UniswapV2Pair", uniswapV2PairAbi, (await loadArtifact("UniswapV2Pair")).abi],
    ["UniswapV2Router02", uniswapV2RouterAbi, (await loadArtifact("UniswapV2Router02")).abi],
    ["UniswapV3Factory", uniswapV3FactoryAbi, (await loadArtifact("UniswapV3Factory")).abi],
    ["UniswapV3Pool", uniswapV3PoolAbi, (await loadArtifact("UniswapV3Pool")).abi],
    [
      "NonfungiblePositionManager",
      positionManagerAbi,
      (await loadArtifact("NonfungiblePositionManager")).abi,
    ],
    ["SwapRouter", swapRouterAbi, (await loadArtifact("SwapRouter")).abi],
    ["QuoterV2", quoterV2Abi, (await loadArtifact("QuoterV2")).abi],
  ];
  for (const [label, fragments, real] of pairs) assertFragmentsMatch(label, fragments, real);
});
