import assert from "node:assert/strict";
import fc from "fast-check";
import { fnv1a64 } from "../../lib/instrument/_fnv.ts";
import {
  cexSpot,
  InstrumentError,
  instrumentHashKey,
  type InstrumentId,
  instrumentToBytes,
  instrumentToText,
} from "../../lib/instrument/mod.ts";
import { instrumentArb } from "./_arbitraries.ts";

const fnv = (s: string): bigint => {
  const b = new TextEncoder().encode(s);
  return fnv1a64(b, 0, b.length);
};

Deno.test("fnv1a64 matches the published 64-bit FNV-1a test vectors", () => {
  assert.equal(fnv(""), 0xcbf29ce484222325n);
  assert.equal(fnv("a"), 0xaf63dc4c8601ec8cn);
  assert.equal(fnv("foobar"), 0x85944171f73967e8n);
});

Deno.test("fnv1a64 equals a direct bigint computation of FNV-1a on arbitrary bytes", () => {
  const reference = (b: Uint8Array): bigint => {
    let h = 0xcbf29ce484222325n;
    for (const x of b) h = ((h ^ BigInt(x)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return h;
  };
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      assert.equal(fnv1a64(b, 0, b.length), reference(b));
    }),
    { numRuns: 500 },
  );
});

Deno.test("instrumentHashKey is the FNV-1a hash of the id's 32-byte form", () => {
  fc.assert(
    fc.property(instrumentArb, (id) => {
      const bytes = instrumentToBytes(id);
      assert.equal(instrumentHashKey(id), fnv1a64(bytes, 0, 32));
    }),
  );
});

Deno.test("instrumentHashKey gives equal ids equal keys and fits in 64 bits", () => {
  fc.assert(
    fc.property(instrumentArb, (id) => {
      const k = instrumentHashKey(id);
      assert.equal(k, instrumentHashKey({ ...id } as InstrumentId));
      assert.ok(k >= 0n && k < 1n << 64n);
    }),
  );
});

Deno.test("instrumentHashKey spreads a sample of distinct ids over distinct keys", () => {
  // A hash, so collisions are possible in principle; at 64 bits none is expected in 5000 ids.
  const ids = fc.sample(instrumentArb, { numRuns: 5000, seed: 42 });
  const texts = new Set(ids.map(instrumentToText));
  const keys = new Set(ids.map(instrumentHashKey));
  assert.equal(keys.size, texts.size);
});

Deno.test("instrumentHashKey rejects a hand-built invalid id like the encoders do", () => {
  const bad = { ...cexSpot("binance", "BTC", "USDT"), base: "btc" };
  assert.throws(
    () => instrumentHashKey(bad),
    (e) => e instanceof InstrumentError && e.code === "BAD_SYMBOL",
  );
});
