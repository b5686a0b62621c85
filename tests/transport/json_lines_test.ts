// tests/transport/json_lines_test.ts — frames <-> JSON lines: exact round trips for every type,
// the JSON form (checksummed addresses, instrument text, raw TLVs) and one error per user mistake.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildFrame,
  decodeTlvs,
  FrameBuilder,
  parseFrame,
  RelayDomain,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { appendJsonLine, frameToJson, JsonLineError } from "../../lib/transport/mod.ts";
import { frameArgsArb } from "../protocol/_arbitraries.ts";
import { toHex, vectorBytes, VECTORS } from "../protocol/_vectors.ts";

/** The frame bytes one JSON line encodes to. */
function encodeLine(line: string, source = 9): Uint8Array {
  const b = new FrameBuilder({ source });
  appendJsonLine(b, line, 1);
  return b.take().slice();
}

function jsonOf(bytes: Uint8Array) {
  return frameToJson(parseFrame(bytes));
}

/** Run `fn`, check it throws a JsonLineError naming `line` and each of `words`. */
function assertLineError(fn: () => unknown, line: number, ...words: string[]): JsonLineError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof JsonLineError, `expected a JsonLineError, got ${caught}`);
  assert.equal(caught.userInput, true); // the user's input: the CLI exits 2
  assert.equal(caught.code, "BAD_JSON_LINE");
  assert.equal(caught.details.line, line);
  assert.ok(caught.message.startsWith(`Line ${line}: `), caught.message);
  for (const w of words) assert.ok(caught.message.includes(w), `"${w}" not in: ${caught.message}`);
  return caught;
}

const CANCEL_LINE = {
  domain: "execution",
  source: 4,
  sequence: "3",
  timestampNs: "5",
  checksum: true,
};

function line(tlv: Record<string, unknown>, frame: Record<string, unknown> = CANCEL_LINE): string {
  return JSON.stringify({ ...frame, tlvs: [tlv] });
}

const CANCEL_TLV = { type: "OrderCancel", orderId: "77", reasonCode: 3 };

for (const v of VECTORS) {
  Deno.test(`the JSON line of the golden ${v.name} frame encodes back to the same bytes`, () => {
    const json = jsonOf(vectorBytes(v));
    const text = JSON.stringify(json);
    const bytes = encodeLine(text);
    assert.equal(toHex(bytes), v.hex);
    assert.deepEqual(jsonOf(bytes), json); // JSON -> frame -> JSON
  });
}

Deno.test("any valid frame survives frame -> JSON line -> frame byte for byte", () => {
  fc.assert(
    fc.property(frameArgsArb, ({ header, tlvs }) => {
      const bytes = buildFrame(header.domain, header.source, header.sequence, tlvs, {
        timestampNs: header.timestampNs,
        checksum: header.checksum,
      });
      assert.deepEqual(encodeLine(JSON.stringify(jsonOf(bytes))), bytes);
    }),
    { numRuns: 300 },
  );
});

Deno.test("frameToJson writes the header and wide integers as decimal strings", () => {
  const json = jsonOf(vectorBytes(VECTORS.find((v) => v.name === "Trade")!));
  assert.deepEqual(
    { domain: json.domain, source: json.source, sequence: json.sequence, checksum: json.checksum },
    { domain: "market", source: 1, sequence: "1", checksum: false },
  );
  const trade = json.tlvs[0]!;
  assert.equal(trade.type, "Trade");
  assert.equal(trade.price, "-123456789000");
  assert.equal(trade.quantity, "340282366920938463463374607431768211455");
  assert.equal(trade.side, 2);
});

