import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cexSpot,
  dexPool,
  evmToken,
  InstrumentError,
  type InstrumentErrorCode,
  type InstrumentId,
  instrumentToText,
  parseInstrument,
  toChecksumAddress,
} from "../../lib/instrument/mod.ts";
import { CHAINS, VENUES } from "../../lib/instrument/mod.ts";
import { addressArb, instrumentArb } from "./_arbitraries.ts";

function rejection(f: () => unknown): InstrumentError {
  try {
    f();
  } catch (e) {
    if (e instanceof InstrumentError) return e;
    throw new Error(`expected an InstrumentError, got ${e}`, { cause: e });
  }
  throw new Error("expected an InstrumentError, got a result");
}

function rejects(text: string, code: InstrumentErrorCode): InstrumentError {
  const err = rejection(() => parseInstrument(text));
  assert.equal(err.code, code, `${JSON.stringify(text)}: ${err.message}`);
  return err;
}

const WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
const WETH_CHECKSUM = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
const POOL = "0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827";
const POOL_TEXT = `polygon:quickswap_v2:pool:${POOL}`;

Deno.test("instrumentToText writes the canonical form of each kind", () => {
  assert.equal(instrumentToText(cexSpot("binance", "BTC", "USDT")), "binance:spot:BTC-USDT");
  assert.equal(instrumentToText(evmToken("ethereum", WETH_CHECKSUM)), `ethereum:token:${WETH}`);
  assert.equal(instrumentToText(dexPool("polygon", "quickswap_v2", POOL)), POOL_TEXT);
});

Deno.test("parseInstrument reads the canonical form of each kind", () => {
  assert.deepEqual(parseInstrument("coinbase:spot:ETH-USD"), cexSpot("coinbase", "ETH", "USD"));
  assert.deepEqual(parseInstrument(`anvil:token:${WETH}`), evmToken("anvil", WETH));
  assert.deepEqual(parseInstrument(POOL_TEXT), dexPool("polygon", "quickswap_v2", POOL));
});

