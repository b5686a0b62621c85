// lib/transport/_frame_splitter.ts — one job: cut validated frames out of fresh read chunks
// synchronously (one call per chunk, not one promise per frame). Frames are views of the
// chunks, so chunks must not be reused; a frame split across chunks is gathered in a copy.
import {
  checkHeader,
  type Frame,
  HEADER_SIZE,
  MAX_PAYLOAD_SIZE,
  parseFrame,
  type ReadOptions,
} from "../protocol/mod.ts";

export class FrameSplitter {
  private carry: Uint8Array | null = null;
  private base = 0; // stream offset of the next byte not yet cut

  constructor(private readonly options: ReadOptions = {}) {}

  /** Bytes held over for an incomplete frame. */
  get pending(): number {
    return this.carry?.length ?? 0;
  }

  /** Cut every complete frame of `chunk` (after what was held over); throws ProtocolError. */
  push(chunk: Uint8Array, onFrame: (frame: Frame) => void): void {
    let buf = chunk;
    if (this.carry !== null) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = null;
    }
    const end = buf.length;
    let pos = 0;
    while (end - pos >= HEADER_SIZE) {
      const size = HEADER_SIZE +
        ((buf[pos + 24]! | (buf[pos + 25]! << 8) | (buf[pos + 26]! << 16) |
          (buf[pos + 27]! << 24)) >>>
          0);
      if (end - pos < size) {
        // Check the header now, so a bad one fails at once instead of waiting for bytes.
        checkHeader(
          buf,
          pos,
          end,
          this.options.maxPayloadSize ?? MAX_PAYLOAD_SIZE,
          this.base - pos,
        );
        break;
      }
      const frame = parseFrame(buf, pos, this.options, this.base - pos, pos + size);
      pos += size;
      this.base += size;
      onFrame(frame);
    }
    if (pos < end) this.carry = buf.slice(pos);
  }
}
