// lib/store/recording.ts — one job: a recording file as a recorder appends to it after a
// crash: where it stands (last sequence per source, end of the last whole frame) and the cut
// of a frame left half-written.
import { FrameStream, ProtocolError } from "../protocol/mod.ts";

/** What a recording holds. */
export interface RecordingTail {
  /** Whole frames in the file. */
  readonly frames: number;
  /** Bytes up to the end of the last whole frame. */
  readonly validBytes: number;
  /** Bytes after it (a frame cut short by a crash). */
  readonly partialBytes: number;
  /** Last sequence per source (the checkpoint a subscriber resumes from). */
  readonly positions: Map<number, bigint>;
}

/**
 * Scan a recording. A missing file is an empty recording; a frame cut short at the end is
 * reported in `partialBytes`; any other bad frame throws its ProtocolError (do not append
 * to a damaged file).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { scanRecording } from "./recording.ts";
 * const path = await Deno.makeTempFile();
 * const f = buildFrame(RelayDomain.Execution, 4, 9n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]);
 * await Deno.writeFile(path, new Uint8Array([...f, ...f.subarray(0, 10)]));
 * const tail = await scanRecording(path);
 * assert.equal(tail.positions.get(4), 9n);
 * assert.equal(tail.validBytes, f.length);
 * assert.equal(tail.partialBytes, 10);
 * await Deno.remove(path);
 * ```
 */
export async function scanRecording(path: string): Promise<RecordingTail> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return { frames: 0, validBytes: 0, partialBytes: 0, positions: new Map() };
    }
    throw e;
  }
  const size = (await file.stat()).size;
  const positions = new Map<number, bigint>();
  let frames = 0;
  let validBytes = 0;
  try {
    for await (const f of file.readable.pipeThrough(new FrameStream({ verifyChecksum: false }))) {
      const last = positions.get(f.source);
      const seq = f.sequence;
      if (last === undefined || seq > last) positions.set(f.source, seq);
      frames++;
      validBytes = f.streamOffset + f.size;
    }
  } catch (e) {
    if (!(e instanceof ProtocolError && e.code === "TRUNCATED_FRAME")) throw e;
  }
  return { frames, validBytes, partialBytes: size - validBytes, positions };
}

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
