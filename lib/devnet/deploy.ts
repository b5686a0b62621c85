// lib/devnet/deploy.ts — one job: deploy WETH, the Uniswap venues and test tokens.
import { type Address, type Hex, keccak256, zeroAddress } from "viem";
import { testTokenAbi, uniswapV3FactoryAbi } from "./abis.ts";
import { loadArtifact } from "./artifacts.ts";
import type { DevnetClient } from "./client.ts";
import { loadOwnContract } from "./contracts.ts";
import { DevnetError } from "./errors.ts";
import { createdAddress, TxBatch } from "./_tx.ts";

/** A V2 venue: the real UniswapV2Factory and UniswapV2Router02 under a venue name. */
export interface V2VenueDeployment {
  readonly name: string;
  readonly protocol: "uniswap_v2";
  readonly factory: Address;
  readonly router: Address;
  /** Keccak-256 of the pair creation code, for deriving pair addresses off-chain. */
  readonly pairInitCodeHash: Hex;
  /** The pair's swap fee in basis points (fixed at 30 in the Uniswap V2 bytecode). */
  readonly feeBps: number;
}

/** A V3 fee tier: the pool's fee in hundredths of a basis point and its tick spacing. */
export interface V3FeeTier {
  readonly fee: number;
  readonly tickSpacing: number;
}

/** A V3 venue: factory, position manager, router and quoter from the Uniswap packages. */
export interface V3VenueDeployment {
  readonly name: string;
  readonly protocol: "uniswap_v3";
  readonly factory: Address;
  readonly positionManager: Address;
  readonly swapRouter: Address;
  readonly quoter: Address;
  /** Keccak-256 of the pool creation code, for deriving pool addresses off-chain. */
  readonly poolInitCodeHash: Hex;
  /** Enabled fee tiers, ascending by fee. */
  readonly feeTiers: readonly V3FeeTier[];
}

/** Everything `deployUniswap` created. */
export interface UniswapDeployment {
  readonly weth: Address;
  readonly v2: readonly V2VenueDeployment[];
  readonly v3: readonly V3VenueDeployment[];
}

/** How many venues of each kind to deploy, and under which names. */
export interface DeployUniswapOptions {
  /** Names of the V2 venues, one factory + router each; default `quickswap_v2`, `sushiswap`. */
  readonly v2Venues?: readonly string[];
  /** Names of the V3 venues; default `uniswap_v3`. */
  readonly v3Venues?: readonly string[];
  /** Fee tiers to enable beyond the factory's 500/3000/10000, e.g. `{ fee: 100, tickSpacing: 1 }`. */
  readonly v3ExtraFeeTiers?: readonly V3FeeTier[];
  /** Descriptor the position manager calls for `tokenURI`; default the zero address. */
  readonly tokenDescriptor?: Address;
}

/** A test token to deploy and whom to mint it to. */
export interface TokenSpec {
  readonly symbol: string;
  /** Default: the symbol. */
  readonly name?: string;
  /** 0 to 255, e.g. 6 for a USDC stand-in. */
  readonly decimals: number;
  /** Amounts in native units. */
  readonly mints?: readonly { readonly to: Address; readonly amount: bigint }[];
}

/** A deployed test token. */
export interface TokenDeployment {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  readonly address: Address;
}

/** A whole devnet: venues, WETH and tokens. Plain JSON: addresses and hashes are strings. */
export interface DevnetDeployment extends UniswapDeployment {
  readonly chainId: number;
  readonly deployer: Address;
  readonly tokens: readonly TokenDeployment[];
}

/** The tiers UniswapV3Factory enables in its constructor. */
const FACTORY_FEE_TIERS: readonly V3FeeTier[] = [
  { fee: 500, tickSpacing: 10 },
  { fee: 3000, tickSpacing: 60 },
  { fee: 10000, tickSpacing: 200 },
];

