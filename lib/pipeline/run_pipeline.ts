// lib/pipeline/run_pipeline.ts — one job: the main job in one process: a market (the embedded
// devnet with its simulator, or a real chain read-only), the collector, then scan → risk →
// execute chained in memory, every signal followed to its outcome, until told to stop.
import { ScanProcessor } from "../arbitrage/mod.ts";
import {
  checkRpc,
  type CollectorStats,
  createReadClient,
  runCollect,
  type WatchedPool,
} from "../chain/mod.ts";
import {
  type DevnetDescription,
  devnetPools,
  runDevnetSession,
  type SimulatorStats,
} from "../devnet/mod.ts";
import {
  chainProcessors,
  type FrameProcessor,
  type FrameSink,
  runStage,
  type StageSummary,
} from "../transport/mod.ts";
import { PipelineError } from "./errors.ts";
import {
  type LedgerStages,
  type PipelineSummary,
  SignalLedger,
  type SignalRecord,
} from "./signal_ledger.ts";
import { readDevnetDescription, resolveTokenRoles, type TokenRoles } from "../market/mod.ts";
import { discardSink, framePipe } from "./_frame_pipe.ts";

/** What the stages after the scanner are built from. */
export interface PipelineContext {
  readonly chainId: number;
  readonly roles: TokenRoles;
  /** The chain's RPC URL (the devnet's WebSocket URL on the devnet). */
  readonly rpcUrl: string;
  /** The devnet description (`torq devnet` JSON) when running on the embedded devnet. */
  readonly devnet: DevnetDescription | undefined;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

/** The stages after the scanner, and what the ledger should wait for. */
export interface Downstream {
  /** In order, e.g. [risk, paper executor]. */
  readonly processors: readonly FrameProcessor[];
  /** The last kind of stage among them. */
  readonly stages: LedgerStages;
  /** The executor's own totals, reported as they are. */
  readonly report?: () => unknown;
}

/** Options of {@linkcode runPipeline}. */
export interface PipelineOptions {
  /** A real chain (read-only): ws(s):// or http(s)://. Absent: the embedded devnet. */
  readonly rpcUrl?: string | undefined;
  /** Read endpoint when it is not the ws URL with an http scheme. */
  readonly httpUrl?: string | undefined;
  /** Refuse another chain. */
  readonly chainId?: number | undefined;
  /** Pools to follow on a real chain (as `torq collect --pools`). */
  readonly poolsFile?: string | undefined;
  /** Factories to discover pools from on a real chain (as `torq collect --factory`). */
  readonly factories?: readonly string[] | undefined;
  /** Pool metadata cache file. */
  readonly poolCachePath?: string | undefined;
  /** Devnet seed (default 1). */
  readonly seed?: number | undefined;
  /** Devnet simulator steps per second (default 5). */
  readonly rate?: number | undefined;
  /** Devnet price move per trade (default 0.002). */
  readonly volatility?: number | undefined;
  /** Wrapped native token, stablecoins; or a devnet description to read them from. */
  readonly native?: string | undefined;
  readonly stables?: readonly string[] | undefined;
  readonly tokensFile?: string | undefined;
  /** Detector: least net profit in USD (8 decimals; null: off) and longest cycle. */
  readonly minNetProfitUsd?: bigint | null | undefined;
  readonly maxHops?: number | undefined;
  /** Builds the stages after the scanner (default: none, scan only). */
  readonly downstream?: ((ctx: PipelineContext) => Downstream | Promise<Downstream>) | undefined;
  /** Also write every frame (market data, signals, decisions, executions) here. */
  readonly out?: FrameSink | undefined;
  /** Stop this long after the stages start (the devnet's startup not counted), ms (default:
   * until `signal`). */
  readonly durationMs?: number | undefined;
  /** Stop (Ctrl-C): the collector stops, what it read is processed, then the chain stops. */
  readonly signal?: AbortSignal | undefined;
  /** Progress on stderr. */
  readonly log: (line: string) => void;
  /** Called with the ledger once the stages run (to attach a view). */
  readonly onStart?: ((ledger: SignalLedger, ctx: PipelineContext) => void) | undefined;
  /** Called once per signal when its outcome is final. */
  readonly onResolved?: ((record: SignalRecord) => void) | undefined;
}

/** What a run did. */
export interface PipelineResult {
  readonly summary: PipelineSummary;
  /** The in-process stage's read/written counts. */
  readonly stage: StageSummary | undefined;
  readonly collector: CollectorStats | undefined;
  /** The devnet's RPC URL and Anvil's pid (undefined on a real chain). */
  readonly devnet: { readonly wsUrl: string; readonly anvilPid: number } | undefined;
  /** The devnet simulator's totals (undefined on a real chain). */
  readonly simulator: SimulatorStats | undefined;
  /** The detector's counters. */
  readonly scan: ScanProcessor["stats"] | undefined;
  /** The executor's own report, when it gives one. */
  readonly executor: unknown;
  readonly chainId: number | undefined;
}

/**
 * Runs the main job: on the embedded devnet (Anvil with real Uniswap V2/V3 bytecode and the
 * market simulator) unless `rpcUrl` names a chain; the collector writes market-data frames into
 * memory, where {@linkcode ScanProcessor} and the `downstream` stages run chained, followed by a
 * {@linkcode SignalLedger}. Stops after `durationMs` or when `signal` aborts: the collector
 * stops first, every frame it wrote is processed, signals still open are closed as pending,
 * then the devnet (simulator and Anvil) stops. Anvil is never left running.
 *
 * @throws {PipelineError} for bad options or token roles; ChainError / DevnetError from the
 *   chain side (unreachable RPC, bad pools file, deployment failure).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runPipeline } from "./run_pipeline.ts";
 * const result = await runPipeline({ durationMs: 3000, rate: 10, log: () => {} });
 * assert(result.summary.marketFrames > 0);
 * assert(result.summary.lastBlock > 0n);
 * ```
 */
export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  if (o.durationMs !== undefined && !(o.durationMs > 0)) {
    throw new PipelineError("BAD_OPTION", `Duration must be positive, got ${o.durationMs} ms`, {
      durationMs: o.durationMs,
    });
  }
  // One stop signal for the whole run: the caller's, or the duration running out.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal?.addEventListener("abort", onAbort, { once: true });
  if (o.signal?.aborted) stop.abort();
  // The duration counts from when the stages run, not from the devnet's startup.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = () => {
    if (o.durationMs !== undefined) timer ??= setTimeout(onAbort, o.durationMs);
  };
  try {
    if (o.rpcUrl !== undefined) return await onChain(o, o.rpcUrl, stop.signal, started);
    return await onDevnet(o, stop.signal, started);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener("abort", onAbort);
  }
}

