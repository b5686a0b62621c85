// tests/chain/_tcp_proxy.ts — a loopback TCP proxy a test can cut and restore, to drop a
// collector's WebSocket the way a network failure would.

/** Forwards 127.0.0.1:port to 127.0.0.1:target until cut. */
export class TcpProxy {
  readonly target: number;
  #port = 0;
  #listener: Deno.Listener | undefined;
  #accepting: Promise<void> | undefined;
  readonly #conns = new Set<Deno.Conn>();
  readonly #pipes = new Set<Promise<unknown>>();
  /** Connections accepted so far. */
  accepted = 0;

  private constructor(target: number) {
    this.target = target;
  }

  /** Starts a proxy on a free port. */
  static async start(target: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.restore();
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** Listens again (on the same port after a cut). */
  restore(): Promise<void> {
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: this.#port });
    this.#port = (this.#listener.addr as Deno.NetAddr).port;
    this.#accepting = this.#accept(this.#listener);
    return Promise.resolve();
  }

  /** Stops listening and drops every connection. */
  async cut(): Promise<void> {
    this.#listener?.close();
    this.#listener = undefined;
    await this.#accepting;
    for (const c of this.#conns) {
      try {
        c.close();
      } catch {
        // already closed by the other side
      }
    }
    this.#conns.clear();
    await Promise.allSettled([...this.#pipes]);
    this.#pipes.clear();
  }

  async #accept(listener: Deno.Listener): Promise<void> {
    try {
      for await (const conn of listener) {
        this.accepted++;
        let upstream: Deno.Conn;
        try {
          upstream = await Deno.connect({ hostname: "127.0.0.1", port: this.target });
        } catch {
          conn.close();
          continue;
        }
        this.#conns.add(conn);
        this.#conns.add(upstream);
        for (
          const p of [
            conn.readable.pipeTo(upstream.writable),
            upstream.readable.pipeTo(conn.writable),
          ]
        ) {
          const settled = p.catch(() => {});
          this.#pipes.add(settled);
        }
      }
    } catch {
      // the listener was closed
    }
  }
}
