// tests/pipeline/_run.ts — start `torq pipeline` as a real process, and check what it left.
const ROOT = new URL("../../", import.meta.url).pathname;

/** What a finished run printed. */
export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `torq pipeline`. */
export interface Running {
  readonly child: Deno.ChildProcess;
  /** Resolves with stderr's text so far once `pattern` shows up in it. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Waits for the exit; collects the output. */
  finished(): Promise<Finished>;
}

/** Starts `torq <args>` from the repository root, output piped. */
export function startTorq(args: string[]): Running {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/main.ts", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const decoder = new TextDecoder();
  let stderr = "";
  let stdout = "";
  const waiters: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  const readErr = (async () => {
    for await (const chunk of child.stderr) {
      stderr += decoder.decode(chunk, { stream: true });
      for (const w of [...waiters]) {
        if (w.pattern.test(stderr)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(stderr);
        }
      }
    }
  })();
  const readOut = (async () => {
    for await (const chunk of child.stdout) stdout += decoder.decode(chunk, { stream: true });
  })();
  return {
    child,
    waitFor(pattern, timeoutMs) {
      if (pattern.test(stderr)) return Promise.resolve(stderr);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.findIndex((w) => w.pattern === pattern), 1);
          reject(new Error(`no ${pattern} on stderr within ${timeoutMs} ms:\n${stderr}`));
        }, timeoutMs);
        waiters.push({
          pattern,
          resolve: (s) => {
            clearTimeout(timer);
            resolve(s);
          },
        });
      });
    },
    async finished() {
      const status = await child.status;
      await Promise.all([readErr, readOut]);
      return { code: status.code, stdout, stderr };
    },
  };
}

/** The Anvil pid and port the pipeline announced on stderr. */
export function announcedAnvil(stderr: string): { pid: number; port: number } {
  const m = /at ws:\/\/127\.0\.0\.1:(\d+) \(Anvil pid (\d+)\)/.exec(stderr);
  if (m === null) throw new Error(`no Anvil announced on stderr:\n${stderr}`);
  return { port: Number(m[1]), pid: Number(m[2]) };
}

/** Whether a process with this pid runs Anvil now. */
export function anvilRunning(pid: number): boolean {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).includes("anvil");
  } catch {
    return false;
  }
}

/** Whether something accepts connections on 127.0.0.1:port. */
export async function listening(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    conn.close();
    return true;
  } catch {
    return false;
  }
}
