// lib/devnet/scenario.ts — one job: the market the devnet starts with: which tokens, which
// pools on which venues, at what prices, with which liquidity positions; deployed for real.
import { type Address, getAddress } from "viem";
import { getTickAtSqrtRatio, MAX_TICK, MIN_TICK } from "../amm/mod.ts";
import type { WatchedPool } from "../chain/watched_pool.ts";
import { weth9Abi } from "./abis.ts";
import type { AnvilHandle, DevAccount } from "./anvil.ts";
import { createDevnetClient, type DevnetClient } from "./client.ts";
import { deployDevnet, type DevnetDeployment, type TokenDeployment } from "./deploy.ts";
import type { DevnetDescription } from "./description.ts";
import { DevnetError } from "./errors.ts";
import { sortTokens } from "./tokens.ts";
import { addV2Liquidity } from "./v2_liquidity.ts";
import { createV3Pool, encodeSqrtPriceX96, mintV3Position } from "./v3_liquidity.ts";
import { createPrng } from "./_prng.ts";
import { sendAndConfirm } from "./_tx.ts";

/** A scenario token and its starting price in millionths of a US dollar per whole token. */
export interface ScenarioToken {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  readonly usdMicro: bigint;
}

/** A V2 pair listed on every V2 venue, with this many dollars on each side. */
export interface ScenarioV2Pair {
  readonly a: string;
  readonly b: string;
  readonly usdPerSide: bigint;
}

/** A V3 pool at a fee tier, with this many dollars on each side over its positions. */
export interface ScenarioV3Pool extends ScenarioV2Pair {
  readonly fee: number;
}

/** The whole starting market. */
export interface ScenarioSpec {
  readonly tokens: readonly ScenarioToken[];
  /** Price of WETH (deployed with the venues), millionths of a dollar. */
  readonly wethUsdMicro: bigint;
  readonly v2Pairs: readonly ScenarioV2Pair[];
  readonly v3Pools: readonly ScenarioV3Pool[];
  /** Largest price skew between venues at the start, parts per million (default 4000). */
  readonly maxSkewPpm?: number;
}

/**
 * The default market: six tokens with 6, 8 and 18 decimals plus WETH; eight pairs on both V2
 * venues; seven V3 pools over the 500, 3000 and 10000 tiers, each with a full-range, a ±10% and
 * a ±2% position. WETH/USDC, USDC/USDT and WETH/USDT close a triangle on every venue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SCENARIO } from "./scenario.ts";
 * assert(new Set(DEFAULT_SCENARIO.tokens.map((t) => t.decimals)).size === 3);
 * ```
 */
export const DEFAULT_SCENARIO: ScenarioSpec = {
  tokens: [
    { symbol: "USDC", name: "USD Coin", decimals: 6, usdMicro: 1_000_000n },
    { symbol: "USDT", name: "Tether USD", decimals: 6, usdMicro: 1_000_000n },
    { symbol: "WBTC", name: "Wrapped BTC", decimals: 8, usdMicro: 60_000_000_000n },
    { symbol: "DAI", name: "Dai Stablecoin", decimals: 18, usdMicro: 1_000_000n },
    { symbol: "LINK", name: "Chainlink", decimals: 18, usdMicro: 15_000_000n },
    { symbol: "UNI", name: "Uniswap", decimals: 18, usdMicro: 8_000_000n },
  ],
  wethUsdMicro: 3_000_000_000n,
  v2Pairs: [
    { a: "WETH", b: "USDC", usdPerSide: 1_000_000n },
    { a: "WETH", b: "USDT", usdPerSide: 600_000n },
    { a: "USDC", b: "USDT", usdPerSide: 800_000n },
    { a: "WBTC", b: "WETH", usdPerSide: 800_000n },
    { a: "WBTC", b: "USDC", usdPerSide: 500_000n },
    { a: "DAI", b: "WETH", usdPerSide: 300_000n },
    { a: "LINK", b: "WETH", usdPerSide: 200_000n },
    { a: "UNI", b: "USDC", usdPerSide: 150_000n },
  ],
  v3Pools: [
    { a: "WETH", b: "USDC", fee: 500, usdPerSide: 600_000n },
    { a: "WETH", b: "USDC", fee: 3000, usdPerSide: 300_000n },
    { a: "USDC", b: "USDT", fee: 500, usdPerSide: 500_000n },
    { a: "WBTC", b: "WETH", fee: 3000, usdPerSide: 400_000n },
    { a: "DAI", b: "USDC", fee: 500, usdPerSide: 300_000n },
    { a: "LINK", b: "WETH", fee: 10000, usdPerSide: 150_000n },
    { a: "UNI", b: "WETH", fee: 3000, usdPerSide: 100_000n },
  ],
};

