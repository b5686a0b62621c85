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

function findMagic(b: Uint8Array, from: number, end: number): number {
  for (let i = b.indexOf(MAGIC0, from); i !== -1 && i < end; i = b.indexOf(MAGIC0, i + 1)) {
    if (i + 4 > end) return i; // a possible magic cut by the chunk's end: keep it
    if (b[i + 1] === 0xbe && b[i + 2] === 0xad && b[i + 3] === 0xde) return i;
  }
  return -1;
}

/**
 * A `TransformStream` from arbitrary byte chunks to validated frames. Frames are framed by
 * header and `payload_size`, never by chunk size: one chunk may hold many frames or part of
 * one. Frames are zero-copy views of the chunks (a frame split across chunks is copied once),
 * so a producer must not reuse a chunk's buffer after enqueuing it. Without `skipInvalid` the
 * first bad frame errors the stream with a ProtocolError whose offset counts from the stream
 * start; with it, the framer resynchronises on the next magic and counts what it skipped. A
 * stream that ends inside a frame is a TRUNCATED_FRAME error (or a skip): it never hangs.
 *
 * @example
 * ```ts
 * import { buildFrame, FrameStream, RelayDomain, TlvType } from "./mod.ts";
 * const one = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * const bytes = new Uint8Array([...one, ...one]);
 * const framer = new FrameStream();
 * const frames = await Array.fromAsync(ReadableStream.from([bytes.slice(0, 5),
 *   bytes.slice(5)]).pipeThrough(framer));
 * console.assert(frames.length === 2 && framer.stats.frames === 2);
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
    let pending: Uint8Array | null = null; // bytes of an incomplete frame
    let base = 0; // stream offset of pending[0] (or of the next chunk when none)
    let failed = false;
    // Inside a bad region (skip mode only): why, and its first stream offset.
    let badError: ProtocolError | null = null;
    let badStart = 0;

    const skipRegion = (error: ProtocolError, offset: number, bytes: number) => {
      stats.skipped++;
      stats.skippedBytes += bytes;
      options.onSkip?.({ error, offset, bytes });
    };

    super({
      transform(chunk, controller) {
        if (failed) return;
        let buf = chunk;
        if (pending !== null) {
          buf = new Uint8Array(pending.length + chunk.length);
          buf.set(pending);
          buf.set(chunk, pending.length);
          pending = null;
        }
        const end = buf.length;
        let pos = 0;
        while (pos < end) {
          if (badError !== null) {
            const next = findMagic(buf, pos, end);
            if (next === -1 || next + 4 > end) {
              pos = next === -1 ? end : next; // keep a possible magic cut by the chunk's end
              break;
            }
            skipRegion(badError, badStart, base + next - badStart);
            badError = null;
            pos = next;
          }
          if (end - pos < HEADER_SIZE) break;
          let frame: Frame;
          try {
            const size = checkHeader(buf, pos, end, cap, base);
            if (end - pos - HEADER_SIZE < size) break;
            frame = parseFrame(buf, pos, readOptions, base, end);
          } catch (e) {
            if (!(e instanceof ProtocolError) || !skip) {
              failed = true;
              controller.error(e);
              return;
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
        if (pos < end) pending = buf.slice(pos);
        base += pos;
      },
      flush(controller) {
        if (failed) return;
        const tail = pending?.length ?? 0;
        if (badError !== null) {
          skipRegion(badError, badStart, base + tail - badStart);
          return;
        }
        if (pending === null || tail === 0) return;
        const error = truncated(pending, base, cap);
        if (skip) skipRegion(error, base, tail);
        else controller.error(error);
      },
    });
    this.stats = stats;
  }
}

function truncated(bytes: Uint8Array, base: number, cap: number): ProtocolError {
  if (bytes.length >= HEADER_SIZE) {
    try {
      const size = checkHeader(bytes, 0, bytes.length, cap, base);
      return new ProtocolError(
        "TRUNCATED_FRAME",
        `Stream ended inside the frame at byte ${base}: payload ${
          bytes.length - HEADER_SIZE
        } of ${size} bytes`,
        base,
        { have: bytes.length - HEADER_SIZE, need: size },
      );
    } catch (e) {
      if (e instanceof ProtocolError) return e;
      throw e;
    }
  }
  return new ProtocolError(
    "TRUNCATED_FRAME",
    `Stream ended inside the frame header at byte ${base}: ${bytes.length} of 32 bytes`,
    base,
    { have: bytes.length, need: HEADER_SIZE },
  );
}
