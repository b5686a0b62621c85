// tests/_servers/_server_process.ts — one job: run a test server process: keep the end of its
// stderr, wait until it is ready, and stop it (SIGTERM, then SIGKILL) and remove its data dir.

/** A started server process. */
export interface ServerProcess {
  /** The last 4,000 characters the server wrote on stderr. */
  log(): string;
  /** Stop it (once) and remove its data dir. */
  stop(): Promise<void>;
}

/** Track `child` (spawned with `stderr: "piped"`) whose data lives in `dir`. */
export function serverProcess(child: Deno.ChildProcess, dir: string): ServerProcess {
  let log = "";
  const logDone = (async () => {
    const dec = new TextDecoder();
    for await (const c of child.stderr) log = (log + dec.decode(c, { stream: true })).slice(-4000);
  })();
  let stopped = false;
  return {
    log: () => log,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* gone */ }
      }, 5000);
      await child.status;
      clearTimeout(timer);
      await logDone;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * Poll `ready` every `everyMs` until it is true; if the process exits or `ms` pass first, stop it
 * and fail with `what` and its log.
 */
export async function waitReady(
  child: Deno.ChildProcess,
  server: ServerProcess,
  ready: () => Promise<boolean>,
  what: string,
  ms: number,
  everyMs: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  let exited = false;
  child.status.then(() => exited = true);
  while (!(await ready())) {
    if (exited || Date.now() > deadline) {
      await server.stop();
      throw new Error(`${what}:\n${server.log()}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
