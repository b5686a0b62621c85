// lib/devnet/description.ts — one job: the devnet description (what `torq devnet` prints and
// the pipeline passes around) as a typed value, and its parser with errors naming the field.
import { type Address, getAddress, type Hex } from "viem";
import type { WatchedPool } from "../chain/watched_pool.ts";
import type { TokenDeployment, V2VenueDeployment, V3VenueDeployment } from "./deploy.ts";
import { DevnetError } from "./errors.ts";

/** A scenario pool as the description carries it: reserves as decimal strings (plain JSON). */
export interface DevnetPoolDescription extends WatchedPool {
  /** e.g. `WETH/USDC`, in the scenario's order (not token order). */
  readonly pair: string;
  readonly symbol0: string;
  readonly symbol1: string;
  /** Native amounts of token0 and token1 the pool started with, decimal. */
  readonly reserve0: string;
  readonly reserve1: string;
  /** V3 tick at the starting price; 0 for V2. */
  readonly centerTick: number;
}

/** The accounts a deployed scenario uses. */
export interface DevnetAccountsDescription {
  /** Deployed the contracts and holds the starting liquidity. */
  readonly deployer: Address;
  /** Adds and removes liquidity while the simulator runs. */
  readonly liquidity: Address;
  /** Swap through the routers. */
  readonly traders: readonly Address[];
}

/** The ArbitrageExecutor `torq devnet --executor` deployed. */
export interface DevnetExecutorDescription {
  /** The contract. */
  readonly address: Address;
  /** The account allowed to call `execute`. */
  readonly owner: Address;
  /** Gas of the deployment, decimal. */
  readonly gasUsed: string;
}

/** A devnet with the scenario deployed: RPC URLs, WETH, tokens, venues, pools, accounts. */
export interface DevnetDescription {
  /** Anvil's chain id (31337). */
  readonly chainId: number;
  /** Anvil's HTTP RPC URL. */
  readonly rpcUrl: string;
  /** Anvil's WebSocket RPC URL. */
  readonly wsUrl: string;
  /** The seed the scenario's prices (and the simulator's trades) come from. */
  readonly seed: number;
  /** The wrapped native token. */
  readonly weth: Address;
  /** WETH first, then the scenario's tokens. */
  readonly tokens: readonly TokenDeployment[];
  /** The Uniswap V2 and V3 venues deployed. */
  readonly venues: readonly (V2VenueDeployment | V3VenueDeployment)[];
  /** Every pool of the scenario. */
  readonly pools: readonly DevnetPoolDescription[];
  /** Who deployed, who provides liquidity, who trades. */
  readonly accounts: DevnetAccountsDescription;
  /** Anvil's process id, while the session runs. */
  readonly anvilPid?: number;
  /** The ArbitrageExecutor, when `torq devnet --executor` deployed one. */
  readonly executor?: DevnetExecutorDescription;
}

/** A devnet forking another chain: no scenario, no pools; Anvil's accounts. */
export interface DevnetForkDescription {
  /** The forked chain's id. */
  readonly chainId: number;
  /** Anvil's HTTP RPC URL. */
  readonly rpcUrl: string;
  /** Anvil's WebSocket RPC URL. */
  readonly wsUrl: string;
  /** The forked chain's RPC URL. */
  readonly fork: string;
  /** Anvil's process id. */
  readonly anvilPid: number;
  /** Anvil's funded accounts. */
  readonly accounts: readonly Address[];
  /** The ArbitrageExecutor, when `torq devnet --executor` deployed one. */
  readonly executor?: DevnetExecutorDescription;
}

/** What a devnet session hands out once ready: a deployed scenario or a fork. */
export type DevnetSessionDescription = DevnetDescription | DevnetForkDescription;

/**
 * The pools of a description as the collector takes them (its own fields only).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { devnetPools } from "./description.ts";
 * assert.deepEqual(devnetPools({ pools: [] }), []);
 * ```
 */
