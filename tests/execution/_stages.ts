// tests/execution/_stages.ts — drive frame processors by hand and read what they wrote.
import {
  type DecodedTlv,
  decodeTlvs,
  type Frame,
  type KnownTlvType,
  type TlvValues,
} from "../../lib/protocol/mod.ts";
import { usd } from "../../lib/portfolio/mod.ts";
import type { RiskConfigInput } from "../../lib/risk/mod.ts";
import { type FrameProcessor, OutputQueue } from "../../lib/transport/stage_contract.ts";
import { framesOf } from "../chain/_market.ts";

/** Feeds `frames` to `p` in order and returns every frame it wrote (forwarded ones included). */
export async function feed(p: FrameProcessor, frames: readonly Frame[]): Promise<Frame[]> {
  const q = new OutputQueue();
  for (const f of frames) await p.process(f, q);
  return q.take().flatMap((b) => framesOf(b));
}

/** Runs `p.tick(now)` and returns what it wrote. */
export async function tick(p: FrameProcessor, now: bigint): Promise<Frame[]> {
  const q = new OutputQueue();
  await p.tick?.(now, q);
  return q.take().flatMap((b) => framesOf(b));
}

/** Every value of one TLV type in `frames`, in order. */
export function valuesOf<T extends KnownTlvType>(
  frames: readonly Frame[],
  type: T,
): TlvValues[T][] {
  const out: TlvValues[T][] = [];
  for (const f of frames) {
    for (const t of decodeTlvs(f) as DecodedTlv[]) {
      if (t.type === type && "value" in t) out.push(t.value as TlvValues[T]);
    }
  }
  return out;
}

/** The frames holding a TLV of `type`. */
export function framesWith(frames: readonly Frame[], type: number): Frame[] {
  return frames.filter((f) => decodeTlvs(f).some((t) => t.type === type));
}

/** Limits wide enough that a devnet signal (tens of thousands of dollars) is approved in full. */
export const WIDE_LIMITS: RiskConfigInput = {
  limits: {
    maxNotionalUsd: usd("1000000"),
    maxPositionUsd: usd("10000000"),
    maxVenueExposureUsd: usd("10000000"),
    maxNavExposureBps: 10_000,
    maxConcurrentExecutions: 4,
    maxSignalAgeNs: 30_000_000_000n,
  },
};

/** One million USDC (6 decimals) of capital at `address`. */
export function millionUsdc(address: string): Record<string, bigint> {
  return { [address]: 1_000_000n * 10n ** 6n };
}

/** The wall clock, ns. */
export function wallNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