Deno.test("frameToJson writes addresses with their EIP-55 checksum", () => {
  const v = VECTORS.find((x) => x.name === "ArbitrageSignal")!;
  const signal = jsonOf(vectorBytes(v)).tlvs[0]!;
  assert.equal(signal.tokenIn, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
  const hops = signal.hops as Array<Record<string, unknown>>;
  assert.equal(hops[0]!.tokenOut, "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
  assert.equal(hops[1]!.tokenOut, "0x6B175474E89094C44Da98b954EedeAC495271d0F");
});

// DEX pool, kind 3: venue 104 (quickswap_v2) u16, zero, chain 137 u32, address, zeros.
const POOL_HEX = "0x" + "03" + "6800" + "00" + "89000000" +
  "6e7a5fafcec6bb1e78bae2a1f0b612012bf14827" +
  "00000000";
const POOL_TEXT = "polygon:quickswap_v2:pool:0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827";

Deno.test("frameToJson writes instrument ids as text and zero or invalid ids as hex", () => {
  // CEX spot, kind 1: venue 1 (binance), zero, "BTC" then "USDT" in 12-byte slots.
  const spot = "0x0101000042544300000000000000000055534454000000000000000000000000";
  const zero = "0x" + "00".repeat(32);
  const invalid = "0x" + "ff".repeat(32);
  const bytes = buildFrame(RelayDomain.Signal, 3, 1n, [
    [TlvType.RiskAlert, {
      severity: 1,
      alertCode: 2,
      subject: zero as never,
      value: 1n,
      threshold: 2n,
    }],
    [TlvType.PoolLiquidity, { pool: POOL_HEX as never, liquidity: 1n, tick: 0, blockNumber: 1n }],
    [TlvType.Quote, {
      instrument: spot as never,
      bidPrice: 1n,
      bidSize: 1n,
      askPrice: 2n,
      askSize: 1n,
      sizeDecimals: 8,
      exchangeTimestampNs: 0n,
    }],
    [TlvType.PositionUpdate, {
      token: invalid as never,
      venue: 0,
      quantity: -1n,
      decimals: 18,
      avgCostUsd: 0n,
      realizedPnlUsd: 0n,
      unrealizedPnlUsd: 0n,
    }],
  ], { timestampNs: 1n });
  const tlvs = jsonOf(bytes).tlvs;
  assert.equal(tlvs[0]!.subject, zero);
  assert.equal(tlvs[1]!.pool, POOL_TEXT);
  assert.equal(tlvs[2]!.instrument, "binance:spot:BTC-USDT");
  assert.equal(tlvs[3]!.token, invalid);
  assert.deepEqual(encodeLine(JSON.stringify(jsonOf(bytes))), bytes);
});

Deno.test("appendJsonLine takes instrument text, checksummed or lower-case addresses and number amounts", () => {
  const bytes = encodeLine(line({
    type: "OrderRequest",
    orderId: 1, // a safe integer may be a JSON number
    signalId: "0",
    instrument: POOL_TEXT,
    tokenIn: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
    tokenOut: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
    amountIn: "1000000000000000000",
    minAmountOut: "1990000000",
    deadlineNs: "18446744073709551615",
    mode: 1,
  }));
  const [t] = decodeTlvs(parseFrame(bytes));
  assert.deepEqual(t && "value" in t && t.value, {
    orderId: 1n,
    signalId: 0n,
    instrument: POOL_HEX,
    tokenIn: "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
    tokenOut: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
    amountIn: 10n ** 18n,
    minAmountOut: 1_990_000_000n,
    deadlineNs: 2n ** 64n - 1n,
    mode: 1,
  });
});

Deno.test("unknown and vendor TLVs go out and come back as raw hex", () => {
  const bytes = encodeLine(line({ type: 230, raw: "0x00FF10" }));
  const json = jsonOf(bytes);
  assert.deepEqual(json.tlvs, [{ type: 230, raw: "0x00ff10" }]);
  assert.deepEqual(encodeLine(JSON.stringify(json)), bytes);
  // A known number with raw bytes is written as given and read back by name.
  const cancel = encodeLine(line({ type: 43, raw: "0x4d000000000000000300" }));
  assert.deepEqual(jsonOf(cancel).tlvs, [CANCEL_TLV]);
});

Deno.test("appendJsonLine leaves out sequence, time and checksum to the builder and the policy", () => {
  const b = new FrameBuilder({ source: 9 });
  const before = BigInt(Date.now() - 1) * 1_000_000n;
  appendJsonLine(b, JSON.stringify({ domain: "market", tlvs: [] }), 1);
  appendJsonLine(b, JSON.stringify({ domain: 2, tlvs: [] }), 2);
  const chunk = b.take();
  const first = parseFrame(chunk);
  const second = parseFrame(chunk, first.size);
  assert.deepEqual([first.sequence, second.sequence], [1n, 2n]);
  assert.deepEqual([first.hasChecksum, second.hasChecksum], [false, true]);
  assert.deepEqual([first.source, second.domain], [9, 2]);
  assert.ok(first.timestampNs >= before);
});

Deno.test("appendJsonLine numbers frames per source in the map it is given", () => {
  const b = new FrameBuilder({ source: 9 });
  const seqs = new Map<number, bigint>();
  const lines = [
    { domain: "signal", source: 2, tlvs: [] },
    { domain: "signal", source: 3, tlvs: [] },
    { domain: "signal", source: 2, tlvs: [] },
    { domain: "signal", source: 2, sequence: "10", tlvs: [] },
    { domain: "signal", source: 2, tlvs: [] },
  ];
  lines.forEach((l, i) => appendJsonLine(b, JSON.stringify(l), i + 1, seqs));
  const chunk = b.take();
  const got: Array<[number, bigint]> = [];
  for (let at = 0; at < chunk.length;) {
    const f = parseFrame(chunk, at);
    got.push([f.source, f.sequence]);
    at += f.size;
  }
  assert.deepEqual(got, [[2, 1n], [3, 1n], [2, 2n], [2, 10n], [2, 11n]]);
});

Deno.test("a line that is not JSON is a JsonLineError naming the line", () => {
  const b = new FrameBuilder({ source: 9 });
  assertLineError(() => appendJsonLine(b, '{"domain": "signal",', 7), 7, "not valid JSON");
  assertLineError(() => appendJsonLine(b, "[1, 2]", 8), 8, "expected a JSON object");
});

Deno.test("an unknown frame field is a JsonLineError naming the line and the field", () => {
  assertLineError(
    () => encodeLine(JSON.stringify({ domain: "signal", tlvs: [], seq: "1" })),
    1,
    '"seq"',
  );
});

Deno.test("an unknown TLV field is a JsonLineError naming the line, the type and the field", () => {
  assertLineError(
    () => encodeLine(line({ ...CANCEL_TLV, orderID: "1" })),
    1,
    '"orderID"',
    "OrderCancel",
  );
});

Deno.test("a missing TLV field is a JsonLineError naming the line and the field", () => {
  assertLineError(
    () => encodeLine(line({ type: "OrderCancel", orderId: "1" })),
    1,
    '"reasonCode"',
    "OrderCancel",
  );
  const hop = {
    pool: "0x" + "11".repeat(32),
    tokenIn: "0x" + "22".repeat(20),
    amountIn: "1",
    amountOut: "2",
  };
  const v = VECTORS.find((x) => x.name === "ArbitrageSignal")!;
  const signal = { ...jsonOf(vectorBytes(v)).tlvs[0]!, hops: [hop] };
  assertLineError(() => encodeLine(line(signal)), 1, "ArbitrageSignal.hops[0]", '"tokenOut"');
});

Deno.test("an address with a bad EIP-55 checksum is a JsonLineError naming the line and the field", () => {
  const v = VECTORS.find((x) => x.name === "PoolSwap")!;
  const swap = jsonOf(vectorBytes(v)).tlvs[0]!;
  // Valid hex, wrong mix of cases.
  const bad = "0xc02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
  assertLineError(
    () => encodeLine(line({ ...swap, sender: bad })),
    1,
    "PoolSwap.sender",
    "checksum",
  );
  assertLineError(
    () => encodeLine(line({ ...swap, recipient: "0x1234" })),
    1,
    "PoolSwap.recipient",
  );
});

Deno.test("a big integer that is not a decimal string is a JsonLineError naming the line and the field", () => {
  for (const orderId of ["0x10", "1e3", "01", " 1", 1.5, 2 ** 60, null]) {
    assertLineError(
      () => encodeLine(line({ ...CANCEL_TLV, orderId })),
      1,
      "OrderCancel.orderId",
      "decimal",
    );
  }
});

Deno.test("an unknown TLV type name is a JsonLineError naming the line and the type", () => {
  assertLineError(() => encodeLine(line({ type: "PoolSwapz" })), 1, "tlvs[0]", '"PoolSwapz"');
  assertLineError(() => encodeLine(line({ type: 11 })), 1, "tlvs[0]", '"PoolSwap"');
  assertLineError(() => encodeLine(line({ type: 230 })), 1, "raw");
});

Deno.test("a number outside its field's range is a JsonLineError naming the line and the field", () => {
  assertLineError(() => encodeLine(line({ ...CANCEL_TLV, reasonCode: 70000 })), 1, "reasonCode");
  assertLineError(
    () => encodeLine(line({ ...CANCEL_TLV, reasonCode: "3" })),
    1,
    "OrderCancel.reasonCode",
  );
  assertLineError(() => encodeLine(line({ ...CANCEL_TLV, orderId: "-1" })), 1, "orderId");
});

Deno.test("malformed frame fields are JsonLineErrors naming the line and the field", () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ domain: "relay", tlvs: [] }, "domain"],
    [{ domain: 7, tlvs: [] }, "domain"],
    [{ tlvs: [] }, "domain"],
    [{ domain: "signal", source: 256, tlvs: [] }, "source"],
    [{ domain: "signal", source: "2", tlvs: [] }, "source"],
    [{ domain: "signal", sequence: "0", tlvs: [] }, "sequence"],
    [{ domain: "signal", sequence: "x", tlvs: [] }, "sequence"],
    [{ domain: "signal", timestampNs: 1.5, tlvs: [] }, "timestampNs"],
    [{ domain: "signal", checksum: "yes", tlvs: [] }, "checksum"],
    [{ domain: "signal" }, "tlvs"],
    [{ domain: "signal", tlvs: [5] }, "tlvs[0]"],
  ];
  for (const [obj, word] of cases) assertLineError(() => encodeLine(JSON.stringify(obj)), 1, word);
});

