// lib/execution/paper_loop.ts — one job: run the risk stage and the paper executor in one
// process with the executor's reports fed back to risk, as the execution relay would.
import { decodeTlvs, TlvType } from "../protocol/mod.ts";
import type { RiskProcessor } from "../risk/mod.ts";
import { type FrameOutput, type FrameProcessor, OutputQueue } from "../transport/stage.ts";
import { parseFrame } from "../protocol/mod.ts";
import type { PaperExecuteProcessor } from "./paper_execute.ts";

/** The two stages of {@linkcode paperTradingLoop}. */
export interface PaperTradingLoopStages {
  readonly risk: RiskProcessor;
  readonly paper: PaperExecuteProcessor;
}

/**
 * Risk then paper execution as one {@linkcode FrameProcessor}: risk's output goes to the
 * executor, the executor's output goes out, and every frame the executor writes that holds an
 * ExecutionReport or a Fill is also shown to risk (feedback: open executions close, breakers
 * and the risk portfolio learn). What risk writes in answer (breaker events) goes out too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RiskProcessor } from "../risk/mod.ts";
 * import { OutputQueue } from "../transport/stage.ts";
 * import { PaperExecuteProcessor } from "./paper_execute.ts";
 * import { paperTradingLoop } from "./paper_loop.ts";
 * const market = { chainId: 31337, nativeToken: "0x" + "0a".repeat(20), stablecoins: [] };
 * const loop = paperTradingLoop({
 *   risk: new RiskProcessor(market), paper: new PaperExecuteProcessor(market),
 * });
 * const out = new OutputQueue();
 * await loop.finish!(out);
 * assert.equal(out.length, 0);
 * ```
 */
export function paperTradingLoop(stages: PaperTradingLoopStages): FrameProcessor {
  const { risk, paper } = stages;
  // risk's output through the executor; the executor's reports back to risk
  const downstream = (items: Uint8Array[], out: FrameOutput): void => {
    const q = new OutputQueue();
    for (const bytes of items) {
      for (let at = 0; at < bytes.length;) {
        const frame = parseFrame(bytes, at);
        at += frame.size;
        paper.process(frame, q);
      }
    }
    feedBack(q.take(), out);
  };
  const feedBack = (items: Uint8Array[], out: FrameOutput): void => {
    for (const bytes of items) {
      out.emit(bytes);
      for (let at = 0; at < bytes.length;) {
        const frame = parseFrame(bytes, at);
        at += frame.size;
        const isFeedback = decodeTlvs(frame).some((t) =>
          t.type === TlvType.ExecutionReport || t.type === TlvType.Fill
        );
        if (!isFeedback) continue;
        const q = new OutputQueue();
        risk.process(frame, q);
        // risk forwards the feedback frame itself first: it already went out above
        for (const answer of q.take().slice(1)) out.emit(answer);
      }
    }
  };
  return {
    process(frame, out) {
      // what is due executes before the frame enters, so risk hears of it first
      const due = new OutputQueue();
      paper.runDue(due);
      feedBack(due.take(), out);
      const q = new OutputQueue();
      risk.process(frame, q);
      downstream(q.take(), out);
    },
    async tick(nowNs, out) {
      const q = new OutputQueue();
      await risk.tick(nowNs, q);
      downstream(q.take(), out);
      const p = new OutputQueue();
      paper.tick(nowNs, p);
      feedBack(p.take(), out);
    },
    finish(out) {
      const q = new OutputQueue();
      risk.finish(q);
      downstream(q.take(), out);
      const p = new OutputQueue();
      paper.finish(p);
      feedBack(p.take(), out);
    },
  };
}
