import assert from "node:assert/strict";
import fc from "fast-check";
import { TorqError } from "../../lib/error.ts";
import {
  InstrumentError,
  instrumentFromBytes,
  instrumentToText,
  parseInstrument,
} from "../../lib/instrument/mod.ts";
import { instrumentArb } from "./_arbitraries.ts";

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

Deno.test("InstrumentError is a TorqError with its code, details and class name", () => {
  const err = new InstrumentError("BAD_SYMBOL", 'Invalid base symbol "x"', { symbol: "x" });
  assert.ok(err instanceof TorqError && err instanceof Error);
  assert.equal(err.code, "BAD_SYMBOL");
  assert.deepEqual(err.details, { symbol: "x" });
  assert.equal(err.name, "InstrumentError");
});

Deno.test("every rejection message is one sentence-case line without a trailing period", () => {
  const texts = fc.oneof(
    fc.string(),
    instrumentArb.chain((id) =>
      fc.nat().map((n) => {
        const t = instrumentToText(id);
        const i = n % t.length;
        return t.slice(0, i) + t.slice(i + 1);
      })
    ),
  );
  const check = (e: unknown): void => {
    if (e === undefined) return;
    assert.ok(e instanceof InstrumentError, String(e));
    assert.match(e.message, /^[A-Z]/);
    assert.doesNotMatch(e.message, /\.$|\n/);
  };
  fc.assert(fc.property(texts, (t) => check(caught(() => parseInstrument(t)))), { numRuns: 1000 });
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.integer({ min: 0, max: 4 }),
      (b, k) => {
        b[0] = k;
        check(caught(() => instrumentFromBytes(b)));
      },
    ),
    { numRuns: 1000 },
  );
});
