// tests/chain/checkpoint_test.ts — checkpoints and atomic files on disk.
import assert from "node:assert/strict";
import { removeStaleTemps, writeFileAtomic } from "../../lib/chain/atomic_file.ts";
import { readCheckpoint, writeCheckpoint } from "../../lib/chain/checkpoint.ts";

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "torq-cp-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const H = (b: string) => `0x${b.repeat(32)}` as const;

Deno.test("a checkpoint reads back exactly as written, recent hashes included", async () => {
  await withTempDir(async (dir) => {
    const cp = {
      chainId: 31337,
      blockNumber: 2n ** 40n,
      blockHash: H("ab"),
      recent: [{ number: 2n ** 40n - 1n, hash: H("cd") }, { number: 2n ** 40n, hash: H("ab") }],
    };
    await writeCheckpoint(`${dir}/cp.json`, cp);
    assert.deepEqual(await readCheckpoint(`${dir}/cp.json`), cp);
    assert.equal(await readCheckpoint(`${dir}/none.json`), undefined);
  });
});

Deno.test("readCheckpoint refuses a file that is not a checkpoint with BAD_CHECKPOINT", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/cp.json`, '{"chainId":1,"blockNumber":"x"}');
    await assert.rejects(
      readCheckpoint(`${dir}/cp.json`),
      (e: { code: string; message: string }) =>
        e.code === "BAD_CHECKPOINT" && e.message.includes(`${dir}/cp.json`),
    );
  });
});

Deno.test("writeFileAtomic replaces a file whole and leaves no temporary file", async () => {
  await withTempDir(async (dir) => {
    await writeFileAtomic(`${dir}/f`, "old");
    await writeFileAtomic(`${dir}/f`, new Uint8Array([110, 101, 119]));
    assert.equal(await Deno.readTextFile(`${dir}/f`), "new");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["f"]);
  });
});

Deno.test("removeStaleTemps removes a dead writer's temporary file but not a live one's", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/.f.tmp-999999999-0`, "dead");
    await Deno.writeTextFile(`${dir}/.f.tmp-${Deno.pid}-0`, "mine, in progress");
    assert.equal(await removeStaleTemps(`${dir}/f`), 1);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [`.f.tmp-${Deno.pid}-0`]);
  });
});
