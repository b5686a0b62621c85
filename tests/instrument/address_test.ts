import assert from "node:assert/strict";
import fc from "fast-check";
import { getAddress, isAddress as viemIsAddress } from "viem";
import {
  InstrumentError,
  isAddress,
  normalizeAddress,
  toChecksumAddress,
} from "../../lib/instrument/mod.ts";
import { addressArb } from "./_arbitraries.ts";

// The four examples from EIP-55 itself.
const EIP55 = [
  "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
  "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
  "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
  "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
];

const badAddress = (err: unknown): boolean =>
  err instanceof InstrumentError && err.code === "BAD_ADDRESS";

Deno.test("toChecksumAddress reproduces every EIP-55 example from its lower-case form", () => {
  for (const a of EIP55) assert.equal(toChecksumAddress(a.toLowerCase()), a);
});

Deno.test("toChecksumAddress accepts upper-case input and a correct checksum unchanged", () => {
  for (const a of EIP55) {
    assert.equal(toChecksumAddress("0x" + a.slice(2).toUpperCase()), a);
    assert.equal(toChecksumAddress(a), a);
  }
});

Deno.test("toChecksumAddress agrees with viem's getAddress on arbitrary addresses", () => {
  fc.assert(
    fc.property(addressArb, (a) => {
      assert.equal(toChecksumAddress(a), getAddress(a));
    }),
    { numRuns: 300 },
  );
});

Deno.test("toChecksumAddress rejects a mixed-case address whose checksum is wrong", () => {
  // One letter's case flipped: a typo the checksum exists to catch.
  assert.throws(() => toChecksumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), badAddress);
});

Deno.test("isAddress in strict mode accepts all-lower, all-upper and correctly checksummed text", () => {
  for (const a of EIP55) {
    assert.ok(isAddress(a));
    assert.ok(isAddress(a.toLowerCase()));
    assert.ok(isAddress("0x" + a.slice(2).toUpperCase()));
  }
});

Deno.test("isAddress in strict mode rejects mixed case that does not match the checksum", () => {
  assert.equal(isAddress("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), false);
  assert.equal(isAddress("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", { strict: false }), true);
});

Deno.test("isAddress rejects wrong lengths, missing prefix and non-hex characters", () => {
  for (
    const t of [
      "",
      "0x",
      "0x" + "a".repeat(39),
      "0x" + "a".repeat(41),
      "a".repeat(42),
      "0X" + "a".repeat(40),
      "0x" + "g".repeat(40),
      " 0x" + "a".repeat(40),
    ]
  ) {
    assert.equal(isAddress(t), false, t);
    assert.equal(isAddress(t, { strict: false }), false, t);
  }
});

Deno.test("isAddress agrees with viem's isAddress on mixed-case addresses", () => {
  fc.assert(
    fc.property(addressArb, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (a, up) => {
      const text = "0x" + [...a.slice(2)].map((c, i) => (up[i] ? c.toUpperCase() : c)).join("");
      const hex = text.slice(2);
      fc.pre(hex !== hex.toLowerCase() && hex !== hex.toUpperCase());
      assert.equal(isAddress(text), viemIsAddress(text, { strict: true }));
      assert.equal(isAddress(text, { strict: false }), true);
    }),
    { numRuns: 300 },
  );
});

Deno.test("isAddress accepts all-upper-case hex, which carries no checksum (viem rejects it)", () => {
  const upper = "0x" + "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".toUpperCase();
  assert.equal(isAddress(upper), true);
  assert.equal(viemIsAddress(upper, { strict: true }), false);
});

Deno.test("normalizeAddress lower-cases a checksummed or upper-case address", () => {
  for (const a of EIP55) {
    assert.equal(normalizeAddress(a), a.toLowerCase());
    assert.equal(normalizeAddress("0x" + a.slice(2).toUpperCase()), a.toLowerCase());
  }
});

Deno.test("normalizeAddress rejects malformed text with BAD_ADDRESS naming the value", () => {
  assert.throws(
    () => normalizeAddress("0x1234"),
    (e) =>
      badAddress(e) && (e as InstrumentError).details.address === "0x1234" &&
      /0x1234/.test((e as Error).message),
  );
});

Deno.test("normalizeAddress rejects a mixed-case address with a broken checksum", () => {
  assert.throws(() => normalizeAddress("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9adb"), badAddress);
});
