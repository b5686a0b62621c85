// tests/chain/_cli.ts — run the torq CLI as a real subprocess and capture what it prints.

const CLI = new URL("../../cli/main.ts", import.meta.url).pathname;

/** A running `torq` subprocess whose stdout and stderr are collected as they come. */
export class TorqProcess {
  readonly child: Deno.ChildProcess;
  readonly #stdout: Uint8Array[] = [];
  readonly #stderr: string[] = [];
  readonly #done: Promise<void>;

  constructor(args: string[]) {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", CLI, ...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.child = child;
    const out = (async () => {
      for await (const chunk of child.stdout) this.#stdout.push(chunk);
    })();
    const err = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of child.stderr) this.#stderr.push(decoder.decode(chunk));
    })();
    this.#done = Promise.all([out, err]).then(() => {});
  }

  get pid(): number {
    return this.child.pid;
  }

  /** Everything printed on stdout so far. */
  stdout(): Uint8Array {
    const out = new Uint8Array(this.#stdout.reduce((n, c) => n + c.length, 0));
    let off = 0;
    for (const c of this.#stdout) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }

  stdoutText(): string {
    return new TextDecoder().decode(this.stdout());
  }

  stderr(): string {
    return this.#stderr.join("");
  }

  kill(signal: Deno.Signal): void {
    try {
      this.child.kill(signal);
    } catch {
      // already exited
    }
  }

  /** Waits for the exit and for both streams to close. */
  async status(): Promise<Deno.CommandStatus> {
    const status = await this.child.status;
    await this.#done;
    return status;
  }
}

/** Runs `torq args…` to completion. */
export async function runTorq(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = new TorqProcess(args);
  const { code } = await p.status();
  return { code, stdout: p.stdoutText(), stderr: p.stderr() };
}
