// lib/chain/rate_limiter.ts — one job: keep RPC calls under a rate, so discovery never floods
// a node (a token bucket: bursts up to one second's worth, then the steady rate).
import { ChainError } from "./errors.ts";

/**
 * A token bucket of `perSecond` calls: `take(n)` resolves once `n` calls may go out. Bursts of up
 * to one second's worth pass at once.
 *
 * @throws {ChainError} `BAD_OPTION` for a rate that is not positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RateLimiter } from "./rate_limiter.ts";
 * const limiter = new RateLimiter(1000);
 * const t0 = performance.now();
 * await limiter.take(1000); // the first second's worth goes at once
 * await limiter.take(50); // then 50 more take about 50 ms
 * assert(performance.now() - t0 >= 40);
 * ```
 */
export class RateLimiter {
  readonly perSecond: number;
  #tokens: number;
  #last = performance.now();
  #queue: Promise<void> = Promise.resolve();

  constructor(perSecond: number) {
    if (!(perSecond > 0)) {
      throw new ChainError("BAD_OPTION", `Rate limit must be positive, got ${perSecond}`, {
        perSecond,
      });
    }
    this.perSecond = perSecond;
    this.#tokens = perSecond;
  }

  /** Waits until `n` calls fit under the rate; callers are served in order. */
  take(n = 1): Promise<void> {
    const turn = this.#queue.then(() => this.#take(n));
    this.#queue = turn;
    return turn;
  }

  async #take(n: number): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.#tokens = Math.min(
        this.perSecond,
        this.#tokens + (now - this.#last) * this.perSecond / 1000,
      );
      this.#last = now;
      // A request larger than the bucket waits for a full bucket, then goes.
      const need = Math.min(n, this.perSecond);
      if (this.#tokens >= need) {
        this.#tokens -= n;
        return;
      }
      const waitMs = (need - this.#tokens) * 1000 / this.perSecond;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(waitMs))));
    }
  }
}
