// lib/store/influx_client.ts — one job: talk to InfluxDB 1.x over HTTP: `/write` (line
// protocol, ns precision) with retries and backoff, `/query` (InfluxQL) with exact integers.
import { StoreError } from "./errors.ts";

/** Options of {@linkcode InfluxClient}. */
export interface InfluxClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8086`. */
  readonly url: string;
  /** Database name. */
  readonly db: string;
  /** Attempts per write before giving up (default 6). */
  readonly attempts?: number;
  /** First backoff, ms; doubled per attempt up to `maxBackoffMs` (default 200). */
  readonly backoffMs?: number;
  /** Longest backoff, ms (default 5000). */
  readonly maxBackoffMs?: number;
  /** Told of each failed attempt that will be retried. */
  readonly onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

/** One series of a query result; integers are bigint, so nothing is rounded. */
export interface InfluxSeries {
  readonly name: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[];
}

// Numbers beyond 2^53 in a query answer would be rounded by JSON.parse: keep integers exact.
function parseExact(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) => {
    if (typeof value === "number" && context?.source !== undefined) {
      return /^-?\d+$/.test(context.source) ? BigInt(context.source) : value;
    }
    return value;
  });
}

/**
 * A client of one database on an InfluxDB 1.x server. `write` retries 5xx answers and
 * connection errors with exponential backoff and throws `INFLUX_UNREACHABLE` naming the URL
 * when every attempt failed; a 4xx (a bad point, a type conflict) throws `INFLUX_REJECTED`
 * with InfluxDB's reason, without retrying. Nothing is dropped silently.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InfluxClient } from "./influx_client.ts";
 * const client = new InfluxClient({ url: "http://127.0.0.1:1", db: "torq", attempts: 1 });
 * await assert.rejects(client.write(["m v=1i 1"]), /Cannot reach InfluxDB at http:\/\/127\.0\.0\.1:1/);
 * ```
 */
export class InfluxClient {
  readonly url: string;
  readonly db: string;
  readonly #o: InfluxClientOptions;

  constructor(options: InfluxClientOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new StoreError("BAD_URL", `InfluxDB URL "${options.url}" is not a URL`, {
        url: options.url,
      }, { userInput: true });
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new StoreError(
        "BAD_URL",
        `InfluxDB URL "${options.url}" must start with http:// or https://`,
        { url: options.url },
        { userInput: true },
      );
    }
    this.url = options.url.replace(/\/+$/, "");
    this.db = options.db;
    this.#o = options;
  }

  /** `CREATE DATABASE` (a no-op when it exists). */
  async createDatabase(): Promise<void> {
    await this.#retrying("create database", () =>
      fetch(`${this.url}/query`, {
        method: "POST",
        body: new URLSearchParams({ q: `CREATE DATABASE "${this.db.replace(/"/g, '\\"')}"` }),
      }));
  }

  /** Write lines of line protocol (times in ns) in one request, retrying as described. */
  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const body = lines.join("\n") + "\n";
    const q = new URLSearchParams({ db: this.db, precision: "ns" });
    await this.#retrying(
      `write of ${lines.length} point(s)`,
      () => fetch(`${this.url}/write?${q}`, { method: "POST", body }),
    );
  }

  /** Run an InfluxQL query on the database; series of the first statement, ints exact. */
  async query(influxql: string): Promise<InfluxSeries[]> {
    const q = new URLSearchParams({ db: this.db, q: influxql, epoch: "ns" });
    const r = await this.#retrying("query", () => fetch(`${this.url}/query?${q}`));
    const body = parseExact(r) as {
      results?: { series?: InfluxSeries[]; error?: string }[];
      error?: string;
    };
    const first = body.results?.[0];
    const error = body.error ?? first?.error;
    if (error !== undefined) {
      throw new StoreError(
        "INFLUX_QUERY",
        `InfluxDB at ${this.url} refused "${influxql}": ${error}`,
        {
          url: this.url,
          query: influxql,
        },
      );
    }
    return first?.series ?? [];
  }

  async #retrying(what: string, send: () => Promise<Response>): Promise<string> {
    const attempts = this.#o.attempts ?? 6;
    let wait = this.#o.backoffMs ?? 200;
    for (let attempt = 1;; attempt++) {
      let reason: string;
      try {
        const r = await send();
        const text = await r.text();
        if (r.ok) return text;
        reason = `HTTP ${r.status}: ${text.trim().slice(0, 300)}`;
        if (r.status < 500) {
          throw new StoreError(
            "INFLUX_REJECTED",
            `InfluxDB at ${this.url} rejected the ${what}: ${reason}`,
            { url: this.url, status: r.status },
          );
        }
      } catch (e) {
        if (e instanceof StoreError) throw e;
        reason = (e as Error).message;
      }
      if (attempt >= attempts) {
        throw new StoreError(
          "INFLUX_UNREACHABLE",
          `Cannot reach InfluxDB at ${this.url}: the ${what} failed ${attempt} time(s), last: ${reason}`,
          { url: this.url, attempts: attempt },
        );
      }
      this.#o.onRetry?.(attempt, reason, wait);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, this.#o.maxBackoffMs ?? 5000);
    }
  }
}
