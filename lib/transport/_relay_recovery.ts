// lib/transport/_relay_recovery.ts — one job: answer a subscriber's RecoveryRequest from the
// relay's rings: what is held is retransmitted, what is not is declared unavailable.
import type { RecoveryRequest, RelayDomain } from "../protocol/mod.ts";
import { RecoveryStatus } from "./control.ts";
import type { FrameRing } from "./frame_ring.ts";
import type { Peer } from "./_relay_peer.ts";
import type { RelayStats } from "./relay_stats.ts";

/** What a retransmission needs from its relay. */
export interface RecoveryContext {
  readonly domain: RelayDomain;
  readonly rings: ReadonlyMap<number, FrameRing>;
  readonly stats: RelayStats;
}

/**
 * Queue the answer to `req` behind any earlier one of the same peer: RecoveryResponse
 * status 3 for the part older than the ring, status 1 followed by the held frames that match
 * the peer's topics (paced to half its queue bound, so live frames keep flowing) with status 3
 * for holes (frames it rejected or never saw), status 3 for the part after the newest frame
 * it holds, then a SequenceSync with `lastSequence = toSequence` that
 * marks the end of the answer.
 */
export function serveRecovery(ctx: RecoveryContext, peer: Peer, req: RecoveryRequest): void {
  ctx.stats.recovery.requests++;
  peer.recovery = peer.recovery.then(() => answer(ctx, peer, req));
}

async function answer(ctx: RecoveryContext, peer: Peer, req: RecoveryRequest): Promise<void> {
  const c = peer.control;
  const { requestId, source } = req;
  const unavailable = (from: bigint, to: bigint) => {
    ctx.stats.recovery.unavailable += Number(to - from + 1n);
    peer.pushControl(c.recoveryResponse(requestId, source, from, to, RecoveryStatus.Unavailable));
  };
  const end = () => peer.pushControl(c.sequenceSync(source, ctx.domain, req.toSequence));
  const ring = ctx.rings.get(source);
  const from = req.fromSequence;
  const to = req.toSequence;
  if (from < 1n || to < from) {
    unavailable(from < 1n ? 1n : from, to < from ? from : to);
    end();
    return;
  }
  if (
    ring === undefined || ring.last === 0 || to < BigInt(ring.first) || from > BigInt(ring.last)
  ) {
    unavailable(from, to);
    end();
    return;
  }
  const first = BigInt(ring.first);
  const last = BigInt(ring.last);
  if (from < first) unavailable(from, first - 1n);
  const a = from < first ? ring.first : Number(from);
  const b = to > last ? ring.last : Number(to);
  // Take the views now: the ring may move on while this answer waits for queue room. Holes
  // (frames the relay never accepted) are declared unavailable where they fall.
  const items: Array<Uint8Array | readonly [number, number]> = [];
  let hole = 0;
  for (let s = a; s <= b + 1; s++) {
    const v = s <= b ? ring.get(s) : undefined;
    if (v === undefined && s <= b) {
      if (hole === 0) hole = s;
      continue;
    }
    if (hole !== 0) items.push([hole, s - 1]);
    hole = 0;
    if (v !== undefined) items.push(v);
  }
  peer.pushControl(
    c.recoveryResponse(requestId, source, BigInt(a), BigInt(b), RecoveryStatus.Retransmit),
  );
  const setup = peer.setup!;
  const own = !setup.echo && peer.published.has(source);
  const half = setup.capacity / 2;
  for (const item of items) {
    if (!(item instanceof Uint8Array)) {
      unavailable(BigInt(item[0]), BigInt(item[1]));
      continue;
    }
    if (own || (setup.matcher !== null && !setup.matcher(item, 0, item.length))) continue;
    if (peer.queued >= half) await peer.drained();
    if (peer.closed) return;
    peer.push(item, 0, item.length, true);
    ctx.stats.recovery.retransmitted++;
  }
  if (to > last) unavailable(last + 1n, to);
  end();
}
