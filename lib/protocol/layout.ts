// lib/protocol/layout.ts — one job: turn a declarative payload layout into fast encode/decode
// functions, so the code, the typed values and docs/PROTOCOL.md come from one table.
import { ProtocolError } from "./errors.ts";

/** A `0x`-prefixed lower- or mixed-case hex string. */
export type Hex = `0x${string}`;

/**
 * Kinds of payload field, all little-endian. Integers up to 32 bits decode to `number`,
 * wider ones to `bigint`; byte strings to `0x` hex.
 */
export type FieldKind =
  | "u8"
  | "u16"
  | "u32"
  | "i32"
  | "u64"
  | "i64"
  | "u128"
  | "i128"
  | "u160"
  | "address"
  | "bytes32"
  | "instrument";

/** Size in bytes of each field kind. */
export const FIELD_SIZES: Readonly<Record<FieldKind, number>> = {
  u8: 1,
  u16: 2,
  u32: 4,
  i32: 4,
  u64: 8,
  i64: 8,
  u128: 16,
  i128: 16,
  u160: 20,
  address: 20,
  bytes32: 32,
  instrument: 32,
};

/** One fixed-size field of a payload. */
export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** Meaning and unit, as printed in docs/PROTOCOL.md. */
  readonly doc: string;
}

/** The variable part of a payload, after its fixed fields. */
export type TailSpec =
  | {
    /** `u8` count, then that many items of the fixed item layout. */
    readonly kind: "list";
    readonly name: string;
    readonly doc: string;
    readonly item: readonly FieldSpec[];
  }
  | {
    /** UTF-8 text filling the rest of the value. */
    readonly kind: "text";
    readonly name: string;
    readonly doc: string;
  }
  | {
    /** Raw bytes filling the rest of the value. */
    readonly kind: "bytes";
    readonly name: string;
    readonly doc: string;
  };

/** The documented layout of one TLV type's value. */
export interface TlvLayout {
  readonly type: number;
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldSpec[];
  readonly tail?: TailSpec;
}

type KindValue<K extends FieldKind> = K extends "u8" | "u16" | "u32" | "i32" ? number
  : K extends "address" | "bytes32" | "instrument" ? Hex
  : bigint;

/** The value type of a list of field specs: one property per field. */
export type FieldsValue<F extends readonly FieldSpec[]> = {
  [E in F[number] as E["name"]]: KindValue<E["kind"]>;
};

type TailValue<T> = T extends { kind: "list"; name: infer N extends string; item: infer I }
  ? I extends readonly FieldSpec[] ? { [K in N]: FieldsValue<I>[] } : never
  : T extends { kind: "text"; name: infer N extends string } ? { [K in N]: string }
  : T extends { kind: "bytes"; name: infer N extends string } ? { [K in N]: Hex }
  : unknown;

/** The value type a layout encodes and decodes. */
export type LayoutValue<L extends TlvLayout> = FieldsValue<L["fields"]> & TailValue<L["tail"]>;

/** Encode and decode functions compiled from a layout. */
export interface CompiledLayout {
  readonly layout: TlvLayout;
  /** Byte size of the fixed fields (plus the count byte of a list tail). */
  readonly headSize: number;
  /** Exact size when the layout has no tail, else -1. */
  readonly fixedSize: number;
  /** Value size of `value` in bytes (validates tail lengths). */
  sizeOf(value: unknown): number;
  /** Write `value` at `offset`; the caller has checked that `sizeOf(value)` bytes fit. */
  encode(view: DataView, bytes: Uint8Array, offset: number, value: unknown): void;
  /** Read a value of `length` bytes at `offset`; throws WRONG_TLV_LENGTH or BAD_FIELD. */
  decode(view: DataView, bytes: Uint8Array, offset: number, length: number): unknown;
  /**
   * Whether a value of `length` bytes at `offset` decodes (list count matches the length,
   * text is UTF-8), without building it: the problem, or undefined.
   */
  check(
    bytes: Uint8Array,
    offset: number,
    length: number,
  ): { code: "WRONG_TLV_LENGTH" | "BAD_FIELD"; message: string; at: number } | undefined;
}

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  try {
    const text = JSON.stringify(value, (_, v) => typeof v === "bigint" ? `${v}n` : v) ??
      String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

function outOfRange(field: string, value: unknown, kind: string): ProtocolError {
  const shown = show(value);
  return new ProtocolError(
    "FIELD_OUT_OF_RANGE",
    `Field ${field} must be a ${kind}, got ${shown}`,
    0,
    { field, value, kind },
  );
}

// Hex strings repeat (pools, tokens), so their bytes are cached as little-endian 32-bit words
// (eight word writes beat a small Uint8Array.set) in one preallocated slab: a value not seen
// before (every transaction hash) costs its parse, no allocation. Bounded to keep memory flat.
const HEX_CACHE_LIMIT = 65_536;
/** Cached value → its slab offset << 4 | its word count. */
const hexCache = new Map<string, number>();
const HEX_SLAB = new Uint32Array(HEX_CACHE_LIMIT * 8);
let slabUsed = 0;
const HEX_DIGIT = /^0x[0-9a-fA-F]*$/;

// Value of each ASCII hex digit, -1 for every other character code below 128.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[48 + i < 58 ? 48 + i : 87 + i] = i; // 0-9, a-f
  if (i >= 10) HEX_VALUE[55 + i] = i; // A-F
}

