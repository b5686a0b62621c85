// lib/execution/live/networks.ts — one job: the networks live execution may send to, with the
// RPC, gas-price cap and position limit each starts with (from the market's chain facts).
import { CHAIN_FACTS } from "../../market/mod.ts";
import { LiveExecutionError } from "./errors.ts";

/** A network live execution can use. */
export interface LiveNetwork {
  /** Name used by `--network`. */
  readonly name: string;
  /** EIP-155 chain id; checked against the RPC before anything is sent. */
  readonly chainId: number;
  /** Env var read for the RPC URL when no `--rpc` is given. */
  readonly rpcEnv: string;
  /** RPC used when neither `--rpc` nor the env var is set (only the devnet has one). */
  readonly defaultRpcUrl: string | undefined;
  /** Refuse to send above this gas price (base fee + tip), wei. */
  readonly maxGasPriceWei: bigint;
  /** Largest notional of one route's input, USD with 8 decimals; null for no limit. */
  readonly maxNotionalUsd: bigint | null;
  /** True for test networks. */
  readonly testnet: boolean;
}

/** A known network name: the lib/instrument name of a chain with live defaults. */
export type LiveNetworkName =
  | "ethereum"
  | "polygon"
  | "arbitrum"
  | "base"
  | "polygon_amoy"
  | "anvil";

/**
 * The known networks: the chains of the market's chain facts that have live defaults, named as
 * lib/instrument names them (the local devnet is `anvil`). Mainnet limits start small on purpose
 * (a first live run should risk little): raise them with flags once the runs reconcile.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LIVE_NETWORKS } from "./networks.ts";
 * assert.equal(LIVE_NETWORKS.polygon_amoy.chainId, 80002);
 * assert.equal(LIVE_NETWORKS.anvil.maxNotionalUsd, null);
 * ```
 */
export const LIVE_NETWORKS: Readonly<Record<LiveNetworkName, LiveNetwork>> = Object.freeze(
  Object.fromEntries(
    CHAIN_FACTS.flatMap((c) =>
      c.live === undefined ? [] : [[
        c.chain,
        Object.freeze({
          name: c.chain,
          chainId: c.chainId,
          ...c.live,
          testnet: c.testnet,
        }),
      ]]
    ),
  ) as Record<LiveNetworkName, LiveNetwork>,
);

/** Overrides of {@linkcode resolveNetwork}, from flags. */
export interface NetworkOverrides {
  /** `--rpc`. */
  readonly rpcUrl?: string;
  /** `--max-gas-gwei`, as wei. */
  readonly maxGasPriceWei?: bigint;
  /** `--max-notional-usd`, USD with 8 decimals; null lifts the limit. */
  readonly maxNotionalUsd?: bigint | null;
  /** Where env vars are read (default `Deno.env.get`). */
  readonly env?: (name: string) => string | undefined;
}

/** A network with its RPC decided. */
export interface ResolvedNetwork extends LiveNetwork {
  readonly rpcUrl: string;
}

/**
 * A network by name or chain id, with the RPC from the override, else its env var, else its
 * default, and the caps overridden where given.
 *
 * @throws {LiveExecutionError} `BAD_CONFIG` for an unknown network, no RPC, a non-positive cap
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveNetwork } from "./networks.ts";
 * const n = resolveNetwork(31337, { rpcUrl: "http://127.0.0.1:9545", maxGasPriceWei: 5n });
 * assert(n.name === "anvil" && n.rpcUrl.endsWith(":9545") && n.maxGasPriceWei === 5n);
 * ```
 */
export function resolveNetwork(
  network: string | number,
  overrides: NetworkOverrides = {},
): ResolvedNetwork {
  const all = Object.values(LIVE_NETWORKS) as readonly LiveNetwork[];
  const base = all.find((n) => n.name === network || n.chainId === network);
  if (base === undefined) {
    throw new LiveExecutionError(
      "BAD_CONFIG",
      `Unknown network ${network}; known: ${all.map((n) => `${n.name} (${n.chainId})`).join(", ")}`,
      { network },
    );
  }
  const env = overrides.env ?? ((name: string) => Deno.env.get(name));
  const rpcUrl = overrides.rpcUrl ?? nonEmpty(env(base.rpcEnv)) ?? base.defaultRpcUrl;
  if (rpcUrl === undefined) {
    throw new LiveExecutionError(
      "BAD_CONFIG",
      `Network ${base.name} has no RPC; pass --rpc URL or set ${base.rpcEnv}`,
      { network: base.name, env: base.rpcEnv },
    );
  }
  const maxGasPriceWei = overrides.maxGasPriceWei ?? base.maxGasPriceWei;
  if (maxGasPriceWei <= 0n) {
    throw new LiveExecutionError(
      "BAD_CONFIG",
      `Gas price cap must be positive, got ${maxGasPriceWei}`,
      {
        maxGasPriceWei,
      },
    );
  }
  const maxNotionalUsd = overrides.maxNotionalUsd === undefined
    ? base.maxNotionalUsd
    : overrides.maxNotionalUsd;
  if (maxNotionalUsd !== null && maxNotionalUsd <= 0n) {
    throw new LiveExecutionError(
      "BAD_CONFIG",
      `Notional limit must be positive, got ${maxNotionalUsd}`,
      { maxNotionalUsd },
    );
  }
  return { ...base, rpcUrl, maxGasPriceWei, maxNotionalUsd };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
