// tests/transport/hello_test.ts — the RelayHello TLV: round trip and malformed values.
import assert from "node:assert/strict";
import fc from "fast-check";
import { FrameBuilder, parseFrame } from "../../lib/protocol/mod.ts";
import {
  addHelloFrame,
  decodeHello,
  encodeHello,
  type Hello,
  helloOf,
  Role,
  TransportError,
} from "../../lib/transport/mod.ts";

const helloArb: fc.Arbitrary<Hello> = fc.record({
  role: fc.constantFrom(Role.Publisher, Role.Subscriber, Role.Both, Role.Relay),
  echo: fc.boolean(),
  policy: fc.constantFrom(undefined, "backpressure" as const, "disconnect" as const),
  queueFrames: fc.integer({ min: 0, max: 0xffff_ffff }),
  domain: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const),
  topics: fc.record({
    types: fc.array(fc.integer({ min: 1, max: 254 }), { maxLength: 30 }),
    sources: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 30 }),
    venues: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 30 }),
    strategies: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 30 }),
  }),
  name: fc.string({ maxLength: 20 }),
});

Deno.test("a RelayHello decodes to what was encoded, inside a valid frame", () => {
  fc.assert(
    fc.property(helloArb, (hello) => {
      const want = { ...hello, topics: { ...hello.topics } }; // fast-check's records have no prototype
      assert.deepEqual(decodeHello(encodeHello(hello)), want);
      const b = new FrameBuilder({ source: 0 });
      addHelloFrame(b, hello);
      assert.deepEqual(helloOf(parseFrame(b.take())), want);
    }),
  );
});

Deno.test("a malformed RelayHello is a BAD_HELLO error naming what is wrong", () => {
  const ok = encodeHello({
    role: Role.Subscriber,
    echo: false,
    queueFrames: 0,
    domain: 0,
    topics: {},
    name: "",
  });
  const cases: Array<[(v: Uint8Array) => void, RegExp]> = [
    [(v) => v[0] = 2, /version 2 is not supported/],
    [(v) => v[1] = 9, /role 9 is unknown/],
    [(v) => v[2] = 4, /flags 0x4 has unknown bits/],
    [(v) => v[3] = 3, /queue policy 3 is unknown/],
    [(v) => v[8] = 5, /domain 5 is invalid/],
    [(v) => v[9] = 200, /200 types do not fit/],
  ];
  for (const [spoil, re] of cases) {
    const v = ok.slice();
    spoil(v);
    assert.throws(
      () => decodeHello(v),
      (e) => e instanceof TransportError && e.code === "BAD_HELLO" && re.test(e.message),
      String(re),
    );
  }
  assert.throws(() => decodeHello(ok.subarray(0, 12)), /at least 13/);
  assert.throws(
    () =>
      encodeHello({
        role: Role.Publisher,
        echo: false,
        queueFrames: -1,
        domain: 0,
        topics: {},
        name: "",
      }),
    /Queue size/,
  );
});
