import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cexSpot,
  dexPool,
  evmToken,
  INSTRUMENT_ID_SIZE,
  InstrumentError,
  type InstrumentErrorCode,
  instrumentFromBytes,
  type InstrumentId,
  instrumentToBytes,
} from "../../lib/instrument/mod.ts";
import {
  cexSpotArb,
  dexPoolArb,
  instrumentArb,
  KNOWN_CHAIN_IDS,
  KNOWN_VENUE_CODES,
  RESERVED_BYTES,
  SYMBOL_CHARS,
} from "./_arbitraries.ts";

const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));
const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** Runs `f` and returns the InstrumentError it throws; fails on any other outcome. */
function rejection(f: () => unknown): InstrumentError {
  try {
    f();
  } catch (e) {
    if (e instanceof InstrumentError) return e;
    throw new Error(`expected an InstrumentError, got ${e}`, { cause: e });
  }
  throw new Error("expected an InstrumentError, got a result");
}

function rejects(f: () => unknown, code: InstrumentErrorCode, offset?: number): void {
  const err = rejection(f);
  assert.equal(err.code, code, err.message);
  if (offset !== undefined) assert.equal(err.details.offset, offset, err.message);
}

const WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
const POOL = "0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827";

// Written by hand from the layout, not produced by the encoder.
const GOLDEN: ReadonlyArray<[InstrumentId, string]> = [
  [
    cexSpot("binance", "BTC", "USDT"),
    "01010000" + "425443000000000000000000" + "555344540000000000000000" + "00000000",
  ],
  [
    cexSpot("bybit", "ABCDEFGHIJKL", "0"),
    "01050000" + "4142434445464748494a4b4c" + "300000000000000000000000" + "00000000",
  ],
  [evmToken("ethereum", WETH), "02000000" + "01000000" + WETH.slice(2) + "00000000"],
  [evmToken("polygon_amoy", WETH), "02000000" + "82380100" + WETH.slice(2) + "00000000"],
  [dexPool("polygon", "quickswap_v2", POOL), "03680000" + "89000000" + POOL.slice(2) + "00000000"],
  [dexPool("anvil", "uniswap_v3", POOL), "03660000" + "697a0000" + POOL.slice(2) + "00000000"],
  [
    dexPool("arbitrum", "pancakeswap_v3", POOL),
    "036b0000" + "b1a40000" + POOL.slice(2) + "00000000",
  ],
];

Deno.test("instrumentToBytes writes the hand-written golden byte forms", () => {
  for (const [id, hex] of GOLDEN) assert.equal(toHex(instrumentToBytes(id)), hex);
});

Deno.test("instrumentFromBytes decodes the hand-written golden byte forms", () => {
  for (const [id, hex] of GOLDEN) assert.deepEqual(instrumentFromBytes(fromHex(hex)), id);
});

