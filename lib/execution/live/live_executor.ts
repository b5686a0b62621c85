// lib/execution/live/live_executor.ts — one job: send routes to the ArbitrageExecutor contract
// safely: chain and owner checks, gas-price cap, deadline, simulation first, local nonce with
// resync, bounded retries on transient RPC errors, receipt tracking, decoded reverts.
import {
  type Address,
  BaseError,
  createPublicClient,
  encodeFunctionData,
  getAddress,
  type Hex,
  http,
  keccak256,
  NonceTooLowError,
  parseEventLogs,
  type PublicClient,
  type TransactionReceipt,
  WaitForTransactionReceiptTimeoutError,
} from "viem";
import { v2SwapEvents, v3SwapEvents } from "../../chain/mod.ts";
import { LiveExecutionError } from "./errors.ts";
import { arbitrageExecutorAbi, HopKind } from "./executor_abi.ts";
import type { ResolvedNetwork } from "./networks.ts";
import { LiveReason } from "../../protocol/mod.ts";
import { type DecodedRevert, decodeRevertError } from "./revert.ts";
import type { ExecutorHop, RouteCall } from "./route_call.ts";
import type { LiveSigner } from "./signer.ts";
import { withRetries } from "./_rpc_retry.ts";

/** Options of {@linkcode LiveExecutor.connect}. */
export interface LiveExecutorOptions {
  /** The network: chain id, RPC, gas-price cap (see `resolveNetwork`). */
  readonly network: Pick<ResolvedNetwork, "chainId" | "rpcUrl" | "maxGasPriceWei" | "name">;
  /** The deployed ArbitrageExecutor; its `owner()` must be the signer. */
  readonly executor: Address;
  readonly signer: LiveSigner;
  /** Seconds from the latest block's timestamp to the contract's deadline (default 60). */
  readonly deadlineSeconds?: number;
  /** Tries per RPC call when it fails transiently (default 3). */
  readonly maxAttempts?: number;
  /** Wait before the second try, ms; grows linearly (default 200). */
  readonly retryDelayMs?: number;
  /** Receipt polling interval, ms (default 100). */
  readonly pollingIntervalMs?: number;
  /** Give up waiting for a receipt after this long, ms (default 120 000). */
  readonly receiptTimeoutMs?: number;
  /** Gas limit above the estimate, basis points (default 2 000: +20%). */
  readonly gasHeadroomBps?: number;
  /** Tip per gas, wei (default: the node's `eth_maxPriorityFeePerGas`). */
  readonly priorityFeeWei?: bigint;
  /** Called with the hash once the node accepted the transaction, before its receipt. */
  readonly onSubmitted?: (hash: Hex) => void | Promise<void>;
}

/** What one hop did on chain, from the pool's Swap event. */
export interface HopSwap {
  readonly pool: Address;
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
}

/** Result of a simulation: the contract's return values, or its decoded revert. */
export type SimulationResult =
  | { readonly ok: true; readonly amountOut: bigint; readonly profit: bigint }
  | { readonly ok: false; readonly revert: DecodedRevert };

/** The outcome of one route. */
export interface LiveExecution {
  /** `filled`: mined and succeeded; `reverted`: mined and reverted (gas spent); `rejected`:
   * the simulation reverted, nothing was sent. */
  readonly status: "filled" | "reverted" | "rejected";
  readonly call: RouteCall;
  /** The profit the simulation returned (undefined when it reverted). */
  readonly simulatedProfit: bigint | undefined;
  /** Profit sent to the owner, start-token units, from the ArbitrageExecuted event (0 unless
   * filled). */
  readonly profit: bigint;
  /** Output of the last hop (0 unless filled). */
  readonly amountOut: bigint;
  /** One per hop, in route order (empty unless filled). */
  readonly swaps: readonly HopSwap[];
  readonly txHash: Hex | undefined;
  readonly blockNumber: bigint | undefined;
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  /** `gasUsed · effectiveGasPrice`: what the signer paid in the native token. */
  readonly gasCostWei: bigint;
  /** Why it reverted or was rejected. */
  readonly revert: DecodedRevert | undefined;
}

interface Fees {
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  readonly timestamp: bigint;
}

/**
 * Sends routes to a deployed ArbitrageExecutor. Every `execute` reads the fees (refusing above
 * the cap), simulates the call (a revert there sends nothing), estimates gas, signs locally
 * with the next local nonce, sends with retries on transient errors only (a resend carries the
 * same signed bytes, so it cannot execute twice), waits for the receipt and decodes the swaps
 * or the revert. A failed send resyncs the nonce from the node. One `execute` at a time.
 *
 * @example
 * ```ts ignore
 * const executor = await LiveExecutor.connect({
 *   network: resolveNetwork("anvil"), executor: "0x…", signer: await loadSigner(),
 * });
 * const result = await executor.execute({ hops, amountIn, minProfit });
 * if (result.status === "filled") console.log(result.profit);
 * ```
 */
