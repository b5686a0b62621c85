// lib/chain/head_watcher.ts — one job: tell the collector when to look for new blocks: on each
// WebSocket newHeads notification, or on a polling timer while the socket is down.
import { getWebSocketRpcClient } from "viem/utils";

/** Options of a {@linkcode HeadWatcher}. */
export interface HeadWatcherOptions {
  /** ws:// or wss:// endpoint to subscribe to newHeads on; without it the watcher only polls. */
  readonly wsUrl?: string;
  /** Poll interval while there is no live subscription, ms (default 1000). */
  readonly pollIntervalMs?: number;
  /** Poll interval while subscribed, as a safety net for a silent socket, ms (default 15000). */
  readonly safetyPollMs?: number;
  /** First reconnect delay, doubled after each failure, ms (default 250). */
  readonly backoffInitialMs?: number;
  /** Longest reconnect delay, ms (default 10000). */
  readonly backoffMaxMs?: number;
  /** Health lines (connection lost, reconnecting, reconnected). */
  readonly log?: (line: string) => void;
}

type SocketClient = Awaited<ReturnType<typeof getWebSocketRpcClient>>;

/**
 * Wakes its consumer on every new head. With a WebSocket URL it subscribes to `newHeads`; when
 * the socket fails it says so through `log`, falls back to polling, and reconnects with
 * exponential backoff. Without one it polls. `next()` resolves on the first wake-up or timer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HeadWatcher } from "./head_watcher.ts";
 * const w = new HeadWatcher({ pollIntervalMs: 10 });
 * w.start();
 * assert(await w.next() === "poll");
 * await w.close();
 * ```
 */
export class HeadWatcher {
  readonly #o: HeadWatcherOptions;
  #client: SocketClient | undefined;
  #connected = false;
  #closed = false;
  #pending = false;
  #wake: (() => void) | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #backoff: number;
  #failures = 0;
  #connecting: Promise<void> | undefined;
  /** Successful subscriptions after the first. */
  reconnects = 0;
  /** newHeads notifications received. */
  heads = 0;

  constructor(options: HeadWatcherOptions) {
    this.#o = options;
    this.#backoff = options.backoffInitialMs ?? 250;
  }

  /** Whether a newHeads subscription is live. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Starts the subscription (when there is a WebSocket URL) in the background. */
  start(): void {
    if (this.#o.wsUrl !== undefined) this.#connecting = this.#connect();
  }

  /** Resolves with `"head"` on a notification (or a `poke`), `"poll"` when the timer fires. */
  next(): Promise<"head" | "poll"> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve("head");
    }
    const wait = this.#connected
      ? (this.#o.safetyPollMs ?? 15_000)
      : (this.#o.pollIntervalMs ?? 1_000);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve("poll");
      }, wait);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        this.#pending = false;
        resolve("head");
      };
    });
  }

  /** Wakes the consumer now (e.g. to stop, or after a reconnect to back-fill). */
  poke(): void {
    this.#pending = true;
    this.#wake?.();
  }

  /** Stops the subscription and every timer; a waiting `next()` resolves. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await this.#connecting?.catch(() => {});
    this.#drop();
    this.poke();
  }

  async #connect(): Promise<void> {
    const url = this.#o.wsUrl!;
    let client: SocketClient | undefined;
    try {
      client = await getWebSocketRpcClient(url, { reconnect: false, keepAlive: false });
      if (this.#closed) {
        client.close();
        return;
      }
      this.#client = client;
      await new Promise<void>((resolve, reject) => {
        client!.request({
          body: { method: "eth_subscribe", params: ["newHeads"] },
          onResponse: (message) => {
            const r = message as { error?: { message?: string } | undefined; method?: unknown };
            if (r.error !== undefined) return reject(new Error(r.error.message ?? "error"));
            if (r.method === "eth_subscription") {
              this.heads++;
              this.poke();
              return;
            }
            resolve();
          },
          onError: (e?: Error | Event) => {
            reject(e ?? new Error("socket error"));
            // Closing a dropped client reports its closure again: only the live one counts.
            if (this.#client === client) this.#lost(e);
          },
        });
      });
    } catch (e) {
      if (client !== undefined && this.#client === client) this.#drop();
      if (!this.#closed) this.#lost(e);
      return;
    }
    if (this.#failures > 0) {
      this.reconnects++;
      this.#o.log?.(
        `WebSocket ${url} reconnected after ${this.#failures} failed attempt(s); back-filling`,
      );
    }
    this.#connected = true;
    this.#failures = 0;
    this.#backoff = this.#o.backoffInitialMs ?? 250;
    this.poke(); // back-fill whatever was mined while disconnected
  }

  #lost(e: unknown): void {
    const wasConnected = this.#connected;
    this.#drop();
    if (this.#closed || this.#reconnectTimer !== undefined) return;
    this.#failures++;
    const delay = this.#backoff;
    this.#backoff = Math.min(delay * 2, this.#o.backoffMaxMs ?? 10_000);
    const why = e instanceof Error ? e.message.split("\n")[0] : "connection closed";
    this.#o.log?.(
      `WebSocket ${this.#o.wsUrl} ${wasConnected ? "lost" : "unavailable"} (${why}); ` +
        `polling over HTTP every ${this.#o.pollIntervalMs ?? 1_000} ms, ` +
        `reconnect attempt ${this.#failures} in ${delay} ms`,
    );
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (!this.#closed) this.#connecting = this.#connect();
    }, delay);
    this.poke(); // poll at once: blocks may be waiting
  }

  #drop(): void {
    this.#connected = false;
    const client = this.#client;
    this.#client = undefined;
    try {
      client?.close();
    } catch {
      // Already closed.
    }
  }
}
