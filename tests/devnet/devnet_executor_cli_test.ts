// tests/devnet/devnet_executor_cli_test.ts — `torq devnet --executor` as a real process: the
// ArbitrageExecutor is deployed on the real Anvil, owned by the key's account, and the key is
// never printed.
import assert from "node:assert/strict";
import { type Address, getAddress, parseAbi, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createReadClient } from "../../lib/chain/mod.ts";
import { runTorq, TorqProcess } from "../chain/_cli.ts";

const ownerAbi = parseAbi(["function owner() view returns (address)"]);

Deno.test("torq devnet --executor --json prints an executor owned by the key's account, and never the key", async () => {
  const key = toHex(crypto.getRandomValues(new Uint8Array(32)));
  Deno.env.set("TORQ_TEST_DEVNET_KEY", key);
  const p = new TorqProcess([
    "devnet",
    "--executor",
    "--key-env",
    "TORQ_TEST_DEVNET_KEY",
    "--rate",
    "0",
    "--json",
  ]);
  Deno.env.delete("TORQ_TEST_DEVNET_KEY");
  try {
    const deadline = Date.now() + 60_000;
    while (!p.stdoutText().includes("\n")) {
      if (Date.now() > deadline) throw new Error(`no devnet description:\n${p.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const d = JSON.parse(p.stdoutText().split("\n")[0]!);
    const executor = d.executor as { address: Address; owner: Address; gasUsed: string };
    assert.equal(executor.owner, privateKeyToAccount(key).address);
    const client = createReadClient(d.rpcUrl);
    const owner = await client.readContract({
      address: executor.address,
      abi: ownerAbi,
      functionName: "owner",
    });
    assert.equal(getAddress(owner), executor.owner);
    assert(BigInt(executor.gasUsed) > 1_000_000n);
    // The owner was funded for gas.
    assert(await client.getBalance({ address: executor.owner }) > 10n ** 18n);
  } finally {
    p.kill("SIGTERM");
    const { code } = await p.status();
    assert.equal(code, 0, p.stderr());
  }
  const printed = (p.stdoutText() + p.stderr()).toLowerCase();
  assert(!printed.includes(key.slice(2).toLowerCase()), "the key was printed");
});

Deno.test("torq devnet --executor without a key says which env var to set and starts nothing", async () => {
  Deno.env.delete("TORQ_TEST_NO_KEY");
  const { code, stderr } = await runTorq([
    "devnet",
    "--executor",
    "--key-env",
    "TORQ_TEST_NO_KEY",
    "--json",
  ]);
  assert.equal(code, 2);
  assert.match(stderr, /Env var TORQ_TEST_NO_KEY holds no private key; set it or use --key-file/);
  assert.doesNotMatch(stderr, /starting Anvil/);
});