export class LiveExecutor {
  readonly client: PublicClient;
  readonly executor: Address;
  readonly signer: LiveSigner;
  readonly chainId: number;
  readonly maxGasPriceWei: bigint;
  readonly #o: LiveExecutorOptions;
  #nonce: number | undefined;
  #busy = false;

  private constructor(client: PublicClient, options: LiveExecutorOptions) {
    this.client = client;
    this.executor = getAddress(options.executor);
    this.signer = options.signer;
    this.chainId = options.network.chainId;
    this.maxGasPriceWei = options.network.maxGasPriceWei;
    this.#o = options;
  }

  /**
   * Connects: checks that the RPC serves the network's chain and that the executor exists and
   * is owned by the signer.
   *
   * @throws {LiveExecutionError} `WRONG_CHAIN`, `BAD_CONFIG` (no contract, other owner),
   * `RPC_FAILED`
   */
  static async connect(options: LiveExecutorOptions): Promise<LiveExecutor> {
    const client = createPublicClient({
      transport: http(options.network.rpcUrl, { retryCount: 0 }),
      pollingInterval: options.pollingIntervalMs ?? 100,
    });
    const executor = new LiveExecutor(client, options);
    const chainId = await executor.#rpc("eth_chainId", () => client.getChainId());
    if (chainId !== options.network.chainId) {
      throw new LiveExecutionError(
        "WRONG_CHAIN",
        `RPC serves chain ${chainId}, not ${options.network.name} (${options.network.chainId})`,
        { expected: options.network.chainId, actual: chainId },
      );
    }
    let owner: Address;
    try {
      owner = await executor.#rpc("owner()", () =>
        client.readContract({
          address: executor.executor,
          abi: arbitrageExecutorAbi,
          functionName: "owner",
        }));
    } catch (cause) {
      if (cause instanceof LiveExecutionError && cause.code === "RPC_FAILED") throw cause;
      throw new LiveExecutionError(
        "BAD_CONFIG",
        `${executor.executor} is not an ArbitrageExecutor on chain ${chainId}`,
        { executor: executor.executor },
      );
    }
    if (getAddress(owner) !== options.signer.address) {
      throw new LiveExecutionError(
        "BAD_CONFIG",
        `Executor ${executor.executor} is owned by ${owner}, not by the signer ${options.signer.address}`,
        { executor: executor.executor, owner, signer: options.signer.address },
      );
    }
    return executor;
  }

  /** The next nonce this executor will use, if known (undefined until the first send). */
  get localNonce(): number | undefined {
    return this.#nonce;
  }

  /**
   * Calls `execute` without sending (eth_call from the signer at the latest block).
   *
   * @throws {LiveExecutionError} `RPC_FAILED` when the node cannot be reached
   */
  async simulate(call: RouteCall, deadline?: bigint): Promise<SimulationResult> {
    const when = deadline ?? await this.#deadline();
    try {
      const { result } = await withRetries(
        () =>
          this.client.simulateContract({
            address: this.executor,
            abi: arbitrageExecutorAbi,
            functionName: "execute",
            args: [toStructs(call.hops), call.amountIn, call.minProfit, when],
            account: this.signer.address,
          }),
        this.#attempts,
        this.#delay,
      );
      return { ok: true, amountOut: result[0], profit: result[1] };
    } catch (cause) {
      const revert = decodeRevertError(cause);
      if (revert !== undefined) return { ok: false, revert };
      throw this.#rpcError("simulate execute", cause);
    }
  }

  /**
   * Runs one route: fees and cap, simulation, gas estimate, sign, send, receipt.
   *
   * @throws {LiveExecutionError} `GAS_PRICE_TOO_HIGH` (nothing sent), `SEND_FAILED` (the node
   * refused it; the nonce is resynced), `RPC_FAILED`, `RECEIPT_TIMEOUT`
   */
  async execute(call: RouteCall): Promise<LiveExecution> {
    if (this.#busy) {
      // a caller's bug, not the user's config
      throw new LiveExecutionError("BAD_CONFIG", "LiveExecutor runs one route at a time", {}, {
        userInput: false,
      });
    }
    this.#busy = true;
    try {
      return await this.#execute(call);
    } finally {
      this.#busy = false;
    }
  }

  async #execute(call: RouteCall): Promise<LiveExecution> {
    const fees = await this.#fees();
    const deadline = fees.timestamp + BigInt(this.#o.deadlineSeconds ?? 60);
    const sim = await this.simulate(call, deadline);
    if (!sim.ok) return outcome(call, "rejected", undefined, sim.revert);
    const data = encodeFunctionData({
      abi: arbitrageExecutorAbi,
      functionName: "execute",
      args: [toStructs(call.hops), call.amountIn, call.minProfit, deadline],
    });
    const request = { account: this.signer.address, to: this.executor, data } as const;
    let estimate: bigint;
    try {
      estimate = await withRetries(
        () => this.client.estimateGas(request),
        this.#attempts,
        this.#delay,
      );
    } catch (cause) {
      const revert = decodeRevertError(cause);
      if (revert !== undefined) return outcome(call, "rejected", sim.profit, revert);
      throw this.#rpcError("estimate gas", cause);
    }
    const gas = estimate + estimate * BigInt(this.#o.gasHeadroomBps ?? 2_000) / 10_000n;
    const hash = await this.#send({ data, gas, ...fees });
    await this.#o.onSubmitted?.(hash);
    const receipt = await this.#receipt(hash);
    const paid = {
      txHash: hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      effectiveGasPrice: receipt.effectiveGasPrice,
      gasCostWei: receipt.gasUsed * receipt.effectiveGasPrice,
    };
    if (receipt.status !== "success") {
      const revert = await this.#replayRevert(request, gas, receipt);
      return { ...outcome(call, "reverted", sim.profit, revert), ...paid };
    }
    const [event] = parseEventLogs({
      abi: arbitrageExecutorAbi,
      eventName: "ArbitrageExecuted",
      logs: receipt.logs.filter((l) => getAddress(l.address) === this.executor),
    });
    return {
      ...outcome(call, "filled", sim.profit, undefined),
      ...paid,
      profit: event?.args.profit ?? 0n,
      amountOut: event?.args.amountOut ?? 0n,
      swaps: hopSwaps(call.hops, receipt),
    };
  }

  get #attempts(): number {
    return this.#o.maxAttempts ?? 3;
  }

  get #delay(): number {
    return this.#o.retryDelayMs ?? 200;
  }

  async #deadline(): Promise<bigint> {
    const block = await this.#rpc("latest block", () => this.client.getBlock());
    return block.timestamp + BigInt(this.#o.deadlineSeconds ?? 60);
  }

  async #fees(): Promise<Fees> {
    const block = await this.#rpc("latest block", () => this.client.getBlock());
    const base = block.baseFeePerGas ?? 0n;
    const tip = this.#o.priorityFeeWei ??
      await this.#rpc("eth_maxPriorityFeePerGas", () => this.client.estimateMaxPriorityFeePerGas());
    const price = base + tip;
    if (price > this.maxGasPriceWei) {
      throw new LiveExecutionError(
        "GAS_PRICE_TOO_HIGH",
        `Gas price ${gwei(price)} gwei is above the cap ${
          gwei(this.maxGasPriceWei)
        } gwei; nothing sent`,
        { gasPriceWei: price, maxGasPriceWei: this.maxGasPriceWei, block: block.number },
      );
    }
    // Room for the base fee to double, never above the cap.
    const wanted = 2n * base + tip;
    const maxFeePerGas = wanted < this.maxGasPriceWei ? wanted : this.maxGasPriceWei;
    return { maxFeePerGas, maxPriorityFeePerGas: tip, timestamp: block.timestamp };
  }

  async #send(tx: { data: Hex; gas: bigint } & Omit<Fees, "timestamp">): Promise<Hex> {
    this.#nonce ??= await this.#rpc(
      "nonce",
      () => this.client.getTransactionCount({ address: this.signer.address, blockTag: "pending" }),
    );
    const nonce = this.#nonce;
    const serialized = await this.signer.account.signTransaction!({
      chainId: this.chainId,
      type: "eip1559",
      to: this.executor,
      data: tx.data,
      gas: tx.gas,
      maxFeePerGas: tx.maxFeePerGas,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
      nonce,
      value: 0n,
    });
    const hash = keccak256(serialized);
    try {
      await withRetries(
        () =>
          this.client.sendRawTransaction({ serializedTransaction: serialized }).catch((e) => {
            // A retry of a send the node already took: same bytes, same hash.
            if (/already known|known transaction/i.test(String(e?.message))) return hash;
            throw e;
          }),
        this.#attempts,
        this.#delay,
      );
    } catch (cause) {
      this.#nonce = undefined; // the node may or may not hold this nonce now: ask it again
      const text = this.#short(cause);
      const stale = cause instanceof BaseError && cause.walk((e) => e instanceof NonceTooLowError);
      throw new LiveExecutionError(
        "SEND_FAILED",
        `Node refused transaction with nonce ${nonce}: ${text}`,
        { nonce, hash, reason: text, nonceResynced: true, staleNonce: stale !== null },
      );
    }
    this.#nonce = nonce + 1;
    return hash;
  }

  async #receipt(hash: Hex): Promise<TransactionReceipt> {
    try {
      return await withRetries(
        () =>
          this.client.waitForTransactionReceipt({
            hash,
            timeout: this.#o.receiptTimeoutMs ?? 120_000,
            pollingInterval: this.#o.pollingIntervalMs ?? 100,
          }),
        this.#attempts,
        this.#delay,
      );
    } catch (cause) {
      if (cause instanceof WaitForTransactionReceiptTimeoutError) {
        throw new LiveExecutionError(
          "RECEIPT_TIMEOUT",
          `No receipt for ${hash} after ${this.#o.receiptTimeoutMs ?? 120_000} ms`,
          { hash },
        );
      }
      throw this.#rpcError(`receipt of ${hash}`, cause);
    }
  }

  // A mined revert carries no reason in its receipt: replay the call on the state the block
  // left (our transaction changed nothing but the nonce), where it fails the same way.
  async #replayRevert(
    request: { account: Address; to: Address; data: Hex },
    gas: bigint,
    receipt: TransactionReceipt,
  ): Promise<DecodedRevert> {
    try {
      await this.client.call({ ...request, gas, blockNumber: receipt.blockNumber });
    } catch (cause) {
      const revert = decodeRevertError(cause);
      if (revert !== undefined) return revert;
    }
    const outOfGas = receipt.gasUsed >= gas;
    return {
      errorName: undefined,
      args: [],
      reason: outOfGas ? "out of gas" : undefined,
      reasonCode: LiveReason.UnknownRevert,
      text: outOfGas ? "out of gas" : "reverted without a reason (the replay succeeded)",
      data: undefined,
    };
  }

  async #rpc<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(fn, this.#attempts, this.#delay);
    } catch (cause) {
      throw this.#rpcError(what, cause);
    }
  }

  #rpcError(what: string, cause: unknown): LiveExecutionError {
    if (cause instanceof LiveExecutionError) return cause;
    const text = this.#short(cause);
    return new LiveExecutionError("RPC_FAILED", `RPC call ${what} failed: ${text}`, {
      what,
      reason: text,
    });
  }

  // One line of a viem error, with the key removed in case a node echoed anything back.
  #short(cause: unknown): string {
    const text = cause instanceof BaseError
      ? cause.shortMessage
      : cause instanceof Error
      ? cause.message
      : String(cause);
    return this.signer.redact(text.replace(/\s*\n\s*/g, " ").trim());
  }
}

