// `torq quote` as a real subprocess against the devnet: its numbers equal QuoterV2 / Router02,
// and its failures are one line without a stack trace.
import assert from "node:assert/strict";
import { getSqrtRatioAtTick, v3Swap } from "../../lib/amm/mod.ts";
import {
  quoteV2AmountsIn,
  quoteV2AmountsOut,
  quoteV3ExactInSingle,
  quoteV3ExactOutSingle,
} from "../../lib/devnet/mod.ts";
import { withAnvil } from "../devnet/_devnet.ts";
import { type ChainContext, deployContext } from "./_chain.ts";
import { withSeed } from "./_rng.ts";
import { setupV2World, type V2PairFixture } from "./_v2_world.ts";
import { setupV3World, type V3PoolFixture } from "./_v3_world.ts";

const ROOT = new URL("../../", import.meta.url);

/** Runs `torq quote …` from the repository root; resolves to its exit code and output. */
async function torqQuote(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", "quote", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** Asserts a failed run printed exactly one line, without a stack trace, and returns it. */
function oneLineError(run: { code: number; stdout: string; stderr: string }): string {
  assert.notEqual(run.code, 0, "the command fails");
  assert.equal(run.stdout, "", "nothing on stdout");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
  return lines[0]!;
}

interface Fixture {
  readonly ctx: ChainContext;
  readonly v3: V3PoolFixture;
  readonly v2: V2PairFixture;
}

/** A devnet with the V3 pools (many narrow positions) and the V2 pairs of the other tests. */
function withPools(fn: (f: Fixture) => Promise<void>): Promise<void> {
  return withSeed("quote_cli_test.ts", (rng) =>
    withAnvil(async (anvil, client) => {
      const ctx = await deployContext(anvil, client);
      const v3World = await setupV3World(ctx, rng);
      const v2World = await setupV2World(ctx, rng);
      await fn({ ctx, v3: v3World.pools[0]!, v2: v2World.pairs[0]! });
    }));
}

/** An amount that moves the pool's price by `spacings` tick spacings (so it crosses ticks). */
function amountAcross(
  pool: V3PoolFixture,
  zeroForOne: boolean,
  exactInput: boolean,
  spacings: number,
) {
  const target = pool.state.tick + (zeroForOne ? -spacings : spacings) * pool.tickSpacing;
  const r = v3Swap(pool.state, zeroForOne, 1n << 200n, getSqrtRatioAtTick(target));
  const [paid, received] = zeroForOne ? [r.amount0, -r.amount1] : [r.amount1, -r.amount0];
  return exactInput ? paid : received;
}

Deno.test("torq quote --json equals QuoterV2 on a V3 pool, exact input and exact output", () =>
  withPools(async ({ ctx, v3 }) => {
    const rpc = ctx.anvil.rpcUrl;
    const venue = ctx.deployment.v3[0]!;
    const amountIn = amountAcross(v3, true, true, 20);
    const amountOut = amountAcross(v3, false, false, 20);
    const [inRun, outRun] = await Promise.all([
      torqQuote([
        "--rpc",
        rpc,
        "--pool",
        v3.address,
        "--token-in",
        v3.token0.address,
        "--amount-in",
        `${amountIn}`,
        "--json",
      ]),
      torqQuote([
        "--rpc",
        rpc,
        "--pool",
        v3.address,
        "--token-in",
        v3.token1.address,
        "--amount-out",
        `${amountOut}`,
        "--json",
      ]),
    ]);
    assert.equal(inRun.code, 0, inRun.stderr);
    assert.equal(outRun.code, 0, outRun.stderr);
    const [qIn, qOut] = await Promise.all([
      quoteV3ExactInSingle(ctx.client, venue, {
        tokenIn: v3.token0.address,
        tokenOut: v3.token1.address,
        fee: v3.fee,
        amount: amountIn,
      }),
      quoteV3ExactOutSingle(ctx.client, venue, {
        tokenIn: v3.token1.address,
        tokenOut: v3.token0.address,
        fee: v3.fee,
        amount: amountOut,
      }),
    ]);
    const jIn = JSON.parse(inRun.stdout);
    assert.equal(jIn.protocol, "v3");
    assert.equal(jIn.pool, v3.address);
    assert.equal(jIn.tokenIn.address, v3.token0.address);
    assert.equal(jIn.amountIn, `${amountIn}`);
    assert.equal(jIn.amountOut, `${qIn.amount}`);
    assert.equal(jIn.sqrtPriceX96After, `${qIn.sqrtPriceX96After}`);
    assert.equal(jIn.ticksCrossed, qIn.initializedTicksCrossed);
    assert(qIn.initializedTicksCrossed >= 2, "the quote crosses initialized ticks");
    const jOut = JSON.parse(outRun.stdout);
    assert.equal(jOut.tokenIn.address, v3.token1.address);
    assert.equal(jOut.amountOut, `${amountOut}`);
    assert.equal(jOut.amountIn, `${qOut.amount}`);
    assert.equal(jOut.sqrtPriceX96After, `${qOut.sqrtPriceX96After}`);
    assert.equal(jOut.ticksCrossed, qOut.initializedTicksCrossed);
  }));

Deno.test("torq quote --json equals Router02 getAmountsOut and getAmountsIn on a V2 pair", () =>
  withPools(async ({ ctx, v2 }) => {
    const rpc = ctx.anvil.rpcUrl;
    const amountIn = v2.state.reserve0 / 37n;
    const amountOut = v2.state.reserve0 / 53n;
    const [inRun, outRun] = await Promise.all([
      torqQuote([
        "--rpc",
        rpc,
        "--pool",
        v2.address,
        "--token-in",
        v2.token0.address,
        "--amount-in",
        `${amountIn}`,
        "--json",
      ]),
      torqQuote([
        "--rpc",
        rpc,
        "--pool",
        v2.address,
        "--token-in",
        v2.token1.address,
        "--amount-out",
        `${amountOut}`,
        "--json",
      ]),
    ]);
    assert.equal(inRun.code, 0, inRun.stderr);
    assert.equal(outRun.code, 0, outRun.stderr);
    const [routerOut, routerIn] = await Promise.all([
      quoteV2AmountsOut(ctx.client, v2.venue, amountIn, [v2.token0.address, v2.token1.address]),
      quoteV2AmountsIn(ctx.client, v2.venue, amountOut, [v2.token1.address, v2.token0.address]),
    ]);
    const jIn = JSON.parse(inRun.stdout);
    assert.equal(jIn.protocol, "v2");
    assert.deepEqual([jIn.amountIn, jIn.amountOut], routerOut.map(String));
    assert.deepEqual(jIn.reservesAfter, [
      `${v2.state.reserve0 + amountIn}`,
      `${v2.state.reserve1 - routerOut[1]!}`,
    ]);
    const jOut = JSON.parse(outRun.stdout);
    assert.deepEqual([jOut.amountIn, jOut.amountOut], routerIn.map(String));
  }));

/** Native units as a decimal with every significant digit (written here, not imported). */
function decimal(value: bigint, decimals: number): string {
  const digits = value.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return frac === "" ? whole : `${whole}.${frac}`;
}

Deno.test("torq quote --human reads and prints whole-token amounts in each token's decimals", () =>
  withPools(async ({ ctx, v3 }) => {
    const rpc = ctx.anvil.rpcUrl;
    const venue = ctx.deployment.v3[0]!;
    const [tokenIn, tokenOut] = [v3.token0, v3.token1];
    const native = 10n ** BigInt(tokenIn.decimals) * 12n + 10n ** BigInt(tokenIn.decimals - 1) * 5n;
    const args = [
      "--rpc",
      rpc,
      "--pool",
      v3.address,
      "--token-in",
      tokenIn.address,
      "--amount-in",
      "12.5",
      "--human",
    ];
    const [json, text] = await Promise.all([torqQuote([...args, "--json"]), torqQuote(args)]);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(text.code, 0, text.stderr);
    const q = await quoteV3ExactInSingle(ctx.client, venue, {
      tokenIn: tokenIn.address,
      tokenOut: tokenOut.address,
      fee: v3.fee,
      amount: native,
    });
    const j = JSON.parse(json.stdout);
    assert.equal(j.amountIn, "12.5");
    assert.equal(j.amountOut, decimal(q.amount, tokenOut.decimals));
    assert.match(text.stdout, new RegExp(`^pay\\s+12\\.5 ${tokenIn.symbol}$`, "m"));
    assert.match(
      text.stdout,
      new RegExp(
        `^receive\\s+${
          decimal(q.amount, tokenOut.decimals).replace(".", "\\.")
        } ${tokenOut.symbol}$`,
        "m",
      ),
    );
  }));

Deno.test("torq quote names the pool's tokens in a one-line error when --token-in is not one of them", () =>
  withPools(async ({ ctx, v3 }) => {
    const other = ctx.deployment.tokens.find((t) =>
      t.address !== v3.token0.address && t.address !== v3.token1.address
    )!;
    const line = oneLineError(
      await torqQuote([
        "--rpc",
        ctx.anvil.rpcUrl,
        "--pool",
        v3.address,
        "--token-in",
        other.address,
        "--amount-in",
        "1000",
      ]),
    );
    assert.match(line, /TOKEN_NOT_IN_POOL/);
    assert(line.includes(other.address), line);
    assert(line.includes(v3.token0.address) && line.includes(v3.token1.address), line);
  }));

Deno.test("torq quote says NOT_A_POOL for a contract that is no pool and NOT_A_CONTRACT for an address without code", () =>
  withPools(async ({ ctx, v3 }) => {
    const rpc = ctx.anvil.rpcUrl;
    const token = v3.token0.address;
    const eoa = ctx.anvil.accounts[7]!.address;
    const [notPool, notContract] = await Promise.all([
      torqQuote(["--rpc", rpc, "--pool", token, "--token-in", token, "--amount-in", "1"]),
      torqQuote(["--rpc", rpc, "--pool", eoa, "--token-in", token, "--amount-in", "1"]),
    ]);
    const a = oneLineError(notPool);
    assert.match(a, /NOT_A_POOL/);
    assert(a.includes(token), a);
    const b = oneLineError(notContract);
    assert.match(b, /NOT_A_CONTRACT/);
    assert(b.includes(eoa), b);
  }));

Deno.test("torq quote reports an unreachable RPC in one line naming the URL", async () => {
  // a port that was free a moment ago: nothing listens there
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const url = `http://127.0.0.1:${port}`;
  const pool = "0x1111111111111111111111111111111111111111";
  const line = oneLineError(
    await torqQuote(["--rpc", url, "--pool", pool, "--token-in", pool, "--amount-in", "1"]),
  );
  assert.match(line, /RPC_UNREACHABLE/);
  assert(line.includes(url), line);
});
