// lib/protocol/errors.ts — one job: the typed errors of the wire codec.
import { TorqError } from "../error.ts";

/**
 * Every way a frame or TLV can be wrong, one code each, as the spec requires readers to tell
 * them apart.
 */
export type ProtocolErrorCode =
  | "TRUNCATED_FRAME"
  | "BAD_MAGIC"
  | "UNSUPPORTED_VERSION"
  | "INVALID_DOMAIN"
  | "RESERVED_FLAGS"
  | "PAYLOAD_TOO_LARGE"
  | "CHECKSUM_MISMATCH"
  | "CHECKSUM_NOT_ZERO"
  | "INVALID_SEQUENCE"
  | "TRUNCATED_TLV"
  | "TLV_LENGTH_OVERFLOW"
  | "INVALID_TLV_TYPE"
  | "EXTENDED_RESERVED"
  | "NON_CANONICAL_TLV"
  | "WRONG_TLV_LENGTH"
  | "BAD_FIELD"
  | "SEQUENCE_GAP"
  | "SEQUENCE_DUPLICATE"
  | "FIELD_OUT_OF_RANGE"
  | "TLV_TOO_LARGE"
  | "FRAME_TOO_LARGE"
  | "BUILDER_STATE";

/**
 * A malformed frame, TLV or payload value. `offset` is the byte offset of the problem from the
 * start of the buffer or stream the reader was given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ProtocolError } from "./errors.ts";
 * const err = new ProtocolError("BAD_MAGIC", "Bad magic 0x00000000 at byte 0", 0);
 * assert(err.code === "BAD_MAGIC" && err.offset === 0);
 * ```
 */
export class ProtocolError extends TorqError {
  declare readonly code: ProtocolErrorCode;
  /** Byte offset of the problem (from the start of the buffer or stream). */
  readonly offset: number;

  constructor(
    code: ProtocolErrorCode,
    shortMessage: string,
    offset: number,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(code, shortMessage, { offset, ...details }, options);
    this.offset = offset;
  }
}
