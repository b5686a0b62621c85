// tests/amm_chain/_chain.ts — one job: the devnet plumbing of the scenarios: deploy funded
// tokens, send many transactions fast, and read receipts' pool events.
import {
  type Address,
  createPublicClient,
  createTestClient,
  encodeFunctionData,
  type Hex,
  http,
  maxUint256,
  numberToHex,
  parseAbi,
  type PublicClient,
  type TestClient,
  type TransactionReceipt,
} from "viem";
import {
  type AnvilHandle,
  deployDevnet,
  type DevnetClient,
  type DevnetDeployment,
  testTokenAbi,
  tokenBySymbol,
  type TokenDeployment,
} from "../../lib/devnet/mod.ts";
import { createReadClient } from "../../lib/chain/rpc_client.ts";

/** The test tokens: one of each decimals the issue asks for (6, 8, 18). */
export const TOKEN_SYMBOLS = ["USDC", "WBTC", "DAI"] as const;
export type TokenSymbol = typeof TOKEN_SYMBOLS[number];
const DECIMALS: Record<TokenSymbol, number> = { USDC: 6, WBTC: 8, DAI: 18 };

/** Position-manager calls the devnet module has no helper for (burns). */
export const positionBurnAbi = parseAbi([
  "struct DecreaseLiquidityParams { uint256 tokenId; uint128 liquidity; uint256 amount0Min; uint256 amount1Min; uint256 deadline; }",
  "function decreaseLiquidity(DecreaseLiquidityParams params) payable returns (uint256 amount0, uint256 amount1)",
  "event IncreaseLiquidity(uint256 indexed tokenId, uint128 liquidity, uint256 amount0, uint256 amount1)",
  "event DecreaseLiquidity(uint256 indexed tokenId, uint128 liquidity, uint256 amount0, uint256 amount1)",
]);

/** The UniswapV3Pool events that change what a swap sees. */
export const v3PoolEventsAbi = parseAbi([
  "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)",
  "event Mint(address sender, address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
  "event Burn(address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
]);

/** The UniswapV2Pair events that change its reserves. */
export const v2PairEventsAbi = parseAbi([
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
  "event Sync(uint112 reserve0, uint112 reserve1)",
]);

/** A deployed devnet with funded tokens, and the clients the scenarios use. */
export interface ChainContext {
  readonly anvil: AnvilHandle;
  /** Signs with account 0 (the devnet helpers' client). */
  readonly client: DevnetClient;
  /** Batches concurrent eth_calls into JSON-RPC batches (quotes). */
  readonly batchClient: PublicClient;
  /** What `torq quote` uses: lib/chain/rpc_client's client, for lib/chain/pool_reader. */
  readonly readClient: PublicClient;
  /** Anvil's mining controls. */
  readonly testClient: TestClient<"anvil">;
  readonly deployment: DevnetDeployment;
  readonly me: Address;
  token(symbol: TokenSymbol): TokenDeployment;
}

/** Deploys the venues and the 6/8/18-decimal tokens, 10^40 native units each to account 0. */
export async function deployContext(
  anvil: AnvilHandle,
  client: DevnetClient,
): Promise<ChainContext> {
  const me = client.account.address;
  const deployment = await deployDevnet(client, {
    tokens: TOKEN_SYMBOLS.map((symbol) => ({
      symbol,
      decimals: DECIMALS[symbol],
      mints: [{ to: me, amount: 10n ** 40n }],
    })),
  });
  return {
    anvil,
    client,
    batchClient: createPublicClient({
      transport: http(anvil.rpcUrl, { batch: { batchSize: 64 }, retryCount: 0 }),
    }),
    readClient: createReadClient(anvil.rpcUrl),
    testClient: createTestClient({ mode: "anvil", transport: http(anvil.rpcUrl) }),
    deployment,
    me,
    token: (symbol) => tokenBySymbol(deployment, symbol),
  };
}

/**
 * Transactions of account 0 queued, then sent back to back with consecutive nonces (Anvil signs
 * for its unlocked dev accounts), each mined in a block of its own, then confirmed together.
 */
export class TxQueue {
  readonly #ctx: ChainContext;
  #queued: { what: string; to: Address; data: Hex }[] = [];

  constructor(ctx: ChainContext) {
    this.#ctx = ctx;
  }

  get size(): number {
    return this.#queued.length;
  }

  /** Queues a call; resolves nothing until `flush`. Returns its index in `flush`'s receipts. */
  add(what: string, to: Address, data: Hex): number {
    return this.#queued.push({ what, to, data }) - 1;
  }

  /** Sends every queued call in order and returns the receipts; throws on the first revert. */
  async flush(): Promise<TransactionReceipt[]> {
    const txs = this.#queued;
    this.#queued = [];
    const { client, me } = this.#ctx;
    let nonce = await client.getTransactionCount({ address: me, blockTag: "pending" });
    const hashes: Hex[] = [];
    // Automine may put two quickly sent transactions in one block; mining each by hand gives
    // every transaction a block of its own, so "the block before" is the state it started from.
    await this.#ctx.testClient.setAutomine(false);
    try {
      for (const tx of txs) {
        hashes.push(
          await client.request({
            method: "eth_sendTransaction",
            params: [{
              from: me,
              to: tx.to,
              data: tx.data,
              gas: numberToHex(8_000_000),
              nonce: numberToHex(nonce++),
            }],
          }),
        );
        await this.#ctx.testClient.mine({ blocks: 1 });
      }
    } finally {
      await this.#ctx.testClient.setAutomine(true);
    }
    const receipts = await Promise.all(
      hashes.map((hash) => client.waitForTransactionReceipt({ hash, pollingInterval: 5 })),
    );
    receipts.forEach((r, i) => {
      if (r.status !== "success") {
        throw new Error(`Transaction ${txs[i]?.what} reverted in block ${r.blockNumber}`);
      }
      if (r.transactionIndex !== 0) {
        throw new Error(`Transaction ${txs[i]?.what} shares block ${r.blockNumber}`);
      }
    });
    return receipts;
  }
}

/** Queues max approvals of every test token to each spender. */
export function queueApprovals(ctx: ChainContext, queue: TxQueue, spenders: readonly Address[]) {
  for (const symbol of TOKEN_SYMBOLS) {
    for (const spender of spenders) {
      queue.add(
        `approve ${symbol} to ${spender}`,
        ctx.token(symbol).address,
        encodeFunctionData({
          abi: testTokenAbi,
          functionName: "approve",
          args: [spender, maxUint256],
        }),
      );
    }
  }
}

/** Runs `fn` on `items` with at most `limit` in flight (keeps the JSON-RPC batches full). */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
