// lib/pipeline/executor_choice.ts — one job: build the stages after the scanner for the chosen
// executor: risk, then paper or on-chain execution with its reports fed back to risk.
import { type TokenRoles, USD_ONE } from "../market/mod.ts";
import { PaperExecuteProcessor, paperTradingLoop, tradingLoop } from "../execution/mod.ts";
import { type RiskConfigInput, RiskProcessor, type StageConfig } from "../risk/mod.ts";
import { PipelineError } from "./errors.ts";
import type { Downstream, PipelineContext } from "./run_pipeline.ts";
import { liveExecutor } from "./_live_choice.ts";
import type { LiveChoiceOptions } from "./live_choice_options.ts";

/** Which executor runs approved signals: on paper, or on chain through the ArbitrageExecutor. */
export type ExecutorChoice = "paper" | "live";

/** Options of {@linkcode executorDownstream}. */
export interface ExecutorOptions {
  /** Risk limits and breakers; default {@linkcode PAPER_RISK_CONFIG}. */
  readonly riskConfig?: RiskConfigInput;
  /** Starting wallet, token address → native units; default {@linkcode paperCapital}. */
  readonly capital?: Readonly<Record<string, bigint>>;
  /** Least realised net profit in USD of a paper fill (8 decimals; default 1 USD). */
  readonly minNetProfitUsd?: bigint | null;
  /** Decision to execution, ns (default 0: the next frame or tick). */
  readonly latencyNs?: bigint;
  /** One JSON line per would-be execution (the paper executor's log). */
  readonly log?: (line: string) => void;
  /** `live`: the executor contract, key, gas cap (see {@linkcode LiveChoiceOptions}). */
  readonly live?: LiveChoiceOptions;
}

/**
 * The risk limits of a paper run: the risk layer's defaults (docs/RISK.md) with the trade and
 * exposure caps raised to the size of the devnet's arbitrage (hundreds to thousands of USD per
 * trade), so the run shows sizing and capture rather than every signal cut to 100 USD.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PAPER_RISK_CONFIG } from "./executor_choice.ts";
 * assert.equal(PAPER_RISK_CONFIG.limits?.maxNotionalUsd, 10_000n * 100_000_000n);
 * ```
 */
export const PAPER_RISK_CONFIG: RiskConfigInput = Object.freeze({
  limits: Object.freeze({
    maxNotionalUsd: 10_000n * USD_ONE,
    maxPositionUsd: 100_000n * USD_ONE,
    maxVenueExposureUsd: 50_000n * USD_ONE,
    maxNavExposureBps: 5_000,
  }),
});

/**
 * The paper wallet: 10 whole native tokens and 50,000 of each stablecoin whose decimals are
 * known (the devnet's, or the public table's).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveTokenRoles } from "../market/mod.ts";
 * import { paperCapital } from "./executor_choice.ts";
 * const roles = resolveTokenRoles({ chainId: 1 });
 * const capital = paperCapital(roles);
 * assert.equal(capital[roles.nativeToken], 10n * 10n ** 18n);
 * assert.equal(Object.keys(capital).length, 4);
 * ```
 */
export function paperCapital(roles: TokenRoles): Record<string, bigint> {
  const capital: Record<string, bigint> = {};
  const nativeDecimals = roles.decimals.get(roles.nativeToken) ?? 18;
  capital[roles.nativeToken] = 10n * 10n ** BigInt(nativeDecimals);
  for (const s of roles.stablecoins) {
    const d = roles.decimals.get(s);
    if (d !== undefined) capital[s] = 50_000n * 10n ** BigInt(d);
  }
  return capital;
}

/**
 * The config `torq risk` and `torq execute --paper` run with when given token roles instead of a
 * config file: the roles' chain, wrapped native token and stablecoins, the paper wallet
 * ({@linkcode paperCapital}) and the main job's limits ({@linkcode PAPER_RISK_CONFIG}) — the
 * same as `deno task arb-scan` on paper.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paperStageConfig } from "./executor_choice.ts";
 * import { resolveTokenRoles } from "../market/mod.ts";
 * const config = paperStageConfig(resolveTokenRoles({ chainId: 1 }));
 * assert.equal(config.market.chainId, 1);
 * assert.equal(config.market.stablecoins.length, 3);
 * ```
 */
