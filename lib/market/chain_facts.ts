// lib/market/chain_facts.ts — one job: the one table of per-chain facts every layer reads (the
// wrapped native token, the stablecoins, live execution's defaults), keyed by the chain's
// lib/instrument name, which stays the single source of chain names and ids.
import { type ChainName, CHAINS, findChainById } from "../instrument/mod.ts";

/** A token listed by role: symbol, EIP-55 address and decimals. */
export type ListedToken = readonly [symbol: string, address: `0x${string}`, decimals: number];

/** What live execution starts with on a chain, before flags override it. */
export interface LiveDefaults {
  /** Env var read for the RPC URL when no `--rpc` is given. */
  readonly rpcEnv: string;
  /** RPC used when neither `--rpc` nor the env var is set (only the devnet has one). */
  readonly defaultRpcUrl: string | undefined;
  /** Refuse to send above this gas price (base fee + tip), wei. */
  readonly maxGasPriceWei: bigint;
  /** Largest notional of one route's input, USD with 8 decimals; null for no limit. */
  readonly maxNotionalUsd: bigint | null;
}

/** What torq knows of one chain beyond its name and id. */
export interface ChainFacts {
  /** The chain's lib/instrument name (its InstrumentId text form). */
  readonly chain: ChainName;
  /** EIP-155 chain id. */
  readonly chainId: number;
  /** True for test networks and local devnets. */
  readonly testnet: boolean;
  /** Wrapped native token (gas is priced in it); undefined where it differs per deployment (a
   * devnet: its description names it). */
  readonly nativeToken: ListedToken | undefined;
  /** Main stablecoins, each taken at 1 USD. */
  readonly stablecoins: readonly ListedToken[];
  /** Live execution's defaults; undefined where torq does not execute. */
  readonly live: LiveDefaults | undefined;
}

/**
 * The address that stands for a chain's own coin (ETH, POL, BNB), the gas currency, where a
 * token address is expected.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NATIVE_TOKEN_ADDRESS } from "./chain_facts.ts";
 * assert.equal(NATIVE_TOKEN_ADDRESS, "0x" + "00".repeat(20));
 * ```
 */
export const NATIVE_TOKEN_ADDRESS = "0x0000000000000000000000000000000000000000";

const GWEI = 1_000_000_000n;
const USD = 100_000_000n;

type Facts = Omit<ChainFacts, "chain" | "chainId" | "testnet">;

const FACTS: Readonly<Record<ChainName, Facts>> = {
  ethereum: {
    nativeToken: ["WETH", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", 18],
    stablecoins: [
      ["USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6],
      ["USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6],
      ["DAI", "0x6B175474E89094C44Da98b954EedeAC495271d0F", 18],
    ],
    live: {
      rpcEnv: "TORQ_ETHEREUM_RPC",
      defaultRpcUrl: undefined,
      maxGasPriceWei: 30n * GWEI,
      maxNotionalUsd: 50n * USD,
    },
  },
  polygon: {
    nativeToken: ["WPOL", "0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270", 18],
    stablecoins: [
      ["USDC", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", 6],
      ["USDC.e", "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174", 6],
      ["USDT", "0xc2132D05D31c914a87C6611C10748AEb04B58e8F", 6],
      ["DAI", "0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063", 18],
    ],
    live: {
      rpcEnv: "TORQ_POLYGON_RPC",
      defaultRpcUrl: undefined,
      maxGasPriceWei: 300n * GWEI,
      maxNotionalUsd: 50n * USD,
    },
  },
  arbitrum: {
    nativeToken: ["WETH", "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1", 18],
    stablecoins: [
      ["USDC", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", 6],
      ["USDC.e", "0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8", 6],
      ["USDT", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", 6],
      ["DAI", "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1", 18],
    ],
    live: {
      rpcEnv: "TORQ_ARBITRUM_RPC",
      defaultRpcUrl: undefined,
      maxGasPriceWei: 1n * GWEI,
      maxNotionalUsd: 50n * USD,
    },
  },
  base: {
    nativeToken: ["WETH", "0x4200000000000000000000000000000000000006", 18],
    stablecoins: [
      ["USDC", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6],
      ["USDbC", "0xd9aAEc86B65D86f6A7B5B1b0c42FFA531710b6CA", 6],
      ["DAI", "0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb", 18],
    ],
    live: {
      rpcEnv: "TORQ_BASE_RPC",
      defaultRpcUrl: undefined,
      maxGasPriceWei: 1n * GWEI,
      maxNotionalUsd: 50n * USD,
    },
  },
  bsc: {
    nativeToken: ["WBNB", "0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c", 18],
    stablecoins: [
      ["USDT", "0x55d398326f99059fF775485246999027B3197955", 18],
      ["USDC", "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d", 18],
      ["DAI", "0x1AF3F329e8BE154074D8769D1FFa4eE058B1DBc3", 18],
    ],
    live: undefined,
  },
  polygon_amoy: {
    nativeToken: undefined,
    stablecoins: [],
    live: {
      rpcEnv: "TORQ_AMOY_RPC",
      defaultRpcUrl: undefined,
      maxGasPriceWei: 200n * GWEI,
      maxNotionalUsd: 100n * USD,
    },
  },
  anvil: {
    nativeToken: undefined,
    stablecoins: [],
    live: {
      rpcEnv: "TORQ_DEVNET_RPC",
      defaultRpcUrl: "http://127.0.0.1:8545",
      maxGasPriceWei: 100n * GWEI,
      maxNotionalUsd: null,
    },
  },
};

/**
 * Every chain lib/instrument knows, with its facts, in lib/instrument's order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CHAIN_FACTS } from "./chain_facts.ts";
 * const base = CHAIN_FACTS.find((c) => c.chain === "base")!;
 * assert.equal(base.nativeToken?.[0], "WETH");
 * assert.equal(CHAIN_FACTS.find((c) => c.chainId === 31337)?.live?.maxNotionalUsd, null);
 * ```
 */
export const CHAIN_FACTS: readonly ChainFacts[] = Object.freeze(
  CHAINS.map((c) =>
    Object.freeze({ chain: c.name, chainId: c.id, testnet: c.testnet, ...FACTS[c.name] })
  ),
);

/**
 * The facts of a chain by lib/instrument name or EIP-155 id; undefined for a chain torq does
 * not know.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainFacts } from "./chain_facts.ts";
 * assert.equal(chainFacts(1)?.stablecoins.length, 3);
 * assert.equal(chainFacts("anvil")?.chainId, 31337);
 * assert.equal(chainFacts(999), undefined);
 * ```
 */
export function chainFacts(chain: ChainName | number): ChainFacts | undefined {
  const name = typeof chain === "number" ? findChainById(chain)?.name : chain;
  return name === undefined ? undefined : CHAIN_FACTS.find((c) => c.chain === name);
}
