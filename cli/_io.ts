// cli/_io.ts — one job: open the files a command is pointed at, with one-line errors.
import { UsageError } from "../lib/error.ts";

/**
 * Open `path` for reading; a missing or unreadable file is a UsageError naming the flag.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openInput } from "./_io.ts";
 * try { await openInput("--in", "/no/such/file"); } catch (e) {
 *   assert((e as { code: string }).code === "CANNOT_OPEN");
 * }
 * ```
 */
export async function openInput(flag: string, path: string): Promise<Deno.FsFile> {
  try {
    return await Deno.open(path, { read: true });
  } catch (e) {
    throw new UsageError(
      "CANNOT_OPEN",
      `Cannot open ${flag} ${path}: ${(e as Error).message}; check the path`,
      { path },
    );
  }
}