Deno.test("malformed tails and raw bytes are JsonLineErrors naming the line and the field", () => {
  const book = {
    type: "OrderBook",
    instrument: "0x" + "00".repeat(32),
    exchangeTimestampNs: "0",
    sizeDecimals: 0,
  };
  assertLineError(() => encodeLine(line({ ...book, levels: {} })), 1, "OrderBook.levels");
  assertLineError(() => encodeLine(line({ ...book, levels: [7] })), 1, "OrderBook.levels[0]");
  const err = { type: "Error", errorCode: 1, source: 1, relatedSequence: "0" };
  assertLineError(() => encodeLine(line({ ...err, message: 5 })), 1, "Error.message");
  const snap = { type: "Snapshot", source: 1, domain: 1, asOfSequence: "1" };
  assertLineError(() => encodeLine(line({ ...snap, state: "0xabc" })), 1, "Snapshot.state");
  assertLineError(() => encodeLine(line({ type: 230, raw: "0xzz" })), 1, "tlvs[0].raw");
  assertLineError(() => encodeLine(line({ type: 230, raw: 12 })), 1, "tlvs[0].raw");
  assertLineError(() => encodeLine(line({ type: 0, raw: "0x" })), 1, "type 0");
  const trade = {
    type: "Trade",
    price: "1",
    quantity: "1",
    quantityDecimals: 0,
    side: 0,
    tradeId: "1",
    exchangeTimestampNs: "1",
  };
  assertLineError(
    () => encodeLine(line({ ...trade, instrument: "polygon:nope:pool:0x00" })),
    1,
    "Trade.instrument",
  );
  assertLineError(() => encodeLine(line({ ...trade, instrument: 5 })), 1, "Trade.instrument");
});

