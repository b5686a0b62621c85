// lib/protocol/constants.ts — one job: the frozen numbers of the Protocol V2 header.

/** Frame magic, `0xDEADBEEF`, stored little-endian (bytes `EF BE AD DE`). */
export const MAGIC = 0xdeadbeef;
/** Size of the frame header in bytes. */
export const HEADER_SIZE = 32;
/** The only protocol version this codec speaks. */
export const PROTOCOL_VERSION = 1;
/** Largest payload the spec allows (1 MiB); readers may set a lower cap. */
export const MAX_PAYLOAD_SIZE = 1 << 20;
/** Flag bit 0: the checksum field holds a CRC. Bits 1–7 are reserved in version 1. */
export const FLAG_CHECKSUM = 0x01;
/** Largest value of a standard TLV. */
export const MAX_STANDARD_TLV = 255;
/** Largest value of an extended TLV. */
export const MAX_EXTENDED_TLV = 65535;
/** Type byte that marks an extended TLV. */
export const EXTENDED_TLV_MARKER = 0xff;

/**
 * Relay domains (header byte 4): which relay carries a frame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RelayDomain } from "./constants.ts";
 * assert(RelayDomain.Signal === 2);
 * ```
 */
export const RelayDomain = {
  MarketData: 1,
  Signal: 2,
  Execution: 3,
  System: 4,
} as const;
/** A relay domain number, 1 to 4. */
export type RelayDomain = typeof RelayDomain[keyof typeof RelayDomain];

/** Short names of the relay domains, as the CLI and JSON lines spell them. */
export const DOMAIN_NAMES: Readonly<Record<RelayDomain, string>> = {
  1: "market",
  2: "signal",
  3: "execution",
  4: "system",
};

/**
 * Producing components (header byte 6). The table in `docs/PROTOCOL.md` is generated from
 * this object.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SourceType } from "./constants.ts";
 * assert(SourceType.Collector === 1);
 * ```
 */
export const SourceType = {
  Unknown: 0,
  Collector: 1,
  Detector: 2,
  Risk: 3,
  Executor: 4,
  Portfolio: 5,
  Relay: 6,
  Replay: 7,
  Simulator: 8,
  Encoder: 9,
  Dashboard: 10,
  Store: 11,
  Strategy: 12,
  Monitor: 13,
} as const;
/** A source number (0 to 255; unlisted numbers are allowed and shown as numbers). */
export type SourceType = number;

/** What each source number stands for, in the order of the table. */
export const SOURCE_DESCRIPTIONS: Readonly<Record<number, string>> = {
  0: "unknown or external producer",
  1: "chain event collector (`torq collect`)",
  2: "arbitrage detector (`torq arb-scan`)",
  3: "risk engine (`torq risk`)",
  4: "executor, paper or live (`torq execute`)",
  5: "portfolio tracker",
  6: "relay (retransmissions, snapshots, recovery answers)",
  7: "replay of a recording (`torq replay`)",
  8: "devnet market simulator",
  9: "JSON-lines encoder (`torq encode`)",
  10: "dashboard",
  11: "store (InfluxDB persistence, recordings)",
  12: "strategy plug-in",
  13: "health monitor",
};

/**
 * Whether frames of a domain carry a CRC: off for market data (speed), on for the rest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_CHECKSUM_POLICY, RelayDomain } from "./constants.ts";
 * assert(DEFAULT_CHECKSUM_POLICY[RelayDomain.Signal] === true);
 * ```
 */
export const DEFAULT_CHECKSUM_POLICY: Readonly<Record<RelayDomain, boolean>> = {
  1: false,
  2: true,
  3: true,
  4: true,
};
/** Per-domain checksum switch. */
export type ChecksumPolicy = Readonly<Record<RelayDomain, boolean>>;