// Slab offset of the words of `value`, a 0x hex string of `size` bytes. Recycling the full
// slab bumps H.generation, so the generated code's remembered offsets go stale.
function hexAt(value: unknown, size: number, field: string, kind: string): number {
  const count = size >> 2;
  const cached = typeof value === "string" ? hexCache.get(value) : undefined;
  if (cached !== undefined && (cached & 15) === count) return cached >> 4;
  if (
    typeof value !== "string" || value.length !== 2 + 2 * size || value.charCodeAt(0) !== 48 ||
    value.charCodeAt(1) !== 120
  ) {
    throw outOfRange(field, value, `${kind} (0x and ${2 * size} hex digits)`);
  }
  if (slabUsed + count > HEX_SLAB.length || hexCache.size >= HEX_CACHE_LIMIT) {
    hexCache.clear();
    slabUsed = 0;
    H.generation++;
  }
  const at = slabUsed;
  if (!parseWords(value, HEX_SLAB, at, count)) {
    throw outOfRange(field, value, `${kind} (0x and ${2 * size} hex digits)`);
  }
  slabUsed = at + count;
  hexCache.set(value, (at << 4) | count);
  return at;
}

// Digits straight into little-endian words, no intermediate bytes; false when a character is
// not a hex digit.
function parseWords(hex: string, words: Uint32Array, at: number, count: number): boolean {
  let bad = 0;
  for (let i = 0, p = 2; i < count; i++) {
    let w = 0;
    for (let k = 0; k < 32; k += 8, p += 2) {
      const a = hex.charCodeAt(p);
      const b = hex.charCodeAt(p + 1);
      const hi = a < 128 ? HEX_VALUE[a]! : -1;
      const lo = b < 128 ? HEX_VALUE[b]! : -1;
      bad |= hi | lo;
      w |= ((hi << 4) | lo) << k;
    }
    words[at + i] = w;
  }
  return bad >= 0;
}

const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Lower-case `0x` hex of `bytes[offset, offset + size)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bytesToHex } from "./layout.ts";
 * assert(bytesToHex(new Uint8Array([0xde, 0xad]), 0, 2) === "0xdead");
 * ```
 */
export function bytesToHex(
  bytes: Uint8Array,
  offset: number = 0,
  size: number = bytes.length - offset,
): Hex {
  let s = "0x";
  for (let i = offset; i < offset + size; i++) s += HEX_PAIRS[bytes[i]!]!;
  return s as Hex;
}

/**
 * Bytes of a `0x` hex string of any even length; throws BAD_FIELD naming `field` otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hexToBytes } from "./layout.ts";
 * assert(hexToBytes("0x0aff")[1] === 255);
 * ```
 */
