// lib/transport/json_lines.ts — one job: frames <-> JSON lines, the text form of a stream.
import { TorqError, type TorqErrorOptions } from "../error.ts";
import {
  instrumentFromBytes,
  instrumentToBytes,
  instrumentToText,
  parseInstrument,
} from "../instrument/mod.ts";
import { isAddress, normalizeAddress, toChecksumAddress } from "../instrument/address.ts";
import {
  bytesToHex,
  codecOf,
  decodeTlvs,
  DOMAIN_NAMES,
  type FieldSpec,
  type Frame,
  type FrameBuilder,
  hexToBytes,
  type KnownTlvType,
  type RelayDomain,
  tlvTypeByName,
} from "../protocol/mod.ts";

/** A frame as a JSON object: header fields, then TLVs by name with their fields. */
export interface FrameJson {
  domain: string;
  source: number;
  sequence: string;
  timestampNs: string;
  checksum: boolean;
  tlvs: Array<Record<string, unknown>>;
}

/** Bad JSON-lines input: the line and what to fix; always the user's input (exit 2). */
export class JsonLineError extends TorqError {
  constructor(
    code: string,
    shortMessage: string,
    details: Record<string, unknown> = {},
    options: TorqErrorOptions = {},
  ) {
    super(code, shortMessage, details, { ...options, userInput: true });
  }
}

const DOMAIN_BY_NAME: Record<string, RelayDomain> = {
  market: 1,
  signal: 2,
  execution: 3,
  system: 4,
};

function fieldToJson(kind: FieldSpec["kind"], value: unknown): unknown {
  switch (kind) {
    case "u8":
    case "u16":
    case "u32":
    case "i32":
      return value;
    case "address":
      return toChecksumAddress(value as string);
    case "bytes32":
      return value;
    case "instrument":
      return instrumentText(value as string);
    default:
      return (value as bigint).toString();
  }
}

function instrumentText(hex: string): string {
  // An all-zero id means "none" (e.g. a portfolio-wide alert), shown as hex.
  if (/^0x0*$/.test(hex)) return hex;
  try {
    return instrumentToText(instrumentFromBytes(hexToBytes(hex)));
  } catch {
    return hex; // not a valid id: show its bytes rather than hide them
  }
}

function fieldsToJson(
  fields: readonly FieldSpec[],
  value: Record<string, unknown>,
  out: Record<string, unknown>,
): Record<string, unknown> {
  for (const f of fields) out[f.name] = fieldToJson(f.kind, value[f.name]);
  return out;
}

/**
 * The JSON form of a frame: big integers as decimal strings, addresses checksummed,
 * instrument ids in their text form, unknown TLVs as `{ "type": N, "raw": "0x…" }`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { frameToJson } from "./json_lines.ts";
 * const f = parseFrame(buildFrame(RelayDomain.Execution, 4, 2n, [[TlvType.OrderCancel,
 *   { orderId: 77n, reasonCode: 3 }]], { timestampNs: 5n }));
 * assert(JSON.stringify(frameToJson(f).tlvs[0]) ===
 *   '{"type":"OrderCancel","orderId":"77","reasonCode":3}');
 * ```
 */
export function frameToJson(frame: Frame): FrameJson {
  const tlvs: Array<Record<string, unknown>> = [];
  for (const t of decodeTlvs(frame)) {
    if (t.name === undefined) {
      tlvs.push({ type: t.type, raw: bytesToHex(t.raw) });
      continue;
    }
    const layout = codecOf(t.type)!.layout;
    const value = t.value as unknown as Record<string, unknown>;
    const out = fieldsToJson(layout.fields, value, { type: t.name });
    const tail = layout.tail;
    if (tail?.kind === "list") {
      out[tail.name] = (value[tail.name] as Record<string, unknown>[]).map((item) =>
        fieldsToJson(tail.item, item, {})
      );
    } else if (tail !== undefined) {
      out[tail.name] = value[tail.name];
    }
    tlvs.push(out);
  }
  return {
    domain: DOMAIN_NAMES[frame.domain],
    source: frame.source,
    sequence: frame.sequence.toString(),
    timestampNs: frame.timestampNs.toString(),
    checksum: frame.hasChecksum,
    tlvs,
  };
}

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;

