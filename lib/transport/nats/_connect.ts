// lib/transport/nats/_connect.ts — one job: connect to a NATS server with JetStream and find
// (or create) the stream that takes a subject, turning each failure into one clear error.
import { connect, type NatsConnection } from "@nats-io/transport-node";
import {
  DiscardPolicy,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import { EndpointError, TransportError } from "../errors.ts";
import type { NatsTarget } from "./subject.ts";

/** A connection with its JetStream manager. */
export interface NatsSession {
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
}

function portOf(server: string): string {
  return server.slice(server.lastIndexOf(":") + 1);
}

/** Connect to `target.server` and check that JetStream is on. */
export async function openSession(target: NatsTarget, name: string): Promise<NatsSession> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: target.server,
      name,
      timeout: 5000,
      ...(target.user !== undefined ? { user: target.user } : {}),
      ...(target.pass !== undefined ? { pass: target.pass } : {}),
    });
  } catch (e) {
    const why = (e as Error).message;
    throw new TransportError(
      "CANNOT_CONNECT",
      `Cannot reach NATS at ${target.server} (${why}); start it with "nats-server -js -p ${
        portOf(target.server)
      }" or fix host:port in ${target.text}`,
      { server: target.server, endpoint: target.text },
      { cause: e },
    );
  }
  try {
    const jsm = await jetstreamManager(nc);
    return { nc, jsm };
  } catch (e) {
    await nc.close().catch(() => {});
    throw new TransportError(
      "NO_JETSTREAM",
      `NATS at ${target.server} has no JetStream (${
        (e as Error).message
      }); start the server with -js (nats-server -js -sd DIR)`,
      { server: target.server },
      { cause: e },
    );
  }
}

/**
 * The stream that takes `target.subject`; when none does, one is created for `target.root`
 * (subjects `root` and `root.>`, file storage, limits retention: frames older than
 * `maxAgeSeconds` or beyond `maxBytes` are dropped oldest first).
 */
export async function ensureStream(session: NatsSession, target: NatsTarget): Promise<string> {
  const names = await Array.fromAsync(session.jsm.streams.names(target.subject));
  if (names.length === 1) return names[0]!;
  if (names.length > 1) {
    throw new EndpointError(
      "BAD_ENDPOINT",
      `Subject "${target.subject}" spans streams ${
        names.join(", ")
      }; a source reads one stream: narrow the subject (torq.market.>)`,
      { endpoint: target.text, streams: names },
    );
  }
  if (/[*>]/.test(target.root)) {
    throw new EndpointError(
      "BAD_ENDPOINT",
      `No stream takes subject "${target.subject}" and its first two tokens have a wildcard; name them (torq.market.>) or publish there first`,
      { endpoint: target.text },
    );
  }
  try {
    await session.jsm.streams.add({
      name: target.streamName,
      subjects: [target.root, `${target.root}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: target.maxAgeSeconds * 1_000_000_000,
      max_bytes: target.maxBytes,
      num_replicas: 1,
    });
  } catch (e) {
    // Another process may have created it a moment ago.
    const again = await Array.fromAsync(session.jsm.streams.names(target.subject));
    if (again.length === 1) return again[0]!;
    throw new TransportError(
      "CANNOT_CONNECT",
      `Cannot create stream ${target.streamName} for ${target.root}.> on ${target.server}: ${
        (e as Error).message
      }`,
      { server: target.server, stream: target.streamName },
      { cause: e },
    );
  }
  return target.streamName;
}
