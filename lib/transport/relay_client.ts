// lib/transport/relay_client.ts — one job: connect to a relay and do the hello handshake.
import { parseFrame, ProtocolError, type RelayDomain, SourceType } from "../protocol/mod.ts";
import { ControlFrames, isRelayControl, readControl } from "./control.ts";
import { TransportError } from "./errors.ts";
import { FrameCutter } from "./_frame_cutter.ts";
import { FrameWriter } from "./frame_writer.ts";
import { addHelloFrame, helloOf, type QueuePolicy, Role } from "./hello.ts";
import type { Topics } from "./topic_filter.ts";

/** What a client tells a relay about itself. */
export interface RelayClientOptions {
  /** Publish, subscribe or both. */
  readonly role: "publish" | "subscribe" | "both";
  /** Topics of the subscription (default: everything). */
  readonly topics?: Topics;
  /** Receive the frames this connection publishes (default false). */
  readonly echo?: boolean;
  /** Queue policy (default: the relay's, `backpressure` unless it was started otherwise). */
  readonly policy?: QueuePolicy;
  /** Queue bound in frames (default: the relay's, 65,536). */
  readonly queueFrames?: number;
  /** The domain the client expects; the relay refuses a mismatch (default: any). */
  readonly domain?: RelayDomain;
  /** Name in the relay's log lines. */
  readonly name?: string;
  /** How long to wait for the relay's answer (default 5000 ms). */
  readonly timeoutMs?: number;
}

/** The relay's answer to the hello. */
export interface RelayInfo {
  readonly domain: RelayDomain;
  readonly policy: QueuePolicy;
  readonly queueFrames: number;
  readonly name: string;
}

/** An open, greeted relay connection. */
export interface RelayConnection {
  readonly path: string;
  readonly info: RelayInfo;
  readonly conn: Deno.UnixConn;
  /** Batched writes to the relay (data frames and control frames share it, in order). */
  readonly writer: FrameWriter;
  /** Bytes from the relay after its answer (a fresh buffer per read; frames may keep views). */
  readonly readable: ReadableStream<Uint8Array>;
  /** Builds this connection's control frames (RecoveryRequest). */
  readonly control: ControlFrames;
  /** Flush and close. */
  close(): Promise<void>;
}

const ROLE = { publish: Role.Publisher, subscribe: Role.Subscriber, both: Role.Both } as const;

function connectError(path: string, e: unknown): TransportError {
  const why = e instanceof Deno.errors.NotFound
    ? "no socket there"
    : e instanceof Deno.errors.ConnectionRefused
    ? "nothing is listening (a stale socket?)"
    : (e as Error).message;
  return new TransportError(
    "CANNOT_CONNECT",
    `Cannot connect to a relay at ${path}: ${why}; start one with torq relay --domain …`,
    { path },
    { cause: e },
  );
}

/**
 * Connect to the relay at `path`, send the hello and wait for the relay's answer.
 * @throws {TransportError} CANNOT_CONNECT, HANDSHAKE_REJECTED (the relay's Error message),
 * NOT_A_RELAY (something else answered, or nothing within the time limit).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { connectRelay } from "./relay_client.ts";
 * await assert.rejects(connectRelay("/no/such.sock", { role: "subscribe" }), /Cannot connect/);
 * ```
 */
export async function connectRelay(
  path: string,
  options: RelayClientOptions,
): Promise<RelayConnection> {
  let conn: Deno.UnixConn;
  try {
    conn = await Deno.connect({ transport: "unix", path });
  } catch (e) {
    throw connectError(path, e);
  }
  const control = new ControlFrames(SourceType.Unknown);
  const writer = new FrameWriter({
    async write(chunk) {
      let off = 0;
      while (off < chunk.length) off += await conn.write(chunk.subarray(off));
    },
  });
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await writer.write(control.custom((b) =>
      addHelloFrame(b, {
        role: ROLE[options.role],
        echo: options.echo ?? false,
        policy: options.policy,
        queueFrames: options.queueFrames ?? 0,
        domain: options.domain ?? 0,
        topics: options.topics ?? {},
        name: options.name ?? "",
      })
    ));
    await writer.flush();
    const cutter = new FrameCutter(4096);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TransportError(
              "NOT_A_RELAY",
              `No relay answer from ${path} within ${timeoutMs} ms`,
              {
                path,
              },
            ),
          ),
        timeoutMs,
      );
    });
    let size = 0;
    while ((size = cutter.next()) === 0) {
      const n = await Promise.race([conn.read(cutter.space()), timeout]);
      if (n === null) {
        throw new TransportError("NOT_A_RELAY", `${path} closed the connection without an answer`, {
          path,
        });
      }
      cutter.commit(n);
    }
    const frame = parseFrame(cutter.buffer, cutter.start, undefined, 0, cutter.start + size);
    const info = isRelayControl(frame) ? answerOf(frame, path) : undefined;
    if (info === undefined) {
      throw new TransportError(
        "NOT_A_RELAY",
        `${path} answered with something other than a relay hello`,
        {
          path,
        },
      );
    }
    cutter.skip(size);
    const leftover = cutter.buffer.slice(cutter.start, cutter.start + cutter.pending);
    return {
      path,
      info,
      conn,
      writer,
      control,
      readable: bytesAfter(leftover, conn),
      async close() {
        await writer.flush().catch(() => {});
        try {
          conn.close();
        } catch { /* already closed */ }
      },
    };
  } catch (e) {
    try {
      conn.close();
    } catch { /* already closed */ }
    if (e instanceof ProtocolError) {
      throw new TransportError(
        "NOT_A_RELAY",
        `${path} sent bytes that are not frames: ${e.message}`,
        {
          path,
        },
        { cause: e },
      );
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function answerOf(frame: ReturnType<typeof parseFrame>, path: string): RelayInfo | undefined {
  const hello = helloOf(frame);
  if (hello !== undefined) {
    if (hello.role !== Role.Relay || hello.domain === 0) return undefined;
    return {
      domain: hello.domain,
      policy: hello.policy ?? "backpressure",
      queueFrames: hello.queueFrames,
      name: hello.name,
    };
  }
  const control = readControl(frame);
  if (control.kind === "error") {
    throw new TransportError("HANDSHAKE_REJECTED", `Relay at ${path} refused: ${control.message}`, {
      path,
      errorCode: control.errorCode,
    });
  }
  return undefined;
}

// The connection's bytes as a stream, `first` before them. Each read gets a fresh buffer
// (frames cut from it are views); small reads are copied out so they do not pin 64 KiB.
function bytesAfter(first: Uint8Array, conn: Deno.UnixConn): ReadableStream<Uint8Array> {
  let pending: Uint8Array | null = first.length > 0 ? first : null;
  let buf = new Uint8Array(65536);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== null) {
        controller.enqueue(pending);
        pending = null;
        return;
      }
      let n: number | null;
      try {
        n = await conn.read(buf);
      } catch (e) {
        if (e instanceof Deno.errors.BadResource || e instanceof Deno.errors.Interrupted) n = null;
        else throw e;
      }
      if (n === null) {
        controller.close();
        return;
      }
      if (n < 4096) {
        controller.enqueue(buf.slice(0, n));
      } else {
        controller.enqueue(buf.subarray(0, n));
        buf = new Uint8Array(65536);
      }
    },
  }, { highWaterMark: 0 });
}
