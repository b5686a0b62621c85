// tests/devnet/devnet_cli_test.ts — `torq devnet` as a real process: it prints the deployment,
// its simulator trades on chain, and it never leaves an Anvil behind.
import assert from "node:assert/strict";
import { type Hex, numberToHex, toEventSelector } from "viem";
import { processAlive } from "./_devnet.ts";
import { TorqProcess } from "../chain/_cli.ts";
import { rpc, waitFor } from "../chain/_market.ts";

const SWAP_TOPICS = [
  toEventSelector(
    "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
  ),
  toEventSelector(
    "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)",
  ),
];

interface Description {
  chainId: number;
  rpcUrl: string;
  wsUrl: string;
  anvilPid: number;
  tokens: { symbol: string; decimals: number; address: string }[];
  pools: { address: string; venue: string; protocol: string; fee: number }[];
}

async function description(proc: TorqProcess): Promise<Description> {
  await waitFor("the deployment JSON", () => proc.stdoutText().includes("\n"), 30_000);
  return JSON.parse(proc.stdoutText().split("\n")[0]!);
}

Deno.test("torq devnet --json prints the deployment, its swaps land on chain, and SIGTERM leaves no Anvil", async () => {
  const proc = new TorqProcess(["devnet", "--json", "--rate", "40", "--seed", "4"]);
  let anvilPid: number | undefined;
  try {
    const d = await description(proc);
    anvilPid = d.anvilPid;
    assert.equal(d.chainId, 31337);
    assert.match(d.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(d.wsUrl, d.rpcUrl.replace("http", "ws"));
    assert.ok(d.tokens.length >= 7 && d.tokens.some((t) => t.symbol === "WETH"));
    assert.deepEqual([...new Set(d.tokens.map((t) => t.decimals))].sort(), [18, 6, 8]);
    const venues = new Set(d.pools.map((p) => `${p.venue}/${p.protocol}`));
    assert.deepEqual([...venues].sort(), ["quickswap_v2/v2", "sushiswap/v2", "uniswap_v3/v3"]);
    assert.deepEqual(
      [...new Set(d.pools.filter((p) => p.protocol === "v3").map((p) => p.fee))].sort(),
      [10000, 3000, 500],
    );
    assert.ok(await processAlive(d.anvilPid));
    // The simulator's swaps show up on chain, on several pools.
    await waitFor("swaps on several pools", async () => {
      const logs = await rpc(d.rpcUrl, "eth_getLogs", [{
        address: d.pools.map((p) => p.address),
        topics: [SWAP_TOPICS],
        fromBlock: numberToHex(0),
        toBlock: "latest",
      }]) as { address: Hex }[];
      return new Set(logs.map((l) => l.address)).size >= 3;
    }, 15_000);
  } finally {
    proc.kill("SIGTERM");
  }
  const status = await proc.status();
  assert.equal(status.code, 0, proc.stderr());
  assert.match(proc.stderr(), /stopped after \d+ swaps/);
  assert.ok(
    anvilPid !== undefined && !(await processAlive(anvilPid)),
    "Anvil outlived torq devnet",
  );
});

Deno.test("torq devnet stops, and stops its Anvil, when the process that started it dies", async () => {
  const dir = await Deno.makeTempDir({ prefix: "torq-devnet-test-" });
  const cli = new URL("../../cli/main.ts", import.meta.url).pathname;
  const shell = new Deno.Command("/bin/sh", {
    args: [
      "-c",
      `"${Deno.execPath()}" run -A "${cli}" devnet --json --rate 0 > "${dir}/out.json" 2>/dev/null & echo $!; wait`,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    const reader = shell.stdout.getReader();
    const { value } = await reader.read();
    reader.releaseLock();
    const devnetPid = Number(new TextDecoder().decode(value).trim());
    let anvilPid = 0;
    await waitFor("the deployment JSON", async () => {
      const text = await Deno.readTextFile(`${dir}/out.json`).catch(() => "");
      if (!text.includes("\n")) return false;
      anvilPid = JSON.parse(text.split("\n")[0]!).anvilPid;
      return true;
    }, 30_000);
    assert.ok(await processAlive(devnetPid) && await processAlive(anvilPid));
    shell.kill("SIGKILL");
    await shell.status;
    await waitFor(
      "torq devnet and Anvil to exit",
      async () => !(await processAlive(devnetPid)) && !(await processAlive(anvilPid)),
      10_000,
    );
  } finally {
    try {
      shell.kill("SIGKILL");
    } catch {
      // already gone
    }
    await shell.stdout.cancel().catch(() => {});
    await shell.status;
    await Deno.remove(dir, { recursive: true });
  }
});
