// tests/market/amount_test.ts — the one parser of money text, and its formatting back.
import assert from "node:assert/strict";
import fc from "fast-check";
import { AmountError, formatAmount, parseAmount, usd } from "../../lib/market/mod.ts";
import { TorqError } from "../../lib/error.ts";

Deno.test("parseAmount reads a decimal into native units exactly and formatAmount prints it back", () => {
  assert.equal(parseAmount("1.5", 6), 1_500_000n);
  assert.equal(parseAmount(" 42 ", 0), 42n);
  assert.equal(parseAmount("-0.05", 2, "delta", true), -5n);
  fc.assert(
    fc.property(
      fc.bigInt({ min: 0n, max: 10n ** 30n }),
      fc.integer({ min: 0, max: 30 }),
      (v, d) => {
        assert.equal(parseAmount(formatAmount(v, d), d), v);
      },
    ),
  );
});

Deno.test("parseAmount refuses bad text with an AmountError naming what and the text, not a CLI error", () => {
  for (
    const [text, decimals, signed] of [["1.5", 0, false], ["-1", 6, false], ["1e3", 6, true], [
      "",
      6,
      false,
    ], ["1.", 6, false]] as const
  ) {
    let err: unknown;
    try {
      parseAmount(text, decimals, "--amount-in", signed);
    } catch (e) {
      err = e;
    }
    assert(err instanceof AmountError && err instanceof TorqError, text);
    assert.equal(err.code, "BAD_AMOUNT");
    assert.equal(err.details.text, text);
    assert.match(err.message, /--amount-in/);
    assert.equal(err.constructor.name, "AmountError");
  }
});

Deno.test("usd is parseAmount with 8 signed decimals", () => {
  assert.equal(usd("-12.5"), parseAmount("-12.5", 8, "USD amount", true));
  assert.throws(
    () => usd("1.123456789"),
    (e) => e instanceof AmountError && /8 decimals/.test(e.message),
  );
});