Deno.test("id to text to id gives back the same id for every valid id", () => {
  fc.assert(
    fc.property(instrumentArb, (id) => {
      assert.deepEqual(parseInstrument(instrumentToText(id)), id);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("text to id to text gives back the same text for every valid text", () => {
  fc.assert(
    fc.property(instrumentArb, (id) => {
      const text = instrumentToText(id);
      assert.equal(instrumentToText(parseInstrument(text)), text);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("distinct ids never share a text form", () => {
  fc.assert(
    fc.property(instrumentArb, instrumentArb, (a, b) => {
      fc.pre(JSON.stringify(a) !== JSON.stringify(b));
      assert.notEqual(instrumentToText(a), instrumentToText(b));
    }),
    { numRuns: 2000 },
  );
});

/** Either `text` is canonical (it prints back unchanged) or it is rejected with an InstrumentError. */
function acceptsOnlyCanonical(text: string): void {
  let id: InstrumentId;
  try {
    id = parseInstrument(text);
  } catch (e) {
    assert.ok(e instanceof InstrumentError, `${JSON.stringify(text)} threw ${e}`);
    return;
  }
  assert.equal(instrumentToText(id), text);
}

Deno.test("any string is either a canonical text or rejected with an InstrumentError", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" })), acceptsOnlyCanonical),
    { numRuns: 2000 },
  );
});

Deno.test("any one-character edit of a valid text is canonical or rejected with an InstrumentError", () => {
  const chars = fc.constantFrom(..." \t:-_0xXaAfFgG9zZ.\u00df\u212a".split(""));
  fc.assert(
    fc.property(instrumentArb, fc.nat(), chars, fc.integer({ min: 0, max: 2 }), (id, at, c, op) => {
      const t = instrumentToText(id);
      const i = at % (t.length + 1);
      const edited = op === 0
        ? t.slice(0, i) + c + t.slice(i)
        : op === 1
        ? t.slice(0, i) + c + t.slice(i + 1)
        : t.slice(0, i) + t.slice(i + 1);
      acceptsOnlyCanonical(edited);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("upper-case hex is rejected as NON_CANONICAL and the error names the canonical text", () => {
  const err = rejects(
    `polygon:quickswap_v2:pool:0x${POOL.slice(2).toUpperCase()}`,
    "NON_CANONICAL",
  );
  assert.equal(err.details.canonical, POOL_TEXT);
  assert.ok(err.message.endsWith(`use lower-case hex: ${POOL_TEXT}`), err.message);
});

Deno.test("a checksummed address is rejected as NON_CANONICAL with the lower-case text", () => {
  const err = rejects(`ethereum:token:${WETH_CHECKSUM}`, "NON_CANONICAL");
  assert.equal(err.details.canonical, `ethereum:token:${WETH}`);
  assert.match(err.message, /use lower-case hex: ethereum:token:0xc02a/);
});

Deno.test("an address whose hex letters are not all lower case is never accepted", () => {
  fc.assert(
    fc.property(
      addressArb.filter((a) => /[a-f]/.test(a)),
      fc.constantFrom(...CHAINS),
      fc.boolean(),
      (a, chain, checksum) => {
        const shown = checksum ? toChecksumAddress(a) : "0x" + a.slice(2).toUpperCase();
        fc.pre(shown !== a);
        const err = rejects(`${chain.name}:token:${shown}`, "NON_CANONICAL");
        assert.equal(err.details.canonical, `${chain.name}:token:${a}`);
      },
    ),
  );
});

Deno.test("a 0X prefix is rejected as NON_CANONICAL", () => {
  const err = rejects(`ethereum:token:0X${WETH.slice(2)}`, "NON_CANONICAL");
  assert.match(err.message, /use lower-case 0x: ethereum:token:0xc02a/);
});

Deno.test("a mixed-case address with a broken checksum is BAD_ADDRESS, not a case slip", () => {
  const typo = WETH_CHECKSUM.slice(0, -2) + "C2"; // "Cc2" -> "CC2": one letter's case flipped
  rejects(`ethereum:token:${typo}`, "BAD_ADDRESS");
});

Deno.test("an address of the wrong length or with non-hex characters is BAD_ADDRESS", () => {
  rejects("ethereum:token:0xabc", "BAD_ADDRESS");
  rejects(`ethereum:token:${WETH}00`, "BAD_ADDRESS");
  rejects(`ethereum:token:${WETH.slice(0, 41)}g`, "BAD_ADDRESS");
  rejects(`ethereum:token:${WETH.slice(2)}xx`, "BAD_ADDRESS");
  rejects("polygon:quickswap_v2:pool:", "BAD_ADDRESS");
});

Deno.test("lower-case symbols are rejected as NON_CANONICAL with the upper-case text", () => {
  const err = rejects("binance:spot:btc-usdt", "NON_CANONICAL");
  assert.equal(err.details.canonical, "binance:spot:BTC-USDT");
  assert.ok(err.message.endsWith("use upper-case symbols: binance:spot:BTC-USDT"));
  rejects("binance:spot:BTC-usdt", "NON_CANONICAL");
});

Deno.test("upper-case names are rejected as NON_CANONICAL with the lower-case text", () => {
  const err = rejects("Binance:SPOT:BTC-USDT", "NON_CANONICAL");
  assert.equal(err.details.canonical, "binance:spot:BTC-USDT");
  assert.match(err.message, /use lower-case names/);
  const pool = rejects(`POLYGON:QuickSwap_V2:Pool:${POOL}`, "NON_CANONICAL");
  assert.equal(pool.details.canonical, POOL_TEXT);
});

Deno.test("whitespace around the text or its parts is rejected as NON_CANONICAL", () => {
  for (
    const t of [
      " binance:spot:BTC-USDT",
      "binance:spot:BTC-USDT\n",
      "binance : spot : BTC - USDT",
      `\tethereum:token:${WETH} `,
      `polygon:quickswap_v2:pool: ${POOL}`,
    ]
  ) {
    const err = rejects(t, "NON_CANONICAL");
    assert.match(err.message, /remove whitespace/);
    assert.equal(
      instrumentToText(parseInstrument(err.details.canonical as string)),
      err.details.canonical,
    );
  }
});

Deno.test("several slips at once are named together in one suggestion", () => {
  const err = rejects(` Binance:spot:btc-USDT `, "NON_CANONICAL");
  assert.equal(err.details.canonical, "binance:spot:BTC-USDT");
  assert.deepEqual(
    [...(err.details.hints as string[])].sort(),
    ["remove whitespace", "use lower-case names", "use upper-case symbols"],
  );
});

Deno.test("any mix of case and surrounding-whitespace slips leads back to the canonical text", () => {
  const slip = (s: string, flips: boolean[], pad: boolean): string =>
    (pad ? " " : "") +
    [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join("") +
    (pad ? "\t" : "");
  fc.assert(
    fc.property(
      instrumentArb,
      fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      fc.constantFrom("lower", "upper", "checksum"),
      (id, flips, pad, hexCase) => {
        const text = instrumentToText(id);
        const parts = text.split(":");
        const last = parts.length - 1;
        const slipped = parts.map((p, i) => {
          if (i < last) return slip(p, flips, pad);
          if (id.kind === "cex_spot") return slip(p, flips, pad);
          const hex = hexCase === "lower"
            ? p
            : hexCase === "upper"
            ? "0x" + p.slice(2).toUpperCase()
            : toChecksumAddress(p);
          return pad ? ` ${hex}` : hex;
        }).join(":");
        if (slipped === text) return assert.deepEqual(parseInstrument(slipped), id);
        const err = rejects(slipped, "NON_CANONICAL");
        assert.equal(err.details.canonical, text);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("case suggestions are ASCII only, so look-alike Unicode letters are not 'fixed'", () => {
  rejects("binance:spot:\u00df-USDT", "BAD_SYMBOL"); // "ß" upper-cases to "SS"
  rejects("\u212araken:spot:BTC-USDT", "UNKNOWN_VENUE"); // Kelvin sign lower-cases to "k"
});

Deno.test("extra or missing colons are rejected with BAD_FORMAT", () => {
  for (
    const t of [
      "",
      ":",
      "binance",
      "binance:spot",
      "binance:spot:BTC-USDT:",
      "binance::spot:BTC-USDT",
      `ethereum:token:${WETH}:`,
      `ethereum:token::${WETH}`,
      `polygon:quickswap_v2:pool:${POOL}:`,
      `polygon:quickswap_v2::pool:${POOL}`,
      `polygon:quickswap_v2:${POOL}`,
      `ethereum:weth:token:${WETH}`,
    ]
  ) rejects(t, "BAD_FORMAT");
});

Deno.test("a colon inserted anywhere in a valid text is rejected with BAD_FORMAT", () => {
  fc.assert(
    fc.property(instrumentArb, fc.nat(), (id, at) => {
      const t = instrumentToText(id);
      const i = at % (t.length + 1);
      rejects(t.slice(0, i) + ":" + t.slice(i), "BAD_FORMAT");
    }),
    { numRuns: 1000 },
  );
});

Deno.test("a spot pair without exactly one dash is rejected with BAD_FORMAT", () => {
  rejects("binance:spot:BTCUSDT", "BAD_FORMAT");
  rejects("binance:spot:BTC-USD-T", "BAD_FORMAT");
  rejects("binance:spot:BTC_USDT", "BAD_FORMAT");
});

Deno.test("empty, too long or non-alphanumeric symbols are rejected with BAD_SYMBOL", () => {
  for (
    const t of [
      "binance:spot:-USDT",
      "binance:spot:BTC-",
      "binance:spot:-",
      "binance:spot:ABCDEFGHIJKLM-USDT",
      "binance:spot:BTC-US.DT",
      "binance:spot:B TC-USDT",
      "binance:spot:BTC-USDT\u0000",
    ]
  ) rejects(t, "BAD_SYMBOL");
});

Deno.test("unknown chain names are rejected with UNKNOWN_CHAIN", () => {
  const names = new Set<string>([...CHAINS.map((c) => c.name), ...VENUES.map((v) => v.name)]);
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z_0-9]{0,12}$/), addressArb, (name, a) => {
      fc.pre(!names.has(name));
      rejects(`${name}:token:${a}`, "UNKNOWN_CHAIN");
      rejects(`${name}:uniswap_v3:pool:${a}`, "UNKNOWN_CHAIN");
    }),
  );
});

Deno.test("unknown venue names are rejected with UNKNOWN_VENUE", () => {
  const names = new Set<string>(VENUES.map((v) => v.name));
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z_0-9]{0,12}$/), addressArb, (name, a) => {
      fc.pre(!names.has(name));
      rejects(`${name}:spot:BTC-USDT`, "UNKNOWN_VENUE");
      rejects(`ethereum:${name}:pool:${a}`, "UNKNOWN_VENUE");
    }),
  );
});

Deno.test("an AMM as a spot venue or an exchange as a pool venue is rejected with WRONG_VENUE_KIND", () => {
  rejects("uniswap_v2:spot:BTC-USDT", "WRONG_VENUE_KIND");
  rejects(`ethereum:binance:pool:${POOL}`, "WRONG_VENUE_KIND");
});

Deno.test("a pool on a chain its venue is not deployed on is rejected with VENUE_NOT_ON_CHAIN", () => {
  const err = rejects(`ethereum:quickswap_v2:pool:${POOL}`, "VENUE_NOT_ON_CHAIN");
  assert.match(err.message, /quickswap_v2 is not on chain ethereum \(it is on polygon, anvil\)/);
  rejects(`polygon_amoy:uniswap_v3:pool:${POOL}`, "VENUE_NOT_ON_CHAIN");
});

Deno.test("a value that is not a string is rejected with BAD_FORMAT, not a TypeError", () => {
  for (const v of [undefined, null, 42, 1n, {}, ["binance:spot:BTC-USDT"]]) {
    const err = rejection(() => parseInstrument(v as unknown as string));
    assert.equal(err.code, "BAD_FORMAT");
  }
});

Deno.test("instrumentToText rejects a hand-built id that breaks a rule", () => {
  const bad = { kind: "evm_token", chain: "ethereum", address: WETH_CHECKSUM } as InstrumentId;
  assert.equal(rejection(() => instrumentToText(bad)).code, "BAD_ADDRESS");
  const perp = { kind: "perp" } as unknown as InstrumentId;
  assert.equal(rejection(() => instrumentToText(perp)).code, "INVALID_KIND");
});
