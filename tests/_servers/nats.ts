// tests/_servers/nats.ts — one job: a real nats-server with JetStream on a free port and a
// fresh store folder for a test, stopped (and the folder removed) afterwards.
import { serverProcess, waitReady } from "./_server_process.ts";

/** A running nats-server. */
export interface NatsServer extends AsyncDisposable {
  /** `nats://127.0.0.1:PORT`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The server's process id and store folder (for a synchronous kill at exit). */
  readonly pid: number;
  readonly dir: string;
  /** Stop the server and remove its store folder. */
  stop(): Promise<void>;
}

/** Options of {@linkcode startNats}. */
export interface StartNatsOptions {
  /** Run with JetStream (-js; default true). */
  readonly jetstream?: boolean;
}

const INSTALL = "apt-get install -y nats-server (or deno task test, which installs it)";

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function accepts(port: number): Promise<boolean> {
  try {
    const c = await Deno.connect({ hostname: "127.0.0.1", port });
    c.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Start `nats-server -js -a 127.0.0.1 -p <free port> -sd <temp dir>` and wait until it
 * accepts connections. A missing binary is an error (the test fails, it is not skipped).
 */
export async function startNats(options: StartNatsOptions = {}): Promise<NatsServer> {
  const dir = await Deno.makeTempDir({ prefix: "torq-nats-" });
  const port = freePort();
  const args = ["-a", "127.0.0.1", "-p", String(port)];
  if (options.jetstream !== false) args.push("-js", "-sd", dir);
  let spawned: Deno.ChildProcess | undefined;
  // Debian installs it in /usr/sbin, outside a normal user's PATH.
  for (const binary of ["nats-server", "/usr/sbin/nats-server"]) {
    try {
      const cmd = new Deno.Command(binary, { args, stdout: "null", stderr: "piped" });
      spawned = cmd.spawn();
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) {
        await Deno.remove(dir, { recursive: true });
        throw e;
      }
    }
  }
  if (spawned === undefined) {
    await Deno.remove(dir, { recursive: true });
    throw new Error(`nats-server is not installed; ${INSTALL}`);
  }
  const child = spawned;
  const server = serverProcess(child, dir);
  const stop = () => server.stop();
  await waitReady(
    child,
    server,
    () => accepts(port),
    `nats-server did not start on port ${port}`,
    10_000,
    25,
  );
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    dir,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