/**
 * Deploys WETH9 and, from the published Uniswap builds, the V2 venues (factory + Router02 each)
 * and the V3 venues (factory, NonfungiblePositionManager, SwapRouter, QuoterV2), in two batches.
 * The client's account becomes every factory's owner.
 *
 * @throws {DevnetError} `BAD_OPTION` for duplicate names or a bad fee tier, `TX_FAILED` or
 * `TX_REVERTED` when a deployment fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployUniswap } from "./deploy.ts";
 * await using anvil = await startAnvil();
 * const uni = await deployUniswap(createDevnetClient(anvil), { v2Venues: ["sushiswap"] });
 * assert(uni.v2.length === 1 && uni.v3[0]?.feeTiers.length === 3);
 * ```
 */
export async function deployUniswap(
  client: DevnetClient,
  options: DeployUniswapOptions = {},
): Promise<UniswapDeployment> {
  const v2Names = options.v2Venues ?? ["quickswap_v2", "sushiswap"];
  const v3Names = options.v3Venues ?? ["uniswap_v3"];
  checkNames([...v2Names, ...v3Names]);
  const extraTiers = options.v3ExtraFeeTiers ?? [];
  extraTiers.forEach(checkFeeTier);
  const feeTiers = [...FACTORY_FEE_TIERS, ...extraTiers].sort((a, b) => a.fee - b.fee);

  const [weth9, v2Factory, v2Pair, router02, v3Factory, v3Pool, npm, swapRouter, quoter] =
    await Promise.all([
      loadArtifact("WETH9"),
      loadArtifact("UniswapV2Factory"),
      loadArtifact("UniswapV2Pair"),
      loadArtifact("UniswapV2Router02"),
      loadArtifact("UniswapV3Factory"),
      loadArtifact("UniswapV3Pool"),
      loadArtifact("NonfungiblePositionManager"),
      loadArtifact("SwapRouter"),
      loadArtifact("QuoterV2"),
    ]);
  const owner = client.account.address;
  const batch = new TxBatch(client);

  // Batch 1: contracts without dependencies.
  const wethAt = await batch.deploy("WETH9", weth9, []);
  const v2FactoryAt: number[] = [];
  for (const name of v2Names) {
    v2FactoryAt.push(await batch.deploy(`${name} UniswapV2Factory`, v2Factory, [owner]));
  }
  const v3FactoryAt: number[] = [];
  for (const name of v3Names) {
    v3FactoryAt.push(await batch.deploy(`${name} UniswapV3Factory`, v3Factory, []));
  }
  const first = await batch.confirm();
  const weth = createdAddress(first[wethAt], "WETH9");
  const v2Parts = v2Names.map((name, i) => ({
    name,
    factory: createdAddress(first[v2FactoryAt[i] ?? -1], `${name} UniswapV2Factory`),
    routerAt: -1,
  }));
  const v3Parts = v3Names.map((name, i) => ({
    name,
    factory: createdAddress(first[v3FactoryAt[i] ?? -1], `${name} UniswapV3Factory`),
    managerAt: -1,
    swapRouterAt: -1,
    quoterAt: -1,
  }));

  // Batch 2: what needs a factory or WETH.
  const descriptor = options.tokenDescriptor ?? zeroAddress;
  for (const part of v2Parts) {
    part.routerAt = await batch.deploy(`${part.name} UniswapV2Router02`, router02, [
      part.factory,
      weth,
    ]);
  }
  for (const part of v3Parts) {
    const { name, factory } = part;
    part.managerAt = await batch.deploy(`${name} NonfungiblePositionManager`, npm, [
      factory,
      weth,
      descriptor,
    ]);
    part.swapRouterAt = await batch.deploy(`${name} SwapRouter`, swapRouter, [factory, weth]);
    part.quoterAt = await batch.deploy(`${name} QuoterV2`, quoter, [factory, weth]);
    for (const tier of extraTiers) {
      await batch.send(`${name} enableFeeAmount(${tier.fee})`, (nonce) =>
        client.writeContract({
          address: factory,
          abi: uniswapV3FactoryAbi,
          functionName: "enableFeeAmount",
          args: [tier.fee, tier.tickSpacing],
          nonce,
        }));
    }
  }
  const second = await batch.confirm();

  const pairInitCodeHash = keccak256(v2Pair.bytecode);
  const poolInitCodeHash = keccak256(v3Pool.bytecode);
  const v2 = v2Parts.map((p): V2VenueDeployment => ({
    name: p.name,
    protocol: "uniswap_v2",
    factory: p.factory,
    router: createdAddress(second[p.routerAt], `${p.name} UniswapV2Router02`),
    pairInitCodeHash,
    feeBps: 30,
  }));
  const v3 = v3Parts.map((p): V3VenueDeployment => ({
    name: p.name,
    protocol: "uniswap_v3",
    factory: p.factory,
    positionManager: createdAddress(second[p.managerAt], `${p.name} NonfungiblePositionManager`),
    swapRouter: createdAddress(second[p.swapRouterAt], `${p.name} SwapRouter`),
    quoter: createdAddress(second[p.quoterAt], `${p.name} QuoterV2`),
    poolInitCodeHash,
    feeTiers,
  }));
  return { weth, v2, v3 };
}

