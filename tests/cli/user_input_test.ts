// tests/cli/user_input_test.ts — the one mark that says "the user's input is wrong", set where
// errors are thrown and read once by cli/main.ts (exit 2, one line; otherwise exit 1).
import assert from "node:assert/strict";
import { ChainError } from "../../lib/chain/mod.ts";
import { TorqError, UsageError } from "../../lib/error.ts";
import { LiveExecutionError, PaperExecutionError } from "../../lib/execution/mod.ts";
import { PipelineError } from "../../lib/pipeline/mod.ts";
import { RiskError } from "../../lib/risk/mod.ts";
import { parseSpeed, StoreError } from "../../lib/store/mod.ts";
import { EndpointError, parseEndpoint, TransportError } from "../../lib/transport/mod.ts";
import { StrategyError } from "../../strategies/mod.ts";

const REPO = new URL("../../", import.meta.url);

async function torq(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", ...args],
    cwd: REPO,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

function caught(f: () => unknown): TorqError {
  try {
    f();
  } catch (e) {
    assert(e instanceof TorqError, String(e));
    return e;
  }
  assert.fail("no error thrown");
}

Deno.test("a TorqError is user input only when its thrower says so; a UsageError always is", () => {
  assert.equal(new TorqError("X", "x").userInput, false);
  assert.equal(new TorqError("X", "x", {}, { userInput: true }).userInput, true);
  const cause = new Error("inner");
  const e = new TorqError("X", "x", {}, { cause, userInput: true });
  assert.equal(e.cause, cause);
  assert.equal(new UsageError("BAD_FLAGS", "x").userInput, true);
});

Deno.test("each layer marks the errors that come from what a user gave, and only those", () => {
  assert(new ChainError("NOT_A_POOL", "x").userInput);
  assert(!new ChainError("RPC_UNREACHABLE", "x").userInput);
  assert(new RiskError("BAD_CONFIG", "x").userInput);
  assert(!new RiskError("BAD_RETURNS", "x").userInput);
  assert(new LiveExecutionError("KEY_MISSING", "x").userInput);
  assert(new LiveExecutionError("WRONG_CHAIN", "x").userInput);
  assert(!new LiveExecutionError("RPC_FAILED", "x").userInput);
  assert(!new LiveExecutionError("BAD_CONFIG", "x", {}, { userInput: false }).userInput);
  assert(new PipelineError("BAD_OPTION", "x").userInput);
  assert(new PaperExecutionError("BAD_OPTION", "x").userInput);
  assert(new StrategyError("UNKNOWN_STRATEGY", "x").userInput);
  assert(!new StoreError("INFLUX_UNREACHABLE", "x").userInput);
  assert(!new TransportError("RELAY_ALIVE", "x").userInput);
  assert(caught(() => parseSpeed("0")).userInput);
  assert(caught(() => parseEndpoint("unix:")).userInput);
  assert(caught(() => parseEndpoint("unix:")) instanceof EndpointError);
});

Deno.test("torq exits 2 with one line for a library error marked as user input", async () => {
  const r = await torq(["replay", "no-such.bin", "--speed", "0"]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^torq replay: BAD_SPEED: --speed: Speed must be a number/);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
});

Deno.test("torq names the config file and the key of a bad --config, exit 2", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(
      path,
      JSON.stringify({ chainId: 1, nativeToken: "0x", limits: { maxNotionalUsd: [] } }),
    );
    const r = await torq(["risk", "--config", path]);
    assert.equal(r.code, 2, r.stderr);
    assert(r.stderr.includes(`--config ${path}: Config key limits.maxNotionalUsd`), r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("torq exits 1 for a TorqError that is not the user's input", async () => {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeFile(path, new Uint8Array(40)); // 40 zero bytes: no frame magic
    const r = await torq(["replay", path]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /BAD_MAGIC/);
  } finally {
    await Deno.remove(path);
  }
});
