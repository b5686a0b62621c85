// tests/cli/decode_encode_test.ts — `torq decode` and `torq encode` run as real subprocesses.
import assert from "node:assert/strict";
import { buildFrame, RelayDomain, TlvType } from "../../lib/protocol/mod.ts";
import { concat } from "../protocol/_frames.ts";
import { vectorBytes, VECTORS } from "../protocol/_vectors.ts";

const REPO = new URL("../../", import.meta.url);
const TIMEOUT_MS = 30_000;

interface Run {
  code: number;
  stdout: Uint8Array;
  stderr: string;
}

/** Run `torq <args>` from the repo with `stdin`; kills it and fails after TIMEOUT_MS. */
async function torq(args: string[], stdin: Uint8Array = new Uint8Array(0)): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", ...args],
    cwd: REPO,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, TIMEOUT_MS);
  try {
    const writer = child.stdin.getWriter();
    const writing = writer.write(stdin).then(() => writer.close()).catch(() => {});
    const out = await child.output();
    await writing;
    assert.ok(!timedOut, `torq ${args.join(" ")} did not finish within ${TIMEOUT_MS} ms`);
    return { code: out.code, stdout: out.stdout, stderr: new TextDecoder().decode(out.stderr) };
  } finally {
    clearTimeout(timer);
  }
}

/** Write `bytes` to a temporary file, run `fn` with its path, then remove it. */
async function withFile<T>(bytes: Uint8Array, fn: (path: string) => Promise<T>): Promise<T> {
  const path = await Deno.makeTempFile({ suffix: ".bin" });
  try {
    await Deno.writeFile(path, bytes);
    return await fn(path);
  } finally {
    await Deno.remove(path);
  }
}

const jsonLines = (bytes: Uint8Array) =>
  new TextDecoder().decode(bytes).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

const RECORDING = concat(...VECTORS.map(vectorBytes));

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, `stack trace on stderr:\n${stderr}`);
  assert.doesNotMatch(stderr, /internal error/);
}

Deno.test("torq decode prints one JSON line per frame of a valid file and exits 0", async () => {
  const r = await withFile(RECORDING, (p) => torq(["decode", "--in", p, "--quiet"]));
  assert.equal(r.code, 0, r.stderr);
  const out = jsonLines(r.stdout);
  assert.equal(out.length, VECTORS.length);
  assert.equal(out[0].tlvs[0].type, "Trade");
  assert.equal(out[13].tlvs[0].tokenIn, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
  assert.equal(r.stderr, "");
});

Deno.test("torq decode reads stdin and reports its count on stderr", async () => {
  const one = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel, {
    orderId: 1n,
    reasonCode: 0,
  }]]);
  const r = await torq(["decode"], concat(one, one.slice()));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(jsonLines(r.stdout).length, 2);
  assert.match(r.stderr, /SEQUENCE_DUPLICATE/);
  assert.match(r.stderr, /2 frames/);
});

Deno.test("torq decode of a cut file exits 1 naming TRUNCATED_FRAME and the byte offset, without a stack", async () => {
  const lastStart = RECORDING.length - VECTORS.at(-1)!.hex.length / 2;
  const cut = RECORDING.subarray(0, lastStart + 40); // header plus 8 payload bytes of the last frame
  const r = await withFile(cut, (p) => torq(["decode", "--in", p]));
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`TRUNCATED_FRAME at byte ${lastStart}\\b`));
  assertNoStack(r.stderr);
  assert.equal(jsonLines(r.stdout).length, VECTORS.length - 1); // frames before it were printed
});

Deno.test("torq decode of stdin that ends mid-frame exits 1 instead of hanging", async () => {
  const r = await torq(["decode"], RECORDING.subarray(0, 50));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /TRUNCATED_FRAME at byte 0/);
  assertNoStack(r.stderr);
});

Deno.test("torq decode --skip-invalid recovers the frames after garbage and reports the skip", async () => {
  const garbage = new Uint8Array(37).fill(0x42);
  const input = concat(garbage, RECORDING);
  const r = await torq(["decode", "--skip-invalid"], input);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(jsonLines(r.stdout).length, VECTORS.length);
  assert.match(r.stderr, /skipped 37 bytes at byte 0: BAD_MAGIC/);
  assert.match(r.stderr, /skipped 1 bad region\(s\) \(37 bytes\)/);
});

Deno.test("torq decode without --skip-invalid stops at garbage with exit 1", async () => {
  const r = await torq(["decode"], concat(VECTORS.map(vectorBytes)[0]!, new Uint8Array(40)));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /BAD_MAGIC at byte 108/);
  assertNoStack(r.stderr);
});

Deno.test("torq encode then torq decode gives back the JSON lines and the bytes", async () => {
  const decoded = await torq(["decode", "--quiet"], RECORDING);
  assert.equal(decoded.code, 0, decoded.stderr);
  const encoded = await torq(["encode", "--quiet"], decoded.stdout);
  assert.equal(encoded.code, 0, encoded.stderr);
  assert.deepEqual(encoded.stdout, RECORDING);
  const again = await torq(["decode", "--quiet"], encoded.stdout);
  assert.deepEqual(jsonLines(again.stdout), jsonLines(decoded.stdout));
});

Deno.test("torq encode exits 2 naming the line and the field of a malformed line", async () => {
  const text =
    '{"domain":"system","tlvs":[]}\n{"domain":"system","tlvs":[{"type":"OrderCancel","orderId":"x","reasonCode":0}]}\n';
  const r = await torq(["encode"], new TextEncoder().encode(text));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Line 2: .*OrderCancel\.orderId/);
  assertNoStack(r.stderr);
});

Deno.test("torq encode exits 2 for a line with a negative sequence", async () => {
  const r = await torq(
    ["encode"],
    new TextEncoder().encode('{"domain":"system","sequence":"-1","tlvs":[]}\n'),
  );
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Line 1: .*sequence/);
});

Deno.test("torq encode exits 2 without a stack for input that is not UTF-8", async () => {
  const r = await torq(["encode"], new Uint8Array([0x7b, 0xff, 0x7d, 0x0a]));
  assert.equal(r.code, 2, r.stderr);
  assertNoStack(r.stderr);
});

for (const command of ["decode", "encode"]) {
  Deno.test(`torq ${command} --help prints its usage and exits 0`, async () => {
    const r = await torq([command, "--help"]);
    assert.equal(r.code, 0);
    const text = new TextDecoder().decode(r.stdout);
    assert.match(text, new RegExp(`^torq ${command} — `));
    assert.match(text, /Usage:/);
    assert.match(text, /--in FILE/);
  });

  Deno.test(`torq ${command} with an unknown flag exits 2 pointing at --help`, async () => {
    const r = await torq([command, "--frobnicate"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--frobnicate/);
    assert.match(r.stderr, new RegExp(`torq ${command} --help`));
    assert.equal(r.stderr.trim().split("\n").length, 1);
  });
}
