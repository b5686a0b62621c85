import assert from "node:assert/strict";
import {
  createDevnetClient,
  deployTokens,
  type DevnetClient,
  DevnetError,
  type DevnetErrorCode,
  startAnvil,
  testTokenAbi,
} from "../../lib/devnet/mod.ts";
import { processAlive, withAnvil } from "./_devnet.ts";

const ROOT = new URL("../../", import.meta.url);

const devnetError = (code: DevnetErrorCode, message?: RegExp) => (e: unknown): boolean => {
  assert.ok(e instanceof DevnetError, `expected a DevnetError, got ${e}`);
  assert.equal(e.code, code);
  if (message !== undefined) assert.match(e.message, message);
  return true;
};

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

async function wsChainId(url: string): Promise<string> {
  const ws = new WebSocket(url);
  const closed = new Promise((resolve) => ws.onclose = resolve);
  try {
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const reply = new Promise<string>((resolve) => {
      ws.onmessage = (m) => resolve(JSON.parse(m.data).result);
    });
    ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }));
    return await reply;
  } finally {
    ws.close();
    await closed;
  }
}

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return await check();
}

Deno.test("startAnvil serves HTTP and WebSocket RPC on a free loopback port with ten funded accounts", async () => {
  await withAnvil(async (anvil) => {
    assert.match(anvil.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(anvil.wsUrl, `ws://127.0.0.1:${anvil.port}`);
    assert.equal(anvil.chainId, 31337);
    assert.equal(await rpc(anvil.rpcUrl, "eth_chainId"), "0x7a69");
    assert.equal(await wsChainId(anvil.wsUrl), "0x7a69");
    assert.equal(anvil.accounts.length, 10);
    // Anvil's well-known first dev account, derived from its default mnemonic.
    assert.equal(anvil.accounts[0]?.address, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    const balance = BigInt(
      await rpc(anvil.rpcUrl, "eth_getBalance", [anvil.accounts[9]?.address, "latest"]) as string,
    );
    assert.equal(balance, 10_000n * 10n ** 18n);
  });
});

Deno.test("two devnets run side by side on different ports", async () => {
  await using a = await startAnvil();
  await using b = await startAnvil({ chainId: 1337 });
  assert.notEqual(a.port, b.port);
  assert.equal(b.chainId, 1337);
  assert.equal(await rpc(b.rpcUrl, "eth_chainId"), "0x539");
});

Deno.test("stop ends the Anvil process and may be called twice", async () => {
  const anvil = await startAnvil();
  assert.ok(await processAlive(anvil.pid));
  await anvil.stop();
  await anvil.stop();
  assert.equal(await processAlive(anvil.pid), false);
  await assert.rejects(fetch(anvil.rpcUrl));
});

Deno.test("an Anvil child dies when the process that started it is killed", async () => {
  const script = `
    import { startAnvil } from "${new URL("lib/devnet/anvil.ts", ROOT).href}";
    const anvil = await startAnvil();
    console.log(anvil.pid);
    setInterval(() => {}, 1000);
  `;
  // The killed parent cannot remove its temporary files: give it a folder this test removes.
  const tmp = await Deno.makeTempDir();
  const parent = new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    cwd: new URL(".", ROOT).pathname,
    env: { TMPDIR: tmp },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = parent.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  const pid = Number(text.trim());
  assert.ok(pid > 0 && await processAlive(pid), `anvil pid ${text}`);
  parent.kill("SIGKILL");
  await parent.status;
  await reader.cancel();
  assert.ok(
    await waitUntil(async () => !(await processAlive(pid)), 3000),
    `anvil ${pid} outlived its parent`,
  );
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("blockTime mines blocks on an interval without transactions", async () => {
  await withAnvil(async (anvil) => {
    await new Promise((r) => setTimeout(r, 450));
    const block = Number(BigInt(await rpc(anvil.rpcUrl, "eth_blockNumber") as string));
    assert.ok(block >= 2, `block ${block} after 450 ms at 0.1 s blocks`);
  }, { blockTime: 0.1 });
});

Deno.test("forkUrl forks a running devnet: the fork sees the source's state and keeps its own", async () => {
  await withAnvil(async (source, client) => {
    const me = client.account.address;
    const [token] = await deployTokens(client, [
      { symbol: "T", decimals: 8, mints: [{ to: me, amount: 123n }] },
    ]);
    const balance = (c: DevnetClient) =>
      c.readContract({
        address: token!.address,
        abi: testTokenAbi,
        functionName: "balanceOf",
        args: [me],
      });
    await using fork = await startAnvil({ forkUrl: source.rpcUrl });
    assert.equal(fork.chainId, 4242);
    const forkClient = createDevnetClient(fork);
    assert.equal(await balance(forkClient), 123n);
    // A write on the fork stays on the fork.
    await forkClient.waitForTransactionReceipt({
      hash: await forkClient.writeContract({
        address: token!.address,
        abi: testTokenAbi,
        functionName: "mint",
        args: [me, 1n],
      }),
    });
    assert.equal(await balance(forkClient), 124n);
    assert.equal(await balance(client), 123n);
  }, { chainId: 4242 });
});

Deno.test("an unreachable fork URL fails with FORK_FAILED naming the URL and Anvil's reason", async () => {
  await assert.rejects(
    startAnvil({ forkUrl: "http://127.0.0.1:1" }),
    (e: unknown) =>
      devnetError("FORK_FAILED", /http:\/\/127\.0\.0\.1:1/)(e) &&
      /Connection refused/.test(String((e as DevnetError).details.stderr)),
  );
});

Deno.test("a missing Anvil binary fails with BINARY_NOT_FOUND naming the path", async () => {
  await assert.rejects(
    startAnvil({ binary: "/nonexistent/anvil" }),
    devnetError("BINARY_NOT_FOUND", /\/nonexistent\/anvil/),
  );
});

Deno.test("an Anvil binary without the executable bit gets it back and starts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const source = new URL(
      "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil",
      ROOT,
    );
    const copy = `${dir}/anvil`;
    await Deno.copyFile(source, copy);
    await Deno.chmod(copy, 0o644);
    await withAnvil(async (anvil) => {
      assert.equal(await rpc(anvil.rpcUrl, "eth_chainId"), "0x7a69");
    }, { binary: copy });
    assert.equal((await Deno.stat(copy)).mode! & 0o111, 0o111);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an argument Anvil rejects fails with START_FAILED carrying Anvil's message", async () => {
  await assert.rejects(
    startAnvil({ extraArgs: ["--no-such-flag"] }),
    (e: unknown) =>
      devnetError("START_FAILED", /exited with code 2/)(e) &&
      /no-such-flag/.test(String((e as DevnetError).details.stderr)),
  );
});

Deno.test("a node that never listens fails with START_TIMEOUT and is killed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = `${dir}/silent-anvil`;
    await Deno.writeTextFile(fake, "#!/bin/sh\nexec sleep 30\n");
    await Deno.chmod(fake, 0o755);
    const started = Date.now();
    const err = await startAnvil({ binary: fake, startTimeoutMs: 300 }).then(
      () => assert.fail("a node that never listens started"),
      (e: unknown) => e,
    );
    assert.ok(devnetError("START_TIMEOUT", /300 ms/)(err));
    assert.ok(Date.now() - started < 3000);
    assert.equal(await processAlive(Number((err as DevnetError).details.pid)), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad options are rejected with BAD_OPTION before anything starts", async () => {
  await assert.rejects(startAnvil({ blockTime: 0 }), devnetError("BAD_OPTION", /blockTime/));
  await assert.rejects(startAnvil({ chainId: -1 }), devnetError("BAD_OPTION", /chainId/));
  await assert.rejects(startAnvil({ accounts: 1.5 }), devnetError("BAD_OPTION", /accounts/));
  await assert.rejects(
    startAnvil({ forkBlockNumber: 5n }),
    devnetError("BAD_OPTION", /forkBlockNumber needs forkUrl/),
  );
});

Deno.test("createDevnetClient rejects an account index the devnet does not have", async () => {
  await withAnvil((anvil) => {
    assert.throws(
      () => createDevnetClient(anvil, { account: 10 }),
      devnetError("BAD_OPTION", /10/),
    );
    return Promise.resolve();
  });
});
