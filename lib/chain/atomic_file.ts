// lib/chain/atomic_file.ts — one job: replace a file so that a crash at any moment leaves
// either the old content or the new, never a mix.

let counter = 0;

/**
 * Writes `data` to `path` atomically: the bytes go to a temporary file in the same directory,
 * which is fsynced and then renamed over `path` (rename is atomic within a filesystem), and
 * the directory is fsynced so the rename itself survives a power cut. A reader, or a process
 * killed with SIGKILL halfway, sees the old file or the new one. A temporary file left by a
 * kill is named `.<name>.tmp-<pid>-<n>` and is removed by {@linkcode removeStaleTemps}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./atomic_file.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/state.json`, '{"a":1}');
 * assert(await Deno.readTextFile(`${dir}/state.json`) === '{"a":1}');
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
  const name = path.slice(slash + 1);
  const temp = `${dir}/.${name}.tmp-${Deno.pid}-${counter++}`;
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const file = await Deno.open(temp, { write: true, create: true, truncate: true, mode: 0o644 });
  try {
    let off = 0;
    while (off < bytes.length) off += await file.write(bytes.subarray(off));
    await file.sync();
  } catch (e) {
    file.close();
    await Deno.remove(temp).catch(() => {});
    throw e;
  }
  file.close();
  try {
    await Deno.rename(temp, path);
  } catch (e) {
    await Deno.remove(temp).catch(() => {});
    throw e;
  }
  await syncDir(dir);
}

/**
 * Removes temporary files that {@linkcode writeFileAtomic} left next to `path` when its process
 * was killed between creating and renaming them. Returns how many it removed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { removeStaleTemps } from "./atomic_file.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/.cache.json.tmp-999999999-0`, "partial");
 * assert(await removeStaleTemps(`${dir}/cache.json`) === 1);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function removeStaleTemps(path: string): Promise<number> {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
  const prefix = `.${path.slice(slash + 1)}.tmp-`;
  let removed = 0;
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !entry.name.startsWith(prefix)) continue;
      // A temp of a process still running is a write in progress, not a leftover.
      const pid = Number(entry.name.slice(prefix.length).split("-")[0]);
      if (Number.isInteger(pid) && await processExists(pid)) continue;
      await Deno.remove(`${dir}/${entry.name}`).then(() => removed++, () => {});
    }
  } catch {
    // No directory yet: nothing stale.
  }
  return removed;
}

async function processExists(pid: number): Promise<boolean> {
  if (pid === Deno.pid) return true;
  if (Deno.build.os !== "linux") return false;
  try {
    await Deno.stat(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await Deno.open(dir, { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  }
}
