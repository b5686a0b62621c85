// lib/transport/hello.ts — one job: the RelayHello TLV a relay client opens with (and the
// relay answers with), documented in docs/TRANSPORT.md.
import {
  type Frame,
  type FrameBuilder,
  HEADER_SIZE,
  RelayDomain,
  TlvCursor,
} from "../protocol/mod.ts";
import { TransportError } from "./errors.ts";
import type { Topics } from "./topic_filter.ts";

/** TLV type of RelayHello, in the vendor range (200–254). */
export const HELLO_TLV = 250;
/** Version of the RelayHello layout. */
export const HELLO_VERSION = 1;

/** What a client does on a relay. */
export const Role = {
  Publisher: 1,
  Subscriber: 2,
  Both: 3,
  /** Set by the relay in its answer. */
  Relay: 128,
} as const;
/** A role number. */
export type Role = typeof Role[keyof typeof Role];

/** What a relay does when a subscriber's queue is full. */
export type QueuePolicy = "backpressure" | "disconnect";

const POLICY_CODE: Record<QueuePolicy, number> = { backpressure: 1, disconnect: 2 };
const FLAG_ECHO = 1;

/** A decoded RelayHello. */
export interface Hello {
  /** Publisher, subscriber, both, or (in the answer) relay. */
  readonly role: Role;
  /** Deliver the client's own frames back to it (default false). */
  readonly echo: boolean;
  /** Queue policy; undefined asks for the relay's default. */
  readonly policy?: QueuePolicy | undefined;
  /** Queue bound in frames; 0 asks for the relay's default. */
  readonly queueFrames: number;
  /** The relay domain the client expects (0 any); in the answer, the relay's domain. */
  readonly domain: RelayDomain | 0;
  /** The subscription's topics (ignored for publishers). */
  readonly topics: Topics;
  /** A name for the relay's log lines (UTF-8, up to 64 bytes). */
  readonly name: string;
}

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

function list(values: readonly number[] | undefined, what: string, max: number): readonly number[] {
  const v = values ?? [];
  if (v.length > 255) {
    throw new TransportError("BAD_HELLO", `At most 255 ${what} per subscription, got ${v.length}`);
  }
  for (const x of v) {
    if (!Number.isInteger(x) || x < 0 || x > max) {
      throw new TransportError("BAD_HELLO", `${what} must be 0 to ${max}, got ${x}`, { [what]: x });
    }
  }
  return v;
}

/**
 * Encode a hello's value (the TLV value, without type and length).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeHello, encodeHello, Role } from "./hello.ts";
 * const bytes = encodeHello({ role: Role.Subscriber, echo: false, policy: "disconnect",
 *   queueFrames: 1000, domain: 1, topics: { types: [11, 16], sources: [1] }, name: "tap" });
 * const back = decodeHello(bytes);
 * assert.deepEqual(back.topics.types, [11, 16]);
 * assert.equal(back.policy, "disconnect");
 * ```
 */
export function encodeHello(hello: Hello): Uint8Array {
  const types = list(hello.topics.types, "types", 254);
  const sources = list(hello.topics.sources, "sources", 255);
  const venues = list(hello.topics.venues, "venues", 65535);
  const strategies = list(hello.topics.strategies, "strategies", 65535);
  let text = hello.name;
  let name = enc.encode(text);
  while (name.length > 64) name = enc.encode(text = text.slice(0, -1)); // whole characters only
  const q = hello.queueFrames;
  if (!Number.isInteger(q) || q < 0 || q > 0xffff_ffff) {
    throw new TransportError("BAD_HELLO", `Queue size must be 0 to 4294967295 frames, got ${q}`);
  }
  const size = 9 + 1 + types.length + 1 + sources.length + 1 + 2 * venues.length + 1 +
    2 * strategies.length + name.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out[0] = HELLO_VERSION;
  out[1] = hello.role;
  out[2] = hello.echo ? FLAG_ECHO : 0;
  out[3] = hello.policy === undefined ? 0 : POLICY_CODE[hello.policy];
  v.setUint32(4, q, true);
  out[8] = hello.domain;
  let p = 9;
  out[p++] = types.length;
  for (const t of types) out[p++] = t;
  out[p++] = sources.length;
  for (const s of sources) out[p++] = s;
  out[p++] = venues.length;
  for (const x of venues) (v.setUint16(p, x, true), p += 2);
  out[p++] = strategies.length;
  for (const x of strategies) (v.setUint16(p, x, true), p += 2);
  out.set(name, p);
  return out;
}

