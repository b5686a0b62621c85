import assert from "node:assert/strict";
import { maxUint256 } from "viem";
import {
  compileSolidity,
  createDevnetClient,
  deployTokens,
  DevnetError,
  loadOwnContract,
  testTokenAbi,
} from "../../lib/devnet/mod.ts";
import { withAnvil } from "./_devnet.ts";

Deno.test("TestToken compiles from contracts/ with solc into an ABI with mint and decimals", async () => {
  const token = await loadOwnContract("TestToken");
  const names = token.abi.filter((i) => i.type === "function").map((i) => i.name);
  for (const fn of ["mint", "decimals", "transferFrom", "approve"]) {
    assert.ok(names.includes(fn), fn);
  }
  assert.match(token.source, /TestToken\.sol \(solc 0\.8\.37/);
});

Deno.test("loadOwnContract gives the same bytecode as a fresh solc compile of contracts/TestToken.sol", async () => {
  const source = await Deno.readTextFile(new URL("../../contracts/TestToken.sol", import.meta.url));
  const fresh = (await compileSolidity({ "TestToken.sol": source })).get("TestToken");
  const loaded = await loadOwnContract("TestToken");
  assert.equal(loaded.bytecode, fresh?.bytecode);
  assert.deepEqual(loaded.abi, fresh?.abi);
});

Deno.test("compileSolidity reports a syntax error as COMPILE_FAILED with solc's message", async () => {
  await assert.rejects(
    compileSolidity({ "Broken.sol": "pragma solidity ^0.8.0; contract Broken { function f( }" }),
    (e: unknown) =>
      e instanceof DevnetError && e.code === "COMPILE_FAILED" && /Broken\.sol/.test(e.message) &&
      Array.isArray(e.details.errors) && /ParserError/.test(String(e.details.errors[0])),
  );
});

Deno.test("deployTokens rejects decimals above 255 and repeated symbols before sending anything", async () => {
  await withAnvil(async (anvil, client) => {
    const bad = (e: unknown) => e instanceof DevnetError && e.code === "BAD_OPTION";
    await assert.rejects(deployTokens(client, [{ symbol: "X", decimals: 256 }]), bad);
    await assert.rejects(
      deployTokens(client, [{ symbol: "X", decimals: 6 }, { symbol: "X", decimals: 8 }]),
      bad,
    );
    const nonce = await client.getTransactionCount({ address: anvil.accounts[0]!.address });
    assert.equal(nonce, 0);
  });
});

Deno.test("TestToken spends allowances, keeps an infinite one, and reverts past the allowance", async () => {
  await withAnvil(async (anvil, owner) => {
    const spender = createDevnetClient(anvil, { account: 1 });
    const [a, b] = [owner.account.address, spender.account.address];
    const [t] = await deployTokens(owner, [{
      symbol: "T",
      decimals: 6,
      mints: [{ to: a, amount: 1000n }],
    }]);
    const token = t!.address;
    const read = (fn: "balanceOf", who: `0x${string}`) =>
      owner.readContract({ address: token, abi: testTokenAbi, functionName: fn, args: [who] });
    const allowance = () =>
      owner.readContract({
        address: token,
        abi: testTokenAbi,
        functionName: "allowance",
        args: [a, b],
      });
    const send = async (
      c: typeof owner,
      fn: "approve" | "transferFrom",
      args: readonly unknown[],
    ) => {
      const hash = await c.writeContract({
        address: token,
        abi: testTokenAbi,
        functionName: fn,
        args: args as never,
      });
      return await c.waitForTransactionReceipt({ hash });
    };
    await send(owner, "approve", [b, 300n]);
    await send(spender, "transferFrom", [a, b, 100n]);
    assert.equal(await allowance(), 200n);
    assert.equal(await read("balanceOf", b), 100n);
    await assert.rejects(send(spender, "transferFrom", [a, b, 201n]), /InsufficientAllowance/);
    await send(owner, "approve", [b, maxUint256]);
    await send(spender, "transferFrom", [a, b, 100n]);
    assert.equal(await allowance(), maxUint256);
    await assert.rejects(send(spender, "transferFrom", [a, b, 900n]), /InsufficientBalance/);
    assert.equal(await read("balanceOf", a), 800n);
    const supply = await owner.readContract({
      address: token,
      abi: testTokenAbi,
      functionName: "totalSupply",
    });
    assert.equal(supply, 1000n);
  });
});
