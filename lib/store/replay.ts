// lib/store/replay.ts — one job: replay a recording as a publisher, at the recorded pace (from
// the frames' header timestamps, relative to the first), faster or slower, or at full speed.
import { setTimeout as sleepMs } from "node:timers/promises";
import type { Frame } from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../transport/stage_contract.ts";
import { StoreError } from "./errors.ts";

const MICRO = 1_000_000n;

/**
 * A replay speed as a user types it (`2` = twice as fast, `0.5` = half): a finite number from
 * 0.000001 to 1,000,000, in millionths; anything else is BAD_SPEED marked `userInput`, its
 * message starting with `flag` (e.g. `--speed`) when given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSpeed } from "./replay.ts";
 * assert.equal(parseSpeed("2"), 2_000_000n);
 * assert.equal(parseSpeed("0.25"), 250_000n);
 * assert.throws(() => parseSpeed("0"), /Speed must be/);
 * assert.throws(() => parseSpeed("x", "--speed"), /--speed: Speed must be/);
 * ```
 */
export function parseSpeed(text: string, flag?: string): bigint {
  const x = Number(text);
  const micros = Math.round(x * 1e6);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(micros >= 1) || x > 1e6) {
    throw new StoreError(
      "BAD_SPEED",
      `${
        flag === undefined ? "" : `${flag}: `
      }Speed must be a number from 0.000001 to 1000000 (2 = twice as fast), got "${text}"`,
      { speed: text },
      { userInput: true },
    );
  }
  return BigInt(micros);
}

/**
 * When a frame is due, in ns after the replay started: its header timestamp minus the first
 * frame's, divided by the speed (in millionths: 1,000,000 = recorded pace). A frame stamped
 * before the first is due at once. Pure, so the pacing is tested without clocks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { replayDueNs } from "./replay.ts";
 * assert.equal(replayDueNs(1_000n, 3_000n, 1_000_000n), 2_000n);
 * assert.equal(replayDueNs(1_000n, 3_000n, 2_000_000n), 1_000n); // twice as fast
 * assert.equal(replayDueNs(1_000n, 500n, 1_000_000n), 0n);
 * ```
 */
export function replayDueNs(firstNs: bigint, timestampNs: bigint, speedMicros: bigint): bigint {
  const since = timestampNs - firstNs;
  return since <= 0n ? 0n : since * MICRO / speedMicros;
}

/** Options of {@linkcode replayProcessor}. */
export interface ReplayOptions {
  /** Speed in millionths (1,000,000 = recorded pace); absent = as fast as possible. */
  readonly speedMicros?: bigint;
  /** Monotonic clock, ns (default `performance.now`). */
  readonly clockNs?: () => bigint;
  /** Wait this many ms (default a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The replay stage's logic: forwards every frame unchanged (source, sequence, timestamp and
 * bytes as recorded), each no earlier than {@linkcode replayDueNs} says (waits under 1 ms are
 * not slept: a frame may leave up to 1 ms early, never late by choice).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { OutputQueue } from "../transport/mod.ts";
 * import { replayProcessor } from "./replay.ts";
 * const slept: number[] = [];
 * const p = replayProcessor({ speedMicros: 1_000_000n, clockNs: () => 0n,
 *   sleep: async (ms) => { slept.push(ms); } });
 * const q = new OutputQueue();
 * for (const ts of [5_000_000_000n, 5_250_000_000n]) {
 *   await p.process(parseFrame(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *     { orderId: 1n, reasonCode: 0 }]], { timestampNs: ts })), q);
 * }
 * assert.deepEqual(slept, [250]);
 * assert.equal(q.take().length, 2);
 * ```
 */
export function replayProcessor(o: ReplayOptions = {}): FrameProcessor {
  const clock = o.clockNs ?? (() => BigInt(Math.round(performance.now() * 1e6)));
  const sleep = o.sleep ?? ((ms: number) => sleepMs(ms));
  let first: bigint | undefined;
  let start = 0n;
  return {
    async process(frame: Frame, out: FrameOutput) {
      if (o.speedMicros !== undefined) {
        if (first === undefined) {
          first = frame.timestampNs;
          start = clock();
        } else {
          const wait = replayDueNs(first, frame.timestampNs, o.speedMicros) - (clock() - start);
          if (wait >= 1_000_000n) await sleep(Number(wait / 1000n) / 1000);
        }
      }
      out.forward(frame);
    },
  };
}
