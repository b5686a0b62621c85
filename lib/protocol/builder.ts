// lib/protocol/builder.ts — one job: write frames into a reusable buffer, no allocation per frame.
import { crc32 as nativeCrc32 } from "node:zlib";
import { frameChecksum } from "./crc32.ts";
import {
  type ChecksumPolicy,
  DEFAULT_CHECKSUM_POLICY,
  EXTENDED_TLV_MARKER,
  FLAG_CHECKSUM,
  HEADER_SIZE,
  MAX_EXTENDED_TLV,
  MAX_PAYLOAD_SIZE,
  MAX_STANDARD_TLV,
  PROTOCOL_VERSION,
  type RelayDomain,
} from "./constants.ts";
import { ProtocolError } from "./errors.ts";
import { codecOf, FIXED_SIZE, type KnownTlvType, type TlvValues } from "./tlv_types.ts";

/** Options of a {@linkcode FrameBuilder}. */
export interface FrameBuilderOptions {
  /** The producing component (header byte 6). */
  readonly source: number;
  /** Which domains carry a CRC (default: all but market data). */
  readonly checksumPolicy?: ChecksumPolicy;
  /** First sequence number to use (default 1). */
  readonly firstSequence?: number;
  /** Initial buffer size in bytes (default 64 KiB); the buffer grows when a frame needs it. */
  readonly initialSize?: number;
}

/** Per-frame overrides for {@linkcode FrameBuilder.begin}. */
export interface BeginOptions {
  /** Use this sequence instead of the builder's counter (relays, replays, encoders). */
  readonly sequence?: bigint;
  /** Use this timestamp instead of the clock, ns since the Unix epoch. */
  readonly timestampNs?: bigint;
  /** Override the domain's checksum policy for this frame. */
  readonly checksum?: boolean;
  /** Use this source instead of the builder's (re-encoding frames of other sources). */
  readonly source?: number;
}

const TWO32 = 4294967296;
// Local copies of imported constants: an imported binding costs a hole check per use, which
// pushed begin() over V8's inlining size limit.
const FRAME_HEADER = HEADER_SIZE;
const VERSION = PROTOCOL_VERSION;
const CHECKSUM_FLAG = FLAG_CHECKSUM;
const NO_OPTIONS: BeginOptions = Object.freeze({});
// Payload size from which the builder's checksum is one native call (below, JS is faster).
const SLIDE_FROM = 96;

/**
 * Builds frames back to back in one buffer: `begin` a frame, `add` TLVs, `end` it; `take`
 * hands over every finished frame as one chunk, ready for a single write. Sequence numbers
 * count per builder (one builder per source and stream) from 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameBuilder, parseFrame, RelayDomain, SourceType, TlvType } from "./mod.ts";
 * const b = new FrameBuilder({ source: SourceType.Collector });
 * b.begin(RelayDomain.MarketData).add(TlvType.GasPrice, {
 *   chainId: 1, blockNumber: 19_000_000n, blockTimestamp: 1_700_000_000n,
 *   baseFeeWei: 12_000_000_000n, priorityFeeWei: 1_000_000_000n,
 * }).end();
 * const chunk = b.take();
 * assert(parseFrame(chunk).sequence === 1n);
 * ```
 */
export class FrameBuilder {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;
  private frameStart = -1;
  /** Source number written into frames that do not override it. */
  readonly source: number;
  private readonly policy: ChecksumPolicy;
  private seq: number;
  private withChecksum = false;

