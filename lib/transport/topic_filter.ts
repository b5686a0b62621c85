// lib/transport/topic_filter.ts — one job: decide whether a frame is on a subscriber's topics.
import {
  FIELD_SIZES,
  type FieldSpec,
  type Frame,
  HEADER_SIZE,
  LAYOUTS,
  TlvCursor,
  type TlvLayout,
} from "../protocol/mod.ts";

/**
 * What a subscriber wants. Each list that is given narrows the stream; an empty or missing
 * list means "any". A frame matches when its source is listed, one of its TLVs has a listed
 * type, one of its TLVs names an instrument of a listed venue (CEX instruments and DEX
 * pools carry a venue code; tokens do not), and one of its TLVs carries a listed strategy id.
 */
export interface Topics {
  /** TLV type numbers. */
  readonly types?: readonly number[];
  /** Source numbers (header byte 6). */
  readonly sources?: readonly number[];
  /** Venue codes (u16, as in the InstrumentId byte form). */
  readonly venues?: readonly number[];
  /** Strategy ids (the `strategyId` field of SignalIdentity and ArbitrageSignal). */
  readonly strategies?: readonly number[];
}

/** A compiled topic test on a frame's bytes at `offset` (`size` bytes with the header). */
export type FrameMatcher = (buffer: Uint8Array, offset: number, size: number) => boolean;

// Where the venue-carrying instruments and the strategy id sit in each type's value.
interface Places {
  instruments: number[];
  listCountAt: number; // -1 when the tail is not a list
  listItemSize: number;
  listInstruments: number[];
  strategyAt: number;
}

const PLACES: (Places | undefined)[] = new Array(256).fill(undefined);

function offsetsOf(fields: readonly FieldSpec[], kind: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const f of fields) {
    if (f.kind === kind) out.push(at);
    at += FIELD_SIZES[f.kind];
  }
  return out;
}

function sizeOf(fields: readonly FieldSpec[]): number {
  return fields.reduce((n, f) => n + FIELD_SIZES[f.kind], 0);
}

for (const layout of LAYOUTS as readonly TlvLayout[]) {
  let strategyAt = -1;
  let at = 0;
  for (const f of layout.fields) {
    if (f.name === "strategyId" && f.kind === "u16") strategyAt = at;
    at += FIELD_SIZES[f.kind];
  }
  const tail = layout.tail;
  const list = tail !== undefined && tail.kind === "list";
  PLACES[layout.type] = {
    instruments: offsetsOf(layout.fields, "instrument"),
    listCountAt: list ? at : -1,
    listItemSize: list ? sizeOf(tail.item) : 0,
    listInstruments: list ? offsetsOf(tail.item, "instrument") : [],
    strategyAt,
  };
}

// Venue code of the InstrumentId at `at`, or -1 (tokens and zero ids have none).
function venueAt(b: Uint8Array, at: number): number {
  const kind = b[at];
  return kind === 1 || kind === 3 ? b[at + 1]! | (b[at + 2]! << 8) : -1;
}

function hasVenue(c: TlvCursor, p: Places, venues: Set<number>): boolean {
  const b = c.buffer;
  for (const o of p.instruments) {
    if (o + 32 <= c.length && venues.has(venueAt(b, c.valueOffset + o))) return true;
  }
  if (p.listCountAt >= 0 && p.listInstruments.length > 0 && p.listCountAt < c.length) {
    const count = b[c.valueOffset + p.listCountAt]!;
    for (let i = 0; i < count; i++) {
      const item = c.valueOffset + p.listCountAt + 1 + i * p.listItemSize;
      for (const o of p.listInstruments) if (venues.has(venueAt(b, item + o))) return true;
    }
  }
  return false;
}

function toSet(list: readonly number[] | undefined): Set<number> | null {
  return list === undefined || list.length === 0 ? null : new Set(list);
}

/**
 * Compile topics into a matcher, or `null` when they let every frame through (the relay then
 * skips the test).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { compileTopics } from "./topic_filter.ts";
 * const f = buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * assert.equal(compileTopics({}), null);
 * assert.equal(compileTopics({ types: [TlvType.OrderCancel] })!(f, 0, f.length), true);
 * assert.equal(compileTopics({ sources: [1] })!(f, 0, f.length), false);
 * ```
 */
export function compileTopics(topics: Topics): FrameMatcher | null {
  const types = toSet(topics.types);
  const sources = toSet(topics.sources);
  const venues = toSet(topics.venues);
  const strategies = toSet(topics.strategies);
  if (types === null && sources === null && venues === null && strategies === null) return null;
  return (b, offset, size) => {
    if (sources !== null && !sources.has(b[offset + 6]!)) return false;
    if (types === null && venues === null && strategies === null) return true;
    let typeOk = types === null;
    let venueOk = venues === null;
    let strategyOk = strategies === null;
    const c = new TlvCursor(b, offset + HEADER_SIZE, offset + size);
    while (c.next()) {
      if (!typeOk && types!.has(c.type)) typeOk = true;
      const p = PLACES[c.type];
      if (p !== undefined) {
        if (!venueOk && hasVenue(c, p, venues!)) venueOk = true;
        if (
          !strategyOk && p.strategyAt >= 0 && p.strategyAt + 2 <= c.length &&
          strategies!.has(
            b[c.valueOffset + p.strategyAt]! | (b[c.valueOffset + p.strategyAt + 1]! << 8),
          )
        ) strategyOk = true;
      }
      if (typeOk && venueOk && strategyOk) return true;
    }
    return false;
  };
}

/**
 * Whether one frame is on `topics` (a convenience over {@linkcode compileTopics}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { matchesTopics } from "./topic_filter.ts";
 * const f = parseFrame(buildFrame(RelayDomain.Signal, 2, 1n, [[TlvType.SignalIdentity,
 *   { strategyId: 7, signalId: 1n, confidence: 90, expiresNs: 0n }]]));
 * assert(matchesTopics(f, { strategies: [7] }) && !matchesTopics(f, { strategies: [8] }));
 * ```
 */
export function matchesTopics(frame: Frame, topics: Topics): boolean {
  const m = compileTopics(topics);
  return m === null || m(frame.buffer, frame.offset, frame.size);
}
