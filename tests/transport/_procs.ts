// tests/transport/_procs.ts — real `torq` processes for transport tests: spawn, watch stderr,
// read stdout, and always reap them, so leak checks stay on.
const REPO = new URL("../../", import.meta.url);

/** A running `torq` subprocess. */
export class Torq {
  readonly child: Deno.ChildProcess;
  /** Everything it wrote on stderr so far. */
  stderr = "";
  private readonly stderrDone: Promise<void>;
  private readonly watchers: Array<{ re: RegExp; resolve: () => void }> = [];
  private stdoutTaken = false;
  readonly args: string[];

  constructor(args: string[], stdout: "piped" | "null" = "null", stdin: "piped" | "null" = "null") {
    this.args = args;
    this.stdoutTaken = stdout === "null";
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "cli/main.ts", ...args],
      cwd: REPO,
      stdin,
      stdout,
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).spawn();
    this.child = child;
    this.stderrDone = (async () => {
      const dec = new TextDecoder();
      for await (const chunk of child.stderr) {
        this.stderr += dec.decode(chunk, { stream: true });
        for (let i = this.watchers.length - 1; i >= 0; i--) {
          if (this.watchers[i]!.re.test(this.stderr)) this.watchers.splice(i, 1)[0]!.resolve();
        }
      }
    })();
  }

  /** Resolves once stderr matches `re`; fails after `ms` with what stderr holds. */
  async waitFor(re: RegExp, ms = 20_000): Promise<void> {
    if (re.test(this.stderr)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Promise<void>((resolve) => this.watchers.push({ re, resolve }));
    const ended = this.child.status.then((s) => {
      // Give the last stderr bytes a moment to arrive before judging.
      return this.stderrDone.then(() => {
        if (!re.test(this.stderr)) {
          throw new Error(
            `torq ${this.args.join(" ")} exited (${s.code}) before ${re}:\n${this.stderr}`,
          );
        }
      });
    });
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`torq ${this.args.join(" ")}: no ${re} within ${ms} ms:\n${this.stderr}`),
          ),
        ms,
      );
    });
    try {
      await Promise.race([seen, ended, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Read all of stdout (only once). */
  async readAll(): Promise<Uint8Array> {
    this.stdoutTaken = true;
    return new Uint8Array(await new Response(this.child.stdout).arrayBuffer());
  }

  /** Take stdout's reader (only once). */
  stdoutReader(): ReadableStreamDefaultReader<Uint8Array> {
    this.stdoutTaken = true;
    return this.child.stdout.getReader();
  }

  /** Wait for exit (killing it after `ms`); resolves to the exit code and full stderr. */
  async done(ms = 60_000): Promise<{ code: number; signal: Deno.Signal | null; stderr: string }> {
    const timer = setTimeout(() => this.kill("SIGKILL"), ms);
    try {
      const s = await this.child.status;
      await this.stderrDone;
      return { code: s.code, signal: s.signal, stderr: this.stderr };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Send a signal (ignored when it has exited). */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    try {
      this.child.kill(signal);
    } catch { /* already exited */ }
  }

  /** Kill if still running and reap: for `finally` blocks. */
  async reap(): Promise<void> {
    this.kill("SIGKILL");
    if (!this.stdoutTaken) await this.child.stdout.cancel().catch(() => {});
    await this.child.status;
    await this.stderrDone;
  }
}

/** `torq relay` on a fresh socket; waits until it listens. */
export async function startRelay(
  domain: string,
  socket: string,
  extra: string[] = [],
): Promise<Torq> {
  const relay = new Torq(["relay", "--domain", domain, "--socket", socket, ...extra]);
  try {
    await relay.waitFor(/listening on/);
  } catch (e) {
    await relay.reap();
    throw e;
  }
  return relay;
}

/** Stop a relay with SIGTERM and return its exit code and stderr (final report included). */
export async function stopRelay(relay: Torq): Promise<{ code: number; stderr: string }> {
  relay.kill("SIGTERM");
  const r = await relay.done(10_000);
  return { code: r.code, stderr: r.stderr };
}

/** Run `fn` with a fresh temporary folder, removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "torq-transport-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Poll until `check` is true; fails after `ms` with `what`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Size of a file, 0 when missing. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).size;
  } catch {
    return 0;
  }
}

/** The last "torq relay" health line in a stderr text. */
export function lastReport(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => / in \d+ \(/.test(l));
  return lines[lines.length - 1] ?? "";
}