/** A deployed scenario pool: what the collector needs, plus the simulator's starting figures. */
export interface ScenarioPool extends WatchedPool {
  /** e.g. `WETH/USDC`, in the scenario's order (not token order). */
  readonly pair: string;
  readonly symbol0: string;
  readonly symbol1: string;
  /** Native amounts of token0 and token1 the pool started with (V3: over all its positions). */
  readonly reserve0: bigint;
  readonly reserve1: bigint;
  /** V3 tick at the starting price; 0 for V2. */
  readonly centerTick: number;
}

/** Who does what on the devnet. */
export interface ScenarioAccounts {
  /** Deployed the contracts and holds the starting liquidity. */
  readonly deployer: DevAccount;
  /** Adds and removes liquidity while the simulator runs. */
  readonly liquidity: DevAccount;
  /** Swap through the routers. */
  readonly traders: readonly DevAccount[];
}

/** A deployed scenario. */
export interface ScenarioDeployment {
  readonly chainId: number;
  readonly rpcUrl: string;
  readonly wsUrl: string;
  readonly seed: number;
  readonly deployment: DevnetDeployment;
  /** WETH first, then the scenario's tokens. */
  readonly tokens: readonly TokenDeployment[];
  readonly pools: readonly ScenarioPool[];
  readonly accounts: ScenarioAccounts;
}