Deno.test("id to bytes to id gives back the same id for every valid id", () => {
  fc.assert(
    fc.property(instrumentArb, (id) => {
      const bytes = instrumentToBytes(id);
      assert.equal(bytes.length, INSTRUMENT_ID_SIZE);
      assert.deepEqual(instrumentFromBytes(bytes), id);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("bytes to id to bytes gives back the same bytes for every valid byte form", () => {
  fc.assert(
    fc.property(instrumentArb, (id) => {
      const bytes = instrumentToBytes(id).slice();
      assert.deepEqual(instrumentToBytes(instrumentFromBytes(bytes)), bytes);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("distinct ids never share a byte form", () => {
  fc.assert(
    fc.property(instrumentArb, instrumentArb, (a, b) => {
      fc.pre(JSON.stringify(a) !== JSON.stringify(b));
      assert.notEqual(toHex(instrumentToBytes(a)), toHex(instrumentToBytes(b)));
    }),
    { numRuns: 2000 },
  );
});

Deno.test("any 32 bytes either decode to an id that re-encodes to them or throw an InstrumentError", () => {
  const near = fc.tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.uint8Array({ minLength: 31, maxLength: 31 }),
  )
    .map(([k, rest]) => Uint8Array.of(k, ...rest));
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), near), (bytes) => {
      let id: InstrumentId;
      try {
        id = instrumentFromBytes(bytes);
      } catch (e) {
        assert.ok(e instanceof InstrumentError, String(e));
        return;
      }
      assert.deepEqual(instrumentToBytes(id), bytes);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("every single-byte change of a valid form is rejected or decodes to an id that re-encodes to it", () => {
  let accepted = 0;
  fc.assert(
    fc.property(
      instrumentArb,
      fc.integer({ min: 0, max: 31 }),
      fc.integer({ min: 0, max: 255 }),
      (id, at, value) => {
        const bytes = instrumentToBytes(id).slice();
        fc.pre(bytes[at] !== value);
        bytes[at] = value;
        let back: InstrumentId;
        try {
          back = instrumentFromBytes(bytes);
        } catch (e) {
          assert.ok(e instanceof InstrumentError, String(e));
          return;
        }
        accepted++;
        assert.notDeepEqual(back, id);
        assert.deepEqual(instrumentToBytes(back), bytes);
      },
    ),
    { numRuns: 3000 },
  );
  assert.ok(accepted > 0, "address bytes are free, so some changes must decode");
});

Deno.test("a non-zero reserved byte is rejected with RESERVED_NOT_ZERO at its offset", () => {
  fc.assert(
    fc.property(instrumentArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (id, pick, value) => {
      const bytes = instrumentToBytes(id).slice();
      const positions = RESERVED_BYTES[bytes[0] as 1 | 2 | 3];
      const at = positions[pick % positions.length]!;
      bytes[at] = value;
      rejects(() => instrumentFromBytes(bytes), "RESERVED_NOT_ZERO", at);
    }),
    { numRuns: 1000 },
  );
});

Deno.test("a kind byte other than 1, 2 or 3 is rejected with INVALID_KIND at byte 0", () => {
  fc.assert(
    fc.property(
      instrumentArb,
      fc.integer({ min: 0, max: 255 }).filter((k) => k < 1 || k > 3),
      (id, kind) => {
        const bytes = instrumentToBytes(id).slice();
        bytes[0] = kind;
        rejects(() => instrumentFromBytes(bytes), "INVALID_KIND", 0);
      },
    ),
  );
});

Deno.test("a chain id outside the table is rejected with UNKNOWN_CHAIN at byte 4", () => {
  const chainIdArb = fc.integer({ min: 0, max: 2 ** 32 - 1 }).filter((c) =>
    !KNOWN_CHAIN_IDS.has(c)
  );
  const chainKindArb = fc.oneof(
    instrumentArb.filter((id) => id.kind !== "cex_spot"),
    dexPoolArb,
  );
  fc.assert(
    fc.property(chainKindArb, chainIdArb, (id, chainId) => {
      const bytes = instrumentToBytes(id).slice();
      new DataView(bytes.buffer).setUint32(4, chainId, true);
      rejects(() => instrumentFromBytes(bytes), "UNKNOWN_CHAIN", 4);
    }),
  );
});

Deno.test("a venue code outside the table is rejected with UNKNOWN_VENUE at byte 1", () => {
  const codeArb = fc.integer({ min: 0, max: 0xffff }).filter((c) => !KNOWN_VENUE_CODES.has(c));
  fc.assert(
    fc.property(fc.oneof(cexSpotArb, dexPoolArb), codeArb, (id, code) => {
      const bytes = instrumentToBytes(id).slice();
      new DataView(bytes.buffer).setUint16(1, code, true);
      rejects(() => instrumentFromBytes(bytes), "UNKNOWN_VENUE", 1);
    }),
  );
});

Deno.test("an AMM code in a CEX id or an exchange code in a pool id is rejected with WRONG_VENUE_KIND", () => {
  const spot = instrumentToBytes(cexSpot("binance", "BTC", "USDT")).slice();
  spot[1] = 101; // uniswap_v2
  rejects(() => instrumentFromBytes(spot), "WRONG_VENUE_KIND", 1);
  const pool = instrumentToBytes(dexPool("ethereum", "uniswap_v2", WETH)).slice();
  pool[1] = 1; // binance
  rejects(() => instrumentFromBytes(pool), "WRONG_VENUE_KIND", 1);
});

Deno.test("a pool whose venue is not on its chain is rejected with VENUE_NOT_ON_CHAIN", () => {
  const bytes = instrumentToBytes(dexPool("polygon", "quickswap_v2", POOL)).slice();
  bytes[4] = 1; // ethereum: no QuickSwap there
  const err = rejection(() => instrumentFromBytes(bytes));
  assert.equal(err.code, "VENUE_NOT_ON_CHAIN");
  assert.equal(err.details.venue, "quickswap_v2");
  assert.equal(err.details.chain, "ethereum");
  assert.equal(err.details.offset, 1);
});

Deno.test("a symbol byte outside A-Z and 0-9 is rejected with BAD_SYMBOL at its offset", () => {
  const notSymbol = fc.integer({ min: 1, max: 255 }).filter((c) =>
    !SYMBOL_CHARS.includes(String.fromCharCode(c))
  );
  fc.assert(
    fc.property(cexSpotArb, fc.boolean(), notSymbol, (id, inQuote, c) => {
      const bytes = instrumentToBytes(id).slice();
      const at = inQuote ? 16 : 4;
      bytes[at] = c;
      rejects(() => instrumentFromBytes(bytes), "BAD_SYMBOL", at);
    }),
  );
});

Deno.test("an empty symbol is rejected with BAD_SYMBOL at the start of its field", () => {
  const bytes = instrumentToBytes(cexSpot("kraken", "X", "USD")).slice();
  bytes[4] = 0;
  rejects(() => instrumentFromBytes(bytes), "BAD_SYMBOL", 4);
  const q = instrumentToBytes(cexSpot("kraken", "XBT", "Z")).slice();
  q[16] = 0;
  rejects(() => instrumentFromBytes(q), "BAD_SYMBOL", 16);
});

Deno.test("a zero inside a symbol is rejected with BAD_SYMBOL, as the text form could not hold it", () => {
  fc.assert(
    fc.property(cexSpotArb, fc.boolean(), fc.nat(), (id, inQuote, pick) => {
      assert.ok(id.kind === "cex_spot");
      const sym = inQuote ? id.quote : id.base;
      fc.pre(sym.length >= 2);
      const bytes = instrumentToBytes(id).slice();
      const field = inQuote ? 16 : 4;
      const at = field + (pick % (sym.length - 1)); // a char that has another after it
      bytes[at] = 0;
      const err = rejection(() => instrumentFromBytes(bytes));
      assert.equal(err.code, "BAD_SYMBOL");
      const offset = err.details.offset as number;
      assert.ok(offset >= field && offset < field + 12, `offset ${offset} in the field`);
    }),
  );
});

Deno.test("instrumentFromBytes without an offset needs exactly 32 bytes", () => {
  const bytes = instrumentToBytes(evmToken("base", WETH));
  for (const n of [0, 1, 31, 33, 64]) {
    const b = new Uint8Array(n);
    b.set(bytes.subarray(0, Math.min(n, 32)));
    rejects(() => instrumentFromBytes(b), "WRONG_LENGTH");
  }
});

Deno.test("instrumentFromBytes with an offset reads the 32 bytes there and ignores the rest", () => {
  const id = dexPool("base", "uniswap_v2", POOL);
  const frame = new Uint8Array(100).fill(0xee);
  frame.set(instrumentToBytes(id), 40);
  assert.deepEqual(instrumentFromBytes(frame, 40), id);
  rejects(() => instrumentFromBytes(frame, 69), "WRONG_LENGTH");
  rejects(() => instrumentFromBytes(frame, -1), "WRONG_LENGTH");
  rejects(() => instrumentFromBytes(frame, 1.5), "WRONG_LENGTH");
});

Deno.test("instrumentToBytes into a caller buffer writes only its 32 bytes and returns that buffer", () => {
  fc.assert(
    fc.property(instrumentArb, fc.integer({ min: 0, max: 16 }), (id, offset) => {
      const out = new Uint8Array(64).fill(0xaa); // stale bytes must be overwritten with zeros
      const ret = instrumentToBytes(id, out, offset);
      assert.equal(ret, out);
      assert.deepEqual(out.subarray(offset, offset + 32), instrumentToBytes(id));
      assert.ok(out.subarray(0, offset).every((b) => b === 0xaa));
      assert.ok(out.subarray(offset + 32).every((b) => b === 0xaa));
    }),
  );
});

Deno.test("instrumentToBytes rejects a caller buffer without room with WRONG_LENGTH", () => {
  const id = cexSpot("okx", "ETH", "USDC");
  rejects(() => instrumentToBytes(id, new Uint8Array(31)), "WRONG_LENGTH");
  rejects(() => instrumentToBytes(id, new Uint8Array(40), 9), "WRONG_LENGTH");
  rejects(() => instrumentToBytes(id, new Uint8Array(40), -1), "WRONG_LENGTH");
});

Deno.test("instrumentToBytes rejects a hand-built id that breaks a rule, with that rule's code", () => {
  const cases: Array<[unknown, InstrumentErrorCode]> = [
    [{ kind: "cex_perp", venue: "binance", base: "BTC", quote: "USDT" }, "INVALID_KIND"],
    [null, "INVALID_KIND"],
    [{ kind: "cex_spot", venue: "ftx", base: "BTC", quote: "USDT" }, "UNKNOWN_VENUE"],
    [{ kind: "cex_spot", venue: "sushiswap", base: "BTC", quote: "USDT" }, "WRONG_VENUE_KIND"],
    [{ kind: "cex_spot", venue: "binance", base: "btc", quote: "USDT" }, "BAD_SYMBOL"],
    [{ kind: "cex_spot", venue: "binance", base: "BTC", quote: "" }, "BAD_SYMBOL"],
    [{ kind: "cex_spot", venue: "binance", base: "BTC", quote: "A".repeat(13) }, "BAD_SYMBOL"],
    [{ kind: "evm_token", chain: "goerli", address: WETH }, "UNKNOWN_CHAIN"],
    [{ kind: "evm_token", chain: "ethereum", address: WETH.toUpperCase() }, "BAD_ADDRESS"],
    [{ kind: "evm_token", chain: "ethereum", address: WETH.slice(0, 40) }, "BAD_ADDRESS"],
    [
      { kind: "dex_pool", chain: "bsc", venue: "quickswap_v2", address: POOL },
      "VENUE_NOT_ON_CHAIN",
    ],
    [{ kind: "dex_pool", chain: "bsc", venue: "okx", address: POOL }, "WRONG_VENUE_KIND"],
    [{ kind: "dex_pool", chain: "bsc", venue: "pancakeswap_v2", address: 42n }, "BAD_ADDRESS"],
  ];
  for (const [id, code] of cases) rejects(() => instrumentToBytes(id as InstrumentId), code);
});