export function devnetPools(description: Pick<DevnetDescription, "pools">): WatchedPool[] {
  return description.pools.map((p) => ({
    address: p.address,
    venue: p.venue,
    protocol: p.protocol,
    token0: p.token0,
    token1: p.token1,
    decimals0: p.decimals0,
    decimals1: p.decimals1,
    fee: p.fee,
    tickSpacing: p.tickSpacing,
    ...(p.factory !== undefined ? { factory: p.factory } : {}),
  }));
}

/**
 * Parses the JSON `torq devnet` prints (a deployed scenario) into a {@linkcode DevnetDescription},
 * checking every field; `source` (the file) is named in errors.
 *
 * @throws {DevnetError} `BAD_DESCRIPTION` naming the source and the field (e.g. `pools[2].token0`)
 *   that is missing or of the wrong kind, or saying the text is not JSON or is a fork's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDevnetDescription } from "./description.ts";
 * assert.throws(() => parseDevnetDescription('{"chainId": 31337}', "devnet.json"),
 *   /Devnet description devnet\.json: field "rpcUrl" must be a string/);
 * ```
 */
export function parseDevnetDescription(text: string, source: string): DevnetDescription {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DevnetError(
      "BAD_DESCRIPTION",
      `Devnet description ${source} is not JSON (${
        (e as Error).message
      }); give the JSON torq devnet prints`,
      { source },
    );
  }
  const r = new FieldReader(source);
  const o = r.object(json, "");
  if ("fork" in o) {
    throw new DevnetError(
      "BAD_DESCRIPTION",
      `Devnet description ${source} describes a fork: it has no tokens or pools`,
      { source, field: "fork" },
    );
  }
  // Fields are read in the order they are printed, so the first bad one is named.
  const head = {
    chainId: r.int(o.chainId, "chainId"),
    rpcUrl: r.string(o.rpcUrl, "rpcUrl"),
    wsUrl: r.string(o.wsUrl, "wsUrl"),
    seed: r.int(o.seed, "seed"),
    weth: r.address(o.weth, "weth"),
    tokens: r.list(o.tokens, "tokens", (t, at) => {
      const x = r.object(t, at);
      return {
        symbol: r.string(x.symbol, `${at}.symbol`),
        name: r.string(x.name, `${at}.name`),
        decimals: r.int(x.decimals, `${at}.decimals`),
        address: r.address(x.address, `${at}.address`),
      };
    }),
    venues: r.list(o.venues, "venues", (v, at) => r.venue(v, at)),
    pools: r.list(o.pools, "pools", (p, at) => r.pool(p, at)),
  };
  const accounts = r.object(o.accounts, "accounts");
  const anvilPid = o.anvilPid === undefined ? undefined : r.int(o.anvilPid, "anvilPid");
  const executor = o.executor === undefined ? undefined : r.executor(o.executor, "executor");
  return {
    ...head,
    accounts: {
      deployer: r.address(accounts.deployer, "accounts.deployer"),
      liquidity: r.address(accounts.liquidity, "accounts.liquidity"),
      traders: r.list(accounts.traders, "accounts.traders", (a, at) => r.address(a, at)),
    },
    ...(anvilPid !== undefined ? { anvilPid } : {}),
    ...(executor !== undefined ? { executor } : {}),
  };
}

// Reads one field at a time, naming the source and the field's path in every error.
class FieldReader {
  constructor(readonly source: string) {}

