/**
 * NATS JetStream transport: frames between machines, one JetStream message per frame.
 * `nats://host:port/torq.<domain>.<topic>` endpoints; durable consumers resume after their
 * last acknowledged frame without loss or duplicates. See docs/DISTRIBUTED.md.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { natsTransport } from "./mod.ts";
 * assert.equal(natsTransport.scheme, "nats");
 * ```
 *
 * @module
 */
export { natsTransport } from "./transport.ts";
export { natsEndpoint, type NatsFrameSink, type NatsSinkOptions, openNatsSink } from "./sink.ts";
export {
  type NatsFrameSource,
  type NatsSourceOptions,
  type NatsSourceStats,
  openNatsSource,
} from "./source.ts";
export { checkSubject, durableFromName, type NatsTarget, natsTarget } from "./subject.ts";
