// tests/cli/risk_cli_test.ts — `torq risk` and `torq risk halt` as real processes on frames
// recorded from a devnet.
import assert from "node:assert/strict";
import { RiskReason, TlvType } from "../../lib/protocol/mod.ts";
import { framesOf } from "../chain/_market.ts";
import { wethSaleSignal, withWorld } from "../execution/_paper_world.ts";
import { valuesOf } from "../execution/_stages.ts";

const CLI = new URL("../../cli/main.ts", import.meta.url).pathname;

async function torq(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("torq risk approves a recorded devnet signal, and after torq risk halt rejects it with the kill switch", async () => {
  await withWorld(async (w) => {
    const { market, ...hit } = await wethSaleSignal(w, 120_000_000_000n);
    const dir = await Deno.makeTempDir();
    try {
      const input = `${dir}/in.bin`;
      await Deno.writeFile(
        input,
        new Uint8Array([...market, hit.frame].flatMap((f) => [...f.bytes])),
      );
      const config = `${dir}/config.json`;
      await Deno.writeTextFile(
        config,
        JSON.stringify({
          ...w.market,
          capital: { [w.token("USDC")]: "1000000000000" },
          limits: {
            maxNotionalUsd: "1000000",
            maxVenueExposureUsd: "10000000",
            maxPositionUsd: "10000000",
            maxNavExposureBps: 10000,
            maxSignalAgeNs: "120000000000",
          },
        }),
      );
      const halt = `${dir}/risk.halt`;
      const decide = async () => {
        const r = await torq([
          "risk",
          "--config",
          config,
          "--in",
          input,
          "--out",
          `${dir}/out.bin`,
          "--kill-file",
          halt,
        ]);
        assert.equal(r.code, 0, r.stderr);
        return {
          r,
          d: valuesOf(framesOf(await Deno.readFile(`${dir}/out.bin`)), TlvType.RiskDecision),
        };
      };
      const before = await decide();
      assert.deepEqual(before.d.map((d) => d.decision), [1]);
      assert.match(before.r.stderr, /1 signal\(s\): 1 approved/);
      assert.equal((await torq(["risk", "halt", "--file", halt, "--reason", "test"])).code, 0);
      const during = await decide();
      assert.deepEqual(during.d.map((d) => [d.decision, d.reasonCode]), [[
        2,
        RiskReason.KillSwitch,
      ]]);
      assert.equal((await torq(["risk", "halt", "--release", "--file", halt])).code, 0);
      assert.deepEqual((await decide()).d.map((d) => d.decision), [1]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("torq risk names the bad key of its config file and exits 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/c.json`,
      JSON.stringify({
        chainId: 31337,
        nativeToken: "0x" + "0a".repeat(20),
        stablecoins: [],
        limits: { maxNotionalUsd: "lots" },
      }),
    );
    const r = await torq(["risk", "--config", `${dir}/c.json`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /limits\.maxNotionalUsd/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