/**
 * Deploys one TestToken (contracts/TestToken.sol) per spec, then mints each spec's amounts.
 * Returns the tokens in spec order.
 *
 * @throws {DevnetError} `BAD_OPTION` for bad decimals, a duplicate symbol or a negative mint,
 * `COMPILE_FAILED`, `TX_FAILED` or `TX_REVERTED`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployTokens } from "./deploy.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const [usdc] = await deployTokens(client, [
 *   { symbol: "USDC", decimals: 6, mints: [{ to: client.account.address, amount: 10n ** 12n }] },
 * ]);
 * assert(usdc?.decimals === 6);
 * ```
 */
export async function deployTokens(
  client: DevnetClient,
  specs: readonly TokenSpec[],
): Promise<TokenDeployment[]> {
  checkNames(specs.map((s) => s.symbol), "Token symbol");
  for (const spec of specs) checkTokenSpec(spec);
  const artifact = await loadOwnContract("TestToken");
  const batch = new TxBatch(client);
  const at: number[] = [];
  for (const s of specs) {
    at.push(
      await batch.deploy(`TestToken ${s.symbol}`, artifact, [
        s.name ?? s.symbol,
        s.symbol,
        s.decimals,
      ]),
    );
  }
  const receipts = await batch.confirm();
  const tokens = specs.map((s, i): TokenDeployment => ({
    symbol: s.symbol,
    name: s.name ?? s.symbol,
    decimals: s.decimals,
    address: createdAddress(receipts[at[i] ?? -1], `TestToken ${s.symbol}`),
  }));
  for (const [i, s] of specs.entries()) {
    const token = tokens[i]?.address ?? zeroAddress;
    for (const { to, amount } of s.mints ?? []) {
      await batch.send(`mint ${s.symbol} to ${to}`, (nonce) =>
        client.writeContract({
          address: token,
          abi: testTokenAbi,
          functionName: "mint",
          args: [to, amount],
          nonce,
        }));
    }
  }
  await batch.confirm();
  return tokens;
}

/** What `deployDevnet` deploys: the venues of `deployUniswap` and the tokens. */
export interface DeployDevnetOptions extends DeployUniswapOptions {
  readonly tokens?: readonly TokenSpec[];
}

/**
 * Deploys the venues and the tokens and returns them as one JSON-serialisable record.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployDevnet } from "./deploy.ts";
 * await using anvil = await startAnvil();
 * const dep = await deployDevnet(createDevnetClient(anvil), {
 *   tokens: [{ symbol: "WBTC", decimals: 8 }],
 * });
 * assert(JSON.parse(JSON.stringify(dep)).tokens[0].symbol === "WBTC");
 * ```
 */
export async function deployDevnet(
  client: DevnetClient,
  options: DeployDevnetOptions = {},
): Promise<DevnetDeployment> {
  const uniswap = await deployUniswap(client, options);
  const tokens = await deployTokens(client, options.tokens ?? []);
  return { chainId: client.chain.id, deployer: client.account.address, ...uniswap, tokens };
}