/** How to deploy. */
export interface DeployScenarioOptions {
  /** Decides the venue price skews (default 1). */
  readonly seed?: number;
  /** Number of trader accounts (default 3; Anvil has 10 accounts, two are taken). */
  readonly traders?: number;
  readonly spec?: ScenarioSpec;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

const POSITIONS = [
  // Share of the pool's budget, half-width in ticks (0: full range).
  { share: 25n, halfWidth: 0 },
  { share: 35n, halfWidth: 953 }, // ±10%
  { share: 40n, halfWidth: 198 }, // ±2%
] as const;

/**
 * Deploys the scenario on a running Anvil: venues, tokens (minted to every account it uses),
 * WETH wrapped, V2 pairs on both V2 venues at slightly different prices, V3 pools with
 * positions over several ranges. Deterministic for a seed: the same prices and positions.
 *
 * @throws {DevnetError} `BAD_OPTION` for a spec naming unknown tokens or too many traders,
 * `TX_FAILED` or `TX_REVERTED` when a deployment step fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { deployScenario } from "./scenario.ts";
 * await using anvil = await startAnvil();
 * const s = await deployScenario(anvil, { seed: 7 });
 * assert(s.pools.filter((p) => p.protocol === "v3").length === 7);
 * ```
 */
export async function deployScenario(
  anvil: AnvilHandle,
  options: DeployScenarioOptions = {},
): Promise<ScenarioDeployment> {
  const spec = options.spec ?? DEFAULT_SCENARIO;
  const seed = options.seed ?? 1;
  const traderCount = options.traders ?? 3;
  if (
    !Number.isInteger(traderCount) || traderCount < 1 || traderCount + 2 > anvil.accounts.length
  ) {
    throw new DevnetError(
      "BAD_OPTION",
      `Traders must be 1 to ${anvil.accounts.length - 2}, got ${traderCount}`,
      { traders: traderCount },
    );
  }
  const log = options.log ?? (() => {});
  const rng = createPrng(seed);
  const accounts: ScenarioAccounts = {
    deployer: anvil.accounts[0]!,
    liquidity: anvil.accounts[1]!,
    traders: anvil.accounts.slice(2, 2 + traderCount),
  };
  const holders = [accounts.deployer, accounts.liquidity, ...accounts.traders];
  const deployer = createDevnetClient(anvil, { account: accounts.deployer });

  log(
    `deploying Uniswap V2 (quickswap_v2, sushiswap), V3 (uniswap_v3) and ${spec.tokens.length} tokens`,
  );
  const deployment = await deployDevnet(deployer, {
    tokens: spec.tokens.map((t) => ({
      symbol: t.symbol,
      name: t.name,
      decimals: t.decimals,
      mints: holders.map((h) => ({ to: h.address, amount: 10n ** BigInt(9 + t.decimals) })),
    })),
  });
  log("wrapping ether into WETH for every account");
  await Promise.all(
    holders.map((h, i) =>
      wrapEther(createDevnetClient(anvil, { account: h }), deployment.weth, i === 0 ? 4000n : 5000n)
    ),
  );

  const weth: TokenDeployment = {
    symbol: "WETH",
    name: "Wrapped Ether",
    decimals: 18,
    address: deployment.weth,
  };
  const tokens = [weth, ...deployment.tokens];
  const price = new Map<string, bigint>([["WETH", spec.wethUsdMicro]]);
  for (const t of spec.tokens) price.set(t.symbol, t.usdMicro);
  const token = (symbol: string) => {
    const hit = tokens.find((t) => t.symbol === symbol);
    if (hit === undefined || !price.has(symbol)) {
      throw new DevnetError("BAD_OPTION", `Scenario names unknown token ${symbol}`, { symbol });
    }
    return hit;
  };
  // Native units of `symbol` worth `usd` dollars.
  const worth = (symbol: string, usd: bigint) =>
    usd * 10n ** BigInt(token(symbol).decimals) * 1_000_000n / price.get(symbol)!;
  const maxSkew = spec.maxSkewPpm ?? 4000;
  const skewed = (amount: bigint) =>
    amount * BigInt(1_000_000 + Math.round((rng.next() * 2 - 1) * maxSkew)) / 1_000_000n;

  const pools: ScenarioPool[] = [];
  log(`adding liquidity to ${spec.v2Pairs.length} pairs on ${deployment.v2.length} V2 venues`);
  for (const pair of spec.v2Pairs) {
    const a = token(pair.a);
    const b = token(pair.b);
    for (const [i, venue] of deployment.v2.entries()) {
      const amountA = worth(pair.a, pair.usdPerSide);
      const amountB = i === 0
        ? worth(pair.b, pair.usdPerSide)
        : skewed(worth(pair.b, pair.usdPerSide));
      const added = await addV2Liquidity(deployer, venue, {
        tokenA: a.address,
        tokenB: b.address,
        amountA,
        amountB,
      });
      const aFirst = sortTokens(a.address, b.address)[0] === a.address;
      const [t0, t1] = aFirst ? [a, b] : [b, a];
      pools.push({
        address: added.pair,
        venue: venue.name,
        protocol: "v2",
        token0: t0.address,
        token1: t1.address,
        decimals0: t0.decimals,
        decimals1: t1.decimals,
        fee: venue.feeBps * 100,
        tickSpacing: 0,
        factory: venue.factory,
        pair: `${pair.a}/${pair.b}`,
        symbol0: t0.symbol,
        symbol1: t1.symbol,
        reserve0: aFirst ? added.amountA : added.amountB,
        reserve1: aFirst ? added.amountB : added.amountA,
        centerTick: 0,
      });
    }
  }

  const v3 = deployment.v3[0];
  if (v3 !== undefined) {
    log(`creating ${spec.v3Pools.length} V3 pools with ${POSITIONS.length} positions each`);
    for (const spec3 of spec.v3Pools) {
      const [t0, t1] = sortTokens(token(spec3.a).address, token(spec3.b).address).map((addr) =>
        tokens.find((t) => t.address === addr)!
      ) as [TokenDeployment, TokenDeployment];
      const amount0 = worth(t0.symbol, spec3.usdPerSide);
      const amount1 = skewed(worth(t1.symbol, spec3.usdPerSide));
      const sqrtPriceX96 = encodeSqrtPriceX96(amount1, amount0);
      const tier = v3.feeTiers.find((t) => t.fee === spec3.fee);
      if (tier === undefined) {
        throw new DevnetError("BAD_OPTION", `Scenario V3 fee ${spec3.fee} is not enabled`, {
          fee: spec3.fee,
        });
      }
      const pool = await createV3Pool(deployer, v3, {
        token0: t0.address,
        token1: t1.address,
        fee: spec3.fee,
        sqrtPriceX96,
      });
      const center = getTickAtSqrtRatio(sqrtPriceX96);
      const spacing = tier.tickSpacing;
      let used0 = 0n;
      let used1 = 0n;
      for (const pos of POSITIONS) {
        const [tickLower, tickUpper] = pos.halfWidth === 0
          ? [Math.ceil(MIN_TICK / spacing) * spacing, Math.floor(MAX_TICK / spacing) * spacing]
          : [
            Math.floor((center - pos.halfWidth) / spacing) * spacing,
            Math.ceil((center + pos.halfWidth) / spacing) * spacing,
          ];
        const minted = await mintV3Position(deployer, v3, {
          token0: t0.address,
          token1: t1.address,
          fee: spec3.fee,
          tickLower,
          tickUpper,
          amount0Desired: amount0 * pos.share / 100n,
          amount1Desired: amount1 * pos.share / 100n,
        });
        used0 += minted.amount0;
        used1 += minted.amount1;
      }
      pools.push({
        address: getAddress(pool),
        venue: v3.name,
        protocol: "v3",
        token0: t0.address,
        token1: t1.address,
        decimals0: t0.decimals,
        decimals1: t1.decimals,
        fee: spec3.fee,
        tickSpacing: spacing,
        factory: v3.factory,
        pair: `${spec3.a}/${spec3.b}`,
        symbol0: t0.symbol,
        symbol1: t1.symbol,
        reserve0: used0,
        reserve1: used1,
        centerTick: center,
      });
    }
  }
  log(`deployed ${pools.length} pools`);
  return {
    chainId: anvil.chainId,
    rpcUrl: anvil.rpcUrl,
    wsUrl: anvil.wsUrl,
    seed,
    deployment,
    tokens,
    pools,
    accounts,
  };
}

/**
 * The deployment as plain JSON (big integers as decimal strings): what `torq devnet` prints and
 * `torq collect --pools` reads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { deployScenario, scenarioJson } from "./scenario.ts";
 * await using anvil = await startAnvil();
 * const json = JSON.parse(JSON.stringify(scenarioJson(await deployScenario(anvil))));
 * assert(json.wsUrl === anvil.wsUrl && json.pools[0].reserve0.length > 0);
 * ```
 */
export function scenarioJson(s: ScenarioDeployment): DevnetDescription {
  return {
    chainId: s.chainId,
    rpcUrl: s.rpcUrl,
    wsUrl: s.wsUrl,
    seed: s.seed,
    weth: s.deployment.weth,
    tokens: s.tokens,
    venues: [...s.deployment.v2, ...s.deployment.v3],
    pools: s.pools.map((p) => ({
      ...p,
      reserve0: p.reserve0.toString(),
      reserve1: p.reserve1.toString(),
    })),
    accounts: {
      deployer: s.accounts.deployer.address,
      liquidity: s.accounts.liquidity.address,
      traders: s.accounts.traders.map((t) => t.address),
    },
  };
}

async function wrapEther(client: DevnetClient, weth: Address, ether: bigint): Promise<void> {
  await sendAndConfirm(client, `WETH deposit of ${ether} ether`, (nonce) =>
    client.writeContract({
      address: weth,
      abi: weth9Abi,
      functionName: "deposit",
      value: ether * 10n ** 18n,
      nonce,
    }));
}