export function hexToBytes(hex: string, field = "hex"): Uint8Array {
  if (!HEX_DIGIT.test(hex) || hex.length % 2 !== 0) {
    throw new ProtocolError(
      "BAD_FIELD",
      `Field ${field} must be 0x and an even number of hex digits, got ${
        JSON.stringify(hex.slice(0, 80))
      }`,
      0,
      { field },
    );
  }
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

// Runtime helpers the generated code calls; kept monomorphic so V8 inlines them.
const H = {
  outOfRange,
  hexAt,
  slab: HEX_SLAB,
  generation: 0,
  hexToBytes,
  bytesToHex,
  rU128(v: DataView, o: number): bigint {
    const lo = v.getBigUint64(o, true);
    const hi = v.getBigUint64(o + 8, true);
    return hi === 0n ? lo : (hi << 64n) | lo;
  },
  rI128(v: DataView, o: number): bigint {
    const lo = v.getBigUint64(o, true);
    const hi = v.getBigInt64(o + 8, true);
    return hi === 0n ? lo : (hi << 64n) | lo;
  },
  rU160(v: DataView, o: number): bigint {
    const lo = v.getBigUint64(o, true);
    const mid = v.getBigUint64(o + 8, true);
    const hi = v.getUint32(o + 16, true);
    if (hi === 0 && mid === 0n) return lo;
    return (BigInt(hi) << 128n) | (mid << 64n) | lo;
  },
  textEncoder: new TextEncoder(),
  textDecoder: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }),
  wrongLength(name: string, length: number, expected: string, offset: number): ProtocolError {
    return new ProtocolError(
      "WRONG_TLV_LENGTH",
      `${name} value is ${length} bytes, expected ${expected}`,
      offset,
      { type: name, length, expected },
    );
  },
  badText(name: string, offset: number, cause: unknown): ProtocolError {
    return new ProtocolError(
      "BAD_FIELD",
      `Text field ${name} at byte ${offset} is not valid UTF-8`,
      offset,
      { field: name },
      { cause },
    );
  },
  notList(name: string, value: unknown): ProtocolError {
    return outOfRange(name, value, "array of at most 255 items");
  },
};

// Per-field code: each generated site keeps its own type feedback, so V8 lowers
// `BigInt.asUintN(64, x)` + `setBigUint64` to a plain 64-bit store; only the fits-in-64-bits
// test (one BigInt compare) and, for wider values, one shift remain as calls.
function writeField(f: FieldSpec, at: string, src: string, memo: string[]): string {
  const name = JSON.stringify(f.name);
  const x = `${src}[${name}]`;
  const bad = (kind: string) => `throw H.outOfRange(${name},x,"${kind}");`;
  const isBig = (kind: string) => `if(typeof x!=="bigint") ${bad(kind)}`;
  switch (f.kind) {
    case "u8":
      return `{const x=${x}; if(typeof x!=="number"||(x&255)!==x) ${
        bad("u8 integer")
      } b[${at}]=x;}`;
    case "u16":
      return `{const x=${x}; if(typeof x!=="number"||(x&65535)!==x) ${
        bad("u16 integer")
      } v.setUint16(${at},x,true);}`;
    case "u32":
      return `{const x=${x}; if(typeof x!=="number"||(x>>>0)!==x) ${
        bad("u32 integer")
      } v.setUint32(${at},x,true);}`;
    case "i32":
      return `{const x=${x}; if(typeof x!=="number"||(x|0)!==x) ${
        bad("i32 integer")
      } v.setInt32(${at},x,true);}`;
    case "u64":
      return `{const x=${x}; ${isBig("u64 bigint")} const lo=BigInt.asUintN(64,x); if(lo!==x) ${
        bad("u64 bigint")
      } v.setBigUint64(${at},lo,true);}`;
    case "i64":
      return `{const x=${x}; ${isBig("i64 bigint")} const lo=BigInt.asIntN(64,x); if(lo!==x) ${
        bad("i64 bigint")
      } v.setBigInt64(${at},lo,true);}`;
    case "u128":
      // A negative x has a negative high part, which asUintN never returns: one test covers both.
      return `{const x=${x}; ${isBig("u128 bigint")} const lo=BigInt.asUintN(64,x);
        v.setBigUint64(${at},lo,true);
        if(lo===x){v.setUint32(${at}+8,0,true); v.setUint32(${at}+12,0,true);}
        else{const hi=x>>64n; const h=BigInt.asUintN(64,hi); if(h!==hi) ${
        bad("u128 bigint")
      } v.setBigUint64(${at}+8,h,true);}}`;
    case "i128":
      return `{const x=${x}; ${isBig("i128 bigint")} const lo=BigInt.asUintN(64,x);
        v.setBigUint64(${at},lo,true);
        if(lo===x){v.setUint32(${at}+8,0,true); v.setUint32(${at}+12,0,true);}
        else{const hi=x>>64n; const h=BigInt.asIntN(64,hi); if(h!==hi) ${
        bad("i128 bigint")
      } v.setBigInt64(${at}+8,h,true);}}`;
    case "u160":
      return `{const x=${x}; ${isBig("u160 bigint")} const lo=BigInt.asUintN(64,x);
        v.setBigUint64(${at},lo,true);
        if(lo===x){v.setUint32(${at}+8,0,true); v.setUint32(${at}+12,0,true); v.setUint32(${at}+16,0,true);}
        else{const hi=x>>64n; const mid=BigInt.asUintN(64,hi); v.setBigUint64(${at}+8,mid,true);
          if(mid===hi) v.setUint32(${at}+16,0,true);
          else{const top=hi>>64n; const t=BigInt.asUintN(32,top); if(t!==top) ${
        bad("u160 bigint")
      } v.setUint32(${at}+16,Number(t),true);}}}`;
    case "address":
    case "bytes32":
    case "instrument": {
      // One remembered string per field skips the cache lookup when a value repeats (a pool's
      // swaps, a router's calls, the logs of one transaction).
      const size = FIELD_SIZES[f.kind];
      const m = memo.length;
      memo.push(`let k${m}="",p${m}=0,g${m}=-1;`);
      const writes = Array.from(
        { length: size / 4 },
        (_, i) => `v.setUint32(${at}+${4 * i},S[h+${i}],true);`,
      );
      return `{const x=${x}; let h=p${m}; if(x!==k${m}||g${m}!==H.generation){h=H.hexAt(x,${size},${name},${
        JSON.stringify(f.kind)
      }); k${m}=x; p${m}=h; g${m}=H.generation;} const S=H.slab; ${writes.join("")}}`;
    }
  }
}

