// lib/protocol/frame.ts — one job: read and validate one frame in place (zero copy).
import { frameChecksum } from "./crc32.ts";
import {
  EXTENDED_TLV_MARKER,
  FLAG_CHECKSUM,
  HEADER_SIZE,
  MAX_PAYLOAD_SIZE,
  MAX_STANDARD_TLV,
  PROTOCOL_VERSION,
  type RelayDomain,
} from "./constants.ts";
import { ProtocolError } from "./errors.ts";
import { codecOf, FIXED_SIZE, MIN_SIZE, tlvName } from "./tlv_types.ts";

/** How strictly a reader checks frames. */
export interface ReadOptions {
  /** Reject payloads above this many bytes (default and maximum: 1 MiB). */
  readonly maxPayloadSize?: number;
  /** Verify the CRC of frames that carry one (default true). */
  readonly verifyChecksum?: boolean;
}

const u32 = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/**
 * One frame, as a view over the bytes it was read from: nothing is copied, header fields are
 * read on demand. Keep the underlying buffer unchanged while the frame is in use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.System, 9, 1n, [[TlvType.SequenceSync,
 *   { source: 9, domain: 4, lastSequence: 41n }]]);
 * const frame = parseFrame(bytes);
 * assert(frame.sequence === 1n && frame.payloadSize === 12);
 * ```
 */
export class Frame {
  /** Buffer that holds the frame. */
  readonly buffer: Uint8Array;
  /** Offset of the frame's first header byte in `buffer`. */
  readonly offset: number;
  /** Bytes of TLV payload after the header. */
  readonly payloadSize: number;
  /** Offset of the frame in the stream it was read from (equals `offset` outside streams). */
  readonly streamOffset: number;

  constructor(buffer: Uint8Array, offset: number, payloadSize: number, streamOffset = offset) {
    this.buffer = buffer;
    this.offset = offset;
    this.payloadSize = payloadSize;
    this.streamOffset = streamOffset;
  }

  /** Header plus payload size in bytes. */
  get size(): number {
    return HEADER_SIZE + this.payloadSize;
  }
  /** Relay domain (header byte 4). */
  get domain(): RelayDomain {
    return this.buffer[this.offset + 4]! as RelayDomain;
  }
  /** Protocol version (header byte 5). */
  get version(): number {
    return this.buffer[this.offset + 5]!;
  }
  /** Producing component (header byte 6). */
  get source(): number {
    return this.buffer[this.offset + 6]!;
  }
  /** Flags (header byte 7). */
  get flags(): number {
    return this.buffer[this.offset + 7]!;
  }
  /** Whether the frame carries a CRC. */
  get hasChecksum(): boolean {
    return (this.buffer[this.offset + 7]! & FLAG_CHECKSUM) !== 0;
  }
  /** Sequence number (u64). */
  get sequence(): bigint {
    const o = this.offset + 8;
    return (BigInt(u32(this.buffer, o + 4)) << 32n) | BigInt(u32(this.buffer, o));
  }
  /** Build time, ns since the Unix epoch (u64). */
  get timestampNs(): bigint {
    const o = this.offset + 16;
    return (BigInt(u32(this.buffer, o + 4)) << 32n) | BigInt(u32(this.buffer, o));
  }
  /** The checksum field (0 when the frame carries none). */
  get checksum(): number {
    return u32(this.buffer, this.offset + 28);
  }
  /** Offset of the first payload byte in `buffer`. */
  get payloadOffset(): number {
    return this.offset + HEADER_SIZE;
  }
  /** The whole frame's bytes (a view, not a copy). */
  get bytes(): Uint8Array {
    return this.buffer.subarray(this.offset, this.offset + HEADER_SIZE + this.payloadSize);
  }
  /** The payload's bytes (a view, not a copy). */
  get payload(): Uint8Array {
    const start = this.offset + HEADER_SIZE;
    return this.buffer.subarray(start, start + this.payloadSize);
  }
  /** A cursor over the frame's TLVs (the frame was validated, so the walk cannot fail). */
  tlvs(): TlvCursor {
    const start = this.offset + HEADER_SIZE;
    return new TlvCursor(this.buffer, start, start + this.payloadSize);
  }
}

/**
 * Walks TLVs without allocating: call `next()` until it returns false, reading `type`,
 * `valueOffset` and `length` after each call. Use on validated payloads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TlvCursor } from "./frame.ts";
 * const payload = new Uint8Array([230, 2, 9, 9, 231, 0]);
 * const c = new TlvCursor(payload, 0, payload.length);
 * const seen: number[] = [];
 * while (c.next()) seen.push(c.type, c.length);
 * assert(seen.join() === "230,2,231,0");
 * ```
 */
export class TlvCursor {
  /** Type of the current TLV. */
  type = 0;
  /** Offset of the current value in the buffer. */
  valueOffset = 0;
  /** Length of the current value. */
  length = 0;
  /** Whether the current TLV uses the extended form. */
  extended = false;
  private pos: number;

