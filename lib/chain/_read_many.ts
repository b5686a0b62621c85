// lib/chain/_read_many.ts — one job: many view calls in few round trips: Multicall3 where the
// chain has it, else concurrent calls that the HTTP transport sends as JSON-RPC batches.
import type { Abi, Address, PublicClient } from "viem";
import type { RateLimiter } from "./rate_limiter.ts";
import { rpcFailure } from "./rpc_client.ts";

/**
 * The canonical Multicall3 address (the same on every chain that has it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MULTICALL3 } from "./_read_many.ts";
 * assert(MULTICALL3.length === 42);
 * ```
 */
export const MULTICALL3: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

/** One view call. */
export interface ViewCall {
  readonly address: Address;
  readonly abi: Abi;
  readonly functionName: string;
  readonly args?: readonly unknown[];
}

/** A call's result, or its failure (a revert: the contract does not have that view). */
export type ViewResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** How to send calls. */
export interface ReadManyOptions {
  /** Use Multicall3 at this address. */
  readonly multicall?: Address | undefined;
  readonly limiter?: RateLimiter | undefined;
  /** Calls per round trip (default 200). */
  readonly chunk?: number;
  /** Shown in errors. */
  readonly rpcUrl: string;
}

/** Whether the chain has Multicall3 deployed at its canonical address. */
export async function hasMulticall3(client: PublicClient, rpcUrl: string): Promise<boolean> {
  try {
    const code = await client.getCode({ address: MULTICALL3 });
    return code !== undefined && code !== "0x";
  } catch (e) {
    throw rpcFailure(e, rpcUrl);
  }
}

/** Runs every call, in chunks under the rate limit; a revert is `{ ok: false }`. */
export async function readMany(
  client: PublicClient,
  calls: readonly ViewCall[],
  options: ReadManyOptions,
): Promise<ViewResult[]> {
  const chunk = options.chunk ?? 200;
  const out: ViewResult[] = [];
  for (let i = 0; i < calls.length; i += chunk) {
    const part = calls.slice(i, i + chunk);
    await options.limiter?.take(options.multicall === undefined ? part.length : 1);
    if (options.multicall !== undefined) {
      let results;
      try {
        results = await client.multicall({
          contracts: part as never,
          allowFailure: true,
          multicallAddress: options.multicall,
        });
      } catch (e) {
        throw rpcFailure(e, options.rpcUrl);
      }
      for (const r of results as { status: string; result?: unknown }[]) {
        out.push(r.status === "success" ? { ok: true, value: r.result } : { ok: false });
      }
      continue;
    }
    const results = await Promise.all(part.map(async (c): Promise<ViewResult> => {
      try {
        return { ok: true, value: await client.readContract(c as never) };
      } catch (e) {
        if (rpcFailure(e, options.rpcUrl).code === "RPC_UNREACHABLE") throw e;
        return { ok: false };
      }
    })).catch((e) => {
      throw rpcFailure(e, options.rpcUrl);
    });
    out.push(...results);
  }
  return out;
}