  constructor(options: FrameBuilderOptions) {
    if ((options.source & 255) !== options.source) {
      throw new ProtocolError(
        "FIELD_OUT_OF_RANGE",
        `Source must be 0 to 255, got ${options.source}`,
        0,
        { source: options.source },
      );
    }
    this.source = options.source;
    this.policy = options.checksumPolicy ?? DEFAULT_CHECKSUM_POLICY;
    this.seq = options.firstSequence ?? 1;
    if (!Number.isSafeInteger(this.seq) || this.seq < 1) {
      throw new ProtocolError(
        "FIELD_OUT_OF_RANGE",
        `firstSequence must be a whole number from 1, got ${this.seq}`,
        0,
        { firstSequence: this.seq },
      );
    }
    this.buf = new Uint8Array(options.initialSize ?? 65536);
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes of finished frames waiting in the buffer. */
  get pending(): number {
    return this.frameStart >= 0 ? this.frameStart : this.pos;
  }

  /** The sequence the next frame will get. */
  get nextSequence(): number {
    return this.seq;
  }

  /** Start a frame of `domain`. */
  begin(domain: RelayDomain, options?: BeginOptions): this {
    const opts = options ?? NO_OPTIONS;
    const source = opts.source ?? this.source;
    const ts = opts.timestampNs;
    // All checks in one test, the errors in a cold function: keeps begin small enough to inline.
    if (
      this.frameStart >= 0 || domain < 1 || domain > 4 || (domain | 0) !== domain ||
      (source & 255) !== source || (ts !== undefined && BigInt.asUintN(64, ts) !== ts)
    ) {
      throw beginError(this.frameStart, domain, source, ts);
    }
    this.ensure(FRAME_HEADER);
    const b = this.buf;
    const v = this.view;
    const o = this.pos;
    this.frameStart = o;
    const checksum = opts.checksum ?? this.policy[domain];
    this.withChecksum = checksum;
    v.setUint32(o, 0xdeadbeef, true);
    b[o + 4] = domain;
    b[o + 5] = VERSION;
    b[o + 6] = source;
    b[o + 7] = checksum ? CHECKSUM_FLAG : 0;
    const seq = opts.sequence;
    if (seq !== undefined) this.writeSequence(o, seq);
    else {
      const s = this.seq++;
      v.setUint32(o + 8, s >>> 0, true);
      v.setUint32(o + 12, Math.floor(s / TWO32), true);
    }
    if (ts !== undefined) v.setBigUint64(o + 16, ts, true);
    else writeClock(v, o + 16);
    this.pos = o + FRAME_HEADER;
    return this;
  }

  /** Append a TLV of a known type, encoded from its typed value. */
  add<T extends KnownTlvType>(type: T, value: TlvValues[T]): this {
    const codec = codecOf(type);
    if (codec === undefined || this.frameStart < 0) return this.misuse(type);
    const fixed = FIXED_SIZE[type]!;
    const size = fixed >= 0 ? fixed : codec.sizeOf(value);
    const start = this.tlvHeader(type, size);
    try {
      codec.encode(this.view, this.buf, this.pos, value);
    } catch (e) {
      this.pos = start; // roll the partial TLV back so the frame stays well formed
      throw e;
    }
    this.pos += size;
    return this;
  }

  /** Append a TLV from raw value bytes (unknown, vendor or passed-through types). */
  addRaw(type: number, value: Uint8Array): this {
    if (this.frameStart < 0) return this.misuse(type);
    if (type < 1 || type > 254 || (type | 0) !== type) {
      throw new ProtocolError("INVALID_TLV_TYPE", `TLV type ${type} is invalid (1 to 254)`, 0, {
        type,
      });
    }
    // A known type's raw value must decode, or readers would reject the frame.
    const problem = codecOf(type)?.check(value, 0, value.length);
    if (problem !== undefined) {
      throw new ProtocolError(problem.code, `Raw value of type ${type}: ${problem.message}`, 0, {
        type,
        length: value.length,
      });
    }
    this.tlvHeader(type, value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** Finish the current frame (size, checksum); returns its size in bytes. */
  end(): number {
    const o = this.frameStart;
    if (o < 0) throw new ProtocolError("BUILDER_STATE", "end() called without begin()", 0);
    const payload = this.pos - o - HEADER_SIZE;
    if (payload > MAX_PAYLOAD_SIZE) {
      this.pos = o;
      this.frameStart = -1;
      throw tooLarge(payload);
    }
    this.view.setUint32(o + 24, payload, true);
    this.view.setUint32(o + 28, this.withChecksum ? this.checksum(o, payload) : 0, true);
    this.frameStart = -1;
    return HEADER_SIZE + payload;
  }

  /** Drop the frame begun but not ended (its sequence number stays used). */
  abort(): void {
    if (this.frameStart >= 0) this.pos = this.frameStart;
    this.frameStart = -1;
  }

  /**
   * Hand over all finished frames as one chunk and start a fresh buffer, so the chunk stays
   * valid while it is written. Returns an empty array when nothing is pending.
   */
  take(): Uint8Array {
    const n = this.pending;
    if (n === 0) return new Uint8Array(0);
    const out = this.buf.subarray(0, n);
    const keep = this.pos - n; // bytes of a frame still being built
    const next = new Uint8Array(Math.max(this.buf.length, keep + HEADER_SIZE));
    next.set(this.buf.subarray(n, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
    this.pos = keep;
    if (this.frameStart >= 0) this.frameStart = 0;
    return out;
  }

  /**
   * Forget finished frames without handing them over (benchmarks, or after copying them
   * with `last`).
   */
  reset(): void {
    this.abort();
    this.pos = 0;
  }

  /** A view of the most recently ended frame, valid until the next `begin`. */
  last(size: number): Uint8Array {
    const end = this.frameStart >= 0 ? this.frameStart : this.pos;
    return this.buf.subarray(end - size, end);
  }

  private checksum(o: number, payload: number): number {
    if (payload < SLIDE_FROM) return frameChecksum(this.buf, o, payload);
    // The checksum covers header bytes 0..28 then the payload. Sliding those 28 bytes up by 4,
    // over the checksum field, makes them one run with the payload: one native CRC call instead
    // of a JS loop over the header plus the call. Then they slide back.
    const v = this.view;
    for (let i = 24; i >= 0; i -= 4) v.setInt32(o + i + 4, v.getInt32(o + i, true), true);
    const crc = nativeCrc32(this.buf.subarray(o + 4, o + HEADER_SIZE + payload)) >>> 0;
    for (let i = 0; i <= 24; i += 4) v.setInt32(o + i, v.getInt32(o + i + 4, true), true);
    return crc;
  }

  private writeSequence(o: number, seq: bigint): void {
    if (seq === 0n || BigInt.asUintN(64, seq) !== seq) {
      this.frameStart = -1;
      throw new ProtocolError("FIELD_OUT_OF_RANGE", `Sequence must be 1 to 2^64-1, got ${seq}`, 0);
    }
    this.view.setBigUint64(o + 8, seq, true);
  }

  private tlvHeader(type: number, size: number): number {
    if (size > MAX_EXTENDED_TLV) {
      throw new ProtocolError(
        "TLV_TOO_LARGE",
        `TLV of type ${type} is ${size} bytes; the limit is 65535`,
        0,
        { type, size },
      );
    }
    const start = this.pos;
    if (size <= MAX_STANDARD_TLV) {
      this.ensure(2 + size);
      this.buf[start] = type;
      this.buf[start + 1] = size;
      this.pos = start + 2;
    } else {
      this.ensure(5 + size);
      const b = this.buf;
      b[start] = EXTENDED_TLV_MARKER;
      b[start + 1] = 0;
      b[start + 2] = type;
      b[start + 3] = size & 0xff;
      b[start + 4] = size >>> 8;
      this.pos = start + 5;
    }
    return start;
  }

  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  private misuse(type: number): never {
    if (this.frameStart < 0) {
      throw new ProtocolError("BUILDER_STATE", "add() called without begin()", 0);
    }
    throw new ProtocolError(
      "INVALID_TLV_TYPE",
      `TLV type ${type} has no typed layout; use addRaw for unknown types`,
      0,
      { type },
    );
  }
}

// Now in ns since the Unix epoch, at the clock's sub-microsecond resolution.
function writeClock(v: DataView, at: number): void {
  const ns = Math.floor((performance.timeOrigin + performance.now()) * 1e6);
  const hi = Math.floor(ns / TWO32);
  v.setUint32(at, ns - hi * TWO32, true);
  v.setUint32(at + 4, hi, true);
}

// The errors of begin and end, out of line so the hot methods stay small.
function beginError(
  frameStart: number,
  domain: number,
  source: number,
  ts: bigint | undefined,
): ProtocolError {
  if (frameStart >= 0) {
    return new ProtocolError(
      "BUILDER_STATE",
      "begin() called before end() of the previous frame",
      0,
    );
  }
  if (domain < 1 || domain > 4 || (domain | 0) !== domain) {
    return new ProtocolError("INVALID_DOMAIN", `Invalid relay domain ${domain}`, 0, { domain });
  }
  if ((source & 255) !== source) {
    return new ProtocolError("FIELD_OUT_OF_RANGE", `Source must be 0 to 255, got ${source}`, 0, {
      source,
    });
  }
  return new ProtocolError(
    "FIELD_OUT_OF_RANGE",
    `timestampNs must be 0 to 2^64-1, got ${ts}`,
    0,
    { timestampNs: ts },
  );
}

function tooLarge(payload: number): ProtocolError {
  return new ProtocolError(
    "FRAME_TOO_LARGE",
    `Payload of ${payload} bytes is over the 1 MiB limit`,
    0,
    { payloadSize: payload },
  );
}

/** One TLV for {@linkcode buildFrame}: a typed value, or raw bytes for any type. */
export type TlvEntry =
  | { [T in KnownTlvType]: readonly [T, TlvValues[T]] }[KnownTlvType]
  | readonly [number, Uint8Array];

/**
 * Build one frame into a new array (convenient, allocates; use a FrameBuilder on hot paths).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "./mod.ts";
 * const bytes = buildFrame(RelayDomain.Execution, 4, 3n, [[TlvType.OrderCancel,
 *   { orderId: 9n, reasonCode: 2 }]], { timestampNs: 1n });
 * assert(bytes.length === 32 + 2 + 10);
 * ```
 */
export function buildFrame(
  domain: RelayDomain,
  source: number,
  sequence: bigint,
  tlvs: readonly TlvEntry[],
  options?: Omit<BeginOptions, "sequence" | "source">,
): Uint8Array {
  const b = new FrameBuilder({ source, initialSize: 256 });
  b.begin(domain, { ...options, sequence });
  for (const [type, value] of tlvs) {
    if (value instanceof Uint8Array) b.addRaw(type, value);
    else b.add(type as KnownTlvType, value as never);
  }
  b.end();
  return b.take().slice();
}