function outcome(
  call: RouteCall,
  status: LiveExecution["status"],
  simulatedProfit: bigint | undefined,
  revert: DecodedRevert | undefined,
): LiveExecution {
  return {
    status,
    call,
    simulatedProfit,
    profit: 0n,
    amountOut: 0n,
    swaps: [],
    txHash: undefined,
    blockNumber: undefined,
    gasUsed: 0n,
    effectiveGasPrice: 0n,
    gasCostWei: 0n,
    revert,
  };
}

function toStructs(hops: readonly ExecutorHop[]) {
  return hops.map((h) => ({
    pool: h.pool,
    tokenIn: h.tokenIn,
    tokenOut: h.tokenOut,
    kind: h.kind,
    feeBps: h.feeBps,
  }));
}

// Each hop's amounts from its pool's Swap event, matched in route order.
function hopSwaps(hops: readonly ExecutorHop[], receipt: TransactionReceipt): HopSwap[] {
  const v2 = v2SwapEvents(receipt.logs);
  const v3 = v3SwapEvents(receipt.logs);
  return hops.map((hop) => {
    const zeroForOne = hop.tokenIn.toLowerCase() < hop.tokenOut.toLowerCase();
    const base = { pool: hop.pool, tokenIn: hop.tokenIn, tokenOut: hop.tokenOut };
    if (hop.kind === HopKind.V2) {
      const i = v2.findIndex((e) => e.pair === hop.pool);
      const e = i < 0 ? undefined : v2.splice(i, 1)[0];
      if (e === undefined) return { ...base, amountIn: 0n, amountOut: 0n };
      return zeroForOne
        ? { ...base, amountIn: e.amount0In, amountOut: e.amount1Out }
        : { ...base, amountIn: e.amount1In, amountOut: e.amount0Out };
    }
    const i = v3.findIndex((e) => e.pool === hop.pool);
    const e = i < 0 ? undefined : v3.splice(i, 1)[0];
    if (e === undefined) return { ...base, amountIn: 0n, amountOut: 0n };
    return zeroForOne
      ? { ...base, amountIn: e.amount0, amountOut: -e.amount1 }
      : { ...base, amountIn: e.amount1, amountOut: -e.amount0 };
  });
}

function gwei(wei: bigint): string {
  const whole = wei / 1_000_000_000n;
  const frac = (wei % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return frac === "" ? `${whole}` : `${whole}.${frac}`;
}
