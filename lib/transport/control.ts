// lib/transport/control.ts — one job: the control frames a relay and its clients exchange
// besides the hello (recovery, position syncs, errors), and how to tell them from data.
import {
  decodeTlvValue,
  EXTENDED_TLV_MARKER,
  type Frame,
  FrameBuilder,
  HEADER_SIZE,
  RelayDomain,
  type RelayErrorCode,
  SourceType,
  TlvCursor,
  TlvType,
} from "../protocol/mod.ts";
import { decodeHello, type Hello, HELLO_TLV } from "./hello.ts";

// The relay's error codes and recovery statuses live in the one table of wire codes.
export { RecoveryStatus, RelayErrorCode } from "../protocol/mod.ts";

/**
 * The type of a frame's first TLV, read in place (0 for an empty payload).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { firstTlvType } from "./control.ts";
 * const f = buildFrame(RelayDomain.System, 0, 1n, [[TlvType.SequenceSync,
 *   { source: 1, domain: 1, lastSequence: 5n }]]);
 * assert.equal(firstTlvType(f, 0, f.length), TlvType.SequenceSync);
 * ```
 */
export function firstTlvType(buffer: Uint8Array, offset: number, size: number): number {
  if (size <= HEADER_SIZE) return 0;
  const t = buffer[offset + HEADER_SIZE]!;
  return t === EXTENDED_TLV_MARKER ? buffer[offset + HEADER_SIZE + 2]! : t;
}

/**
 * Whether a frame a client received is a relay's control frame (a system-domain frame from
 * source 6, Relay) rather than data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, SourceType, TlvType } from "../protocol/mod.ts";
 * import { isRelayControl } from "./control.ts";
 * const f = parseFrame(buildFrame(RelayDomain.System, SourceType.Relay, 1n, [[TlvType.SequenceSync,
 *   { source: 1, domain: 1, lastSequence: 5n }]]));
 * assert(isRelayControl(f));
 * ```
 */
export function isRelayControl(frame: Frame): boolean {
  return frame.source === SourceType.Relay && frame.domain === RelayDomain.System;
}

/**
 * Builds the control frames of one connection (own sequence counter per connection).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFrame } from "../protocol/mod.ts";
 * import { ControlFrames, readControl } from "./control.ts";
 * const c = new ControlFrames(6);
 * const sync = readControl(parseFrame(c.sequenceSync(1, 1, 42n)));
 * assert(sync.kind === "sync" && sync.lastSequence === 42n);
 * ```
 */
export class ControlFrames {
  private readonly b: FrameBuilder;

  constructor(source: number) {
    this.b = new FrameBuilder({ source, initialSize: 512 });
  }

  /** A RecoveryRequest for `from..to` of `source`. */
  recoveryRequest(
    requestId: number,
    source: number,
    domain: RelayDomain,
    fromSequence: bigint,
    toSequence: bigint,
  ): Uint8Array {
    this.b.begin(RelayDomain.System).add(TlvType.RecoveryRequest, {
      requestId,
      source,
      domain,
      fromSequence,
      toSequence,
    }).end();
    return this.b.take();
  }

  /** A RecoveryResponse. */
  recoveryResponse(
    requestId: number,
    source: number,
    fromSequence: bigint,
    toSequence: bigint,
    status: number,
  ): Uint8Array {
    this.b.begin(RelayDomain.System).add(TlvType.RecoveryResponse, {
      requestId,
      source,
      fromSequence,
      toSequence,
      status,
    }).end();
    return this.b.take();
  }

  /** A SequenceSync: where `source` stands, or the end of a retransmission. */
  sequenceSync(source: number, domain: RelayDomain, lastSequence: bigint): Uint8Array {
    this.b.begin(RelayDomain.System).add(TlvType.SequenceSync, { source, domain, lastSequence })
      .end();
    return this.b.take();
  }

  /** An Error TLV with a relay error code and a message. */
  error(errorCode: RelayErrorCode, message: string, source = 0, relatedSequence = 0n): Uint8Array {
    this.b.begin(RelayDomain.System).add(TlvType.Error, {
      errorCode,
      source,
      relatedSequence,
      message: message.slice(0, 200),
    }).end();
    return this.b.take();
  }

  /** Any frame built by `fill` on the system domain (the hello). */
  custom(fill: (b: FrameBuilder) => void): Uint8Array {
    fill(this.b);
    return this.b.take();
  }
}

/** A relay control frame, decoded. */
export type RelayControl =
  | { readonly kind: "hello"; readonly hello: Hello }
  | { readonly kind: "sync"; readonly source: number; readonly lastSequence: bigint }
  | {
    readonly kind: "response";
    readonly requestId: number;
    readonly source: number;
    readonly fromSequence: bigint;
    readonly toSequence: bigint;
    readonly status: number;
  }
  | {
    readonly kind: "error";
    readonly errorCode: number;
    readonly message: string;
    readonly source: number;
    readonly relatedSequence: bigint;
  }
  | { readonly kind: "other"; readonly type: number };

/**
 * Decode the first TLV of a control frame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFrame } from "../protocol/mod.ts";
 * import { ControlFrames, readControl, RelayErrorCode } from "./control.ts";
 * const c = new ControlFrames(6);
 * const e = readControl(parseFrame(c.error(RelayErrorCode.SlowSubscriber, "Queue full")));
 * assert(e.kind === "error" && e.message === "Queue full");
 * ```
 */
export function readControl(frame: Frame): RelayControl {
  const c = new TlvCursor(frame.buffer, frame.offset + HEADER_SIZE, frame.offset + frame.size);
  if (!c.next()) return { kind: "other", type: 0 };
  const b = frame.buffer;
  switch (c.type) {
    case HELLO_TLV:
      return {
        kind: "hello",
        hello: decodeHello(b.subarray(c.valueOffset, c.valueOffset + c.length)),
      };
    case TlvType.SequenceSync: {
      const v = decodeTlvValue(TlvType.SequenceSync, b, c.valueOffset, c.length);
      return { kind: "sync", source: v.source, lastSequence: v.lastSequence };
    }
    case TlvType.RecoveryResponse: {
      const v = decodeTlvValue(TlvType.RecoveryResponse, b, c.valueOffset, c.length);
      return { kind: "response", ...v };
    }
    case TlvType.Error: {
      const v = decodeTlvValue(TlvType.Error, b, c.valueOffset, c.length);
      return { kind: "error", ...v };
    }
    default:
      return { kind: "other", type: c.type };
  }
}
