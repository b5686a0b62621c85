// lib/instrument/instrument_text.ts — one job: the canonical text form of an InstrumentId.
//
//   CEX spot:  <venue>:spot:<BASE>-<QUOTE>        binance:spot:BTC-USDT
//   EVM token: <chain>:token:0x<40 lower hex>     ethereum:token:0xc02a…6cc2
//   DEX pool:  <chain>:<venue>:pool:0x<40 hex>    polygon:quickswap_v2:pool:0x…
// Names are lower-case, symbols upper-case, hex lower-case, no whitespace: one text per id.
import { isLowerHexAddress } from "./_hex.ts";
import { assertSymbol, checkInstrument, quote, resolveDexVenue } from "./_validate.ts";
import { isAddress } from "./address.ts";
import { chainByName } from "./chains.ts";
import { InstrumentError } from "./errors.ts";
import type { InstrumentId } from "./instrument_id.ts";
import { cexVenueByName } from "./venues.ts";

const FORMS = "<venue>:spot:<BASE>-<QUOTE>, <chain>:token:0x<address> or " +
  "<chain>:<venue>:pool:0x<address>";

/**
 * The canonical text form of `id`.
 *
 * @throws {InstrumentError} when `id` breaks a rule (it may have been built by hand).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { instrumentToText } from "./instrument_text.ts";
 * import { cexSpot, dexPool } from "./instrument_id.ts";
 * assert(instrumentToText(cexSpot("binance", "BTC", "USDT")) === "binance:spot:BTC-USDT");
 * const pool = dexPool("polygon", "quickswap_v2", "0x" + "ab".repeat(20));
 * assert(instrumentToText(pool) === "polygon:quickswap_v2:pool:0x" + "ab".repeat(20));
 * ```
 */
export function instrumentToText(id: InstrumentId): string {
  checkInstrument(id);
  switch (id.kind) {
    case "cex_spot":
      return `${id.venue}:spot:${id.base}-${id.quote}`;
    case "evm_token":
      return `${id.chain}:token:${id.address}`;
    case "dex_pool":
      return `${id.chain}:${id.venue}:pool:${id.address}`;
  }
}

function badFormat(text: string, why: string): InstrumentError {
  return new InstrumentError(
    "BAD_FORMAT",
    `Invalid instrument text ${quote(text)}: ${why}; expected ${FORMS}`,
    { text },
  );
}

function textAddress(address: string): `0x${string}` {
  if (isLowerHexAddress(address)) return address;
  throw new InstrumentError(
    "BAD_ADDRESS",
    `Invalid address ${quote(address)}: expected 0x and 40 lower-case hex digits`,
    { address },
  );
}

// Accepts only the canonical form; parseInstrument adds the "did you mean" on failure.
function parseStrict(text: string): InstrumentId {
  const parts = text.split(":");
  if (parts.length === 3 && parts[1] === "spot") {
    const venue = cexVenueByName(parts[0]!);
    const pair = parts[2]!.split("-");
    if (pair.length !== 2) throw badFormat(text, "a spot pair is BASE-QUOTE with one dash");
    const [base, quoteSymbol] = pair as [string, string];
    assertSymbol(base, "base");
    assertSymbol(quoteSymbol, "quote");
    return { kind: "cex_spot", venue: venue.name, base, quote: quoteSymbol };
  }
  if (parts.length === 3 && parts[1] === "token") {
    const chain = chainByName(parts[0]!);
    return { kind: "evm_token", chain: chain.name, address: textAddress(parts[2]!) };
  }
  if (parts.length === 4 && parts[2] === "pool") {
    const chain = chainByName(parts[0]!);
    const venue = resolveDexVenue(chain.name, parts[1]!);
    return {
      kind: "dex_pool",
      chain: chain.name,
      venue: venue.name,
      address: textAddress(parts[3]!),
    };
  }
  throw badFormat(text, `${parts.length} colon-separated parts`);
}

const LOOSE_HEX_ADDRESS = /^0[xX][0-9a-fA-F]{40}$/;

