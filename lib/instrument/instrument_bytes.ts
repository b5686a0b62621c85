// lib/instrument/instrument_bytes.ts — one job: the 32-byte form of an InstrumentId.
//
// Layout (all integers little-endian, every byte not listed must be zero):
//   kind 1 CEX spot:  [0]=1  [1..3) venue code u16  [4..16) base  [16..28) quote
//   kind 2 EVM token: [0]=2  [4..8) chain id u32    [8..28) token address
//   kind 3 DEX pool:  [0]=3  [1..3) venue code u16  [4..8) chain id u32  [8..28) pool address
// Symbols are ASCII A-Z/0-9, left-aligned and zero-padded; zeros only after the last char.
import { readAddress, writeAddress } from "./_hex.ts";
import {
  assertVenueOnChain,
  checkInstrument,
  isSymbolChar,
  MAX_SYMBOL_LENGTH,
} from "./_validate.ts";
import { findChainById } from "./chains.ts";
import { InstrumentError } from "./errors.ts";
import type { InstrumentId } from "./instrument_id.ts";
import { findVenueByCode } from "./venues.ts";

/** Size in bytes of the binary form of every InstrumentId. */
export const INSTRUMENT_ID_SIZE = 32;

/** The kind byte (byte 0) of each kind of id. */
export const INSTRUMENT_KIND_BYTE = Object.freeze({ cex_spot: 1, evm_token: 2, dex_pool: 3 });

const BASE_AT = 4;
const QUOTE_AT = 16;
const CHAIN_AT = 4;
const ADDRESS_AT = 8;
const TAIL_AT = 28;

function writeSymbol(symbol: string, out: Uint8Array, at: number): void {
  for (let i = 0; i < symbol.length; i++) out[at + i] = symbol.charCodeAt(i);
}

/**
 * Writes the 32-byte form of `id`. With `out`, writes into it at `offset` (no allocation) and
 * returns it; without, returns a new 32-byte array.
 *
 * @throws {InstrumentError} when `id` breaks a rule (it may have been built by hand), or
 * `WRONG_LENGTH` when `out` has fewer than 32 bytes from `offset`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { instrumentToBytes } from "./instrument_bytes.ts";
 * import { cexSpot } from "./instrument_id.ts";
 * const bytes = instrumentToBytes(cexSpot("binance", "BTC", "USDT"));
 * assert(bytes.length === 32 && bytes[0] === 1 && bytes[1] === 1 && bytes[4] === 66);
 * ```
 */
export function instrumentToBytes(id: InstrumentId, out?: Uint8Array, offset = 0): Uint8Array {
  const { venueCode, chainId } = checkInstrument(id);
  const buf = out ?? new Uint8Array(INSTRUMENT_ID_SIZE);
  if (!Number.isInteger(offset) || offset < 0 || buf.length - offset < INSTRUMENT_ID_SIZE) {
    throw new InstrumentError(
      "WRONG_LENGTH",
      `Output buffer of ${buf.length} bytes has no room for 32 bytes at offset ${offset}`,
      { length: buf.length, offset },
    );
  }
  buf.fill(0, offset, offset + INSTRUMENT_ID_SIZE);
  buf[offset] = INSTRUMENT_KIND_BYTE[id.kind];
  buf[offset + 1] = venueCode & 0xff;
  buf[offset + 2] = venueCode >>> 8;
  if (id.kind === "cex_spot") {
    writeSymbol(id.base, buf, offset + BASE_AT);
    writeSymbol(id.quote, buf, offset + QUOTE_AT);
  } else {
    buf[offset + CHAIN_AT] = chainId & 0xff;
    buf[offset + CHAIN_AT + 1] = (chainId >>> 8) & 0xff;
    buf[offset + CHAIN_AT + 2] = (chainId >>> 16) & 0xff;
    buf[offset + CHAIN_AT + 3] = chainId >>> 24;
    writeAddress(id.address, buf, offset + ADDRESS_AT);
  }
  return buf;
}

function reserved(b: Uint8Array, base: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    if (b[base + i] !== 0) {
      throw new InstrumentError(
        "RESERVED_NOT_ZERO",
        `Reserved byte ${i} of instrument id is 0x${b[base + i]!.toString(16)}, must be 0`,
        { offset: i, value: b[base + i] },
      );
    }
  }
}

