// lib/transport/_frame_cutter.ts — one job: cut frames out of a socket's reads in place, in
// one reusable buffer, so a relay can copy each frame once and pause between frames.
import { checkHeader, HEADER_SIZE, MAX_PAYLOAD_SIZE } from "../protocol/mod.ts";

/**
 * Read into `space()`, `commit(n)`, then call `next()` until it returns 0. A frame at
 * `start` of `size` bytes stays valid in `buffer` until the next `space()`. Header errors
 * throw the ProtocolError of `checkHeader` (the stream cannot be framed past them).
 */
export class FrameCutter {
  buffer: Uint8Array;
  /** Offset of the next frame in `buffer`. */
  start = 0;
  private end = 0;
  /** Stream offset of `buffer[0]`. */
  private base = 0;

  constructor(size = 256 * 1024, private readonly maxPayload = MAX_PAYLOAD_SIZE) {
    this.buffer = new Uint8Array(size);
  }

  /** Stream offset of the frame at `start`. */
  get streamOffset(): number {
    return this.base + this.start;
  }

  /** Bytes read but not yet cut into frames. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Where to read next (moves leftover bytes to the front, grows for a big frame). */
  space(): Uint8Array {
    const rest = this.end - this.start;
    if (this.start > 0 && (rest === 0 || this.buffer.length - this.end < 65536)) {
      this.buffer.copyWithin(0, this.start, this.end);
      this.base += this.start;
      this.start = 0;
      this.end = rest;
    }
    if (rest >= HEADER_SIZE) {
      const b = this.buffer;
      const s = this.start;
      const size = HEADER_SIZE +
        ((b[s + 24]! | (b[s + 25]! << 8) | (b[s + 26]! << 16) | (b[s + 27]! << 24)) >>> 0);
      if (size <= HEADER_SIZE + this.maxPayload && size > this.buffer.length - this.start) {
        const next = new Uint8Array(size * 2);
        next.set(b.subarray(this.start, this.end));
        this.base += this.start;
        this.buffer = next;
        this.start = 0;
        this.end = rest;
      }
    }
    return this.buffer.subarray(this.end);
  }

  /** Count `n` bytes read into the last `space()`. */
  commit(n: number): void {
    this.end += n;
  }

  /** Size of the complete frame at `start` (header checked), or 0 when more bytes are needed. */
  next(): number {
    const avail = this.end - this.start;
    if (avail < HEADER_SIZE) return 0;
    const payload = checkHeader(this.buffer, this.start, this.end, this.maxPayload, this.base);
    return avail >= HEADER_SIZE + payload ? HEADER_SIZE + payload : 0;
  }

  /** Move past the frame at `start`. */
  skip(size: number): void {
    this.start += size;
  }
}
