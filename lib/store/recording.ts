// lib/store/recording.ts — one job: make a recording file ready to append to after a crash:
// cut a frame left half-written off its end and read its last sequence per source.
import { type RecordingTail, scanRecording } from "../transport/mod.ts";

/**
 * Prepare `path` for appending: a frame cut short at the end (a crash mid-write) is cut off
 * (and `log` says so); the returned tail's `positions` are the checkpoint to resume a relay
 * subscription from. A missing file is an empty recording; a damaged one (a bad frame before
 * the end) throws its ProtocolError rather than be appended to.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { prepareAppend } from "./recording.ts";
 * const path = await Deno.makeTempFile();
 * const f = buildFrame(RelayDomain.Execution, 4, 9n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * await Deno.writeFile(path, new Uint8Array([...f, ...f.subarray(0, 10)]));
 * const lines: string[] = [];
 * const tail = await prepareAppend(path, (l) => lines.push(l));
 * assert.equal(tail.positions.get(4), 9n);
 * assert.equal((await Deno.stat(path)).size, f.length);
 * assert.match(lines[0]!, /cut 10 byte\(s\)/);
 * await Deno.remove(path);
 * ```
 */
export async function prepareAppend(
  path: string,
  log: (line: string) => void,
): Promise<RecordingTail> {
  const tail = await scanRecording(path);
  if (tail.partialBytes > 0) {
    await Deno.truncate(path, tail.validBytes);
    log(`cut ${tail.partialBytes} byte(s) of a partial frame off the end of ${path}`);
  }
  return tail;
}