Deno.test("after a bad line the builder holds no partial frame and keeps working", () => {
  const b = new FrameBuilder({ source: 9 });
  appendJsonLine(b, line(CANCEL_TLV), 1);
  assertLineError(
    () =>
      appendJsonLine(
        b,
        JSON.stringify({ ...CANCEL_LINE, tlvs: [CANCEL_TLV, { type: "Nope" }] }),
        2,
      ),
    2,
  );
  appendJsonLine(b, line(CANCEL_TLV, { ...CANCEL_LINE, sequence: "4" }), 3);
  const chunk = b.take();
  const first = parseFrame(chunk);
  const second = parseFrame(chunk, first.size);
  assert.equal(first.size + second.size, chunk.length);
  assert.deepEqual([first.sequence, second.sequence], [3n, 4n]);
});

Deno.test("a sequence outside u64 is a JsonLineError naming the line and the field", () => {
  // Today a negative or too-large sequence escapes as a ProtocolError from the builder.
  for (const sequence of ["-1", "18446744073709551616"]) {
    assertLineError(
      () => encodeLine(JSON.stringify({ domain: "signal", sequence, tlvs: [] })),
      1,
      "sequence",
    );
  }
});

Deno.test("a timestampNs outside u64 is a JsonLineError instead of a wrapped time", () => {
  for (const timestampNs of ["-1", "18446744073709551616"]) {
    assertLineError(
      () => encodeLine(JSON.stringify({ domain: "signal", timestampNs, tlvs: [] })),
      1,
      "timestampNs",
    );
  }
});
