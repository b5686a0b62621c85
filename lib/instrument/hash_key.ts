// lib/instrument/hash_key.ts — one job: a short map key derived from an InstrumentId.
import { fnv1a64 } from "./_fnv.ts";
import { INSTRUMENT_ID_SIZE, instrumentToBytes } from "./instrument_bytes.ts";
import type { InstrumentId } from "./instrument_id.ts";

const scratch = new Uint8Array(INSTRUMENT_ID_SIZE);

/**
 * A 64-bit hash of the id's byte form (FNV-1a), for keying maps and sharding. It is a hash,
 * not an id: two different instruments can share a key, so never store it in place of the
 * id, send it on the wire, or treat equal keys as equal instruments without comparing the ids
 * (`instrumentEquals`). For an exact string key use `instrumentToText`.
 *
 * @throws {InstrumentError} when `id` breaks a rule (it may have been built by hand).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { instrumentHashKey } from "./hash_key.ts";
 * import { cexSpot } from "./instrument_id.ts";
 * const k = instrumentHashKey(cexSpot("binance", "BTC", "USDT"));
 * assert(typeof k === "bigint" && k === instrumentHashKey(cexSpot("binance", "BTC", "USDT")));
 * ```
 */
export function instrumentHashKey(id: InstrumentId): bigint {
  instrumentToBytes(id, scratch, 0);
  return fnv1a64(scratch, 0, INSTRUMENT_ID_SIZE);
}
