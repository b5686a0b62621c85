// tests/store/recording_test.ts — where a recording stands, for a restart.
import assert from "node:assert/strict";
import { ProtocolError } from "../../lib/protocol/mod.ts";
import { scanRecording } from "../../lib/store/mod.ts";
import { concat, marketFrames } from "../transport/_frames.ts";
import { withTempDir } from "../transport/_procs.ts";

Deno.test("scanRecording finds the last sequence per source and a frame cut short at the end", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/rec.bin`;
    const a = marketFrames(10, 1, 1);
    const b = marketFrames(5, 100, 2);
    await Deno.writeFile(path, concat(a, b, marketFrames(1, 11, 1).subarray(0, 50)));
    const tail = await scanRecording(path);
    assert.deepEqual(tail.positions, new Map([[1, 10n], [2, 104n]]));
    assert.equal(tail.frames, 15);
    assert.equal(tail.validBytes, a.length + b.length);
    assert.equal(tail.partialBytes, 50);
    assert.deepEqual(await scanRecording(`${dir}/missing.bin`), {
      frames: 0,
      validBytes: 0,
      partialBytes: 0,
      positions: new Map(),
    });
  });
});

Deno.test("scanRecording refuses a recording damaged before its end", async () => {
  await withTempDir(async (dir) => {
    const bytes = marketFrames(3);
    bytes[86] = 0; // the second frame's magic
    await Deno.writeFile(`${dir}/rec.bin`, bytes);
    await assert.rejects(
      scanRecording(`${dir}/rec.bin`),
      (e) => e instanceof ProtocolError && e.code === "BAD_MAGIC",
    );
  });
});
