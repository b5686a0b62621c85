// lib/store/influx_schema.ts — one job: which TLVs become InfluxDB points, and how, exactly.
//
// Schema (one measurement per TLV type, `PREFIX` + snake_case name):
// - tags: `source` (the frame's source), and `chainId` / `strategyId` when the TLV has them;
// - integer fields (int64): u8, u16, u32, i32, i64, and u64 counters and times (blocks, ns);
// - string fields, exact decimal text: every u128/i128/u160 token amount (InfluxDB 1.x has no
//   integer wider than int64, and a field's type must not change from point to point), and
//   u64 ids (`signalId`, `orderId`), which may use all 64 bits;
// - string fields, lower-case 0x hex: addresses, hashes, InstrumentIds;
// - the ArbitrageSignal route: `hops` (count) and `route`, a JSON array of the hops with the
//   amounts as decimal strings;
// - `sequence` and `frameTimestampNs` (integers) name the frame each point came from.
// Time: the frame's header timestamp (ns). InfluxDB keeps one point per series and time, so
// a point that would land on or before the previous point of its source is moved to 1 ns
// after it (its exact header time stays in `frameTimestampNs`): nothing overwrites anything.
import {
  ARBITRAGE_SIGNAL,
  decodeTlvs,
  EXECUTION_REPORT,
  type FieldSpec,
  type Frame,
  GAS_PRICE,
  RISK_DECISION,
  RISK_METRICS,
  type TlvLayout,
} from "../protocol/mod.ts";
import { StoreError } from "./errors.ts";
import type { InfluxField, InfluxPoint } from "./influx_line.ts";

/** The TLV layouts persisted, by type number. */
export const PERSISTED_LAYOUTS: ReadonlyMap<number, TlvLayout> = new Map<number, TlvLayout>(
  [ARBITRAGE_SIGNAL, RISK_DECISION, EXECUTION_REPORT, RISK_METRICS, GAS_PRICE].map((
    l,
  ) => [l.type, l]),
);

const TAG_FIELDS = new Set(["chainId", "strategyId"]);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * The measurement of a TLV layout: `prefix` + its name in snake_case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ARBITRAGE_SIGNAL } from "../protocol/mod.ts";
 * import { measurementOf } from "./influx_schema.ts";
 * assert.equal(measurementOf(ARBITRAGE_SIGNAL, "torq_"), "torq_arbitrage_signal");
 * ```
 */
export function measurementOf(layout: TlvLayout, prefix = ""): string {
  return prefix + layout.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** How a field of `kind` named `name` is stored: the value as an InfluxDB field. */
function fieldValue(spec: FieldSpec, value: unknown): InfluxField {
  switch (spec.kind) {
    case "u8":
    case "u16":
    case "u32":
    case "i32":
      return BigInt(value as number);
    case "i64":
      return value as bigint;
    case "u64": {
      const v = value as bigint;
      if (spec.name.endsWith("Id")) return v.toString();
      if (v > INT64_MAX) {
        throw new StoreError(
          "BAD_VALUE",
          `Field ${spec.name} = ${v} is above 2^63-1, the largest InfluxDB integer`,
          { field: spec.name, value: v },
        );
      }
      return v;
    }
    case "u128":
    case "i128":
    case "u160":
      return (value as bigint).toString();
    case "address":
    case "bytes32":
    case "instrument":
      return (value as string).toLowerCase();
  }
}

function routeJson(item: readonly FieldSpec[], hops: readonly Record<string, unknown>[]): string {
  return JSON.stringify(hops.map((hop) => {
    const o: Record<string, string | number> = {};
    for (const spec of item) {
      const v = fieldValue(spec, hop[spec.name]);
      o[spec.name] = typeof v === "bigint" ? v.toString() : v as string;
    }
    return o;
  }));
}

/**
 * Turns frames into InfluxDB points by the schema above, keeping each source's points at
 * distinct, increasing times.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { InfluxMapper } from "./influx_schema.ts";
 * const mapper = new InfluxMapper();
 * const frame = parseFrame(buildFrame(RelayDomain.Signal, 3, 1n, [[TlvType.RiskDecision, {
 *   signalId: 7n, decision: 1, reasonCode: 0, approvedAmount: 10n ** 30n, tradingState: 1,
 * }]]));
 * const [p] = mapper.pointsOf(frame);
 * assert.equal(p?.measurement, "risk_decision");
 * assert.equal(p?.fields.approvedAmount, "1000000000000000000000000000000");
 * assert.equal(p?.fields.signalId, "7");
 * ```
 */
export class InfluxMapper {
  readonly #prefix: string;
  readonly #last = new Map<number, bigint>();

  constructor(options: { readonly prefix?: string } = {}) {
    this.#prefix = options.prefix ?? "";
  }

  /** The points of one frame (none when it holds no persisted TLV). */
  pointsOf(frame: Frame): InfluxPoint[] {
    const out: InfluxPoint[] = [];
    let tlvs: ReturnType<typeof decodeTlvs> | undefined;
    for (const tlv of (tlvs ??= decodeTlvs(frame))) {
      const layout = PERSISTED_LAYOUTS.get(tlv.type);
      if (layout === undefined || !("value" in tlv)) continue;
      const value = tlv.value as unknown as Record<string, unknown>;
      const tags: Record<string, string> = { source: `${frame.source}` };
      const fields: Record<string, InfluxField> = {};
      for (const spec of layout.fields) {
        if (TAG_FIELDS.has(spec.name)) tags[spec.name] = `${value[spec.name]}`;
        else fields[spec.name] = fieldValue(spec, value[spec.name]);
      }
      if (layout.tail?.kind === "list") {
        const hops = value[layout.tail.name] as Record<string, unknown>[];
        fields.hops = BigInt(hops.length);
        fields.route = routeJson(layout.tail.item, hops);
      }
      if (frame.sequence > INT64_MAX) {
        throw new StoreError("BAD_VALUE", `Sequence ${frame.sequence} is above 2^63-1`, {
          sequence: frame.sequence,
        });
      }
      fields.sequence = frame.sequence;
      fields.frameTimestampNs = frame.timestampNs;
      out.push({
        measurement: measurementOf(layout, this.#prefix),
        tags,
        fields,
        timeNs: this.#timeFor(frame.source, frame.timestampNs),
      });
    }
    return out;
  }

  #timeFor(source: number, ts: bigint): bigint {
    const last = this.#last.get(source);
    const t = last !== undefined && ts <= last ? last + 1n : ts;
    this.#last.set(source, t);
    return t;
  }
}