  fail(field: string, what: string): never {
    throw new DevnetError(
      "BAD_DESCRIPTION",
      field === ""
        ? `Devnet description ${this.source} must be ${what}`
        : `Devnet description ${this.source}: field "${field}" must be ${what}`,
      { source: this.source, field },
    );
  }
  object(v: unknown, field: string): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(field, "an object");
    return v as Record<string, unknown>;
  }
  list<T>(v: unknown, field: string, item: (x: unknown, at: string) => T): T[] {
    if (!Array.isArray(v)) this.fail(field, "an array");
    return v.map((x, i) => item(x, `${field}[${i}]`));
  }
  string(v: unknown, field: string): string {
    if (typeof v !== "string") this.fail(field, "a string");
    return v;
  }
  int(v: unknown, field: string): number {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) this.fail(field, "an integer");
    return v;
  }
  decimal(v: unknown, field: string): string {
    if (typeof v !== "string" || !/^[0-9]+$/.test(v)) this.fail(field, "a decimal string");
    return v;
  }
  address(v: unknown, field: string): Address {
    if (typeof v !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(v)) {
      this.fail(field, "an address (0x and 40 hex digits)");
    }
    return getAddress(v);
  }
  hash(v: unknown, field: string): Hex {
    if (typeof v !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(v)) {
      this.fail(field, "a 32-byte hex hash");
    }
    return v as Hex;
  }
  venue(v: unknown, at: string): V2VenueDeployment | V3VenueDeployment {
    const x = this.object(v, at);
    const name = this.string(x.name, `${at}.name`);
    const factory = this.address(x.factory, `${at}.factory`);
    if (x.protocol === "uniswap_v2") {
      return {
        name,
        protocol: "uniswap_v2",
        factory,
        router: this.address(x.router, `${at}.router`),
        pairInitCodeHash: this.hash(x.pairInitCodeHash, `${at}.pairInitCodeHash`),
        feeBps: this.int(x.feeBps, `${at}.feeBps`),
      };
    }
    if (x.protocol !== "uniswap_v3") this.fail(`${at}.protocol`, `"uniswap_v2" or "uniswap_v3"`);
    return {
      name,
      protocol: "uniswap_v3",
      factory,
      positionManager: this.address(x.positionManager, `${at}.positionManager`),
      swapRouter: this.address(x.swapRouter, `${at}.swapRouter`),
      quoter: this.address(x.quoter, `${at}.quoter`),
      poolInitCodeHash: this.hash(x.poolInitCodeHash, `${at}.poolInitCodeHash`),
      feeTiers: this.list(x.feeTiers, `${at}.feeTiers`, (t, tat) => {
        const y = this.object(t, tat);
        return {
          fee: this.int(y.fee, `${tat}.fee`),
          tickSpacing: this.int(y.tickSpacing, `${tat}.tickSpacing`),
        };
      }),
    };
  }
  pool(v: unknown, at: string): DevnetPoolDescription {
    const x = this.object(v, at);
    if (x.protocol !== "v2" && x.protocol !== "v3") this.fail(`${at}.protocol`, `"v2" or "v3"`);
    const factory = x.factory === undefined ? undefined : this.address(x.factory, `${at}.factory`);
    return {
      address: this.address(x.address, `${at}.address`),
      venue: this.string(x.venue, `${at}.venue`),
      protocol: x.protocol,
      token0: this.address(x.token0, `${at}.token0`),
      token1: this.address(x.token1, `${at}.token1`),
      decimals0: this.int(x.decimals0, `${at}.decimals0`),
      decimals1: this.int(x.decimals1, `${at}.decimals1`),
      fee: this.int(x.fee, `${at}.fee`),
      tickSpacing: this.int(x.tickSpacing, `${at}.tickSpacing`),
      ...(factory !== undefined ? { factory } : {}),
      pair: this.string(x.pair, `${at}.pair`),
      symbol0: this.string(x.symbol0, `${at}.symbol0`),
      symbol1: this.string(x.symbol1, `${at}.symbol1`),
      reserve0: this.decimal(x.reserve0, `${at}.reserve0`),
      reserve1: this.decimal(x.reserve1, `${at}.reserve1`),
      centerTick: this.int(x.centerTick, `${at}.centerTick`),
    };
  }
  executor(v: unknown, at: string): DevnetExecutorDescription {
    const x = this.object(v, at);
    return {
      address: this.address(x.address, `${at}.address`),
      owner: this.address(x.owner, `${at}.owner`),
      gasUsed: this.decimal(x.gasUsed, `${at}.gasUsed`),
    };
  }
}
