/**
 * Protocol V2: 32-byte frame headers, TLV payloads, CRC-32, a stream framer and sequence
 * tracking — the wire format every torq process speaks. No dependencies.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FrameBuilder, parseFrame, decodeTlvs, RelayDomain, SourceType, TlvType } from "./mod.ts";
 * const b = new FrameBuilder({ source: SourceType.Risk });
 * b.begin(RelayDomain.Signal).add(TlvType.RiskDecision, {
 *   signalId: 1n, decision: 1, reasonCode: 0, approvedAmount: 10n ** 18n, tradingState: 1,
 * }).end();
 * const [tlv] = decodeTlvs(parseFrame(b.take()));
 * assert(tlv?.name === "RiskDecision");
 * ```
 *
 * @module
 */
export * from "./constants.ts";
export {
  AlertSeverity,
  Breaker,
  codeName,
  codeRow,
  type CodesByName,
  Decision,
  ExecutionMode,
  ExecutionReason,
  LiveReason,
  MARKET_MISS_REASONS,
  type OrderOutcome,
  orderOutcome,
  orderReasonName,
  OrderState,
  RecoveryStatus,
  RelayErrorCode,
  RiskReason,
  TradingState,
  VarMethod,
  WIRE_CODES,
  type WireCode,
  type WireCodeKind,
  type WireCodeKindName,
  type WireCodeRow,
  wireCodes,
} from "./codes.ts";
export * from "./errors.ts";
export { crc32, frameChecksum } from "./crc32.ts";
export {
  bytesToHex,
  FIELD_SIZES,
  type FieldKind,
  type FieldSpec,
  type Hex,
  hexToBytes,
  type LayoutValue,
  type TailSpec,
  type TlvLayout,
} from "./layout.ts";
export * from "./payloads.ts";
export {
  codecOf,
  domainOfTlv,
  type KnownTlvType,
  type TlvName,
  tlvName,
  type TlvRange,
  tlvRange,
  TlvType,
  tlvTypeByName,
  type TlvValues,
} from "./tlv_types.ts";
export {
  checkHeader,
  Frame,
  parseFrame,
  type ReadOptions,
  TlvCursor,
  validateTlvs,
} from "./frame.ts";
export {
  type BeginOptions,
  buildFrame,
  FrameBuilder,
  type FrameBuilderOptions,
  type TlvEntry,
} from "./builder.ts";
export { type DecodedTlv, decodeTlvs, decodeTlvValue } from "./decode.ts";
export { type FramerOptions, type FramerStats, FrameStream, type SkipReport } from "./framer.ts";
export {
  type RecoveryAction,
  sequenceError,
  type SequenceResult,
  SequenceTracker,
  type SequenceTrackerOptions,
} from "./sequence.ts";
