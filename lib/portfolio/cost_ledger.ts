// lib/portfolio/cost_ledger.ts — one job: average-cost accounting of one position in exact
// USD fixed point, long or short, with no rounding drift.
import { PortfolioError } from "./errors.ts";

/**
 * The accounting state of one position. `costBasisUsd` is the cash paid for the quantity held
 * (negative for a short: the cash received for it); `realizedPnlUsd` is cumulative.
 */
export interface CostLedger {
  readonly quantity: bigint;
  readonly costBasisUsd: bigint;
  readonly realizedPnlUsd: bigint;
}

/** An empty ledger: no quantity, no cost, no realised P&L. */
export const EMPTY_LEDGER: CostLedger = Object.freeze({
  quantity: 0n,
  costBasisUsd: 0n,
  realizedPnlUsd: 0n,
});

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * The ledger after a trade of `delta` native units (positive: received, negative: paid away)
 * against `cashUsd` ≥ 0 (paid for a receipt, received for a disposal; 0 for gas burnt).
 *
 * - A trade that opens or adds to the position adds the cash to the cost basis.
 * - A trade that reduces it removes the basis pro rata, `basis · |delta| / |quantity|`
 *   truncated toward zero; closing the position removes all that is left, so the removed
 *   parts always sum to the basis paid. Realised P&L += cash in − basis removed.
 * - A trade that crosses zero is split: the closing part gets `cash · |quantity| / |delta|`
 *   (truncated), the opening part the rest.
 *
 * Hence, exactly, for any sequence of trades: realised + (value − basis) = value + cash in −
 * cash out.
 *
 * @throws {PortfolioError} `BAD_AMOUNT` for a negative cash amount, or cash without tokens
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EMPTY_LEDGER, tradeLedger } from "./cost_ledger.ts";
 * let l = tradeLedger(EMPTY_LEDGER, 3n, 300n); // buy 3 for 300
 * l = tradeLedger(l, -1n, 150n); // sell 1 for 150: basis 100 removed
 * assert.deepEqual(l, { quantity: 2n, costBasisUsd: 200n, realizedPnlUsd: 50n });
 * ```
 */
export function tradeLedger(ledger: CostLedger, delta: bigint, cashUsd: bigint): CostLedger {
  if (cashUsd < 0n) {
    throw new PortfolioError("BAD_AMOUNT", `Cash of a trade must not be negative, got ${cashUsd}`, {
      cashUsd,
    });
  }
  const { quantity: q, costBasisUsd: basis, realizedPnlUsd: realized } = ledger;
  // cash sign as seen by the account: a receipt of tokens pays cash out, a disposal takes it in
  const cashIn = delta > 0n ? -cashUsd : cashUsd;
  if (delta === 0n) {
    if (cashUsd === 0n) return ledger;
    throw new PortfolioError("BAD_AMOUNT", `Cash ${cashUsd} moved without any tokens`, {
      cashUsd,
    });
  }
  if (q === 0n || (q > 0n) === (delta > 0n)) {
    return { quantity: q + delta, costBasisUsd: basis - cashIn, realizedPnlUsd: realized };
  }
  const absQ = abs(q);
  const absD = abs(delta);
  if (absD <= absQ) {
    const removed = absD === absQ ? basis : (basis * absD) / absQ;
    return {
      quantity: q + delta,
      costBasisUsd: basis - removed,
      realizedPnlUsd: realized + cashIn - removed,
    };
  }
  const cashClose = (cashIn * absQ) / absD;
  return {
    quantity: q + delta,
    costBasisUsd: -(cashIn - cashClose),
    realizedPnlUsd: realized + cashClose - basis,
  };
}