function readSymbol(b: Uint8Array, base: number, at: number, field: "base" | "quote"): string {
  let s = "";
  let i = 0;
  for (; i < MAX_SYMBOL_LENGTH && b[base + at + i] !== 0; i++) {
    const c = b[base + at + i]!;
    if (!isSymbolChar(c)) {
      throw new InstrumentError(
        "BAD_SYMBOL",
        `Byte ${at + i} of the ${field} symbol is 0x${c.toString(16)}: expected A-Z or 0-9`,
        { offset: at + i, field, value: c },
      );
    }
    s += String.fromCharCode(c);
  }
  if (i === 0) {
    throw new InstrumentError("BAD_SYMBOL", `Empty ${field} symbol at byte ${at}`, {
      offset: at,
      field,
    });
  }
  for (; i < MAX_SYMBOL_LENGTH; i++) {
    if (b[base + at + i] !== 0) {
      throw new InstrumentError(
        "BAD_SYMBOL",
        `Byte ${at + i} of the ${field} symbol is not zero after its padding began`,
        { offset: at + i, field, value: b[base + at + i] },
      );
    }
  }
  return s;
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function unknownVenue(code: number): InstrumentError {
  return new InstrumentError("UNKNOWN_VENUE", `Unknown venue code ${code} at byte 1`, {
    offset: 1,
    venueCode: code,
  });
}

function wrongVenueKind(name: string, expected: "cex" | "dex"): InstrumentError {
  return new InstrumentError(
    "WRONG_VENUE_KIND",
    `Venue ${name} at byte 1 is ${expected === "cex" ? "an AMM" : "an exchange"}, expected ` +
      `${expected === "cex" ? "an exchange" : "an AMM"}`,
    { offset: 1, venue: name, expected },
  );
}

function chainAt(b: Uint8Array, base: number) {
  const chainId = u32(b, base + CHAIN_AT);
  const chain = findChainById(chainId);
  if (chain === undefined) {
    throw new InstrumentError("UNKNOWN_CHAIN", `Unknown chain id ${chainId} at byte 4`, {
      offset: CHAIN_AT,
      chainId,
    });
  }
  return chain;
}

/**
 * Decodes the 32-byte form. Without `offset`, `bytes` must be exactly 32 bytes long; with it,
 * the 32 bytes at `offset` are read (as when the id sits inside a frame). Every byte form that
 * `instrumentToBytes` can write decodes, and nothing else does.
 *
 * @throws {InstrumentError} `WRONG_LENGTH`, `INVALID_KIND`, `RESERVED_NOT_ZERO`,
 * `UNKNOWN_VENUE`, `WRONG_VENUE_KIND`, `UNKNOWN_CHAIN`, `VENUE_NOT_ON_CHAIN` or `BAD_SYMBOL`;
 * `details.offset` is the byte (from the start of the id) at fault.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { instrumentFromBytes, instrumentToBytes } from "./instrument_bytes.ts";
 * import { evmToken } from "./instrument_id.ts";
 * const weth = evmToken("ethereum", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
 * const back = instrumentFromBytes(instrumentToBytes(weth));
 * assert(back.kind === "evm_token" && back.address === weth.address);
 * ```
 */
export function instrumentFromBytes(bytes: Uint8Array, offset?: number): InstrumentId {
  const at = offset ?? 0;
  const fits = offset === undefined
    ? bytes.length === INSTRUMENT_ID_SIZE
    : Number.isInteger(at) && at >= 0 && bytes.length - at >= INSTRUMENT_ID_SIZE;
  if (!fits) {
    throw new InstrumentError(
      "WRONG_LENGTH",
      offset === undefined
        ? `Instrument id is ${bytes.length} bytes, expected 32`
        : `No room for a 32-byte instrument id at offset ${offset} of ${bytes.length} bytes`,
      { length: bytes.length, offset: at },
    );
  }
  const kind = bytes[at]!;
  switch (kind) {
    case 1: {
      reserved(bytes, at, 3, 4);
      reserved(bytes, at, TAIL_AT, INSTRUMENT_ID_SIZE);
      const code = u16(bytes, at + 1);
      const venue = findVenueByCode(code);
      if (venue === undefined) throw unknownVenue(code);
      if (venue.kind !== "cex") throw wrongVenueKind(venue.name, "cex");
      const base = readSymbol(bytes, at, BASE_AT, "base");
      const quote = readSymbol(bytes, at, QUOTE_AT, "quote");
      return { kind: "cex_spot", venue: venue.name, base, quote };
    }
    case 2: {
      reserved(bytes, at, 1, 4);
      reserved(bytes, at, TAIL_AT, INSTRUMENT_ID_SIZE);
      const chain = chainAt(bytes, at);
      return { kind: "evm_token", chain: chain.name, address: readAddress(bytes, at + ADDRESS_AT) };
    }
    case 3: {
      reserved(bytes, at, 3, 4);
      reserved(bytes, at, TAIL_AT, INSTRUMENT_ID_SIZE);
      const code = u16(bytes, at + 1);
      const venue = findVenueByCode(code);
      if (venue === undefined) throw unknownVenue(code);
      if (venue.kind !== "dex") throw wrongVenueKind(venue.name, "dex");
      const chain = chainAt(bytes, at);
      assertVenueOnChain(venue, chain.name, { offset: 1 });
      return {
        kind: "dex_pool",
        chain: chain.name,
        venue: venue.name,
        address: readAddress(bytes, at + ADDRESS_AT),
      };
    }
    default:
      throw new InstrumentError(
        "INVALID_KIND",
        `Invalid instrument kind byte ${kind}: expected 1 (CEX spot), 2 (EVM token) or 3 (DEX pool)`,
        { offset: 0, kind },
      );
  }
}
