// tests/transport/nats_stage_test.ts — a stage (runStage) reading a durable NATS consumer,
// killed with SIGKILL and restarted: it acknowledges only frames whose output it wrote, so the
// restarted stage picks up everything the killed one had not written.
import assert from "node:assert/strict";
import { FrameStream } from "../../lib/protocol/mod.ts";
import { startNats } from "../_servers/nats.ts";
import { MARKET_FRAME_SIZE, marketFrames } from "./_frames.ts";
import { fileSize, Torq, until, withTempDir } from "./_procs.ts";

const FRAMES = 100_000;

/** Sequences of the whole frames in `path` (a frame cut short by a kill is left out). */
async function sequences(path: string): Promise<bigint[]> {
  const bytes = await Deno.readFile(path);
  const whole = bytes.subarray(0, bytes.length - (bytes.length % MARKET_FRAME_SIZE));
  const frames = await Array.fromAsync(ReadableStream.from([whole]).pipeThrough(new FrameStream()));
  return frames.map((f) => f.sequence);
}

Deno.test("torq arb-scan on a NATS durable, killed and restarted, loses no frame and resumes in order with no gap", async () => {
  await using nats = await startNats();
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.bin`, marketFrames(FRAMES));
    const pub = await new Torq([
      "cat",
      "--in",
      `${dir}/in.bin`,
      "--out",
      `${nats.url}/torq.market.x`,
    ])
      .done(60_000);
    assert.equal(pub.code, 0, pub.stderr);
    const stage = (n: number) =>
      new Torq([
        "arb-scan",
        "--chain-id",
        "1",
        "--in",
        `${nats.url}/torq.market.x?durable=scan`,
        "--out",
        `${dir}/out${n}.bin`,
      ]);
    const first = stage(1);
    try {
      await until(
        async () => (await fileSize(`${dir}/out1.bin`)) > (FRAMES * MARKET_FRAME_SIZE) / 4,
        "a quarter of the frames through the first stage",
        60_000,
      );
      first.kill("SIGKILL");
      await first.done();
    } finally {
      await first.reap();
    }
    const before = await sequences(`${dir}/out1.bin`);
    assert(before.length < FRAMES, "killed mid-stream, not after the end");

    const second = stage(2);
    try {
      await until(
        async () =>
          (await fileSize(`${dir}/out2.bin`)) >= (FRAMES - before.length) * MARKET_FRAME_SIZE,
        "the rest through the restarted stage",
        60_000,
      );
      // Everything is through once the frame with the last sequence is out.
      await until(
        async () => (await sequences(`${dir}/out2.bin`)).at(-1) === BigInt(FRAMES),
        "the last frame",
        60_000,
      );
      second.kill("SIGINT");
      const r = await second.done();
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /dropped 0/);
    } finally {
      await second.reap();
    }
    const after = await sequences(`${dir}/out2.bin`);
    // The restarted stage resumes at or before the frame after the last one written before the
    // kill (a repeat is a frame written but not yet acknowledged), and goes on in order.
    const lastBefore = before.at(-1) ?? 0n;
    assert(after[0]! <= lastBefore + 1n, `resumed at ${after[0]}, after ${lastBefore} was written`);
    after.forEach((s, i) => assert.equal(s, after[0]! + BigInt(i), "in order, no gap"));
    const seen = new Set([...before, ...after]);
    assert.equal(seen.size, FRAMES, "every frame is in one of the two outputs");
  });
});
