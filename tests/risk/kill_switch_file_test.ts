import assert from "node:assert/strict";
import {
  engageKillSwitch,
  readKillSwitch,
  releaseKillSwitch,
  RiskEngine,
  RiskError,
} from "../../lib/risk/mod.ts";
import { cycle, market, TestClock } from "./_fixtures.ts";
import { RiskReason, TradingState } from "../../lib/protocol/mod.ts";

async function withTempDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "torq_kill_" });
  try {
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("engageKillSwitch writes a record that readKillSwitch reads back, and release removes it", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/halt`;
    assert.equal(await readKillSwitch(path), undefined);
    await engageKillSwitch(path, "operator: gas spike", 1_750_000_000_000_000_000n);
    assert.deepEqual(await readKillSwitch(path), {
      reason: "operator: gas spike",
      atNs: 1_750_000_000_000_000_000n,
    });
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["halt"]); // no temp left
    assert.equal(await releaseKillSwitch(path), true);
    assert.equal(await readKillSwitch(path), undefined);
    assert.equal(await releaseKillSwitch(path), false);
  });
});

Deno.test("a kill-switch path that exists but does not parse or read still means engaged", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/halt`;
    await Deno.writeTextFile(path, "");
    const record = await readKillSwitch(path);
    assert.equal(record?.atNs, 0n);
    assert.match(record!.reason, /malformed/);
    // a path that cannot be read as a file (here a directory) is engaged too
    assert.match((await readKillSwitch(dir))!.reason, /unreadable/);
  });
});

Deno.test("engageKillSwitch reports a path it cannot write as a RiskError", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/missing/halt`;
    const err = await engageKillSwitch(path, "x").then(() => undefined, (e) => e);
    assert(err instanceof RiskError && err.code === "KILL_SWITCH_FILE");
    assert.equal(err.details.path, path);
  });
});

Deno.test("a stage polling the kill-switch file halts the engine and resumes when it is removed", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/halt`;
    const clock = new TestClock();
    const engine = new RiskEngine({}, { clock: clock.read });
    const poll = async () => {
      const engaged = (await readKillSwitch(path)) !== undefined;
      if (engaged && !engine.killSwitchEngaged) engine.kill();
      if (!engaged && engine.killSwitchEngaged) engine.releaseKill();
    };
    await poll();
    assert.equal(engine.tradingState, TradingState.Active);
    await engageKillSwitch(path, "torq risk halt");
    await poll();
    assert.equal(engine.evaluate(cycle(), market()).decision.reasonCode, RiskReason.KillSwitch);
    await releaseKillSwitch(path);
    await poll();
    assert.equal(engine.evaluate(cycle(), market()).decision.decision, 1);
  });
});