const RANGES: Record<"u64" | "i64" | "u128" | "i128" | "u160", readonly [bigint, bigint]> = {
  u64: [0n, (1n << 64n) - 1n],
  i64: [-(1n << 63n), (1n << 63n) - 1n],
  u128: [0n, (1n << 128n) - 1n],
  i128: [-(1n << 127n), (1n << 127n) - 1n],
  u160: [0n, (1n << 160n) - 1n],
};

function fail(line: number, message: string, details: Record<string, unknown> = {}): never {
  throw new JsonLineError("BAD_JSON_LINE", `Line ${line}: ${message}`, { line, ...details });
}

function fieldFromJson(line: number, where: string, kind: FieldSpec["kind"], v: unknown): unknown {
  switch (kind) {
    case "u8":
    case "u16":
    case "u32":
    case "i32":
      if (typeof v !== "number" || !Number.isInteger(v)) {
        fail(line, `${where} must be an integer number, got ${JSON.stringify(v)}`);
      }
      return v;
    case "address":
      if (typeof v !== "string" || !isAddress(v, { strict: true })) {
        fail(
          line,
          `${where} must be a 0x address of 40 hex digits (mixed case must be a valid EIP-55 checksum), got ${
            JSON.stringify(v)
          }`,
        );
      }
      return normalizeAddress(v);
    case "bytes32":
      if (typeof v !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(v)) {
        fail(line, `${where} must be 0x and 64 hex digits, got ${JSON.stringify(v)}`);
      }
      return v.toLowerCase();
    case "instrument":
      if (typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v)) return v.toLowerCase();
      if (typeof v !== "string") {
        fail(line, `${where} must be an instrument id like "polygon:quickswap_v2:pool:0x…"`);
      }
      try {
        return bytesToHex(instrumentToBytes(parseInstrument(v)));
      } catch (e) {
        fail(line, `${where}: ${(e as Error).message}`);
      }
      break;
    default: {
      let n: bigint;
      if (typeof v === "number" && Number.isSafeInteger(v)) n = BigInt(v);
      else if (typeof v === "string" && DECIMAL.test(v)) n = BigInt(v);
      else {
        fail(
          line,
          `${where} must be a decimal integer string (e.g. "1000000"), got ${JSON.stringify(v)}`,
        );
      }
      const [min, max] = RANGES[kind];
      if (n < min || n > max) fail(line, `${where} must be a ${kind} (${min} to ${max}), got ${n}`);
      return n;
    }
  }
}

