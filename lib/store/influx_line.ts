// lib/store/influx_line.ts — one job: InfluxDB 1.x line protocol, escaped by its rules:
// measurement escapes comma and space; tag keys, tag values and field keys escape comma,
// equals sign and space; string field values escape double quote and backslash.
import { StoreError } from "./errors.ts";

/** A field value: bigint is an integer field (`i`, int64), number a float, string, boolean. */
export type InfluxField = bigint | number | string | boolean;

/** One point: a measurement, tags (empty values are left out), fields and a time in ns. */
export interface InfluxPoint {
  readonly measurement: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, InfluxField>>;
  /** Nanoseconds since the Unix epoch (written with `precision=ns`). */
  readonly timeNs: bigint;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

// A backslash in a name or tag value is ambiguous (it escapes the next separator, and one at
// the end escapes the delimiter that follows), so names holding one are refused outright.
function checkName(what: string, s: string): void {
  if (s === "") throw new StoreError("BAD_NAME", `${what} is empty`, { name: s });
  if (/[\n\r\\]/.test(s)) {
    throw new StoreError(
      "BAD_NAME",
      `${what} ${
        JSON.stringify(s)
      } holds a newline or a backslash, which line protocol cannot carry`,
      { name: s },
    );
  }
}

/**
 * A measurement name escaped for line protocol (comma and space).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeMeasurement } from "./influx_line.ts";
 * assert.equal(escapeMeasurement("risk decision,v2"), "risk\\ decision\\,v2");
 * ```
 */
export function escapeMeasurement(name: string): string {
  checkName("Measurement", name);
  if (name.startsWith("#")) {
    throw new StoreError("BAD_NAME", `Measurement "${name}" starts with #, a comment line`, {
      name,
    });
  }
  return name.replace(/[, ]/g, (c) => `\\${c}`);
}

/**
 * A tag key, tag value or field key escaped for line protocol (comma, equals sign, space).
 * The key `time` is refused: InfluxDB reserves it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeKey } from "./influx_line.ts";
 * assert.equal(escapeKey("a=b, c"), "a\\=b\\,\\ c");
 * ```
 */
export function escapeKey(name: string, what = "Key"): string {
  checkName(what, name);
  if (what !== "Tag value" && name === "time") {
    throw new StoreError("BAD_NAME", `${what} "time" is reserved by InfluxDB`, { name });
  }
  return name.replace(/[,= ]/g, (c) => `\\${c}`);
}

/**
 * A field value in line protocol: `123i` for a bigint (int64 range, else BAD_VALUE), a float
 * for a finite number, a quoted string (double quote and backslash escaped; no newline),
 * `true`/`false`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatField } from "./influx_line.ts";
 * assert.equal(formatField(-5n), "-5i");
 * assert.equal(formatField('say "hi" \\o/'), '"say \\"hi\\" \\\\o/"');
 * ```
 */
export function formatField(value: InfluxField, key = "value"): string {
  switch (typeof value) {
    case "bigint":
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new StoreError(
          "BAD_VALUE",
          `Field ${key} = ${value} does not fit an InfluxDB integer (int64); store it as a string`,
          { key, value },
        );
      }
      return `${value}i`;
    case "number":
      if (!Number.isFinite(value)) {
        throw new StoreError("BAD_VALUE", `Field ${key} = ${value} is not a finite number`, {
          key,
          value,
        });
      }
      // JavaScript's shortest round-trip text parses back to the same double.
      return Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : `${value}`;
    case "boolean":
      return value ? "true" : "false";
    case "string":
      if (/[\n\r]/.test(value)) {
        throw new StoreError(
          "BAD_VALUE",
          `Field ${key} holds a newline, which line protocol cannot carry`,
          { key, value },
        );
      }
      return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
}

/**
 * One point as a line of line protocol (no newline): tags sorted by key, as InfluxDB
 * prefers; a point needs at least one field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPoint } from "./influx_line.ts";
 * const line = formatPoint({ measurement: "gas price", tags: { source: "1", chain: "" },
 *   fields: { baseFeeWei: 12n, note: "a,b" }, timeNs: 1700000000000000001n });
 * assert.equal(line, 'gas\\ price,source=1 baseFeeWei=12i,note="a,b" 1700000000000000001');
 * ```
 */
export function formatPoint(p: InfluxPoint): string {
  let line = escapeMeasurement(p.measurement);
  for (const key of Object.keys(p.tags).sort()) {
    const value = p.tags[key]!;
    if (value === "") continue; // InfluxDB has no empty tag values: the tag is left out
    line += `,${escapeKey(key, "Tag key")}=${escapeKey(value, "Tag value")}`;
  }
  const fields = Object.entries(p.fields);
  if (fields.length === 0) {
    throw new StoreError("BAD_VALUE", `Point of ${p.measurement} has no field`, {
      measurement: p.measurement,
    });
  }
  line += " " + fields.map(([k, v]) => `${escapeKey(k, "Field key")}=${formatField(v, k)}`)
    .join(",");
  if (p.timeNs < INT64_MIN || p.timeNs > INT64_MAX) {
    throw new StoreError("BAD_VALUE", `Time ${p.timeNs} ns is outside InfluxDB's range`, {
      timeNs: p.timeNs,
    });
  }
  return `${line} ${p.timeNs}`;
}
