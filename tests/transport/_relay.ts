// tests/transport/_relay.ts — an in-process relay on a real Unix socket, always stopped, and
// helpers to read a subscription.
import type { Frame } from "../../lib/protocol/mod.ts";
import { Relay, type RelayOptions, type Subscription } from "../../lib/transport/mod.ts";

/** Run `fn` with a relay on a fresh socket; its log lines are collected, not printed. */
export async function withRelay<T>(
  options: Omit<RelayOptions, "path" | "log">,
  fn: (relay: Relay, log: string[]) => Promise<T>,
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "torq-relay-" });
  const log: string[] = [];
  const relay = await Relay.start({
    reportEveryMs: 0,
    ...options,
    path: `${dir}/relay.sock`,
    log: (l) => log.push(l),
  });
  try {
    return await fn(relay, log);
  } finally {
    await relay.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Read `n` frames from a subscription (copies of their bytes), failing after `ms`. */
export async function take(sub: Subscription, n: number, ms = 10_000): Promise<Frame[]> {
  const reader = sub.frames.getReader();
  const out: Frame[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`only ${out.length} of ${n} frames within ${ms} ms`)),
      ms,
    );
  });
  try {
    while (out.length < n) {
      const r = await Promise.race([reader.read(), late]);
      if (r.done) throw new Error(`stream ended after ${out.length} of ${n} frames`);
      out.push(r.value);
    }
    return out;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/** `source:sequence` of each frame. */
export const ids = (frames: readonly Frame[]) => frames.map((f) => `${f.source}:${f.sequence}`);
