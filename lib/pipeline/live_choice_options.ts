// lib/pipeline/live_choice_options.ts — one job: what `--live` takes, shared by the executor
// choice and the live stage builder without either importing the other.
import type { KeySource } from "../execution/mod.ts";

/** What `--live` takes (see `executorDownstream`). */
export interface LiveChoiceOptions {
  /** The deployed ArbitrageExecutor; required on a real chain, deployed on the devnet. */
  readonly executor?: string | undefined;
  /** Where the key is; required on a real chain. On the devnet the default is a fresh key
   * made for the run (the account is funded by the deployment), never shown anywhere. */
  readonly key?: KeySource | undefined;
  /** Gas price cap, wei (default the network's). */
  readonly maxGasPriceWei?: bigint | undefined;
  /** HTTP RPC to send through (default the chain's RPC with an http scheme). */
  readonly rpcUrl?: string | undefined;
  /** One line per order outcome (filled with its profit, reverted with the decoded reason). */
  readonly log?: ((line: string) => void) | undefined;
}