export function paperStageConfig(roles: TokenRoles): StageConfig {
  return {
    market: {
      chainId: roles.chainId,
      nativeToken: roles.nativeToken,
      stablecoins: roles.stablecoins,
    },
    capital: paperCapital(roles),
    risk: PAPER_RISK_CONFIG,
  };
}

/**
 * The factory of the stages after the scanner for `choice`: for `paper`, a
 * {@linkcode RiskProcessor} and a {@linkcode PaperExecuteProcessor} joined by
 * {@linkcode paperTradingLoop} (reports fed back to risk), the ledger waiting for execution
 * reports, and the executor's own summary as the run's executor report. For `live`, the same
 * with a LiveExecuteProcessor (lib/execution/live) joined by `tradingLoop`: on the embedded
 * devnet it deploys an ArbitrageExecutor first (owned by `live.key`, or by a fresh key made
 * for the run and never shown); on a real chain it needs `live.executor` and `live.key`.
 *
 * @throws {PipelineError} `BAD_OPTION` for an unknown choice; from the factory (live only):
 * `BAD_OPTION` without an executor or key on a real chain, and LiveExecutionError (`KEY_*`,
 * `WRONG_CHAIN`, `BAD_CONFIG`, `DEPLOY_FAILED`, `RPC_FAILED`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { executorDownstream } from "./executor_choice.ts";
 * import { resolveTokenRoles } from "../market/mod.ts";
 * const make = executorDownstream("paper");
 * const roles = resolveTokenRoles({ chainId: 1 });
 * const d = await make({ chainId: 1, roles, rpcUrl: "", devnet: undefined, log: () => {} });
 * assert.equal(d.stages, "execute");
 * assert.equal(d.processors.length, 1);
 * ```
 */
export function executorDownstream(
  choice: ExecutorChoice,
  options: ExecutorOptions = {},
): (ctx: PipelineContext) => Downstream | Promise<Downstream> {
  if (choice === "live") {
    return async (ctx) => {
      const risk = new RiskProcessor({
        chainId: ctx.chainId,
        nativeToken: ctx.roles.nativeToken,
        stablecoins: ctx.roles.stablecoins,
        config: options.riskConfig ?? PAPER_RISK_CONFIG,
        capital: options.capital ?? paperCapital(ctx.roles),
      });
      const live = await liveExecutor(ctx, options.live ?? {});
      return {
        processors: [tradingLoop({ risk, executor: live.stage })],
        stages: "execute",
        report: () => ({
          live: { ...live.stage.summary(), ...live.deployment },
          risk: risk.counters,
        }),
      };
    };
  }
  if (choice !== "paper") {
    throw new PipelineError("BAD_OPTION", `Executor "${String(choice)}" is not available`, {
      choice,
    });
  }
  return (ctx) => {
    const market = {
      chainId: ctx.chainId,
      nativeToken: ctx.roles.nativeToken,
      stablecoins: ctx.roles.stablecoins,
    };
    const capital = options.capital ?? paperCapital(ctx.roles);
    const risk = new RiskProcessor({
      ...market,
      config: options.riskConfig ?? PAPER_RISK_CONFIG,
      capital,
    });
    const paper = new PaperExecuteProcessor({
      ...market,
      capital,
      ...(options.minNetProfitUsd !== undefined
        ? { minNetProfitUsd: options.minNetProfitUsd }
        : {}),
      ...(options.latencyNs !== undefined ? { latencyNs: options.latencyNs } : {}),
      ...(options.log !== undefined ? { log: options.log } : {}),
    });
    return {
      processors: [paperTradingLoop({ risk, paper })],
      stages: "execute",
      report: () => ({ paper: paper.summary(), risk: risk.counters }),
    };
  };
}
