// strategies/strategy.ts — one job: what every strategy plug-in is built from and what it is.
import type { ScanProcessor, ScanProcessorOptions } from "../lib/arbitrage/mod.ts";

/**
 * What a strategy takes from its caller: the market's token roles (chain, wrapped native token,
 * stablecoins) and how its stage frames signals and reports. The policy fields of the detector
 * (`baseTokens`, `maxHops`, the guard, `strategyId`) are the strategy's own and cannot be passed
 * here.
 *
 * @example
 * ```ts
 * import type { StrategyStageOptions } from "./strategy.ts";
 * const stage: StrategyStageOptions = {
 *   chainId: 1,
 *   nativeToken: "0x" + "0a".repeat(20),
 *   stablecoins: ["0x" + "0b".repeat(20)],
 * };
 * console.log(stage.chainId);
 * ```
 */
export type StrategyStageOptions = Omit<
  ScanProcessorOptions,
  "baseTokens" | "maxHops" | "minNetProfitUsd" | "minNetProfit" | "strategyId"
>;

/** The knobs `torq arb-scan` shares with every strategy (`--max-hops`, `--min-net-usd`). */
export interface StrategyParams {
  /** Longest cycle; each strategy checks it against its own hop range. */
  readonly maxHops?: number;
  /** Least net profit in USD, 8 decimals. */
  readonly minNetProfitUsd?: bigint;
  /** Where the strategy was chosen (e.g. `--strategy`): its option errors start with it. */
  readonly chosenBy?: string;
}

/**
 * A strategy plug-in as the CLI and the main job see it: a name, the strategy number its
 * signals carry, one line on what it trades, and a factory for its stage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STRATEGIES } from "./registry.ts";
 * const plugin = STRATEGIES[0]!;
 * assert.equal(typeof plugin.create, "function");
 * ```
 */
export interface StrategyPlugin {
  /** Name on the command line, kebab-case (e.g. `stable-triangles`). */
  readonly name: string;
  /** The `strategyId` its signals carry by default. */
  readonly strategyId: number;
  /** What it trades, one line. */
  readonly summary: string;
  /**
   * Its stage: a {@linkcode ScanProcessor} configured with the strategy's policy.
   *
   * @throws {StrategyError} `INVALID_OPTION` for a parameter outside the policy
   */
  create(stage: StrategyStageOptions, params?: StrategyParams): ScanProcessor;
}
