// lib/chain/checkpoint.ts — one job: where a collector stopped (block number and hash, plus the
// hashes before it for reorg checks), kept in a file replaced atomically.
import type { Hex } from "viem";
import { removeStaleTemps, writeFileAtomic } from "./atomic_file.ts";
import { ChainError } from "./errors.ts";

/** The last block whose frames were flushed, and the hashes of the blocks just before it. */
export interface Checkpoint {
  readonly chainId: number;
  readonly blockNumber: bigint;
  readonly blockHash: Hex;
  /** Recent processed blocks, newest last, so a reorg during downtime can be located. */
  readonly recent: readonly { readonly number: bigint; readonly hash: Hex }[];
}

/**
 * Reads a checkpoint file; undefined when there is none yet.
 *
 * @throws {ChainError} `BAD_CHECKPOINT` when the file exists but is not a checkpoint.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCheckpoint } from "./checkpoint.ts";
 * assert(await readCheckpoint("/nonexistent/dir/cp.json") === undefined);
 * ```
 */
export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  await removeStaleTemps(path);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new ChainError("BAD_CHECKPOINT", `Cannot read checkpoint ${path}: ${e}`, { path });
  }
  const bad = (why: string) =>
    new ChainError("BAD_CHECKPOINT", `Checkpoint ${path} is not valid: ${why}`, { path });
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  const isHash = (v: unknown): v is Hex => typeof v === "string" && /^0x[0-9a-f]{64}$/i.test(v);
  const isNum = (v: unknown): v is string => typeof v === "string" && /^[0-9]+$/.test(v);
  if (
    typeof o !== "object" || o === null || !Number.isInteger(o.chainId) ||
    !isNum(o.blockNumber) || !isHash(o.blockHash) || !Array.isArray(o.recent)
  ) {
    throw bad("expected chainId, blockNumber, blockHash and recent");
  }
  const recent = (o.recent as unknown[]).map((r) => {
    const e = r as Record<string, unknown>;
    if (!isNum(e.number) || !isHash(e.hash)) throw bad(`bad recent entry ${JSON.stringify(r)}`);
    return { number: BigInt(e.number), hash: e.hash };
  });
  return {
    chainId: o.chainId as number,
    blockNumber: BigInt(o.blockNumber),
    blockHash: o.blockHash,
    recent,
  };
}

/**
 * Writes a checkpoint atomically (temporary file, fsync, rename): a kill at any moment leaves
 * the previous checkpoint or this one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
 * const dir = await Deno.makeTempDir();
 * const hash = `0x${"ab".repeat(32)}` as const;
 * await writeCheckpoint(`${dir}/cp.json`, { chainId: 1, blockNumber: 7n, blockHash: hash, recent: [] });
 * assert((await readCheckpoint(`${dir}/cp.json`))?.blockNumber === 7n);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const body = {
    chainId: checkpoint.chainId,
    blockNumber: checkpoint.blockNumber.toString(),
    blockHash: checkpoint.blockHash,
    recent: checkpoint.recent.map((r) => ({ number: r.number.toString(), hash: r.hash })),
  };
  await writeFileAtomic(path, JSON.stringify(body) + "\n");
}