// ASCII-only case changes: Unicode folding could turn "ß" into "SS" and suggest a wrong id.
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/**
 * The canonical text a non-canonical `text` stands for, and what to change: only fixes of
 * case and surrounding whitespace, never of structure or spelling. Undefined when no such
 * fix gives a valid id.
 */
function canonicalFix(text: string): { canonical: string; hints: string[] } | undefined {
  const hints = new Set<string>();
  const raw = text.split(":");
  const parts = raw.map((p) => p.trim());
  if (parts.some((p, i) => p !== raw[i])) hints.add("remove whitespace");
  const lowerName = (s: string): string => {
    const lower = asciiLower(s);
    if (lower !== s) hints.add("use lower-case names");
    return lower;
  };
  const address = (s: string): string | undefined => {
    if (!LOOSE_HEX_ADDRESS.test(s)) return undefined;
    const hex = "0x" + s.slice(2);
    if (!isAddress(hex)) return undefined; // a broken checksum is a typo, not a case slip
    const lower = s.toLowerCase();
    if (lower !== s) {
      hints.add(hex === hex.toLowerCase() ? "use lower-case 0x" : "use lower-case hex");
    }
    return lower;
  };
  let candidate: string | undefined;
  if (parts.length === 3 && asciiLower(parts[1]!) === "spot") {
    const pair = parts[2]!.split("-").map((p) => p.trim());
    if (pair.length !== 2) return undefined;
    if (pair.join("-") !== parts[2]) hints.add("remove whitespace");
    const symbols = pair.map(asciiUpper);
    if (symbols.join("-") !== pair.join("-")) hints.add("use upper-case symbols");
    candidate = `${lowerName(parts[0]!)}:${lowerName(parts[1]!)}:${symbols.join("-")}`;
  } else if (parts.length === 3 && asciiLower(parts[1]!) === "token") {
    const a = address(parts[2]!);
    if (a === undefined) return undefined;
    candidate = `${lowerName(parts[0]!)}:${lowerName(parts[1]!)}:${a}`;
  } else if (parts.length === 4 && asciiLower(parts[2]!) === "pool") {
    const a = address(parts[3]!);
    if (a === undefined) return undefined;
    candidate = `${lowerName(parts[0]!)}:${lowerName(parts[1]!)}:${lowerName(parts[2]!)}:${a}`;
  }
  if (candidate === undefined || candidate === text) return undefined;
  try {
    parseStrict(candidate);
  } catch {
    return undefined;
  }
  return { canonical: candidate, hints: [...hints] };
}

/**
 * Parses the canonical text form. Only the canonical form is accepted; when the input differs
 * from it only by case or surrounding whitespace, the `NON_CANONICAL` error names the text to
 * use instead (in its message and in `details.canonical`).
 *
 * @throws {InstrumentError} `BAD_FORMAT`, `NON_CANONICAL`, `UNKNOWN_CHAIN`, `UNKNOWN_VENUE`,
 * `WRONG_VENUE_KIND`, `VENUE_NOT_ON_CHAIN`, `BAD_SYMBOL` or `BAD_ADDRESS`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseInstrument } from "./instrument_text.ts";
 * const id = parseInstrument("binance:spot:BTC-USDT");
 * assert(id.kind === "cex_spot" && id.base === "BTC");
 * assert.throws(
 *   () => parseInstrument("binance:spot:btc-usdt"),
 *   /use upper-case symbols: binance:spot:BTC-USDT$/,
 * );
 * ```
 */
export function parseInstrument(text: string): InstrumentId {
  if (typeof text !== "string") {
    throw new InstrumentError(
      "BAD_FORMAT",
      `Instrument text must be a string, got ${quote(text)}`,
      {
        text,
      },
    );
  }
  try {
    return parseStrict(text);
  } catch (err) {
    const fix = canonicalFix(text);
    if (fix === undefined) throw err;
    throw new InstrumentError(
      "NON_CANONICAL",
      `Non-canonical instrument text ${quote(text)}; ${fix.hints.join(", ")}: ${fix.canonical}`,
      { text, canonical: fix.canonical, hints: fix.hints },
      { cause: err },
    );
  }
}
