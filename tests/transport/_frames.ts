// tests/transport/_frames.ts — streams of real frames for transport tests, built in memory.
import {
  FrameBuilder,
  type KnownTlvType,
  RelayDomain,
  SourceType,
  TlvType,
  type TlvValues,
} from "../../lib/protocol/mod.ts";

/** `count` GasPrice frames of one source on the market domain, sequences `first`.. (86 bytes each). */
export function marketFrames(
  count: number,
  first = 1,
  source: number = SourceType.Collector,
): Uint8Array {
  const b = new FrameBuilder({ source, firstSequence: first, initialSize: count * 86 + 64 });
  for (let i = 0; i < count; i++) {
    b.begin(RelayDomain.MarketData, { timestampNs: 1_700_000_000_000_000_000n }).add(
      TlvType.GasPrice,
      {
        chainId: 1,
        blockNumber: BigInt(first + i),
        blockTimestamp: 1_700_000_000n,
        baseFeeWei: 12_000_000_000n + BigInt(i),
        priorityFeeWei: 1_000_000_000n,
      },
    ).end();
  }
  return b.take().slice();
}

/** Size of one frame of {@linkcode marketFrames}. */
export const MARKET_FRAME_SIZE = 86;

/** One frame with one typed TLV, as a fresh array. */
export function oneFrame<T extends KnownTlvType>(
  domain: RelayDomain,
  source: number,
  sequence: bigint,
  type: T,
  value: TlvValues[T],
): Uint8Array {
  const b = new FrameBuilder({ source, initialSize: 512 });
  b.begin(domain, { sequence, timestampNs: 1n }).add(type, value).end();
  return b.take().slice();
}

/** An OrderCancel value. */
export const cancel = (orderId: bigint) => ({ orderId, reasonCode: 0 });

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
