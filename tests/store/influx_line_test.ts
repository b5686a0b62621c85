// tests/store/influx_line_test.ts — line protocol escaping, checked by a real influxd: what
// goes in by `formatPoint` comes back from `/query` unchanged, for any text it accepts.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  escapeKey,
  escapeMeasurement,
  formatField,
  formatPoint,
  InfluxClient,
  type InfluxSeries,
} from "../../lib/store/mod.ts";
import { startInflux } from "../_servers/influx.ts";

function rows(series: InfluxSeries[]): Record<string, unknown>[] {
  return series.flatMap((s) =>
    s.values.map((v) => Object.fromEntries(s.columns.map((c, i) => [c, v[i]])))
  );
}

// Any text line protocol can carry in a name: no newline, no backslash (refused by design).
const nameText = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) =>
  !/[\n\r\\]/.test(s)
);
// String field values may hold anything but a newline.
const valueText = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !/[\n\r]/.test(s));
const int64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });

Deno.test("formatPoint escapes measurement, tags, field keys and string values by the line protocol rules", () => {
  assert.equal(
    formatPoint({
      measurement: "a b,c=d",
      tags: { "k=1": "v,1 x", z: "", a: '"q"' },
      fields: { "f 1": 'say "hi" \\ ok', n: -9223372036854775808n, x: 1.5, t: true, u: 3 },
      timeNs: -1n,
    }),
    'a\\ b\\,c=d,a="q",k\\=1=v\\,1\\ x f\\ 1="say \\"hi\\" \\\\ ok",n=-9223372036854775808i,' +
      "x=1.5,t=true,u=3.0 -1",
  );
});

Deno.test("formatPoint refuses what line protocol cannot carry, naming it", () => {
  assert.throws(() => escapeKey("a\\b"), /holds a newline or a backslash/);
  assert.throws(() => escapeKey("time", "Field key"), /Field key "time" is reserved/);
  assert.throws(() => escapeMeasurement("#m"), /starts with #/);
  assert.throws(
    () => formatField(1n << 63n, "amount"),
    /amount = 9223372036854775808 does not fit/,
  );
  assert.throws(() => formatField("a\nb", "note"), /note holds a newline/);
  assert.throws(() => formatField(NaN, "x"), /not a finite number/);
  assert.throws(
    () => formatPoint({ measurement: "m", tags: {}, fields: {}, timeNs: 1n }),
    /has no field/,
  );
});

Deno.test("any tag, field key and string value formatPoint accepts reads back unchanged from a real influxd", async () => {
  await using influx = await startInflux();
  const db = new InfluxClient({ url: influx.url, db: "lp" });
  await db.createDatabase();
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          tag: nameText,
          tagValue: nameText,
          fieldKey: nameText,
          text: valueText,
          int: int64,
        }),
        { minLength: 1, maxLength: 10 },
      ),
      async (points) => {
        const m = `m${run++}`;
        const lines = points.map((p, i) =>
          formatPoint({
            measurement: m,
            tags: { [`t${p.tag}`]: p.tagValue },
            fields: { [`s${p.fieldKey}`]: p.text, [`i${p.fieldKey}`]: p.int },
            timeNs: BigInt(i + 1),
          })
        );
        // Each point in its own series and field keys per point: no type conflicts between them.
        await db.write(lines);
        const got = rows(await db.query(`SELECT * FROM ${m} ORDER BY time`));
        assert.equal(got.length, points.length);
        for (const [i, p] of points.entries()) {
          const row = got[i]!;
          assert.equal(row.time, BigInt(i + 1));
          assert.equal(row[`t${p.tag}`], p.tagValue);
          assert.equal(row[`s${p.fieldKey}`], p.text);
          assert.equal(row[`i${p.fieldKey}`], p.int);
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("a measurement name with spaces, commas, equals signs and quotes reads back unchanged", async () => {
  await using influx = await startInflux();
  const db = new InfluxClient({ url: influx.url, db: "lp" });
  await db.createDatabase();
  const names = ["a b", "a,b", "a=b", 'a"b', "é ü,=", " lead"];
  await db.write(
    names.map((measurement, i) =>
      formatPoint({ measurement, tags: {}, fields: { v: BigInt(i) }, timeNs: 1n })
    ),
  );
  const got = rows(await db.query("SHOW MEASUREMENTS")).map((r) => r.name);
  assert.deepEqual(got.sort(), [...names].sort());
});