function readField(f: FieldSpec, at: string): string {
  switch (f.kind) {
    case "u8":
      return `b[${at}]`;
    case "u16":
      return `v.getUint16(${at},true)`;
    case "u32":
      return `v.getUint32(${at},true)`;
    case "i32":
      return `v.getInt32(${at},true)`;
    case "u64":
      return `v.getBigUint64(${at},true)`;
    case "i64":
      return `v.getBigInt64(${at},true)`;
    case "u128":
      return `H.rU128(v,${at})`;
    case "i128":
      return `H.rI128(v,${at})`;
    case "u160":
      return `H.rU160(v,${at})`;
    case "address":
    case "bytes32":
    case "instrument":
      return `H.bytesToHex(b,${at},${FIELD_SIZES[f.kind]})`;
  }
}

function fieldsSize(fields: readonly FieldSpec[]): number {
  let n = 0;
  for (const f of fields) n += FIELD_SIZES[f.kind];
  return n;
}

/**
 * Compile a layout into encode/decode functions (generated once, straight-line code per
 * field, so the hot path has no per-field dispatch).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileLayout } from "./layout.ts";
 * const c = compileLayout({ type: 200, name: "Demo", doc: "", fields: [
 *   { name: "a", kind: "u16", doc: "" }, { name: "b", kind: "u128", doc: "" }] });
 * const buf = new Uint8Array(18);
 * c.encode(new DataView(buf.buffer), buf, 0, { a: 7, b: 2n ** 100n });
 * assert((c.decode(new DataView(buf.buffer), buf, 0, 18) as { b: bigint }).b === 2n ** 100n);
 * ```
 */
