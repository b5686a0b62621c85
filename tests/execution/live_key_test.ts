// tests/execution/live_key_test.ts — the signing key never shows up in errors, logs or frames,
// and key files must be private; against a real Anvil where a send really fails.
import assert from "node:assert/strict";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createDevnetClient, deployArbitrageExecutor } from "../../lib/devnet/mod.ts";
import {
  LiveExecuteProcessor,
  LiveExecutionError,
  LiveExecutor,
  LiveSigner,
  loadSigner,
  minProfitFor,
  resolveNetwork,
  routeFromSignal,
} from "../../lib/execution/live/mod.ts";
import {
  buildFrame,
  bytesToHex,
  decodeTlvs,
  LiveReason,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { OutputQueue } from "../../lib/transport/mod.ts";
import { detect, swapV2, withWorld } from "./_live_world.ts";

/** Every way an error can be printed or serialised. */
function everyForm(e: unknown): string {
  const err = e as LiveExecutionError;
  return [
    String(err),
    err.message,
    err.stack ?? "",
    Deno.inspect(err, { depth: 20 }),
    JSON.stringify(err.details, (_, v) => typeof v === "bigint" ? `${v}` : v),
  ].join("\n");
}

function assertNoKey(text: string, key: string): void {
  const bare = key.slice(2).toLowerCase();
  assert(!text.toLowerCase().includes(bare), "the private key leaked");
}

Deno.test("a failing send, a gas-cap refusal and the stage's output never contain the private key", async () => {
  await withWorld(async (w) => {
    const key = generatePrivateKey();
    const address = privateKeyToAccount(key).address;
    const rpc = (method: string, params: unknown[]) =>
      fetch(w.anvil.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      }).then((r) => r.json());
    await rpc("anvil_setBalance", [address, "0x56BC75E2D63100000"]); // 100 ether
    const owner = createDevnetClient(w.anvil, { account: { address, privateKey: key } });
    const deployed = await deployArbitrageExecutor(owner);
    await swapV2(w, "quickswap_v2", "WETH", "USDC", 20n * 10n ** 18n);
    const [d] = await detect(w);
    assert(d !== undefined);
    const call = {
      hops: routeFromSignal(d.signal),
      amountIn: d.signal.amountIn,
      minProfit: minProfitFor(d.signal),
    };
    const connect = (maxGasPriceWei?: bigint) =>
      LiveExecutor.connect({
        network: resolveNetwork("anvil", {
          rpcUrl: w.anvil.rpcUrl,
          ...(maxGasPriceWei === undefined ? {} : { maxGasPriceWei }),
        }),
        executor: deployed.address,
        signer: LiveSigner.fromHex(key, "env:TEST_KEY"),
        pollingIntervalMs: 20,
      });

    // 1. No ether left for gas: the node refuses the transaction.
    await rpc("anvil_setBalance", [address, "0x0"]);
    const poor = await connect();
    const refused = await poor.execute(call).then(() => undefined, (e) => e);
    assert(
      refused instanceof LiveExecutionError && refused.code === "SEND_FAILED",
      String(refused),
    );
    assertNoKey(everyForm(refused), key);
    assert.equal(poor.localNonce, undefined, "the nonce is resynced after a failed send");

    // 2. The gas cap: nothing is sent.
    const capped = await connect(1n);
    const tooDear = await capped.execute(call).then(() => undefined, (e) => e);
    assert(tooDear instanceof LiveExecutionError && tooDear.code === "GAS_PRICE_TOO_HIGH");
    assertNoKey(everyForm(tooDear), key);

    // 3. The stage: logs and frames of a refused order.
    const lines: string[] = [];
    const stage = new LiveExecuteProcessor(poor, { log: (l) => lines.push(l) });
    const q = new OutputQueue();
    await stage.process(
      parseFrame(buildFrame(RelayDomain.Execution, SourceType.Risk, 1n, [
        [TlvType.ArbitrageSignal, d.signal],
        [TlvType.RiskDecision, {
          signalId: d.signal.signalId,
          decision: 1,
          reasonCode: 0,
          approvedAmount: d.signal.amountIn,
          tradingState: 1,
        }],
      ])),
      q,
    );
    const frames = q.take();
    const statuses = frames.flatMap((b) => decodeTlvs(parseFrame(b)))
      .flatMap((t) => "value" in t && t.type === TlvType.OrderStatus ? [t.value] : []);
    assert.deepEqual(statuses.map((s) => s.reasonCode), [LiveReason.SendFailed]);
    assert(lines.length === 1 && lines[0]!.includes("rejected"));
    assertNoKey(lines.join("\n") + frames.map((f) => bytesToHex(f)).join(""), key);

    // 4. Ether again: the same executor resyncs its nonce and the route fills.
    await rpc("anvil_setBalance", [address, "0x56BC75E2D63100000"]);
    const filled = await poor.execute(call);
    assert.equal(filled.status, "filled");
    assert.equal(filled.profit, d.signal.expectedProfit);
  });
});

Deno.test("a malformed key in the env var is refused without echoing it", async () => {
  const bad = "0x" + "ab".repeat(31) + "zz";
  Deno.env.set("TORQ_TEST_BAD_KEY", bad);
  try {
    const e = await loadSigner({ env: "TORQ_TEST_BAD_KEY" }).then(() => undefined, (x) => x);
    assert(e instanceof LiveExecutionError && e.code === "KEY_INVALID");
    assert(!everyForm(e).includes("ab".repeat(31)));
    assert(e.message.includes("TORQ_TEST_BAD_KEY"));
  } finally {
    Deno.env.delete("TORQ_TEST_BAD_KEY");
  }
});

Deno.test("a key file readable by others is refused, and a 0600 key file loads", async () => {
  const key = generatePrivateKey();
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(path, key + "\n");
    await Deno.chmod(path, 0o644);
    const e = await loadSigner({ keyFile: path }).then(() => undefined, (x) => x);
    assert(e instanceof LiveExecutionError && e.code === "KEYSTORE_INSECURE");
    assertNoKey(everyForm(e), key);
    await Deno.chmod(path, 0o600);
    const signer = await loadSigner({ keyFile: path });
    assert.equal(signer.address, privateKeyToAccount(key).address);
    assertNoKey(`${signer} ${JSON.stringify(signer)} ${Deno.inspect(signer)}`, key);
  } finally {
    await Deno.remove(path);
  }
});