  constructor(readonly buffer: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  /** Advance to the next TLV; false at the end of the payload. */
  next(): boolean {
    const b = this.buffer;
    const p = this.pos;
    if (p >= this.end) return false;
    if (b[p] === EXTENDED_TLV_MARKER) {
      this.extended = true;
      this.type = b[p + 2]!;
      this.length = b[p + 3]! | (b[p + 4]! << 8);
      this.valueOffset = p + 5;
    } else {
      this.extended = false;
      this.type = b[p]!;
      this.length = b[p + 1]!;
      this.valueOffset = p + 2;
    }
    this.pos = this.valueOffset + this.length;
    return true;
  }
}

/**
 * Validate the TLV walk of `buffer[start, end)`: every TLV complete and inside the payload,
 * no type 0, extended TLVs well formed and only where needed, fixed-size types of their size.
 * `base` is added to reported offsets (a stream position). Returns the TLV count.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateTlvs } from "./frame.ts";
 * import { ProtocolError } from "./errors.ts";
 * assert(validateTlvs(new Uint8Array([230, 1, 5]), 0, 3) === 1);
 * try { validateTlvs(new Uint8Array([0, 0]), 0, 2); } catch (e) {
 *   assert(e instanceof ProtocolError && e.code === "INVALID_TLV_TYPE");
 * }
 * ```
 */
export function validateTlvs(buffer: Uint8Array, start: number, end: number, base = 0): number {
  let p = start;
  let count = 0;
  while (p < end) {
    let type = buffer[p]!;
    let length: number;
    let value: number;
    if (type === EXTENDED_TLV_MARKER) {
      if (p + 5 > end) throw tlvError("TRUNCATED_TLV", "Extended TLV header is cut short", p, base);
      if (buffer[p + 1] !== 0) {
        throw tlvError(
          "EXTENDED_RESERVED",
          `Extended TLV reserved byte is 0x${buffer[p + 1]!.toString(16)}, must be 0`,
          p + 1,
          base,
        );
      }
      type = buffer[p + 2]!;
      length = buffer[p + 3]! | (buffer[p + 4]! << 8);
      value = p + 5;
      if (type === 0 || type === EXTENDED_TLV_MARKER) {
        throw tlvError("INVALID_TLV_TYPE", `TLV type ${type} is invalid`, p + 2, base, { type });
      }
      if (length <= MAX_STANDARD_TLV) {
        throw tlvError(
          "NON_CANONICAL_TLV",
          `Extended TLV of type ${type} holds only ${length} bytes; values up to 255 bytes use the standard form`,
          p,
          base,
          { type, length },
        );
      }
    } else {
      if (type === 0) throw tlvError("INVALID_TLV_TYPE", "TLV type 0 is invalid", p, base);
      if (p + 2 > end) throw tlvError("TRUNCATED_TLV", "TLV header is cut short", p, base);
      length = buffer[p + 1]!;
      value = p + 2;
    }
    if (value + length > end) {
      throw tlvError(
        "TLV_LENGTH_OVERFLOW",
        `TLV of type ${type} claims ${length} bytes but only ${end - value} remain in the payload`,
        p,
        base,
        { type, length },
      );
    }
    const fixed = FIXED_SIZE[type]!;
    if (fixed === -1 && length >= MIN_SIZE[type]!) {
      // Variable layouts: list counts and UTF-8 must hold, so every valid frame decodes.
      const problem = codecOf(type)!.check(buffer, value, length);
      if (problem !== undefined) {
        const where = problem.code === "BAD_FIELD" ? problem.at : p;
        throw tlvError(
          problem.code,
          `${tlvName(type)} (type ${type}): ${problem.message}`,
          where,
          base,
          { type, length },
        );
      }
    }
    if ((fixed >= 0 && length !== fixed) || (fixed === -1 && length < MIN_SIZE[type]!)) {
      throw tlvError(
        "WRONG_TLV_LENGTH",
        `${tlvName(type)} (type ${type}) value is ${length} bytes, expected ${
          fixed >= 0 ? fixed : `at least ${MIN_SIZE[type]}`
        }`,
        p,
        base,
        { type, length },
      );
    }
    p = value + length;
    count++;
  }
  return count;
}

function tlvError(
  code: ProtocolError["code"],
  message: string,
  at: number,
  base: number,
  details: Record<string, unknown> = {},
): ProtocolError {
  return new ProtocolError(code, `${message} (byte ${base + at})`, base + at, details);
}

/**
 * Check a frame header at `offset` and return its payload size, without needing the payload.
 * Throws TRUNCATED_FRAME when fewer than 32 bytes are available.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, checkHeader, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.Signal, 2, 7n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * assert(checkHeader(bytes, 0) === 12);
 * ```
 */
export function checkHeader(
  buffer: Uint8Array,
  offset: number,
  end: number = buffer.length,
  maxPayloadSize: number = MAX_PAYLOAD_SIZE,
  base = 0,
): number {
  const at = base + offset;
  if (end - offset < HEADER_SIZE) {
    throw new ProtocolError(
      "TRUNCATED_FRAME",
      `Frame header at byte ${at} is cut short: ${end - offset} of 32 bytes`,
      at,
      { have: end - offset, need: HEADER_SIZE },
    );
  }
  const b = buffer;
  const o = offset;
  if (b[o] !== 0xef || b[o + 1] !== 0xbe || b[o + 2] !== 0xad || b[o + 3] !== 0xde) {
    const got = u32(b, o).toString(16).padStart(8, "0");
    throw new ProtocolError("BAD_MAGIC", `Bad magic 0x${got} at byte ${at}`, at, { magic: got });
  }
  if (b[o + 5] !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      "UNSUPPORTED_VERSION",
      `Unsupported protocol version ${b[o + 5]} at byte ${at + 5}; this reader speaks version 1`,
      at + 5,
      { version: b[o + 5] },
    );
  }
  const domain = b[o + 4]!;
  if (domain === 0 || domain > 4) {
    throw new ProtocolError(
      "INVALID_DOMAIN",
      `Invalid relay domain ${domain} at byte ${
        at + 4
      } (1 market, 2 signal, 3 execution, 4 system)`,
      at + 4,
      { domain },
    );
  }
  const flags = b[o + 7]!;
  if ((flags & ~FLAG_CHECKSUM) !== 0) {
    throw new ProtocolError(
      "RESERVED_FLAGS",
      `Reserved flag bits set (0x${flags.toString(16)}) at byte ${at + 7}`,
      at + 7,
      { flags },
    );
  }
  if (u32(b, o + 8) === 0 && u32(b, o + 12) === 0) {
    throw new ProtocolError(
      "INVALID_SEQUENCE",
      `Sequence 0 at byte ${at + 8}; sequences start at 1`,
      at + 8,
    );
  }
  const size = u32(b, o + 24);
  if (size > maxPayloadSize) {
    throw new ProtocolError(
      "PAYLOAD_TOO_LARGE",
      `Payload size ${size} at byte ${at + 24} is over the cap of ${maxPayloadSize}`,
      at + 24,
      { payloadSize: size, cap: maxPayloadSize },
    );
  }
  if ((flags & FLAG_CHECKSUM) === 0 && u32(b, o + 28) !== 0) {
    throw new ProtocolError(
      "CHECKSUM_NOT_ZERO",
      `Checksum field at byte ${at + 28} is non-zero but the checksum flag is clear`,
      at + 28,
    );
  }
  return size;
}

