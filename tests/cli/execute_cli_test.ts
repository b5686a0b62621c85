// tests/cli/execute_cli_test.ts — `torq risk | torq execute --paper` as real processes in a
// shell pipe, on frames recorded from a devnet and a signal from the real detector.
import assert from "node:assert/strict";
import { TlvType } from "../../lib/protocol/mod.ts";
import { framesOf } from "../chain/_market.ts";
import { wethSaleSignal, withWorld } from "../execution/_paper_world.ts";
import { valuesOf } from "../execution/_stages.ts";

const CLI = new URL("../../cli/main.ts", import.meta.url).pathname;

/** Runs a shell pipeline (bash, pipefail) and returns its exit code and stderr. */
async function pipeline(script: string): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command("bash", {
    args: ["-c", `set -o pipefail; ${script}`],
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("torq risk | torq execute --paper fills a recorded devnet signal exactly as the chain quotes it", async () => {
  await withWorld(async (w) => {
    const { market, ...hit } = await wethSaleSignal(w, 120_000_000_000n);
    const dir = await Deno.makeTempDir();
    try {
      const input = `${dir}/signals.bin`;
      const parts = [...market, hit.frame].map((f) => f.bytes);
      await Deno.writeFile(input, new Uint8Array(parts.flatMap((b) => [...b])));
      await Deno.writeTextFile(
        `${dir}/config.json`,
        JSON.stringify({
          ...w.market,
          capital: { [w.token("USDC")]: "1000000000000" },
          limits: {
            maxNotionalUsd: "1000000",
            maxPositionUsd: "10000000",
            maxVenueExposureUsd: "10000000",
            maxNavExposureBps: 10000,
            maxSignalAgeNs: "120000000000",
          },
        }),
      );
      const chain = await w.quoteHops(hit.signal.hops, hit.signal.amountIn);
      const run = await pipeline(
        `deno run -A ${CLI} risk --config ${dir}/config.json --in ${input} --kill-file ${dir}/halt --quiet` +
          ` | deno run -A ${CLI} execute --paper --config ${dir}/config.json --out ${dir}/out.bin` +
          ` --json-log ${dir}/log.jsonl --json ${dir}/summary.json`,
      );
      assert.equal(run.code, 0, run.stderr);
      const out = framesOf(await Deno.readFile(`${dir}/out.bin`));
      assert.ok(out.length >= market.length + 2, "market, signal and decision frames come through");
      assert.deepEqual(valuesOf(out, TlvType.Fill).map((f) => f.amountOut), chain);
      const [report] = valuesOf(out, TlvType.ExecutionReport);
      assert.equal(
        report?.realizedProfit,
        chain.at(-1)! - hit.signal.amountIn - hit.signal.gasCostIn,
      );
      const summary = JSON.parse(await Deno.readTextFile(`${dir}/summary.json`));
      assert.equal(summary.executed, 1);
      assert.equal(summary.opportunities, 1);
      assert.equal(BigInt(summary.theoreticalPnlUsd), report?.realizedPnlUsd);
      const lines = (await Deno.readTextFile(`${dir}/log.jsonl`)).trim().split("\n");
      assert.equal(lines.length, 1);
      assert.equal(JSON.parse(lines[0]!).outcome, "filled");
      assert.match(run.stderr, /1 executed/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("torq execute refuses --live without an executor and --paper without --config, with exit 2", async () => {
  const live = await pipeline(`deno run -A ${CLI} execute --live < /dev/null`);
  assert.equal(live.code, 2);
  assert.match(live.stderr, /--live needs --executor ADDRESS/);
  const noConfig = await pipeline(`deno run -A ${CLI} execute --paper < /dev/null`);
  assert.equal(noConfig.code, 2);
  assert.match(noConfig.stderr, /Give --config FILE .* or --tokens FILE/);
});
