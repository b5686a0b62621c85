// lib/transport/domain_sink.ts — one job: keep a relay sink to its own domain, counting the
// frames of other domains it was handed instead of sending them to be rejected.
import { HEADER_SIZE } from "../protocol/mod.ts";
import type { FrameSink } from "./transport_types.ts";

/** A {@linkcode FrameSink} that passes on one domain's frames; `skipped` counts the others. */
export interface DomainSink extends FrameSink {
  /** The domain passed on. */
  readonly domain: number;
  /** Frames of other domains not passed on, by domain. */
  readonly skipped: ReadonlyMap<number, number>;
}

/**
 * Wrap `sink` (a relay publisher) so only frames of `domain` reach it. A relay refuses frames
 * of another domain (each refusal logged and counted there); a stage that forwards what it
 * read from other relays would otherwise fill that log. Runs of several frames are split by
 * header. What is not passed on is counted in `skipped`, for the stage to report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { openFrameSink } from "./frame_sink.ts";
 * import { domainSink } from "./domain_sink.ts";
 * const path = await Deno.makeTempFile();
 * const sink = domainSink(await openFrameSink(path), RelayDomain.Execution);
 * const cancel = [TlvType.OrderCancel, { orderId: 1n, reasonCode: 0 }] as const;
 * await sink.write(buildFrame(RelayDomain.Execution, 4, 1n, [cancel]));
 * await sink.write(buildFrame(RelayDomain.Signal, 4, 1n, [cancel]));
 * await sink.close();
 * assert.equal((await Deno.readFile(path)).length, 44);
 * assert.equal(sink.skipped.get(RelayDomain.Signal), 1);
 * await Deno.remove(path);
 * ```
 */
export function domainSink(sink: FrameSink, domain: number): DomainSink {
  const skipped = new Map<number, number>();
  const skip = (d: number) => skipped.set(d, (skipped.get(d) ?? 0) + 1);
  return {
    domain,
    skipped,
    get stats() {
      return sink.stats;
    },
    writeFrame(frame) {
      if (frame.domain === domain) return sink.writeFrame(frame);
      skip(frame.domain);
      return Promise.resolve();
    },
    async write(bytes) {
      let at = 0;
      let from = 0; // start of the current run of frames of `domain`
      while (at + HEADER_SIZE <= bytes.length) {
        const size = HEADER_SIZE + new DataView(bytes.buffer, bytes.byteOffset + at + 24, 4)
          .getUint32(0, true);
        const d = bytes[at + 4]!;
        if (d !== domain) {
          if (at > from) await sink.write(bytes.subarray(from, at));
          skip(d);
          from = at + size;
        }
        at += size;
      }
      if (from === 0) return await sink.write(bytes);
      if (from < bytes.length) await sink.write(bytes.subarray(from));
    },
    flush: () => sink.flush(),
    close: () => sink.close(),
  };
}