/**
 * Parse and validate the frame at `offset`: header, CRC (when flagged and verification is on)
 * and the whole TLV walk. Returns a zero-copy view; throws a ProtocolError whose `offset` is
 * counted from `base` (pass the stream position of `buffer[0]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, ProtocolError, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.Signal, 2, 1n, [[TlvType.OrderCancel,
 *   { orderId: 5n, reasonCode: 1 }]]);
 * assert(parseFrame(bytes).hasChecksum);
 * bytes[40] = bytes[40]! ^ 1;
 * try { parseFrame(bytes); } catch (e) {
 *   assert(e instanceof ProtocolError && e.code === "CHECKSUM_MISMATCH");
 * }
 * ```
 */
export function parseFrame(
  buffer: Uint8Array,
  offset = 0,
  options?: ReadOptions,
  base = 0,
  end: number = buffer.length,
): Frame {
  const cap = Math.min(options?.maxPayloadSize ?? MAX_PAYLOAD_SIZE, MAX_PAYLOAD_SIZE);
  const size = checkHeader(buffer, offset, end, cap, base);
  if (end - offset - HEADER_SIZE < size) {
    throw new ProtocolError(
      "TRUNCATED_FRAME",
      `Frame at byte ${base + offset} is cut short: payload ${
        end - offset - HEADER_SIZE
      } of ${size} bytes`,
      base + offset,
      { have: end - offset - HEADER_SIZE, need: size },
    );
  }
  if ((buffer[offset + 7]! & FLAG_CHECKSUM) !== 0 && options?.verifyChecksum !== false) {
    const want = u32(buffer, offset + 28);
    const got = frameChecksum(buffer, offset, size);
    if (want !== got) {
      throw new ProtocolError(
        "CHECKSUM_MISMATCH",
        `Checksum mismatch in frame at byte ${base + offset}: header says 0x${
          want.toString(16).padStart(8, "0")
        }, bytes give 0x${got.toString(16).padStart(8, "0")}`,
        base + offset,
        { expected: want, actual: got },
      );
    }
  }
  validateTlvs(buffer, offset + HEADER_SIZE, offset + HEADER_SIZE + size, base);
  return new Frame(buffer, offset, size, base + offset);
}