/**
 * The V2 venue deployed under `name`.
 *
 * @throws {DevnetError} `BAD_OPTION` when the deployment has no such venue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v2Venue } from "./deploy.ts";
 * const dep = { weth: "0x01", v2: [], v3: [] } as const;
 * try { v2Venue(dep, "sushiswap"); } catch (e) { assert((e as Error).message.includes("sushiswap")); }
 * ```
 */
export function v2Venue(deployment: UniswapDeployment, name: string): V2VenueDeployment {
  return named(deployment.v2, name, "V2 venue");
}

/**
 * The V3 venue deployed under `name`.
 *
 * @throws {DevnetError} `BAD_OPTION` when the deployment has no such venue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { v3Venue } from "./deploy.ts";
 * const dep = { weth: "0x01", v2: [], v3: [] } as const;
 * try { v3Venue(dep, "uniswap_v3"); } catch (e) { assert((e as Error).message.includes("uniswap_v3")); }
 * ```
 */
export function v3Venue(deployment: UniswapDeployment, name: string): V3VenueDeployment {
  return named(deployment.v3, name, "V3 venue");
}

/**
 * The token deployed under `symbol`.
 *
 * @throws {DevnetError} `BAD_OPTION` when the deployment has no such token.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tokenBySymbol } from "./deploy.ts";
 * const tokens = [{ symbol: "USDC", name: "USDC", decimals: 6, address: "0x01" }] as const;
 * assert(tokenBySymbol({ tokens }, "USDC").decimals === 6);
 * ```
 */
export function tokenBySymbol(
  deployment: Pick<DevnetDeployment, "tokens">,
  symbol: string,
): TokenDeployment {
  const hit = deployment.tokens.find((t) => t.symbol === symbol);
  if (hit === undefined) {
    throw new DevnetError("BAD_OPTION", `Devnet has no token ${symbol}`, {
      symbol,
      known: deployment.tokens.map((t) => t.symbol),
    });
  }
  return hit;
}

function named<T extends { readonly name: string }>(
  list: readonly T[],
  name: string,
  kind: string,
): T {
  const hit = list.find((v) => v.name === name);
  if (hit === undefined) {
    throw new DevnetError("BAD_OPTION", `Devnet has no ${kind} ${name}`, {
      name,
      known: list.map((v) => v.name),
    });
  }
  return hit;
}

function checkNames(names: readonly string[], kind = "Venue name"): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.length === 0 || seen.has(name)) {
      throw new DevnetError("BAD_OPTION", `${kind} "${name}" is empty or repeated`, { name });
    }
    seen.add(name);
  }
}

function checkFeeTier(tier: V3FeeTier): void {
  const exists = FACTORY_FEE_TIERS.some((t) => t.fee === tier.fee);
  // The factory's own bounds: fee below 1e6, spacing in (0, 16384).
  if (
    exists || !Number.isInteger(tier.fee) || tier.fee <= 0 || tier.fee >= 1_000_000 ||
    !Number.isInteger(tier.tickSpacing) || tier.tickSpacing <= 0 || tier.tickSpacing >= 16384
  ) {
    throw new DevnetError(
      "BAD_OPTION",
      `V3 fee tier ${tier.fee} with tick spacing ${tier.tickSpacing} cannot be enabled`,
      { fee: tier.fee, tickSpacing: tier.tickSpacing },
    );
  }
}

function checkTokenSpec(spec: TokenSpec): void {
  if (!Number.isInteger(spec.decimals) || spec.decimals < 0 || spec.decimals > 255) {
    throw new DevnetError(
      "BAD_OPTION",
      `Token ${spec.symbol} decimals must be an integer from 0 to 255, got ${spec.decimals}`,
      { symbol: spec.symbol, decimals: spec.decimals },
    );
  }
  for (const mint of spec.mints ?? []) {
    if (mint.amount < 0n) {
      throw new DevnetError(
        "BAD_OPTION",
        `Token ${spec.symbol} mint amount ${mint.amount} is negative`,
        {
          symbol: spec.symbol,
          amount: mint.amount,
        },
      );
    }
  }
}
