// lib/devnet/parent_watch.ts — one job: notice that the process that started us is gone,
// so a long-running command stops instead of living on as an orphan.

/**
 * Calls `onGone` once when this process's parent exits (Linux: the parent pid in
 * /proc/self/stat changes when we are re-parented). Returns a function that stops watching.
 * On other systems it watches nothing.
 *
 * @example
 * ```ts
 * import { watchParent } from "./parent_watch.ts";
 * const stop = watchParent(() => console.error("parent gone"), 50);
 * stop();
 * ```
 */
export function watchParent(onGone: () => void, intervalMs = 500): () => void {
  if (Deno.build.os !== "linux") return () => {};
  const first = parentPid();
  if (first === undefined) return () => {};
  const timer = setInterval(() => {
    if (parentPid() !== first) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}

function parentPid(): number | undefined {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(rest[1]);
  } catch {
    return undefined;
  }
}
