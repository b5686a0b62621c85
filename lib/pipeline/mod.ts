/**
 * The main job: the embedded devnet (or a real chain, read-only), the collector, the detector,
 * risk and the executor chained in one process, every signal followed to its decision and
 * execution, a live terminal view and a summary. `torq pipeline` (and `deno task arb-scan`)
 * runs it. Sits above lib/execution: it only wires the layers below.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SignalLedger, summaryText } from "./mod.ts";
 * assert.match(summaryText(new SignalLedger().summary()), /opportunities seen/);
 * ```
 *
 * @module
 */
export { PipelineError, type PipelineErrorCode } from "./errors.ts";
export { amountText, type RouteNames, routeText, tokenName } from "./route_text.ts";
export {
  type LedgerStages,
  type PipelineSummary,
  SignalLedger,
  type SignalLedgerOptions,
  type SignalOutcome,
  type SignalRecord,
  statusName,
} from "./signal_ledger.ts";
export { signalJson, summaryJson } from "./pipeline_json.ts";
export {
  decisionText,
  opportunityTable,
  summaryText,
  TerminalView,
  type TerminalViewOptions,
} from "./terminal_view.ts";
export {
  type Downstream,
  type PipelineContext,
  type PipelineOptions,
  type PipelineResult,
  runPipeline,
} from "./run_pipeline.ts";
export {
  type ExecutorChoice,
  executorDownstream,
  type ExecutorOptions,
  PAPER_RISK_CONFIG,
  paperCapital,
  paperStageConfig,
} from "./executor_choice.ts";
export type { LiveChoiceOptions } from "./live_choice_options.ts";