function bad(message: string): TransportError {
  return new TransportError("BAD_HELLO", `RelayHello: ${message}`);
}

/**
 * Decode a hello's value; a malformed one is a TransportError BAD_HELLO naming the problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeHello } from "./hello.ts";
 * assert.throws(() => decodeHello(new Uint8Array([9])), /RelayHello/);
 * ```
 */
export function decodeHello(value: Uint8Array): Hello {
  if (value.length < 13) throw bad(`value is ${value.length} bytes, expected at least 13`);
  if (value[0] !== HELLO_VERSION) throw bad(`version ${value[0]} is not supported (1)`);
  const role = value[1]!;
  if (role !== 1 && role !== 2 && role !== 3 && role !== 128) throw bad(`role ${role} is unknown`);
  const flags = value[2]!;
  if ((flags & ~FLAG_ECHO) !== 0) throw bad(`flags 0x${flags.toString(16)} has unknown bits`);
  const pc = value[3]!;
  if (pc > 2) throw bad(`queue policy ${pc} is unknown (0 default, 1 backpressure, 2 disconnect)`);
  const v = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const domain = value[8]!;
  if (domain > 4) throw bad(`domain ${domain} is invalid`);
  let p = 9;
  const take = (width: 1 | 2, what: string): number[] => {
    if (p >= value.length) throw bad(`${what} count is missing`);
    const n = value[p++]!;
    if (p + n * width > value.length) throw bad(`${n} ${what} do not fit in the value`);
    const out: number[] = [];
    for (let i = 0; i < n; i++, p += width) {
      out.push(width === 1 ? value[p]! : v.getUint16(p, true));
    }
    return out;
  };
  const types = take(1, "types");
  const sources = take(1, "sources");
  const venues = take(2, "venues");
  const strategies = take(2, "strategies");
  let name: string;
  try {
    name = dec.decode(value.subarray(p));
  } catch {
    throw bad("name is not UTF-8");
  }
  return {
    role: role as Role,
    echo: (flags & FLAG_ECHO) !== 0,
    policy: pc === 0 ? undefined : pc === 1 ? "backpressure" : "disconnect",
    queueFrames: v.getUint32(4, true),
    domain: domain as RelayDomain | 0,
    topics: { types, sources, venues, strategies },
    name,
  };
}

/**
 * Add a hello frame (system domain, one RelayHello TLV) to `builder`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameBuilder, parseFrame } from "../protocol/mod.ts";
 * import { addHelloFrame, helloOf, Role } from "./hello.ts";
 * const b = new FrameBuilder({ source: 0 });
 * addHelloFrame(b, { role: Role.Publisher, echo: false, queueFrames: 0, domain: 0,
 *   topics: {}, name: "pub" });
 * assert.equal(helloOf(parseFrame(b.take()))?.name, "pub");
 * ```
 */
export function addHelloFrame(builder: FrameBuilder, hello: Hello): void {
  builder.begin(RelayDomain.System).addRaw(HELLO_TLV, encodeHello(hello)).end();
}

/**
 * The hello in `frame` when its first TLV is a RelayHello, else `undefined`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { helloOf } from "./hello.ts";
 * const f = parseFrame(buildFrame(RelayDomain.Execution, 4, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]));
 * assert.equal(helloOf(f), undefined);
 * ```
 */
export function helloOf(frame: Frame): Hello | undefined {
  const c = new TlvCursor(frame.buffer, frame.offset + HEADER_SIZE, frame.offset + frame.size);
  if (!c.next() || c.type !== HELLO_TLV) return undefined;
  return decodeHello(frame.buffer.subarray(c.valueOffset, c.valueOffset + c.length));
}
