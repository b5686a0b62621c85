// lib/transport/recording_tail.ts — one job: where a recording stands, so a recorder can
// append after a crash: the last sequence per source and the end of the last whole frame.
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
 * import { scanRecording } from "./recording_tail.ts";
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
