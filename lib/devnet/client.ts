// lib/devnet/client.ts — one job: a viem client that signs with an Anvil dev account.
import {
  type Account,
  type Chain,
  type Client,
  createWalletClient,
  defineChain,
  http,
  numberToHex,
  type PublicActions,
  publicActions,
  type RpcSchema,
  type Transport,
  type WalletActions,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { AnvilHandle, DevAccount } from "./anvil.ts";
import { DevnetError } from "./errors.ts";

/**
 * A viem client that reads and signs: what every devnet helper takes. Any wallet client extended
 * with `publicActions` fits, so the helpers also run against a fork or a real RPC. Helpers pick
 * the account's next nonce themselves: run the writes of one account one after another, and
 * use one client per account to trade concurrently.
 */
export type DevnetClient = Client<
  Transport,
  Chain,
  Account,
  RpcSchema | undefined,
  PublicActions<Transport, Chain, Account> & WalletActions<Chain, Account>
>;

/** Which dev account signs, and how often to poll for receipts. */
export interface DevnetClientOptions {
  /** Index into `anvil.accounts`, or an account of its own; default 0. */
  readonly account?: number | DevAccount;
  /** Receipt polling interval in milliseconds; default 20 (Anvil answers at once). */
  readonly pollingInterval?: number;
}

/**
 * The viem chain of a running devnet, named `torq-devnet`, with its HTTP and WebSocket URLs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { devnetChain } from "./client.ts";
 * const chain = devnetChain({ chainId: 31337, rpcUrl: "http://127.0.0.1:8545", wsUrl: "ws://127.0.0.1:8545" });
 * assert(chain.id === 31337 && chain.rpcUrls.default.http[0] === "http://127.0.0.1:8545");
 * ```
 */
export function devnetChain(anvil: Pick<AnvilHandle, "chainId" | "rpcUrl" | "wsUrl">): Chain {
  return defineChain({
    id: anvil.chainId,
    name: "torq-devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl], webSocket: [anvil.wsUrl] } },
  });
}

/**
 * A client for `anvil` signing locally with one of its dev accounts.
 *
 * @throws {DevnetError} `BAD_OPTION` when the account index is out of range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil, { account: 1 });
 * const balance = await client.getBalance({ address: client.account.address });
 * assert(client.account.address === anvil.accounts[1]?.address && balance > 0n);
 * ```
 */
export function createDevnetClient(
  anvil: Pick<AnvilHandle, "chainId" | "rpcUrl" | "wsUrl" | "accounts">,
  options: DevnetClientOptions = {},
): DevnetClient {
  const choice = options.account ?? 0;
  const dev = typeof choice === "number" ? anvil.accounts[choice] : choice;
  if (dev === undefined) {
    throw new DevnetError(
      "BAD_OPTION",
      `Account index ${choice} is out of range, the devnet has ${anvil.accounts.length}`,
      { account: choice, accounts: anvil.accounts.length },
    );
  }
  return createWalletClient({
    account: privateKeyToAccount(dev.privateKey),
    chain: devnetChain(anvil),
    transport: withGasHeadroom(http(anvil.rpcUrl)),
    pollingInterval: options.pollingInterval ?? 20,
  }).extend(publicActions);
}

// An estimate can fall short by the time the transaction lands: Uniswap V3 writes an oracle
// observation only in a block of a new second, and other accounts' swaps may land first and make
// this one cross more ticks. Either way it would revert out of gas, so pad every estimate (gas
// costs nothing on a devnet).
function withGasHeadroom(inner: Transport): Transport {
  return (options) => {
    const transport = inner(options);
    const request = (async (args: { method: string; params?: unknown }) => {
      const result = await transport.request(args as never);
      const pad = (gas: string) => numberToHex(BigInt(gas) + BigInt(gas) / 2n + 50_000n);
      if (args.method === "eth_estimateGas") return pad(result as string);
      // viem fills transactions with eth_fillTransaction where the node has it (Anvil does).
      const filled = result as { tx?: { gas?: string } } | null;
      if (args.method === "eth_fillTransaction" && typeof filled?.tx?.gas === "string") {
        return { ...filled, tx: { ...filled.tx, gas: pad(filled.tx.gas) } };
      }
      return result;
    }) as typeof transport.request;
    return { ...transport, request };
  };
}
