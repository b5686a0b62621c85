/**
 * The embedded devnet: Anvil from npm, the real Uniswap V2/V3 bytecode from the Uniswap npm
 * packages (mainnet init-code hashes, so the routers and the quoter work), test tokens compiled
 * from contracts/, and helpers to add liquidity, swap and quote through the real contracts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDevnetClient, deployDevnet, startAnvil } from "./mod.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const dep = await deployDevnet(client, { tokens: [{ symbol: "USDC", decimals: 6 }] });
 * assert(dep.v2.length === 2 && dep.v3.length === 1 && dep.tokens.length === 1);
 * ```
 *
 * @module
 */
export { DevnetError, type DevnetErrorCode } from "./errors.ts";
export { type AnvilHandle, type AnvilOptions, type DevAccount, startAnvil } from "./anvil.ts";
export {
  createDevnetClient,
  devnetChain,
  type DevnetClient,
  type DevnetClientOptions,
} from "./client.ts";
export {
  type Artifact,
  loadArtifact,
  toArtifact,
  type UniswapArtifactName,
  V2_PAIR_INIT_CODE_HASH,
  V3_POOL_INIT_CODE_HASH,
} from "./artifacts.ts";
export { compileSolidity, loadOwnContract, type OwnContractName } from "./contracts.ts";
export {
  positionManagerAbi,
  quoterV2Abi,
  swapRouterAbi,
  testTokenAbi,
  uniswapV2FactoryAbi,
  uniswapV2PairAbi,
  uniswapV2RouterAbi,
  uniswapV3FactoryAbi,
  uniswapV3PoolAbi,
  weth9Abi,
} from "./abis.ts";
export {
  deployDevnet,
  type DeployDevnetOptions,
  deployTokens,
  deployUniswap,
  type DeployUniswapOptions,
  type DevnetDeployment,
  tokenBySymbol,
  type TokenDeployment,
  type TokenSpec,
  type UniswapDeployment,
  v2Venue,
  type V2VenueDeployment,
  type V3FeeTier,
  v3Venue,
  type V3VenueDeployment,
} from "./deploy.ts";
export { type AllowanceNeed, ensureAllowances, sortTokens } from "./tokens.ts";
export {
  addV2Liquidity,
  type AddV2LiquidityParams,
  createV2Pair,
  findV2Pair,
  type V2LiquidityResult,
} from "./v2_liquidity.ts";
export {
  createV3Pool,
  type CreateV3PoolParams,
  encodeSqrtPriceX96,
  findV3Pool,
  mintV3Position,
  type MintV3PositionParams,
  readV3PoolState,
  type V3PoolState,
  type V3PositionResult,
} from "./v3_liquidity.ts";
export {
  type SwapResult,
  swapV2ExactIn,
  swapV2ExactOut,
  swapV3ExactInSingle,
  swapV3ExactOutSingle,
  type V2ExactInParams,
  type V2ExactOutParams,
  type V3ExactInSingleParams,
  type V3ExactOutSingleParams,
} from "./swap.ts";
export {
  quoteV2AmountsIn,
  quoteV2AmountsOut,
  quoteV3ExactInSingle,
  quoteV3ExactOutSingle,
  type V3Quote,
  type V3QuoteParams,
} from "./quote.ts";
export {
  decreaseV3Liquidity,
  removeV2Liquidity,
  type RemoveV2LiquidityParams,
} from "./liquidity_removal.ts";
export {
  DEFAULT_SCENARIO,
  deployScenario,
  type DeployScenarioOptions,
  type ScenarioAccounts,
  type ScenarioDeployment,
  scenarioJson,
  type ScenarioPool,
  type ScenarioSpec,
  type ScenarioToken,
  type ScenarioV2Pair,
  type ScenarioV3Pool,
} from "./scenario.ts";
export {
  type PlannerOptions,
  type SimStep,
  type SimulatorHandle,
  type SimulatorOptions,
  type SimulatorStats,
  startSimulator,
  TradePlanner,
} from "./simulator.ts";
export { type DevnetSessionOptions, runDevnetSession } from "./session.ts";
export {
  deployArbitrageExecutor,
  deployDevnetExecutor,
  type ExecutorDeployment,
} from "./executor.ts";
export {
  type DevnetAccountsDescription,
  type DevnetDescription,
  type DevnetExecutorDescription,
  type DevnetForkDescription,
  type DevnetPoolDescription,
  devnetPools,
  type DevnetSessionDescription,
  parseDevnetDescription,
} from "./description.ts";
export { watchParent } from "./parent_watch.ts";
