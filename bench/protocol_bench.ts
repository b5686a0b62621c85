// bench/protocol_bench.ts — Protocol V2 hot paths: build, parse, frame, InstrumentId.
import {
  buildFrame,
  FrameBuilder,
  FrameStream,
  parseFrame,
  type PoolSwap,
  RelayDomain,
  SourceType,
  TlvType,
} from "../lib/protocol/mod.ts";
import {
  cexSpot,
  dexPool,
  evmToken,
  INSTRUMENT_ID_SIZE,
  instrumentFromBytes,
  instrumentHashKey,
  type InstrumentId,
  instrumentToBytes,
  instrumentToText,
  parseInstrument,
} from "../lib/instrument/mod.ts";
import { iterations } from "./_short.ts";

const pool = instrumentToBytes(
  dexPool("ethereum", "uniswap_v3", "0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640"),
);
const poolHex = `0x${Array.from(pool, (b) => b.toString(16).padStart(2, "0")).join("")}` as const;

// A realistic V3 swap: amounts above 2^64, a sqrt price above 2^64, a tick and a tx hash.
const swap: PoolSwap = {
  pool: poolHex,
  sender: "0xe592427a0aece92de3edee1f18e0157c05861564",
  recipient: "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad",
  amount0In: 0n,
  amount1In: 25_000_000_000_000_000_000n,
  amount0Out: 83_512_771_442n,
  amount1Out: 0n,
  sqrtPriceX96: 1_456_564_483_229_376_530_745_823_127_981_355n,
  liquidity: 14_738_264_013_712_318_773n,
  tick: 197_402,
  decimals0: 6,
  decimals1: 18,
  blockNumber: 19_000_000n,
  logIndex: 17,
  txHash: "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
};

const plain = new FrameBuilder({
  source: SourceType.Collector,
  checksumPolicy: { 1: false, 2: false, 3: false, 4: false },
});
const crc = new FrameBuilder({
  source: SourceType.Collector,
  checksumPolicy: { 1: true, 2: true, 3: true, 4: true },
});

// The collector stamps every frame of one RPC message with that message's arrival time, so
// the build benches pass the time in; reading Deno's clock per frame costs ~60-120 ns more.
// One options object for all frames, as the collector reuses it per message: the bench times
// the builder, not an allocation of its own.
const stamped = { timestampNs: BigInt(Date.now()) * 1_000_000n };

Deno.bench({ name: "build PoolSwap", group: "build", baseline: true, ...iterations }, () => {
  plain.begin(RelayDomain.MarketData, stamped).add(TlvType.PoolSwap, swap).end();
  if (plain.pending > 60_000) plain.reset();
});

Deno.bench({ name: "build PoolSwap, clock per frame", group: "build", ...iterations }, () => {
  plain.begin(RelayDomain.MarketData).add(TlvType.PoolSwap, swap).end();
  if (plain.pending > 60_000) plain.reset();
});

Deno.bench({ name: "build PoolSwap +crc", group: "build", ...iterations }, () => {
  crc.begin(RelayDomain.MarketData, stamped).add(TlvType.PoolSwap, swap).end();
  if (crc.pending > 60_000) crc.reset();
});

// Every swap of a new transaction brings a hash the builder has not seen: more distinct swaps
// than the builder's hex cache holds (65,536), so each frame parses its hash from the text.
const FRESH = 70_000;
const freshSwaps: PoolSwap[] = Array.from({ length: FRESH }, (_, i) => ({
  ...swap,
  txHash: `0x${i.toString(16).padStart(8, "0")}${swap.txHash.slice(10)}` as const,
}));
let fresh = 0;

Deno.bench({ name: "build PoolSwap, new tx hash", group: "build", ...iterations }, () => {
  plain.begin(RelayDomain.MarketData, stamped).add(TlvType.PoolSwap, freshSwaps[fresh]!).end();
  fresh = fresh + 1 === FRESH ? 0 : fresh + 1;
  if (plain.pending > 60_000) plain.reset();
});

