// lib/pipeline/token_roles.ts — one job: which token is the wrapped native one and which are
// stablecoins on a chain (the detector values gas and USD through them), and token symbols for
// display: from flags, from the JSON `torq devnet` prints, or from a table of public chains.
import { PipelineError } from "./errors.ts";

/** The tokens the detector needs to know by role, plus symbols for display. */
export interface TokenRoles {
  readonly chainId: number;
  /** Wrapped native token (gas is priced in it), lower-case hex. */
  readonly nativeToken: `0x${string}`;
  /** Tokens taken at 1 USD, lower-case hex. */
  readonly stablecoins: readonly `0x${string}`[];
  /** Lower-case address → symbol, for the tokens known by name. */
  readonly symbols: ReadonlyMap<string, string>;
  /** Lower-case address → decimals, for the same tokens. */
  readonly decimals: ReadonlyMap<string, number>;
}

type Listed = readonly [symbol: string, address: `0x${string}`, decimals: number];

/**
 * Wrapped native token and main stablecoins of the public chains torq knows: symbol, EIP-55
 * address and decimals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PUBLIC_CHAIN_TOKENS } from "./token_roles.ts";
 * assert.equal(PUBLIC_CHAIN_TOKENS[1]?.native[0], "WETH");
 * ```
 */
export const PUBLIC_CHAIN_TOKENS: Readonly<
  Record<number, { readonly native: Listed; readonly stables: readonly Listed[] }>
> = {
  1: {
    native: ["WETH", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", 18],
    stables: [
      ["USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6],
      ["USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6],
      ["DAI", "0x6B175474E89094C44Da98b954EedeAC495271d0F", 18],
    ],
  },
  137: {
    native: ["WPOL", "0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270", 18],
    stables: [
      ["USDC", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", 6],
      ["USDC.e", "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174", 6],
      ["USDT", "0xc2132D05D31c914a87C6611C10748AEb04B58e8F", 6],
      ["DAI", "0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063", 18],
    ],
  },
  42161: {
    native: ["WETH", "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1", 18],
    stables: [
      ["USDC", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", 6],
      ["USDC.e", "0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8", 6],
      ["USDT", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", 6],
      ["DAI", "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1", 18],
    ],
  },
  8453: {
    native: ["WETH", "0x4200000000000000000000000000000000000006", 18],
    stables: [
      ["USDC", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6],
      ["USDbC", "0xd9aAEc86B65D86f6A7B5B1b0c42FFA531710b6CA", 6],
      ["DAI", "0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb", 18],
    ],
  },
  56: {
    native: ["WBNB", "0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c", 18],
    stables: [
      ["USDT", "0x55d398326f99059fF775485246999027B3197955", 18],
      ["USDC", "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d", 18],
      ["DAI", "0x1AF3F329e8BE154074D8769D1FFa4eE058B1DBc3", 18],
    ],
  },
};

/** Symbols the devnet's stablecoins carry. */
const STABLE_SYMBOLS = new Set(["USDC", "USDT", "DAI"]);

/** What {@linkcode resolveTokenRoles} is given; explicit addresses win over the rest. */
export interface TokenRolesInput {
  readonly chainId: number;
  /** The parsed JSON `torq devnet` prints (its `weth` and `tokens`), when there is one. */
  readonly devnet?: unknown;
  /** Wrapped native token address. */
  readonly native?: string | undefined;
  /** Stablecoin addresses. */
  readonly stables?: readonly string[] | undefined;
}

/**
 * The token roles of a chain: `native`/`stables` when given, else the devnet description's
 * WETH and its USDC/USDT/DAI, else {@linkcode PUBLIC_CHAIN_TOKENS}.
 *
 * @throws {PipelineError} `UNKNOWN_TOKENS` when nothing names the chain's native token,
 *   `BAD_ADDRESS` for an address that is not 20 bytes of hex, `BAD_TOKENS_FILE` for a devnet
 *   description of another chain or without `weth`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveTokenRoles } from "./token_roles.ts";
 * const roles = resolveTokenRoles({ chainId: 1 });
 * assert.equal(roles.symbols.get(roles.nativeToken), "WETH");
 * assert.equal(roles.stablecoins.length, 3);
 * const mine = resolveTokenRoles({ chainId: 31337, native: "0x" + "aa".repeat(20) });
 * assert.deepEqual(mine.stablecoins, []);
 * ```
 */
export function resolveTokenRoles(input: TokenRolesInput): TokenRoles {
  const symbols = new Map<string, string>();
  const decimals = new Map<string, number>();
  let native: `0x${string}` | undefined;
  let stables: `0x${string}`[] | undefined;
  const listed = PUBLIC_CHAIN_TOKENS[input.chainId];
  if (listed !== undefined) {
    for (const [symbol, address, places] of [listed.native, ...listed.stables]) {
      symbols.set(address.toLowerCase(), symbol);
      decimals.set(address.toLowerCase(), places);
    }
    native = lower(listed.native[1]);
    stables = listed.stables.map(([, a]) => lower(a));
  }
  if (input.devnet !== undefined) {
    const d = fromDevnet(input.devnet, input.chainId);
    for (const [a, s] of d.symbols) symbols.set(a, s);
    for (const [a, n] of d.decimals) decimals.set(a, n);
    native = d.native;
    stables = d.stables;
  }
  if (input.native !== undefined) native = address(input.native, "native token");
  if (input.stables !== undefined) stables = input.stables.map((s) => address(s, "stablecoin"));
  if (native === undefined) {
    throw new PipelineError(
      "UNKNOWN_TOKENS",
      `Chain ${input.chainId} has no known wrapped native token; name it (--native ADDRESS) or ` +
        `give the devnet description (--tokens FILE)`,
      { chainId: input.chainId },
    );
  }
  return {
    chainId: input.chainId,
    nativeToken: native,
    stablecoins: stables ?? [],
    symbols,
    decimals,
  };
}

function fromDevnet(json: unknown, chainId: number) {
  const bad = (why: string) =>
    new PipelineError("BAD_TOKENS_FILE", `Devnet description ${why}`, { chainId });
  if (typeof json !== "object" || json === null) throw bad("is not a JSON object");
  const o = json as { chainId?: unknown; weth?: unknown; tokens?: unknown };
  if (o.chainId !== undefined && o.chainId !== chainId) {
    throw bad(`is of chain ${String(o.chainId)}, not ${chainId}`);
  }
  if (typeof o.weth !== "string") throw bad(`has no "weth" address`);
  const native = address(o.weth, "weth");
  const symbols = new Map<string, string>([[native, "WETH"]]);
  const decimals = new Map<string, number>([[native, 18]]);
  const stables: `0x${string}`[] = [];
  for (const t of Array.isArray(o.tokens) ? o.tokens : []) {
    const { symbol, address: a, decimals: places } = t as Record<string, unknown>;
    if (typeof symbol !== "string" || typeof a !== "string") continue;
    const addr = address(a, `token ${symbol}`);
    symbols.set(addr, symbol);
    if (typeof places === "number") decimals.set(addr, places);
    if (STABLE_SYMBOLS.has(symbol) && !stables.includes(addr)) stables.push(addr);
  }
  return { native, stables, symbols, decimals };
}

function address(text: string, what: string): `0x${string}` {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
    throw new PipelineError(
      "BAD_ADDRESS",
      `The ${what} address must be 0x and 40 hex digits, got "${text}"`,
      { address: text },
    );
  }
  return lower(text);
}

function lower(a: string): `0x${string}` {
  return a.toLowerCase() as `0x${string}`;
}
