// tests/cli/execute_live_cli_test.ts — `torq execute --live` as a real process against a real
// `torq devnet --executor`: an approved signal built from a real detection is executed on
// chain, and the owner's balances move by exactly what the reports say.
import assert from "node:assert/strict";
import { type Address, type Hex, parseAbi, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { ArbitrageDetector } from "../../lib/arbitrage/mod.ts";
import { createReadClient, parsePoolsFile, PoolFrames, readPool } from "../../lib/chain/mod.ts";
import { createDevnetClient, swapV2ExactIn } from "../../lib/devnet/mod.ts";
import {
  buildFrame,
  decodeTlvs,
  type ExecutionReport,
  type Fill,
  type OrderStatus,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { runTorq, TorqProcess } from "../chain/_cli.ts";

const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
const erc20 = parseAbi(["function balanceOf(address) view returns (uint256)"]);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

interface Devnet {
  readonly description: Record<string, unknown> & { rpcUrl: string; wsUrl: string };
  readonly executor: Address;
  readonly owner: Address;
  readonly stderr: () => string;
}

/** Runs `torq devnet --executor --rate 0` with `key`, gives `fn` its description, stops it. */
async function withDevnet<T>(key: string, fn: (d: Devnet) => Promise<T>): Promise<T> {
  Deno.env.set("TORQ_TEST_EXEC_KEY", key);
  const p = new TorqProcess([
    "devnet",
    "--executor",
    "--key-env",
    "TORQ_TEST_EXEC_KEY",
    "--rate",
    "0",
    "--json",
  ]);
  Deno.env.delete("TORQ_TEST_EXEC_KEY");
  try {
    const deadline = Date.now() + 60_000;
    while (!p.stdoutText().includes("\n")) {
      if (Date.now() > deadline) throw new Error(`no devnet description:\n${p.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const d = JSON.parse(p.stdoutText().split("\n")[0]!);
    return await fn({
      description: d,
      executor: d.executor.address,
      owner: d.executor.owner,
      stderr: () => p.stderr(),
    });
  } finally {
    p.kill("SIGTERM");
    await p.status();
  }
}

function freshKey(): Hex {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

Deno.test("torq execute --live executes an approved signal and the owner's balances move by exactly the reported profit and gas", async () => {
  const key = freshKey();
  await withDevnet(key, async (dev) => {
    const d = dev.description;
    const tokens = d.tokens as { symbol: string; address: Address; decimals: number }[];
    const token = (symbol: string) => tokens.find((t) => t.symbol === symbol)!.address;
    const weth = d.weth as Address;
    const stable = ["USDC", "USDT", "DAI"].filter((s) => tokens.some((t) => t.symbol === s))
      .map(token);
    const pools = parsePoolsFile(JSON.stringify(d), "devnet").pools;
    // A trader (Anvil account 2, as the scenario funds it) pushes WETH/USDC apart on one venue.
    const hd = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 2 }).getHdKey();
    const traderKey = toHex(hd.privateKey!);
    const trader = createDevnetClient({
      chainId: 31337,
      rpcUrl: d.rpcUrl,
      wsUrl: d.wsUrl,
      accounts: [],
    }, {
      account: {
        address: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 2 }).address,
        privateKey: traderKey,
      },
    });
    const venues = d.venues as { name: string; router?: Address }[];
    const quick = venues.find((v) => v.name === "quickswap_v2")!;
    const pair = pools.find((p) =>
      p.venue === "quickswap_v2" &&
      [p.token0, p.token1].map((t) => t.toLowerCase()).sort().join() ===
        [weth, token("USDC")].map((t) => t.toLowerCase()).sort().join()
    )!;
    const client = createReadClient(d.rpcUrl);
    const snap0 = await readPool(client, pair.address);
    assert(snap0.protocol === "v2");
    const wethReserve = pair.token0.toLowerCase() === weth.toLowerCase()
      ? snap0.state.reserve0
      : snap0.state.reserve1;
    await swapV2ExactIn(trader, quick as never, {
      path: [weth, token("USDC")],
      amountIn: wethReserve / 25n,
      amountOutMin: 0n,
    });

    // A real detection on the pools as they are now.
    const detector = new ArbitrageDetector({
      chainId: 31337,
      nativeToken: weth,
      stablecoins: stable,
      maxHops: 3,
      minNetProfitUsd: 100_000_000n,
    });
    const frames = new PoolFrames(31337);
    const block = await client.getBlock();
    frames.gasPrice({
      number: block.number,
      timestamp: block.timestamp,
      baseFeePerGas: block.baseFeePerGas ?? 0n,
      priorityFeePerGas: await client.estimateMaxPriorityFeePerGas(),
    });
    for (const p of pools) {
      frames.state(p, await readPool(client, p.address, { blockNumber: block.number }));
    }
    const bytes = frames.take();
    const tlvs = [];
    for (let at = 0; at < bytes.length;) {
      const f = parseFrame(bytes, at);
      tlvs.push(...decodeTlvs(f));
      at += f.size;
    }
    const [detection] = detector.onTlvs(tlvs);
    assert(detection !== undefined, "the skew made no arbitrage");
    const signal = detection.signal;

    // The frame risk would send: the signal and its approval.
    const input = await Deno.makeTempFile({ suffix: ".bin" });
    const output = await Deno.makeTempFile({ suffix: ".bin" });
    const keyFile = await Deno.makeTempFile();
    try {
      await Deno.writeFile(
        input,
        buildFrame(RelayDomain.Execution, SourceType.Risk, 1n, [
          [TlvType.ArbitrageSignal, signal],
          [TlvType.RiskDecision, {
            signalId: signal.signalId,
            decision: 1,
            reasonCode: 0,
            approvedAmount: signal.amountIn,
            tradingState: 1,
          }],
        ]),
      );
      await Deno.writeTextFile(keyFile, key);
      await Deno.chmod(keyFile, 0o600);
      const balances = async () => ({
        eth: await client.getBalance({ address: dev.owner }),
        token: await client.readContract({
          address: signal.tokenIn,
          abi: erc20,
          functionName: "balanceOf",
          args: [dev.owner],
        }),
      });
      const before = await balances();
      const run = await runTorq([
        "execute",
        "--live",
        "--rpc",
        d.rpcUrl,
        "--executor",
        dev.executor,
        "--key-file",
        keyFile,
        "--in",
        input,
        "--out",
        output,
        "--json",
        "-",
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert(!run.stderr.toLowerCase().includes(key.slice(2)), "the key is on stderr");
      assert(!run.stdout.toLowerCase().includes(key.slice(2)), "the key is on stdout");
      const after = await balances();

      const out = await Deno.readFile(output);
      const statuses: OrderStatus[] = [];
      const fills: Fill[] = [];
      const reports: ExecutionReport[] = [];
      let forwarded = 0;
      for (let at = 0; at < out.length;) {
        const f = parseFrame(out, at);
        at += f.size;
        if (f.source !== SourceType.Executor) forwarded++;
        for (const t of decodeTlvs(f)) {
          if (!("value" in t)) continue;
          if (t.type === TlvType.OrderStatus) statuses.push(t.value);
          if (t.type === TlvType.Fill) fills.push(t.value);
          if (t.type === TlvType.ExecutionReport) reports.push(t.value);
        }
      }
      assert.equal(forwarded, 1, "the input frame is forwarded");
      assert.deepEqual(statuses.map((s) => s.status), [2, 3]);
      const [report] = reports;
      assert(report !== undefined && report.status === 3 && report.mode === 2);

      // The owner received the route's profit in the start token and paid the gas in ether,
      // to the wei; the realised profit is that profit less the gas at the signal's rate.
      const received = after.token - before.token;
      const gasWei = before.eth - after.eth;
      assert(received > 0n && gasWei > 0n);
      assert.equal(received, fills.at(-1)!.amountOut - fills[0]!.amountIn);
      assert.equal(gasWei, fills.reduce((s, f) => s + f.gasUsed * f.gasPriceWei, 0n));
      const gasIn = ceilDiv(gasWei * signal.gasCostIn, signal.gasUnits * signal.gasPriceWei);
      assert.equal(report.realizedProfit, received - gasIn);

      const summary = JSON.parse(run.stderr.trim().split("\n").at(-1)!);
      assert.equal(summary.mode, "live");
      assert.equal(summary.executed, 1);
      assert.equal(summary.reverted, 0);
      assert.equal(summary.rejected, 0);
      assert.equal(BigInt(summary.realizedPnlUsd), report.realizedPnlUsd);
      assert.equal(BigInt(summary.gasSpentUsd), report.gasCostUsd);
      assert.equal(BigInt(summary.gasSpentWei), gasWei);
      assert.match(run.stderr, /1 executed on chain, 0 reverted, 0 rejected before sending/);
    } finally {
      await Deno.remove(input);
      await Deno.remove(output);
      await Deno.remove(keyFile);
    }
  });
});

Deno.test("torq execute refuses --paper with --live, naming both", async () => {
  const { code, stderr } = await runTorq(["execute", "--paper", "--live"]);
  assert.equal(code, 2);
  assert.match(stderr, /--paper and --live exclude each other/);
});

Deno.test("torq execute --live refuses a key file others may read, before sending anything", async () => {
  const keyFile = await Deno.makeTempFile();
  try {
    const key = "ab".repeat(32);
    await Deno.writeTextFile(keyFile, key);
    await Deno.chmod(keyFile, 0o644);
    const { code, stderr } = await runTorq([
      "execute",
      "--live",
      "--executor",
      `0x${"11".repeat(20)}`,
      "--rpc",
      "http://127.0.0.1:1",
      "--key-file",
      keyFile,
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /has mode 644; run chmod 600/);
    assert(!stderr.includes(key));
  } finally {
    await Deno.remove(keyFile);
  }
});
