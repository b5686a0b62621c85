// lib/protocol/framer.ts — one job: cut a byte stream into frames, whatever the read sizes.
import { HEADER_SIZE, MAX_PAYLOAD_SIZE } from "./constants.ts";
import { ProtocolError } from "./errors.ts";
import { checkHeader, type Frame, parseFrame, type ReadOptions } from "./frame.ts";

/** What the framer skipped to resynchronise after a bad frame. */
export interface SkipReport {
  /** Why the bytes were skipped. */
  readonly error: ProtocolError;
  /** Stream offset of the first skipped byte. */
  readonly offset: number;
  /** How many bytes were skipped. */
  readonly bytes: number;
}

/** Options of a {@linkcode FrameStream}. */
export interface FramerOptions extends ReadOptions {
  /** Skip bad frames by resynchronising on the next magic instead of failing the stream. */
  readonly skipInvalid?: boolean;
  /** Called for each skipped region (only with `skipInvalid`). */
  readonly onSkip?: (report: SkipReport) => void;
}

/** Running counts of a {@linkcode FrameStream}. */
export interface FramerStats {
  /** Frames passed on. */
  frames: number;
  /** Bytes of the frames passed on. */
  frameBytes: number;
  /** Bad regions skipped (one per resynchronisation). */
  skipped: number;
  /** Bytes skipped. */
  skippedBytes: number;
}

const MAGIC0 = 0xef;

// Index of the next magic at or after `from`, a possible magic cut by `end` (when not final),
// or -1.
function findMagic(b: Uint8Array, from: number, end: number, final: boolean): number {
  for (let i = b.indexOf(MAGIC0, from); i !== -1 && i < end; i = b.indexOf(MAGIC0, i + 1)) {
    if (i + 4 > end) return final ? -1 : i;
    if (b[i + 1] === 0xbe && b[i + 2] === 0xad && b[i + 3] === 0xde) return i;
  }
  return -1;
}

// Resolves once the consumer has read every frame already queued, so an error does not
// discard them (erroring a stream drops its queue).
async function drained(controller: TransformStreamDefaultController<Frame>): Promise<void> {
  while ((controller.desiredSize ?? 0) < 0) await new Promise((r) => setTimeout(r, 0));
}

/**
 * A `TransformStream` from arbitrary byte chunks to validated frames. Frames are framed by
 * header and `payload_size`, never by chunk size: one chunk may hold many frames or part of
 * one. Frames are zero-copy views of the chunks (bytes of a frame split across chunks are
 * gathered once, in a buffer that grows geometrically), so a producer must not reuse a
 * chunk's buffer after enqueuing it. Without `skipInvalid` the first bad frame errors the
 * stream — after every frame before it has been read — with a ProtocolError whose offset
 * counts from the stream start; with it, the framer resynchronises on the next magic and
 * counts what it skipped. A stream that ends inside a frame is a TRUNCATED_FRAME error (or a
 * skip, after which the framer still looks for frames in the rest): it never hangs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, FrameStream, RelayDomain, TlvType } from "./mod.ts";
 * const one = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * const bytes = new Uint8Array([...one, ...one]);
 * const framer = new FrameStream();
 * const frames = await Array.fromAsync(ReadableStream.from([bytes.slice(0, 5),
 *   bytes.slice(5)]).pipeThrough(framer));
 * assert.equal(frames.length, 2);
 * assert.equal(framer.stats.frames, 2);
 * ```
 */
export class FrameStream extends TransformStream<Uint8Array, Frame> {
  /** Live counts; read them at any time. */
  readonly stats: FramerStats;

