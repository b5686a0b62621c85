// lib/portfolio/reconcile.ts — one job: compare the balances the portfolio expects with the
// balances observed (on chain, later), exactly, and report every difference.
import type { EvmTokenId } from "../instrument/mod.ts";
import type { TokenKey } from "./token_key.ts";

/** A balance the portfolio expects to hold. */
export interface ExpectedBalance {
  readonly key: TokenKey;
  readonly token: EvmTokenId;
  readonly decimals: number;
  readonly quantity: bigint;
}

/** One token whose observed balance differs from the expected one. */
export interface BalanceDifference {
  readonly key: TokenKey;
  /** Present when the portfolio knows the token. */
  readonly token?: EvmTokenId;
  readonly decimals?: number;
  readonly expected: bigint;
  readonly actual: bigint;
  /** `actual − expected`, native units: positive means more on chain than booked. */
  readonly difference: bigint;
}

/** The outcome of a reconciliation. */
export interface ReconcileReport {
  /** True when every checked balance matches and none was left unchecked. */
  readonly matched: boolean;
  /** Differences, ordered by token key. */
  readonly differences: readonly BalanceDifference[];
  /** Tokens held (non-zero) for which no observed balance was given, ordered. */
  readonly unchecked: readonly TokenKey[];
}

/**
 * Compare expected balances with observed ones (`key → native units`). A token observed but
 * not booked is expected to be 0; a token booked with a non-zero quantity but not observed is
 * listed as unchecked (never assumed to be 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evmToken } from "../instrument/mod.ts";
 * import { reconcileBalances } from "./reconcile.ts";
 * import { tokenKey } from "./token_key.ts";
 * const token = evmToken("anvil", "0x" + "aa".repeat(20));
 * const key = tokenKey(token);
 * const report = reconcileBalances(
 *   [{ key, token, decimals: 18, quantity: 100n }],
 *   new Map([[key, 97n]]),
 * );
 * assert(!report.matched && report.differences[0]?.difference === -3n);
 * ```
 */
export function reconcileBalances(
  expected: Iterable<ExpectedBalance>,
  actual: ReadonlyMap<TokenKey, bigint>,
): ReconcileReport {
  const differences: BalanceDifference[] = [];
  const unchecked: TokenKey[] = [];
  const booked = new Map<TokenKey, ExpectedBalance>();
  for (const e of expected) {
    const prev = booked.get(e.key);
    booked.set(e.key, prev === undefined ? e : { ...e, quantity: prev.quantity + e.quantity });
  }
  for (const [key, e] of booked) {
    const seen = actual.get(key);
    if (seen === undefined) {
      if (e.quantity !== 0n) unchecked.push(key);
    } else if (seen !== e.quantity) {
      differences.push({
        key,
        token: e.token,
        decimals: e.decimals,
        expected: e.quantity,
        actual: seen,
        difference: seen - e.quantity,
      });
    }
  }
  for (const [key, seen] of actual) {
    if (!booked.has(key) && seen !== 0n) {
      differences.push({ key, expected: 0n, actual: seen, difference: seen });
    }
  }
  differences.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  unchecked.sort();
  return { matched: differences.length === 0 && unchecked.length === 0, differences, unchecked };
}