export function compileLayout(layout: TlvLayout): CompiledLayout {
  const fixed = fieldsSize(layout.fields);
  const tail = layout.tail;
  const headSize = fixed + (tail?.kind === "list" ? 1 : 0);
  const itemSize = tail?.kind === "list" ? fieldsSize(tail.item) : 0;
  const lname = JSON.stringify(layout.name);

  const enc: string[] = [];
  const dec: string[] = [];
  const memo: string[] = [];
  let at = 0;
  for (const f of layout.fields) {
    enc.push(writeField(f, `o+${at}`, "x0", memo));
    dec.push(`${JSON.stringify(f.name)}:${readField(f, `o+${at}`)}`);
    at += FIELD_SIZES[f.kind];
  }
  let sizeSrc = `return ${fixed};`;
  let decCheck = `if(n!==${fixed}) throw H.wrongLength(${lname},n,"${fixed}",o);`;
  let tailEnc = "";
  let tailDec = "";
  if (tail !== undefined) {
    const tn = JSON.stringify(tail.name);
    if (tail.kind === "list") {
      sizeSrc =
        `const l=x0[${tn}]; if(!Array.isArray(l)||l.length>255) throw H.notList(${tn},l); return ${headSize}+l.length*${itemSize};`;
      const itemEnc: string[] = [];
      const itemDec: string[] = [];
      let ia = 0;
      for (const f of tail.item) {
        itemEnc.push(writeField(f, `p+${ia}`, "it", memo));
        itemDec.push(`${JSON.stringify(f.name)}:${readField(f, `p+${ia}`)}`);
        ia += FIELD_SIZES[f.kind];
      }
      tailEnc = `{const l=x0[${tn}]; b[o+${fixed}]=l.length; let p=o+${headSize};
        for(let i=0;i<l.length;i++){const it=l[i]; ${itemEnc.join("")} p+=${itemSize};}}`;
      decCheck = `if(n<${headSize}) throw H.wrongLength(${lname},n,"at least ${headSize}",o);
        const cnt=b[o+${fixed}]; if(n!==${headSize}+cnt*${itemSize}) throw H.wrongLength(${lname},n,String(${headSize}+cnt*${itemSize}),o);`;
      tailDec = `const l=new Array(cnt); let p=o+${headSize};
        for(let i=0;i<cnt;i++){l[i]={${itemDec.join(",")}}; p+=${itemSize};} r[${tn}]=l;`;
    } else if (tail.kind === "text") {
      sizeSrc =
        `const t=x0[${tn}]; if(typeof t!=="string"||!t.isWellFormed()) throw H.outOfRange(${tn},t,"well-formed string (no lone surrogates)"); return ${fixed}+H.textEncoder.encode(t).length;`;
      tailEnc = `{const t=H.textEncoder.encode(x0[${tn}]); b.set(t,o+${fixed});}`;
      decCheck = `if(n<${fixed}) throw H.wrongLength(${lname},n,"at least ${fixed}",o);`;
      tailDec =
        `try{r[${tn}]=H.textDecoder.decode(b.subarray(o+${fixed},o+n));}catch(e){throw H.badText(${tn},o+${fixed},e);}`;
    } else {
      sizeSrc =
        `const t=x0[${tn}]; if(typeof t!=="string"||t.length%2!==0||!/^0x[0-9a-fA-F]*$/.test(t)) throw H.outOfRange(${tn},t,"0x hex bytes"); return ${fixed}+(t.length-2)/2;`;
      tailEnc =
        `{const t=x0[${tn}]; const n=(t.length-2)/2; b.set(H.hexToBytes(t,${tn}),o+${fixed});}`;
      decCheck = `if(n<${fixed}) throw H.wrongLength(${lname},n,"at least ${fixed}",o);`;
      tailDec = `r[${tn}]=H.bytesToHex(b,o+${fixed},n-${fixed});`;
    }
  }
  const make = (params: string, body: string, prelude = "") =>
    // Generated only from the static layout tables in this package, never from input.
    new Function("H", `${prelude} return function(${params}){${body}}`)(H);
  const check: CompiledLayout["check"] = (bytes, offset, length) => {
    if (tail === undefined) {
      return length === fixed ? undefined : {
        code: "WRONG_TLV_LENGTH",
        message: `value is ${length} bytes, expected ${fixed}`,
        at: offset,
      };
    }
    if (length < headSize) {
      return {
        code: "WRONG_TLV_LENGTH",
        message: `value is ${length} bytes, expected at least ${headSize}`,
        at: offset,
      };
    }
    if (tail.kind === "list") {
      const count = bytes[offset + fixed]!;
      const want = headSize + count * itemSize;
      if (length !== want) {
        return {
          code: "WRONG_TLV_LENGTH",
          message: `value is ${length} bytes but its ${count} ${tail.name} take ${want}`,
          at: offset,
        };
      }
    } else if (tail.kind === "text") {
      try {
        H.textDecoder.decode(bytes.subarray(offset + fixed, offset + length));
      } catch {
        return {
          code: "BAD_FIELD",
          message: `text field ${tail.name} is not valid UTF-8`,
          at: offset + fixed,
        };
      }
    }
    return undefined;
  };
  return {
    layout,
    headSize,
    check,
    fixedSize: tail === undefined ? fixed : -1,
    sizeOf: make("x0", sizeSrc),
    encode: make("v,b,o,x0", `${enc.join("\n")}\n${tailEnc}`, memo.join("")),
    decode: make("v,b,o,n", `${decCheck}\nconst r={${dec.join(",")}};\n${tailDec}\nreturn r;`),
  };
}