  constructor(options: FramerOptions = {}) {
    const stats: FramerStats = { frames: 0, frameBytes: 0, skipped: 0, skippedBytes: 0 };
    const cap = Math.min(options.maxPayloadSize ?? MAX_PAYLOAD_SIZE, MAX_PAYLOAD_SIZE);
    const readOptions: ReadOptions = { ...options, maxPayloadSize: cap };
    const skip = options.skipInvalid === true;
    // Bytes not yet consumed: pending[0, pendingLength) sit at stream offset `base`.
    let pending: Uint8Array | null = null;
    let pendingLength = 0;
    let base = 0;
    let failure: ProtocolError | null = null;
    // Inside a bad region (skip mode only): why, and its first stream offset.
    let badError: ProtocolError | null = null;
    let badStart = 0;

    const skipRegion = (error: ProtocolError, offset: number, bytes: number) => {
      stats.skipped++;
      stats.skippedBytes += bytes;
      options.onSkip?.({ error, offset, bytes });
    };

    // Emit every frame of buf[0, end); returns where the unconsumed bytes start. When
    // `final`, nothing more will come: an incomplete frame is an error, not a wait.
    const scan = (
      buf: Uint8Array,
      end: number,
      final: boolean,
      controller: TransformStreamDefaultController<Frame>,
    ): number => {
      let pos = 0;
      while (pos < end) {
        if (badError !== null) {
          const next = findMagic(buf, pos, end, final);
          if (next === -1 || next + 4 > end) {
            pos = next === -1 ? end : next; // keep a possible magic cut by the chunk's end
            break;
          }
          skipRegion(badError, badStart, base + next - badStart);
          badError = null;
          pos = next;
        }
        let frame: Frame;
        try {
          if (end - pos < HEADER_SIZE && !final) break;
          const size = checkHeader(buf, pos, end, cap, base);
          if (end - pos - HEADER_SIZE < size && !final) break;
          frame = parseFrame(buf, pos, readOptions, base, end);
        } catch (e) {
          if (!(e instanceof ProtocolError)) throw e;
          if (!skip) {
            failure = e;
            return pos;
          }
          badError = e;
          badStart = base + pos;
          pos++;
          continue;
        }
        controller.enqueue(frame);
        stats.frames++;
        stats.frameBytes += frame.size;
        pos += frame.size;
      }
      if (final && badError !== null) {
        skipRegion(badError, badStart, base + end - badStart);
        badError = null;
        return end;
      }
      return pos;
    };

    // Keep buf[pos, end) for the next chunk; reuse `pending` only if no frame points into it.
    const keep = (buf: Uint8Array, pos: number, end: number) => {
      const rest = end - pos;
      base += pos;
      if (rest === 0) {
        pending = null;
        pendingLength = 0;
        return;
      }
      if (buf === pending && pos === 0) {
        pendingLength = end;
        return;
      }
      // Room for the whole frame when its header is in, else for twice what we have.
      let want = Math.max(256, 2 * rest);
      if (rest >= HEADER_SIZE && badError === null) {
        const size = buf[pos + 24]! | (buf[pos + 25]! << 8) | (buf[pos + 26]! << 16) |
          (buf[pos + 27]! << 24);
        want = Math.max(want, HEADER_SIZE + Math.min(size >>> 0, cap));
      }
      const next = new Uint8Array(want);
      next.set(buf.subarray(pos, end));
      pending = next;
      pendingLength = rest;
    };

    super({
      async transform(chunk, controller) {
        if (failure !== null) return;
        let buf = chunk;
        let end = chunk.length;
        if (pending !== null) {
          const p: Uint8Array = pending;
          let target = p;
          if (pendingLength + chunk.length > p.length) {
            target = new Uint8Array(Math.max(2 * p.length, pendingLength + chunk.length));
            target.set(p.subarray(0, pendingLength));
          }
          target.set(chunk, pendingLength);
          pending = target;
          buf = target;
          end = pendingLength + chunk.length;
        }
        const pos = scan(buf, end, false, controller);
        if (failure !== null) {
          await drained(controller);
          controller.error(failure);
          return;
        }
        keep(buf, pos, end);
      },
      async flush(controller) {
        if (failure !== null) return;
        if (pending !== null) scan(pending, pendingLength, true, controller);
        else if (badError !== null) {
          skipRegion(badError, badStart, base - badStart);
          badError = null;
        }
        if (failure !== null) {
          await drained(controller);
          controller.error(failure);
        }
      },
    });
    this.stats = stats;
  }
}