async function onDevnet(
  o: PipelineOptions,
  stop: AbortSignal,
  started: () => void,
): Promise<PipelineResult> {
  const devnetStop = new AbortController();
  let ready: (d: DevnetDescription) => void = () => {};
  const description = new Promise<DevnetDescription>((resolve) => ready = resolve);
  const session = runDevnetSession({
    seed: o.seed ?? 1,
    rate: o.rate ?? 5,
    ...(o.volatility !== undefined ? { volatility: o.volatility } : {}),
    log: (line) => o.log(`devnet: ${line}`),
    signal: devnetStop.signal,
    reportEverySeconds: 10,
    // Never a fork here (no forkUrl): the scenario is deployed.
    onReady: (d) => {
      if ("pools" in d) ready(d);
    },
  });
  let simulator: SimulatorStats | undefined;
  let result: PipelineResult | undefined;
  try {
    const stopped = new Promise<"stopped">((resolve) => {
      if (stop.aborted) resolve("stopped");
      stop.addEventListener("abort", () => resolve("stopped"), { once: true });
    });
    // Startup can fail (session rejects) or be interrupted (Ctrl-C while deploying).
    const first = await Promise.race([description, session, stopped]);
    if (first !== "stopped" && first !== undefined && "wsUrl" in first) {
      const d = first;
      o.log(
        `devnet ready: ${d.pools.length} pools on chain ${d.chainId} at ${d.wsUrl} ` +
          `(Anvil pid ${String(d.anvilPid)})`,
      );
      const chainId = d.chainId;
      const roles = resolveTokenRoles({
        chainId,
        devnet: d,
        native: o.native,
        stables: o.stables,
      });
      result = await collectAndProcess(
        o,
        stop,
        {
          chainId,
          roles,
          rpcUrl: d.wsUrl,
          devnet: d,
          log: o.log,
        },
        { pools: devnetPools(d) },
        started,
      );
    }
  } finally {
    devnetStop.abort();
    o.log("devnet: stopping");
    simulator = await session.catch(() => undefined);
  }
  return { ...(result ?? emptyResult()), simulator };
}

