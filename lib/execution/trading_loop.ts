// lib/execution/trading_loop.ts — one job: run the risk stage and an executor (paper or live) in
// one process with the executor's reports fed back to risk, as the execution relay would.
import { decodeTlvs, parseFrame, TlvType } from "../protocol/mod.ts";
import type { RiskProcessor } from "../risk/mod.ts";
import { type FrameOutput, type FrameProcessor, OutputQueue } from "../transport/stage_contract.ts";
import type { PaperExecuteProcessor } from "./paper_execute.ts";

/** The two stages of {@linkcode paperTradingLoop}. */
export interface PaperTradingLoopStages {
  readonly risk: RiskProcessor;
  readonly paper: PaperExecuteProcessor;
}

/** An executor stage: any FrameProcessor; `runDue` runs work that is due before a frame. */
export interface LoopExecutor extends FrameProcessor {
  runDue?(out: FrameOutput): void | Promise<void>;
}

/** The two stages of {@linkcode tradingLoop}. */
export interface TradingLoopStages {
  readonly risk: RiskProcessor;
  /** The paper executor, the live one, or any stage writing ExecutionReport / Fill frames. */
  readonly executor: LoopExecutor;
}

/**
 * Risk then paper execution as one {@linkcode FrameProcessor}: {@linkcode tradingLoop} with the
 * paper executor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RiskProcessor } from "../risk/mod.ts";
 * import { OutputQueue } from "../transport/stage_contract.ts";
 * import { PaperExecuteProcessor } from "./paper_execute.ts";
 * import { paperTradingLoop } from "./trading_loop.ts";
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
  return tradingLoop({ risk: stages.risk, executor: stages.paper });
}

/**
 * Risk then an executor as one {@linkcode FrameProcessor}: risk's output goes to the executor,
 * the executor's output goes out, and every frame the executor writes that holds an
 * ExecutionReport or a Fill is also shown to risk (feedback: open executions close, breakers
 * and the risk portfolio learn). What risk writes in answer (breaker events) goes out too.
 * The executor may be asynchronous (the live executor waits for receipts): each call is
 * awaited, so frames keep their order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RiskProcessor } from "../risk/mod.ts";
 * import { OutputQueue } from "../transport/stage_contract.ts";
 * import { tradingLoop } from "./trading_loop.ts";
 * const market = { chainId: 31337, nativeToken: "0x" + "0a".repeat(20), stablecoins: [] };
 * let seen = 0;
 * const loop = tradingLoop({
 *   risk: new RiskProcessor(market),
 *   executor: { process: (frame, out) => { seen++; out.forward(frame); } },
 * });
 * const out = new OutputQueue();
 * await loop.finish!(out);
 * assert.equal(seen, 0);
 * ```
 */
export function tradingLoop(stages: TradingLoopStages): FrameProcessor {
  const { risk, executor } = stages;
  // risk's output through the executor; the executor's reports back to risk
  const downstream = async (items: Uint8Array[], out: FrameOutput): Promise<void> => {
    for (const bytes of items) {
      for (let at = 0; at < bytes.length;) {
        const frame = parseFrame(bytes, at);
        at += frame.size;
        const q = new OutputQueue();
        await executor.process(frame, q);
        feedBack(q.take(), out);
      }
    }
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
    async process(frame, out) {
      // what is due executes before the frame enters, so risk hears of it first
      if (executor.runDue !== undefined) {
        const due = new OutputQueue();
        await executor.runDue(due);
        feedBack(due.take(), out);
      }
      const q = new OutputQueue();
      risk.process(frame, q);
      await downstream(q.take(), out);
    },
    async tick(nowNs, out) {
      const q = new OutputQueue();
      await risk.tick(nowNs, q);
      await downstream(q.take(), out);
      if (executor.tick !== undefined) {
        const p = new OutputQueue();
        await executor.tick(nowNs, p);
        feedBack(p.take(), out);
      }
    },
    async finish(out) {
      const q = new OutputQueue();
      risk.finish(q);
      await downstream(q.take(), out);
      if (executor.finish !== undefined) {
        const p = new OutputQueue();
        await executor.finish(p);
        feedBack(p.take(), out);
      }
    },
  };
}
