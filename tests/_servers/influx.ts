// tests/_servers/influx.ts — one job: a real `influxd` (InfluxDB 1.x) on free loopback ports
// with its data in a temporary folder, started for a test and always stopped.
import { serverProcess, waitReady } from "./_server_process.ts";

/** A running influxd: its HTTP URL, and `stop` (or `await using`) to end it and remove its data. */
export interface InfluxServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT` of its HTTP API (`/ping`, `/write`, `/query`). */
  readonly url: string;
  /** Stop the server (SIGTERM, then SIGKILL after 5 s) and remove its folder. */
  stop(): Promise<void>;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

function config(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[coordinator]
  log-queries-after = "0s"
[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = false
  log-enabled = false
  write-tracing = false
  pprof-enabled = false
[logging]
  level = "error"
  suppress-logo = true
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[continuous_queries]
  enabled = false
`;
}

/**
 * Start `influxd` (from PATH; Debian's influxdb package) with a generated config: HTTP and
 * the RPC bind address on free loopback ports, meta, data and WAL in a temporary folder.
 * Resolves once `/ping` answers.
 */
export async function startInflux(): Promise<InfluxServer> {
  const dir = await Deno.makeTempDir({ prefix: "torq-influx-" });
  const httpPort = freePort();
  const rpcPort = freePort();
  await Deno.writeTextFile(`${dir}/influxdb.conf`, config(dir, httpPort, rpcPort));
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("influxd", {
      args: ["run", "-config", `${dir}/influxdb.conf`],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      env: { INFLUXDB_DATA_QUERY_LOG_ENABLED: "false" },
    }).spawn();
  } catch (e) {
    await Deno.remove(dir, { recursive: true });
    throw new Error(`cannot start influxd (apt-get install influxdb): ${(e as Error).message}`);
  }
  const url = `http://127.0.0.1:${httpPort}`;
  const server = serverProcess(child, dir);
  const stop = () => server.stop();
  await waitReady(
    child,
    server,
    async () => {
      try {
        const r = await fetch(`${url}/ping`);
        await r.body?.cancel();
        return r.status === 204;
      } catch {
        return false; // not listening yet
      }
    },
    `influxd did not answer /ping on ${url}`,
    20_000,
    50,
  );
  return { url, stop, [Symbol.asyncDispose]: stop };
}