async function onChain(
  o: PipelineOptions,
  rpcUrl: string,
  stop: AbortSignal,
  started: () => void,
): Promise<PipelineResult> {
  const ws = /^wss?:\/\//i.test(rpcUrl);
  const httpUrl = o.httpUrl ?? (ws ? rpcUrl.replace(/^ws/i, "http") : rpcUrl);
  createReadClient(rpcUrl); // validates the URL as typed
  const chainId = await checkRpc(createReadClient(httpUrl), o.httpUrl ?? rpcUrl, o.chainId);
  const devnet = o.tokensFile ?? o.poolsFile;
  const roles = resolveTokenRoles({
    chainId,
    devnet: devnet === undefined
      ? undefined
      : await readDevnetDescription(devnet, o.tokensFile !== undefined),
    native: o.native,
    stables: o.stables,
  });
  return await collectAndProcess(
    o,
    stop,
    {
      chainId,
      roles,
      rpcUrl,
      devnet: undefined,
      log: o.log,
    },
    { poolsFile: o.poolsFile },
    started,
  );
}

async function collectAndProcess(
  o: PipelineOptions,
  stop: AbortSignal,
  ctx: PipelineContext,
  follow: { readonly poolsFile?: string | undefined; readonly pools?: readonly WatchedPool[] },
  started: () => void,
): Promise<PipelineResult> {
  const downstream = o.downstream === undefined
    ? { processors: [], stages: "scan" as const }
    : await o.downstream(ctx);
  const scan = new ScanProcessor({
    chainId: ctx.chainId,
    nativeToken: ctx.roles.nativeToken,
    stablecoins: ctx.roles.stablecoins,
    ...(o.minNetProfitUsd !== undefined ? { minNetProfitUsd: o.minNetProfitUsd } : {}),
    ...(o.maxHops !== undefined ? { maxHops: o.maxHops } : {}),
    onRefused: (e) => ctx.log(`arb-scan: refused a frame: ${e.message}`),
  });
  const ledger = new SignalLedger({
    stages: downstream.stages,
    symbols: ctx.roles.symbols,
    ...(o.onResolved !== undefined ? { onResolved: o.onResolved } : {}),
  });
  const pipe = framePipe();
  const sink = o.out ?? discardSink();
  const collectStop = new AbortController();
  const onStop = () => collectStop.abort();
  stop.addEventListener("abort", onStop, { once: true });
  if (stop.aborted) collectStop.abort();
  o.onStart?.(ledger, ctx);
  started();
  const processor = chainProcessors([scan, ...downstream.processors, ledger]);
  const stage = runStage("pipeline", pipe.source, sink, processor, { quiet: true });
  let collector: CollectorStats | undefined;
  try {
    collector = await runCollect({
      rpcUrl: ctx.rpcUrl,
      httpUrl: o.rpcUrl === undefined ? undefined : o.httpUrl,
      chainId: ctx.chainId,
      poolsFile: follow.poolsFile,
      pools: follow.pools,
      factories: o.factories,
      poolCachePath: o.poolCachePath,
      format: "binary",
      out: pipe.sink,
      log: (line) => ctx.log(`collect: ${line}`),
      signal: collectStop.signal,
    });
  } catch (e) {
    await pipe.source.close(); // the stage stops reading; its error, if any, is secondary
    await stage.catch(() => {});
    throw e;
  } finally {
    stop.removeEventListener("abort", onStop);
    await pipe.close();
  }
  // Everything the collector wrote is processed before the run ends.
  const stageSummary = await stage;
  return {
    summary: ledger.summary(),
    stage: stageSummary,
    collector,
    devnet: ctx.devnet === undefined
      ? undefined
      : { wsUrl: ctx.rpcUrl, anvilPid: Number(ctx.devnet.anvilPid) },
    simulator: undefined,
    scan: scan.stats,
    executor: downstream.report?.(),
    chainId: ctx.chainId,
  };
}

function emptyResult(): PipelineResult {
  const ledger = new SignalLedger();
  ledger.finish();
  return {
    summary: ledger.summary(),
    stage: undefined,
    collector: undefined,
    devnet: undefined,
    simulator: undefined,
    scan: undefined,
    executor: undefined,
    chainId: undefined,
  };
}
