// lib/risk/feedback_input.ts — one job: show a stage the execution feedback it reads on a
// side input (the execution relay) without forwarding it, so no frame goes round in a loop.
import { decodeTlvs, type Frame, TlvType } from "../protocol/mod.ts";
import type { FrameOutput, FrameProcessor } from "../transport/stage_contract.ts";

/** Counters of {@linkcode withFeedback}. */
export interface FeedbackCounters {
  /** Feedback frames shown to the processor (holding an ExecutionReport or a Fill). */
  taken: number;
  /** Other frames of the feedback input, ignored (decisions, orders, market data). */
  ignored: number;
}

/** A processor fed from a main input and a feedback input. */
export interface FeedbackProcessor extends FrameProcessor {
  /** What came in on the feedback input. */
  readonly feedback: FeedbackCounters;
}

/**
 * Wrap `processor` so frames for which `isFeedback(frame)` is true are feedback: a frame holding
 * an ExecutionReport or a Fill is shown to the processor, which learns from it, but the frame
 * itself is not forwarded (it is already on the relay it came from: forwarding it would send it
 * round again); anything the processor writes in answer (breaker events) goes out. Any other
 * feedback frame is ignored. Frames of the main input pass through `processor` unchanged.
 * `runStage` calls `process` one frame at a time, so the two inputs never reach the processor
 * at once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildFrame, parseFrame, RelayDomain, TlvType } from "../protocol/mod.ts";
 * import { OutputQueue } from "../transport/stage_contract.ts";
 * import { withFeedback } from "./feedback_input.ts";
 * const seen: number[] = [];
 * const report = parseFrame(buildFrame(RelayDomain.Execution, 5, 1n, [[TlvType.OrderCancel,
 *   { orderId: 1n, reasonCode: 0 }]]));
 * const p = withFeedback({ process: (f, out) => { seen.push(f.source); out.forward(f); } },
 *   () => true);
 * const out = new OutputQueue();
 * await p.process(report, out);
 * assert.deepEqual([seen.length, out.length, p.feedback.ignored], [0, 0, 1]);
 * ```
 */
export function withFeedback(
  processor: FrameProcessor,
  isFeedback: (frame: Frame) => boolean,
): FeedbackProcessor {
  const feedback: FeedbackCounters = { taken: 0, ignored: 0 };
  return {
    feedback,
    async process(frame, out) {
      if (!isFeedback(frame)) return await processor.process(frame, out);
      const tlvs = decodeTlvs(frame);
      if (!tlvs.some((t) => t.type === TlvType.ExecutionReport || t.type === TlvType.Fill)) {
        feedback.ignored++;
        return;
      }
      feedback.taken++;
      const answer: FrameOutput = {
        forward: (f) => {
          if (f !== frame) out.forward(f);
        },
        emit: (bytes) => out.emit(bytes),
      };
      await processor.process(frame, answer);
    },
    ...(processor.tick !== undefined
      ? { tick: (now: bigint, out: FrameOutput) => processor.tick!(now, out) }
      : {}),
    ...(processor.finish !== undefined
      ? { finish: (out: FrameOutput) => processor.finish!(out) }
      : {}),
  };
}