function fieldsFromJson(
  line: number,
  where: string,
  fields: readonly FieldSpec[],
  extra: readonly string[],
  obj: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Set([...fields.map((f) => f.name), ...extra]);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) {
      fail(line, `unknown field "${key}" in ${where}; its fields are ${[...known].join(", ")}`);
    }
  }
  for (const f of fields) {
    if (!(f.name in obj)) fail(line, `${where} is missing field "${f.name}" (${f.kind})`);
    out[f.name] = fieldFromJson(line, `${where}.${f.name}`, f.kind, obj[f.name]);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parse one JSON line (as printed by {@linkcode frameToJson}) and append its frame to
 * `builder`. `sequence`, `timestampNs` and `checksum` are optional: without them frames are
 * numbered per source (in `sequences`, when given; else by the builder), stamped with the time
 * and checksummed per the domain's policy. Throws a
 * JsonLineError naming the line and the field for anything malformed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameBuilder, parseFrame } from "../protocol/mod.ts";
 * import { appendJsonLine } from "./json_lines.ts";
 * const b = new FrameBuilder({ source: 9 });
 * appendJsonLine(b, '{"domain":"execution","source":4,"tlvs":[{"type":"OrderCancel","orderId":"1","reasonCode":0}]}', 1);
 * assert(parseFrame(b.take()).source === 4);
 * ```
 */
export function appendJsonLine(
  builder: FrameBuilder,
  text: string,
  line: number,
  sequences?: Map<number, bigint>,
): void {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    fail(line, `not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(obj)) fail(line, "expected a JSON object with domain and tlvs");
  for (const key of Object.keys(obj)) {
    if (!["domain", "source", "sequence", "timestampNs", "checksum", "tlvs"].includes(key)) {
      fail(
        line,
        `unknown frame field "${key}"; frame fields are domain, source, sequence, timestampNs, checksum, tlvs`,
      );
    }
  }
  const domain = typeof obj.domain === "number" ? obj.domain : DOMAIN_BY_NAME[String(obj.domain)];
  if (domain === undefined || domain < 1 || domain > 4 || !Number.isInteger(domain)) {
    fail(
      line,
      `domain must be market, signal, execution or system, got ${JSON.stringify(obj.domain)}`,
    );
  }
  const source = obj.source ?? undefined;
  if (source !== undefined && (typeof source !== "number" || (source & 255) !== source)) {
    fail(line, `source must be an integer 0 to 255, got ${JSON.stringify(source)}`);
  }
  let sequence = obj.sequence === undefined
    ? undefined
    : fieldFromJson(line, "sequence", "u64", obj.sequence) as bigint;
  if (sequence === 0n) fail(line, "sequence must be at least 1");
  if (sequences !== undefined) {
    // Number frames per source when the line leaves the sequence out.
    const key = (source as number | undefined) ?? builder.source;
    sequence ??= (sequences.get(key) ?? 0n) + 1n;
    sequences.set(key, sequence);
  }
  const timestampNs = obj.timestampNs === undefined
    ? undefined
    : fieldFromJson(line, "timestampNs", "u64", obj.timestampNs) as bigint;
  if (obj.checksum !== undefined && typeof obj.checksum !== "boolean") {
    fail(line, `checksum must be true or false, got ${JSON.stringify(obj.checksum)}`);
  }
  if (!Array.isArray(obj.tlvs)) fail(line, "tlvs must be an array of TLV objects");
  try {
    builder.begin(domain as RelayDomain, {
      ...(sequence !== undefined ? { sequence } : {}),
      ...(timestampNs !== undefined ? { timestampNs } : {}),
      ...(obj.checksum !== undefined ? { checksum: obj.checksum as boolean } : {}),
      ...(source !== undefined ? { source: source as number } : {}),
    });
    obj.tlvs.forEach((t: unknown, i: number) => appendTlv(builder, t, line, `tlvs[${i}]`));
    builder.end();
  } catch (e) {
    builder.abort();
    if (e instanceof JsonLineError) throw e;
    fail(line, (e as Error).message, { cause: e });
  }
}

function appendTlv(builder: FrameBuilder, t: unknown, line: number, where: string): void {
  if (!isObject(t)) fail(line, `${where} must be an object with a "type"`);
  if (typeof t.type === "number") {
    if (!("raw" in t)) {
      const known = codecOf(t.type);
      if (known !== undefined) {
        fail(
          line,
          `${where}: write type ${t.type} by name ("${known.layout.name}") or give "raw" bytes`,
        );
      }
      fail(line, `${where}: type ${t.type} needs "raw": "0x…" value bytes`);
    }
    if (typeof t.raw !== "string") fail(line, `${where}.raw must be a 0x hex string`);
    let raw: Uint8Array;
    try {
      raw = hexToBytes(t.raw, `${where}.raw`);
    } catch (e) {
      fail(line, (e as Error).message);
    }
    builder.addRaw(t.type, raw);
    return;
  }
  const type = tlvTypeByName(String(t.type));
  if (type === undefined) {
    fail(
      line,
      `${where}: unknown TLV type ${
        JSON.stringify(t.type)
      }; use a name such as "PoolSwap" or a number with "raw"`,
    );
  }
  const layout = codecOf(type)!.layout;
  const tail = layout.tail;
  const value = fieldsFromJson(line, layout.name, layout.fields, [
    "type",
    ...(tail ? [tail.name] : []),
  ], t);
  if (tail !== undefined) {
    const v = t[tail.name];
    if (tail.kind === "list") {
      if (!Array.isArray(v)) fail(line, `${layout.name}.${tail.name} must be an array`);
      value[tail.name] = v.map((item: unknown, i: number) => {
        if (!isObject(item)) fail(line, `${layout.name}.${tail.name}[${i}] must be an object`);
        return fieldsFromJson(line, `${layout.name}.${tail.name}[${i}]`, tail.item, [], item);
      });
    } else if (tail.kind === "text") {
      if (typeof v !== "string") fail(line, `${layout.name}.${tail.name} must be a string`);
      value[tail.name] = v;
    } else {
      if (typeof v !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(v)) {
        fail(line, `${layout.name}.${tail.name} must be 0x hex bytes`);
      }
      value[tail.name] = v.toLowerCase();
    }
  }
  builder.add(type as KnownTlvType, value as never);
}
