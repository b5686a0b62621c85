/**
 * Transports: every stage reads frames from an endpoint (`-`, a file, `unix:PATH` of a relay,
 * `nats://…` of NATS JetStream, in `./nats/mod.ts`) and writes to one, without knowing which;
 * Unix-socket relays with bounded queues, topics and recovery; batched writing; the JSON-lines
 * form of frames. See docs/TRANSPORT.md and docs/DISTRIBUTED.md.
 *
 * @example
 * ```ts
 * import { BatchedWriter } from "./mod.ts";
 * const w = new BatchedWriter({ write: async () => {} });
 * await w.flush();
 * ```
 *
 * @module
 */
export { BatchedWriter, type ByteSink, resourceSink } from "./batched_writer.ts";
export { appendJsonLine, type FrameJson, frameToJson, JsonLineError } from "./json_lines.ts";
export {
  type ConversionSummary,
  type DecodeOptions,
  framesToJsonLines,
  jsonLinesToFrames,
  lines,
} from "./json_pipe.ts";
export { type Endpoint, parseEndpoint } from "./endpoint.ts";
export {
  EndpointError,
  type EndpointErrorCode,
  TransportError,
  type TransportErrorCode,
} from "./errors.ts";
export { FrameWriter, type FrameWriterStats, WRITTEN } from "./frame_writer.ts";
export type {
  FrameSink,
  FrameSinkOptions,
  FrameSource,
  FrameSourceOptions,
  PublishOptions,
  UrlEndpoint,
  UrlTransport,
} from "./transport_types.ts";
export { openFrameSource } from "./frame_source.ts";
export { openFrameSink } from "./frame_sink.ts";
export { registerTransport, transportFor } from "./transports.ts";
export { defaultSocketDir, defaultSocketPath, parseDomain, type SocketEnv } from "./socket_path.ts";
export { compileTopics, type FrameMatcher, matchesTopics, type Topics } from "./topic_filter.ts";
export {
  addHelloFrame,
  decodeHello,
  encodeHello,
  type Hello,
  HELLO_TLV,
  HELLO_VERSION,
  helloOf,
  type QueuePolicy,
  Role,
} from "./hello.ts";
export {
  ControlFrames,
  firstTlvType,
  isRelayControl,
  readControl,
  RecoveryStatus,
  type RelayControl,
  RelayErrorCode,
} from "./control.ts";
export { FrameRing, type FrameRingOptions, type RingAppend } from "./frame_ring.ts";
export { listenRelaySocket, type RelaySocket } from "./relay_socket.ts";
export { formatRelayReport, newRelayStats, type RelayStats } from "./relay_stats.ts";
export { type ChecksumMode, Relay, type RelayOptions } from "./relay.ts";
export {
  connectRelay,
  type RelayClientOptions,
  type RelayConnection,
  type RelayInfo,
} from "./relay_client.ts";
export {
  type OrderStats,
  subscribe,
  type SubscribeOptions,
  type Subscription,
  type UnavailableRange,
} from "./subscriber.ts";
export { connectPublisher, type RelayPublisher } from "./publisher.ts";
export { parseTopics, type TopicsText } from "./topics_text.ts";
export {
  chainProcessors,
  type FrameOutput,
  type FrameProcessor,
  OutputQueue,
} from "./stage_contract.ts";
export { nowNs, runStage, type RunStageOptions } from "./stage.ts";
export { StageReporter, type StageReporterOptions, type StageSummary } from "./stage_report.ts";
export { type MergedFrameSource, mergeFrameSources, type MergeOptions } from "./merge_sources.ts";
export { type DomainSink, domainSink } from "./domain_sink.ts";
export {
  openStageIo,
  runStageUntilStopped,
  skippedText,
  type StageIo,
  type StageIoOptions,
  untilStopped,
} from "./stage_io.ts";
