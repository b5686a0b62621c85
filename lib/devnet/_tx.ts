// lib/devnet/_tx.ts — one job: send transactions in batches and confirm them as one step.
import { type Address, BaseError, getAddress, type Hex, type TransactionReceipt } from "viem";
import type { Artifact } from "./artifacts.ts";
import type { DevnetClient } from "./client.ts";
import { DevnetError } from "./errors.ts";

/** A transaction sender given the nonce to use; returns the transaction hash. */
export type Sender = (nonce: number) => Promise<Hex>;

/**
 * Transactions sent back to back with consecutive nonces, then confirmed together: one round of
 * receipts per batch, so interval mining waits one block per batch, not per transaction.
 * A transaction may only depend on earlier batches, never on one in its own batch.
 */
export class TxBatch {
  readonly #client: DevnetClient;
  readonly #sent: { hash: Hex; what: string }[] = [];
  #nonce: number | undefined;

  constructor(client: DevnetClient) {
    this.#client = client;
  }

  /** Sends one transaction now; `what` names it in errors. Resolves to its index in `confirm`. */
  async send(what: string, sender: Sender): Promise<number> {
    const client = this.#client;
    this.#nonce ??= await client.getTransactionCount({
      address: client.account.address,
      blockTag: "pending",
    });
    const nonce = this.#nonce;
    let hash: Hex;
    try {
      hash = await sender(nonce);
    } catch (cause) {
      this.#nonce = undefined; // the node may or may not have taken the nonce: ask again
      throw txError(what, cause);
    }
    this.#nonce = nonce + 1;
    return this.#sent.push({ hash, what }) - 1;
  }

  /** Sends a contract creation. Resolves to its index in `confirm`. */
  deploy(what: string, artifact: Artifact, args: readonly unknown[]): Promise<number> {
    const client = this.#client;
    return this.send(what, (nonce) =>
      client.deployContract(
        {
          abi: artifact.abi,
          bytecode: artifact.bytecode,
          args,
          nonce,
        } as Parameters<DevnetClient["deployContract"]>[0],
      ));
  }

  /** Waits for every receipt sent so far, in order, and fails on the first revert. */
  async confirm(): Promise<TransactionReceipt[]> {
    const sent = this.#sent.splice(0);
    const receipts = await Promise.all(
      sent.map(({ hash, what }) =>
        this.#client.waitForTransactionReceipt({ hash }).catch((cause) => {
          throw txError(what, cause);
        })
      ),
    );
    receipts.forEach((receipt, i) => {
      const tx = sent[i];
      if (receipt.status !== "success" && tx !== undefined) {
        throw new DevnetError("TX_REVERTED", `Transaction ${tx.what} reverted`, {
          what: tx.what,
          hash: tx.hash,
          blockNumber: receipt.blockNumber,
        });
      }
    });
    return receipts;
  }
}

/** Sends one transaction and waits for its successful receipt. */
export async function sendAndConfirm(
  client: DevnetClient,
  what: string,
  sender: Sender,
): Promise<TransactionReceipt> {
  const batch = new TxBatch(client);
  await batch.send(what, sender);
  const [receipt] = await batch.confirm();
  if (receipt === undefined) {
    throw new DevnetError("TX_FAILED", `Transaction ${what} has no receipt`);
  }
  return receipt;
}

/** The address a creation receipt reports. */
export function createdAddress(receipt: TransactionReceipt | undefined, what: string): Address {
  const address = receipt?.contractAddress;
  if (address === undefined || address === null) {
    throw new DevnetError("EVENT_MISSING", `Deployment of ${what} created no contract`, {
      what,
      hash: receipt?.transactionHash,
    });
  }
  return getAddress(address);
}

/** A viem failure (revert on gas estimation, RPC error) as a DevnetError naming the call. */
export function txError(what: string, cause: unknown): DevnetError {
  if (cause instanceof DevnetError) return cause;
  const reason = revertReason(cause);
  const reverted = reason !== undefined || (cause instanceof BaseError &&
    cause.walk((e) => e instanceof BaseError && /revert/i.test(e.name)) !== null);
  return new DevnetError(
    reverted ? "TX_REVERTED" : "TX_FAILED",
    reason === undefined
      ? `Transaction ${what} failed: ${shortMessage(cause)}`
      : `Transaction ${what} reverted: ${reason}`,
    { what, reason: reason ?? shortMessage(cause) },
    { cause },
  );
}

/** A failed read-only call (a quote, a view) as a DevnetError naming the call. */
export function callError(what: string, cause: unknown): DevnetError {
  if (cause instanceof DevnetError) return cause;
  const reason = revertReason(cause) ?? shortMessage(cause);
  return new DevnetError("CALL_FAILED", `Call ${what} failed: ${reason}`, { what, reason }, {
    cause,
  });
}

/** The contract's revert string or custom error name, when viem decoded one. */
function revertReason(cause: unknown): string | undefined {
  if (!(cause instanceof BaseError)) return undefined;
  const hit = cause.walk((e) =>
    typeof (e as { reason?: unknown }).reason === "string" ||
    typeof (e as { data?: { errorName?: unknown } }).data?.errorName === "string"
  ) as { reason?: string; data?: { errorName?: string } } | null;
  return hit?.reason ?? hit?.data?.errorName;
}

function shortMessage(cause: unknown): string {
  const text = cause instanceof BaseError ? cause.shortMessage : String(cause);
  return text.replace(/\s*\n\s*/g, " ").trim();
}
