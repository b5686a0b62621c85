// lib/devnet/tokens.ts — one job: token ordering and router allowances.
import { type Address, maxUint256 } from "viem";
import { testTokenAbi } from "./abis.ts";
import type { DevnetClient } from "./client.ts";
import { TxBatch } from "./_tx.ts";
import { callError } from "./_tx.ts";

/**
 * The two token addresses in the order pools store them (`token0` < `token1` as numbers).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortTokens } from "./tokens.ts";
 * const [t0] = sortTokens("0xbb00000000000000000000000000000000000000", "0xAA00000000000000000000000000000000000000");
 * assert(t0 === "0xAA00000000000000000000000000000000000000");
 * ```
 */
export function sortTokens(a: Address, b: Address): [Address, Address] {
  return BigInt(a) < BigInt(b) ? [a, b] : [b, a];
}

/** One allowance the client's account must grant: `spender` may move `amount` of `token`. */
export interface AllowanceNeed {
  readonly token: Address;
  readonly spender: Address;
  readonly amount: bigint;
}

/**
 * Approves each spender for the maximum amount where its current allowance is below what is
 * needed, in one batch; needs that are already met send nothing.
 *
 * @throws {DevnetError} `CALL_FAILED` when an allowance cannot be read, `TX_FAILED` or
 * `TX_REVERTED` when an approval fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * import { createDevnetClient } from "./client.ts";
 * import { deployTokens } from "./deploy.ts";
 * import { ensureAllowances } from "./tokens.ts";
 * await using anvil = await startAnvil();
 * const client = createDevnetClient(anvil);
 * const [t] = await deployTokens(client, [{ symbol: "T", decimals: 18 }]);
 * const spender = anvil.accounts[1]!.address;
 * const sent = await ensureAllowances(client, [{ token: t!.address, spender, amount: 5n }]);
 * assert(sent === 1);
 * ```
 */
export async function ensureAllowances(
  client: DevnetClient,
  needs: readonly AllowanceNeed[],
): Promise<number> {
  const owner = client.account.address;
  const current = await Promise.all(needs.map(async ({ token, spender }) => {
    try {
      return await client.readContract({
        address: token,
        abi: testTokenAbi,
        functionName: "allowance",
        args: [owner, spender],
      });
    } catch (cause) {
      throw callError(`allowance of ${token} for ${spender}`, cause);
    }
  }));
  const batch = new TxBatch(client);
  const approved = new Set<string>();
  for (const [i, need] of needs.entries()) {
    const key = `${need.token}:${need.spender}`.toLowerCase();
    if ((current[i] ?? 0n) >= need.amount || approved.has(key)) continue;
    approved.add(key);
    await batch.send(`approve ${need.spender} on ${need.token}`, (nonce) =>
      client.writeContract({
        address: need.token,
        abi: testTokenAbi,
        functionName: "approve",
        args: [need.spender, maxUint256],
        nonce,
      }));
  }
  await batch.confirm();
  return approved.size;
}
