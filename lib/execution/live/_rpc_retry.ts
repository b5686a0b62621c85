// lib/execution/live/_rpc_retry.ts — one job: retry an RPC call a bounded number of times, and
// only when the failure is transient (network, timeout, rate limit, 5xx), never on a revert or
// a refusal, which would fail the same way again.
import {
  BaseError,
  HttpRequestError,
  LimitExceededRpcError,
  SocketClosedError,
  TimeoutError,
  WebSocketRequestError,
} from "viem";

/** Whether `error` is worth retrying. */
export function isTransientRpcError(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  return error.walk((e) => {
    if (e instanceof HttpRequestError) {
      const s = e.status;
      return s === undefined || s === 429 || s >= 500;
    }
    return e instanceof TimeoutError || e instanceof SocketClosedError ||
      e instanceof WebSocketRequestError || e instanceof LimitExceededRpcError;
  }) !== null;
}

/** Runs `fn` up to `attempts` times while it fails transiently, waiting `delayMs`·n between. */
export async function withRetries<T>(
  fn: () => Promise<T>,
  attempts: number,
  delayMs: number,
): Promise<T> {
  for (let n = 1;; n++) {
    try {
      return await fn();
    } catch (e) {
      if (n >= attempts || !isTransientRpcError(e)) throw e;
      await new Promise((resolve) => setTimeout(resolve, delayMs * n));
    }
  }
}