const swapPlain = buildFrame(RelayDomain.MarketData, 1, 1n, [[TlvType.PoolSwap, swap]], {
  checksum: false,
});
const swapCrc = buildFrame(RelayDomain.MarketData, 1, 1n, [[TlvType.PoolSwap, swap]], {
  checksum: true,
});

Deno.bench({ name: "parse PoolSwap", group: "parse", baseline: true, ...iterations }, () => {
  const f = parseFrame(swapPlain);
  const c = f.tlvs();
  while (c.next()) if (c.length === 0) throw new Error("unreachable");
});

Deno.bench({ name: "parse PoolSwap +crc", group: "parse", ...iterations }, () => {
  const f = parseFrame(swapCrc);
  const c = f.tlvs();
  while (c.next()) if (c.length === 0) throw new Error("unreachable");
});

// 1 MiB of back-to-back PoolSwap frames cut into 64 KiB chunks, so frames cross chunk edges.
const CHUNK = 65536;
const CHUNKS = 16;
const chunks = (() => {
  const b = new FrameBuilder({ source: SourceType.Collector, initialSize: CHUNK * CHUNKS });
  while (b.pending + swapPlain.length <= CHUNK * CHUNKS) {
    b.begin(RelayDomain.MarketData).add(TlvType.PoolSwap, swap).end();
  }
  const all = b.take();
  return Array.from({ length: CHUNKS }, (_, i) => all.subarray(i * CHUNK, (i + 1) * CHUNK));
})();
const streamBytes = chunks.reduce((n, c) => n + c.length, 0);

Deno.bench({ name: `framer 64KiB [${streamBytes}]`, group: "framer", ...iterations }, async () => {
  const reader = ReadableStream.from(chunks).pipeThrough(new FrameStream()).getReader();
  while (!(await reader.read()).done) { /* drain */ }
});

// InstrumentId: one id (of the three kinds in turn) through both encodings and back.
const IDS: readonly InstrumentId[] = [
  cexSpot("binance", "BTC", "USDT"),
  evmToken("ethereum", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"),
  dexPool("polygon", "quickswap_v2", "0x6e7a5fafcec6bb1e78bae2a1f0b612012bf14827"),
];
const TEXTS = IDS.map(instrumentToText);
const frame = new Uint8Array(64);
let i = 0;
let sink = 0; // results feed this so the calls stay observable

Deno.bench({
  name: "instrument roundtrip",
  group: "instrument",
  ...iterations,
  baseline: true,
  fn() {
    // one id through both encodings: bytes into a reused frame buffer and back, text and back
    const k = i++ % IDS.length;
    instrumentToBytes(IDS[k]!, frame, 16);
    sink ^= instrumentFromBytes(frame, 16).kind.length;
    sink ^= instrumentToText(parseInstrument(TEXTS[k]!)).length;
  },
});

Deno.bench({
  name: "instrument roundtrip (bytes)",
  group: "instrument",
  ...iterations,
  fn() {
    instrumentToBytes(IDS[i++ % IDS.length]!, frame, 16);
    sink ^= instrumentFromBytes(frame, 16).kind.length;
  },
});

Deno.bench({
  name: "instrument roundtrip (text)",
  group: "instrument",
  ...iterations,
  fn() {
    const text = TEXTS[i++ % TEXTS.length]!;
    sink ^= instrumentToText(parseInstrument(text)).length;
  },
});

Deno.bench({
  name: "instrument roundtrip (bytes, fresh array)",
  group: "instrument",
  ...iterations,
  fn() {
    const bytes = instrumentToBytes(IDS[i++ % IDS.length]!);
    sink ^= instrumentFromBytes(bytes).kind.length + bytes.length - INSTRUMENT_ID_SIZE;
  },
});

Deno.bench({
  name: "instrumentHashKey",
  group: "instrument",
  ...iterations,
  fn() {
    sink ^= Number(instrumentHashKey(IDS[i++ % IDS.length]!) & 1n);
  },
});
