// Every notebook under notebooks/ runs top to bottom in the real Jupyter with the Deno kernel.
import assert from "node:assert/strict";
import { createV2PoolState } from "../../lib/amm/mod.ts";
import { optimalAmountIn, v2Hop } from "../../lib/arbitrage/mod.ts";

const notebooks = new URL("../../notebooks/", import.meta.url);

interface Output {
  output_type: string;
  data?: Record<string, string[] | string>;
  text?: string[] | string;
  ename?: string;
  evalue?: string;
}

async function execute(name: string): Promise<Output[]> {
  const out = await Deno.makeTempDir({ prefix: "torq-nb-" });
  try {
    const run = await new Deno.Command("jupyter", {
      // _late_output.py: nbconvert's executor, but it also keeps the outputs Deno's kernel
      // publishes after a cell's idle status (plain --execute drops them now and then)
      args: [
        "nbconvert",
        "--to",
        "notebook",
        '--NotebookExporter.preprocessors=["_late_output.LateOutputExecutor"]',
        "--LateOutputExecutor.kernel_name=deno",
        "--LateOutputExecutor.timeout=120",
        "--output-dir",
        out,
        name,
      ],
      cwd: notebooks.pathname,
      env: { NO_COLOR: "1", PYTHONPATH: new URL(".", import.meta.url).pathname },
      stdout: "piped",
      stderr: "piped",
    }).output().catch((e) => {
      throw new Error(
        `jupyter is not installed (${e}); run \`deno task test\`, which installs it`,
      );
    });
    const stderr = new TextDecoder().decode(run.stderr);
    assert.equal(run.code, 0, `nbconvert failed on ${name}:\n${stderr}`);
    const nb = JSON.parse(await Deno.readTextFile(`${out}/${name}`));
    return nb.cells.flatMap((c: { outputs?: Output[] }) => c.outputs ?? []);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

function text(o: Output): string {
  const t = o.data?.["text/plain"] ?? o.text ?? "";
  return Array.isArray(t) ? t.join("") : t;
}

Deno.test("the protocol tour notebook runs and finds both frames around the garbage", async () => {
  const outputs = await execute("protocol_tour.ipynb");
  const errors = outputs.filter((o) => o.output_type === "error");
  assert.deepEqual(errors.map((e) => `${e.ename}: ${e.evalue}`), []);
  const all = outputs.map(text).join("\n");
  assert.match(all, /anvil:uniswap_v3:pool:0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640/);
  assert.match(all, /reserve1: 415000000000000000000n/);
  assert.match(all, /frames: 2/);
  assert.match(all, /7 bytes at 142: BAD_MAGIC/);
});

Deno.test("the arbitrage tour notebook sizes the arbitrage it opens, and its profit is the optimum of the pools it printed", async () => {
  const outputs = await execute("arbitrage_tour.ipynb");
  const errors = outputs.filter((o) => o.output_type === "error");
  assert.deepEqual(errors.map((e) => `${e.ename}: ${e.evalue}`), []);
  const all = outputs.map(text).join("\n");
  const num = (label: string) => {
    const m = new RegExp(`^${label}: (\\d+)$`, "m").exec(all);
    assert.ok(m !== null, `no "${label}" line in:\n${all}`);
    return BigInt(m[1]!);
  };
  // the pairs as the notebook read them from the chain: WETH is token0, USDC token1
  const pair = (venue: string) => {
    const m = new RegExp(
      `^${venue}: token0 WETH reserve0 (\\d+), token1 USDC reserve1 (\\d+)$`,
      "m",
    )
      .exec(all);
    assert.ok(m !== null, `no reserves of ${venue} in:\n${all}`);
    return createV2PoolState(BigInt(m[1]!), BigInt(m[2]!));
  };
  const cheap = pair("quickswap_v2");
  const dear = pair("sushiswap");
  // USDC -> WETH on the cheap pair (one for zero), WETH -> USDC on the dear one
  const best = optimalAmountIn([v2Hop(cheap, false), v2Hop(dear, true)]);
  assert.ok(best !== undefined && best.certified);
  const profit = num("profit");
  assert.ok(profit > 0n);
  assert.equal(num("amountIn"), best.amountIn);
  assert.equal(profit, best.profit);
  assert.equal(num("profitUsd"), profit * 100n, "USDC's 6 decimals in USD's 8");
  assert.match(all, /certified: true, routeProfit agrees: true/);
  assert.match(all, /one more unit in earns no more: true/);
  const whole = `${profit / 1_000_000n}.${String(profit % 1_000_000n).padStart(6, "0")}`;
  assert.ok(all.includes(`${whole} USDC, ${whole}00 USD`), `no "${whole} USDC" in:\n${all}`);
  assert.match(all, /devnet stopped/);
});
