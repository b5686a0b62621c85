// lib/transport/relay_socket.ts — one job: take a relay's socket path: create its folder,
// clear a stale socket left by a dead relay, refuse when a live one answers.
import { TransportError } from "./errors.ts";

/** The listener, and whether a stale socket file was removed first. */
export interface RelaySocket {
  readonly listener: Deno.Listener<Deno.UnixConn, Deno.UnixAddr>;
  readonly removedStale: boolean;
}

async function exists(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/**
 * Listen on `path`. An existing socket that accepts a connection belongs to a live relay:
 * RELAY_ALIVE. One that refuses is stale (its relay died without cleaning up) and is
 * removed. Anything else at the path (a file, a folder) is NOT_A_SOCKET and left alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { listenRelaySocket } from "./relay_socket.ts";
 * const dir = await Deno.makeTempDir();
 * const { listener } = await listenRelaySocket(`${dir}/x.sock`);
 * await assert.rejects(listenRelaySocket(`${dir}/x.sock`), /already running/);
 * listener.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function listenRelaySocket(path: string): Promise<RelaySocket> {
  const dir = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  if (dir !== "") await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  let removedStale = false;
  const info = await exists(path);
  if (info !== null) {
    if (!info.isSocket) {
      throw new TransportError(
        "NOT_A_SOCKET",
        `${path} exists and is not a socket; not removing it (choose another --socket)`,
        { path },
      );
    }
    let alive = false;
    try {
      const probe = await Deno.connect({ transport: "unix", path });
      probe.close();
      alive = true;
    } catch (e) {
      if (!(e instanceof Deno.errors.ConnectionRefused)) throw e;
    }
    if (alive) {
      throw new TransportError(
        "RELAY_ALIVE",
        `A relay is already running on ${path}; stop it first or use another --socket`,
        { path },
      );
    }
    await Deno.remove(path);
    removedStale = true;
  }
  try {
    return { listener: Deno.listen({ transport: "unix", path }), removedStale };
  } catch (e) {
    throw new TransportError(
      "CANNOT_LISTEN",
      `Cannot listen on ${path}: ${(e as Error).message}`,
      { path },
      { cause: e },
    );
  }
}
