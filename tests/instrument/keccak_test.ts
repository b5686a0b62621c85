import assert from "node:assert/strict";
import fc from "fast-check";
import { keccak256 as viemKeccak256 } from "viem";
import { keccak256 } from "../../lib/instrument/_keccak.ts";

const hex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

Deno.test("keccak256 of the empty string matches the published Ethereum digest", () => {
  assert.equal(
    hex(keccak256(new Uint8Array())),
    "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
  );
});

Deno.test("keccak256 of abc matches the published Keccak-256 digest", () => {
  assert.equal(
    hex(keccak256(ascii("abc"))),
    "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
  );
});

Deno.test("keccak256 uses Keccak padding, not the SHA3-256 digest of the same input", () => {
  // SHA3-256("abc") from FIPS 202; the 0x06 domain byte is what makes it differ.
  const sha3Abc = "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532";
  assert.notEqual(hex(keccak256(ascii("abc"))), sha3Abc);
});

Deno.test("keccak256 of a Solidity signature gives its well-known function selector", () => {
  assert.equal(hex(keccak256(ascii("transfer(address,uint256)"))).slice(0, 8), "a9059cbb");
});

Deno.test("keccak256 is exact at every length around the 136-byte rate boundary", () => {
  for (const n of [1, 55, 56, 134, 135, 136, 137, 271, 272, 273, 408, 1000]) {
    const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
    assert.equal("0x" + hex(keccak256(data)), viemKeccak256(data), `length ${n}`);
  }
});

Deno.test("keccak256 agrees with viem's keccak256 on arbitrary inputs", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
      assert.equal("0x" + hex(keccak256(data)), viemKeccak256(data));
    }),
    { numRuns: 300 },
  );
});

Deno.test("keccak256 does not modify its input", () => {
  const data = Uint8Array.from({ length: 200 }, (_, i) => i);
  const copy = data.slice();
  keccak256(data);
  assert.deepEqual(data, copy);
});
