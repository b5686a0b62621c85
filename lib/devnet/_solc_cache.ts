// lib/devnet/_solc_cache.ts — one job: keep solc output on disk, keyed by what made it,
// so a process pays the ~1 s solc load only when a source or the compiler changed.

/** The cache folder: $TORQ_CACHE_DIR, else $XDG_CACHE_HOME/torq, else ~/.cache/torq; or none. */
function cacheDir(): string | undefined {
  try {
    const explicit = Deno.env.get("TORQ_CACHE_DIR");
    if (explicit !== undefined) return explicit === "" ? undefined : `${explicit}/solc`;
    const xdg = Deno.env.get("XDG_CACHE_HOME");
    const home = Deno.env.get("HOME");
    if (xdg !== undefined && xdg !== "") return `${xdg}/torq/solc`;
    return home === undefined || home === "" ? undefined : `${home}/.cache/torq/solc`;
  } catch {
    return undefined; // no env permission: run without a cache
  }
}

/** Hex SHA-256 of everything that determines the compiler output. */
export async function cacheKey(parts: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The cached JSON for `key`, or undefined when absent, unreadable or not allowed. */
export async function readCached(key: string): Promise<unknown> {
  const dir = cacheDir();
  if (dir === undefined) return undefined;
  try {
    return JSON.parse(await Deno.readTextFile(`${dir}/${key}.json`));
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key`; a failure only costs the next process a compile. */
export async function writeCached(key: string, value: unknown): Promise<void> {
  const dir = cacheDir();
  if (dir === undefined) return;
  try {
    await Deno.mkdir(dir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${dir}/${key}.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(tmp, JSON.stringify(value));
    await Deno.rename(tmp, `${dir}/${key}.json`);
  } catch {
    // Read-only home or no permission: keep working without the cache.
  }
}
