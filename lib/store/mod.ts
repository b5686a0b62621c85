/**
 * Storage: signals, decisions, reports, metrics and gas prices persisted in InfluxDB 1.x
 * (exact amounts; see influx_schema.ts), and recordings of frame streams: restartable
 * recording from any endpoint and replay at recorded speed. See docs/STORE.md.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPoint } from "./mod.ts";
 * assert.equal(formatPoint({ measurement: "m", tags: {}, fields: { v: 1n }, timeNs: 5n }), "m v=1i 5");
 * ```
 *
 * @module
 */
export { StoreError, type StoreErrorCode } from "./errors.ts";
export {
  escapeKey,
  escapeMeasurement,
  formatField,
  formatPoint,
  type InfluxField,
  type InfluxPoint,
} from "./influx_line.ts";
export { InfluxMapper, measurementOf, PERSISTED_LAYOUTS } from "./influx_schema.ts";
export { InfluxClient, type InfluxClientOptions, type InfluxSeries } from "./influx_client.ts";
export {
  InfluxBatchWriter,
  type InfluxBatchWriterOptions,
  type InfluxWriteStats,
} from "./influx_writer.ts";
export {
  type PersistOptions,
  persistProcessor,
  type PersistSummary,
  runPersist,
} from "./persist_run.ts";
export { parseSpeed, replayDueNs, type ReplayOptions, replayProcessor } from "./replay.ts";
export { type CopyOptions, type CopySummary, runCopy } from "./frame_copy.ts";
export { prepareAppend, type RecordingTail, scanRecording } from "./recording.ts";
