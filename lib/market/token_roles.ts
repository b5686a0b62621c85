// lib/market/token_roles.ts — one job: which token is the wrapped native one and which are
// stablecoins on a chain (the detector values gas and USD through them), and token symbols for
// display: from flags, from the JSON `torq devnet` prints, or from the chain facts.
import { chainFacts } from "./chain_facts.ts";
import { MarketError } from "./errors.ts";

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
 * WETH and its USDC/USDT/DAI, else the chain's facts ({@linkcode chainFacts}).
 *
 * @throws {MarketError} `UNKNOWN_TOKENS` when nothing names the chain's native token,
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
  const facts = chainFacts(input.chainId);
  if (facts?.nativeToken !== undefined) {
    for (const [symbol, address, places] of [facts.nativeToken, ...facts.stablecoins]) {
      symbols.set(address.toLowerCase(), symbol);
      decimals.set(address.toLowerCase(), places);
    }
    native = lower(facts.nativeToken[1]);
    stables = facts.stablecoins.map(([, a]) => lower(a));
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
    throw new MarketError(
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
    new MarketError("BAD_TOKENS_FILE", `Devnet description ${why}`, { chainId });
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
    throw new MarketError(
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
