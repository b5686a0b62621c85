// tests/cli/arb_scan_cli_test.ts — `torq arb-scan` as a real process over a file of frames.
import assert from "node:assert/strict";
import { dexPool, instrumentToBytes } from "../../lib/instrument/mod.ts";
import {
  buildFrame,
  bytesToHex,
  decodeTlvs,
  type Hex,
  parseFrame,
  type PoolState,
  RelayDomain,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { chainFacts } from "../../lib/market/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const WETH = chainFacts(1)!.nativeToken![1].toLowerCase() as Hex;
const USDC = chainFacts(1)!.stablecoins[0]![1].toLowerCase() as Hex;

function pool(venue: string, n: number, usdcPerWeth: bigint): PoolState {
  return {
    pool: bytesToHex(instrumentToBytes(dexPool("ethereum", venue, "0x" + String(n).repeat(40)))),
    protocol: 1,
    token0: USDC,
    token1: WETH,
    decimals0: 6,
    decimals1: 18,
    fee: 3000,
    tickSpacing: 0,
    reserve0: 1000n * usdcPerWeth * 10n ** 6n,
    reserve1: 1000n * 10n ** 18n,
    sqrtPriceX96: 0n,
    liquidity: 0n,
    tick: 0,
    blockNumber: 1n,
  };
}

async function arbScan(args: string[], input: Uint8Array) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", "arb-scan", ...args],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(input);
  await w.close();
  const out = await child.output();
  return { code: out.code, stdout: out.stdout, stderr: new TextDecoder().decode(out.stderr) };
}

function frames(bytes: Uint8Array) {
  const list = [];
  for (let at = 0; at < bytes.length;) {
    const f = parseFrame(bytes, at);
    list.push(f);
    at += f.size;
  }
  return list;
}

Deno.test("torq arb-scan forwards every frame and adds a signal after the one that caused it", async () => {
  const gas = buildFrame(RelayDomain.MarketData, 1, 1n, [[TlvType.GasPrice, {
    chainId: 1,
    blockNumber: 1n,
    blockTimestamp: 0n,
    baseFeeWei: 10n ** 10n,
    priorityFeeWei: 0n,
  }]]);
  const cheap = buildFrame(RelayDomain.MarketData, 1, 2n, [[
    TlvType.PoolState,
    pool("uniswap_v2", 1, 3000n),
  ]]);
  const dear = buildFrame(RelayDomain.MarketData, 1, 3n, [[
    TlvType.PoolState,
    pool("sushiswap", 2, 3060n),
  ]]);
  const input = new Uint8Array([...gas, ...cheap, ...dear]);
  const { code, stdout, stderr } = await arbScan(["--chain-id", "1"], input);
  assert.equal(code, 0, stderr);
  const out = frames(stdout);
  assert.equal(out.length, 4);
  assert.deepEqual(out.slice(0, 3).map((f) => f.bytes), [gas, cheap, dear]);
  const tlvs = decodeTlvs(out[3]!);
  assert.equal(out[3]!.domain, RelayDomain.Signal);
  const signal = tlvs.find((t) => t.type === TlvType.ArbitrageSignal);
  assert(signal !== undefined && "value" in signal);
  const s = signal.value as { netProfit: bigint; tokenIn: string; hops: unknown[] };
  assert(s.netProfit > 0n && s.hops.length === 2);
  assert.match(stderr, /1 signal\(s\) from 3 market frame\(s\)/);
});

Deno.test("torq arb-scan without a chain id or tokens file exits 2 naming the flag", async () => {
  const { code, stderr } = await arbScan([], new Uint8Array());
  assert.equal(code, 2);
  assert.match(stderr, /--chain-id/);
});

Deno.test("torq arb-scan on a chain with no known native token asks for --native or --tokens", async () => {
  const { code, stderr } = await arbScan(["--chain-id", "31337"], new Uint8Array());
  assert.equal(code, 2);
  assert.match(stderr, /--native ADDRESS.*--tokens FILE/);
});
