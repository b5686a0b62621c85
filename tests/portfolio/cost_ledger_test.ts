import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type CostLedger,
  EMPTY_LEDGER,
  PortfolioError,
  tradeLedger,
} from "../../lib/portfolio/mod.ts";
import { caught } from "./_fixtures.ts";

const trade = fc.record({
  delta: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
  cash: fc.bigInt({ min: 0n, max: 10n ** 14n }),
});

function run(trades: { delta: bigint; cash: bigint }[]) {
  let ledger: CostLedger = EMPTY_LEDGER;
  let cashIn = 0n;
  let cashOut = 0n;
  for (const t of trades) {
    if (t.delta === 0n) continue;
    ledger = tradeLedger(ledger, t.delta, t.cash);
    if (t.delta > 0n) cashOut += t.cash;
    else cashIn += t.cash;
  }
  return { ledger, cashIn, cashOut };
}

Deno.test("tradeLedger conserves cash: realised minus cost basis equals cash in minus cash out", () => {
  fc.assert(
    fc.property(fc.array(trade, { maxLength: 40 }), (trades) => {
      const { ledger, cashIn, cashOut } = run(trades);
      assert.equal(ledger.realizedPnlUsd - ledger.costBasisUsd, cashIn - cashOut);
    }),
  );
});

Deno.test("tradeLedger leaves no cost basis on a closed position", () => {
  fc.assert(
    fc.property(fc.array(trade, { maxLength: 40 }), (trades) => {
      const { ledger } = run(trades);
      const closed = tradeLedger(ledger, -ledger.quantity, 0n);
      assert.equal(closed.quantity, 0n);
      assert.equal(closed.costBasisUsd, 0n);
    }),
  );
});

Deno.test("tradeLedger realises nothing on a position opened and closed for the same cash", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }).filter((q) => q !== 0n),
      fc.bigInt({ min: 0n, max: 10n ** 14n }),
      (q, cash) => {
        const closed = tradeLedger(tradeLedger(EMPTY_LEDGER, q, cash), -q, cash);
        assert.deepEqual(closed, EMPTY_LEDGER);
      },
    ),
  );
});

Deno.test("tradeLedger removes cost pro rata, truncated, and the rest on close", () => {
  let l = tradeLedger(EMPTY_LEDGER, 3n, 100n); // cost 100 for 3: 33.33… each
  l = tradeLedger(l, -1n, 40n); // removes 33
  assert.deepEqual(l, { quantity: 2n, costBasisUsd: 67n, realizedPnlUsd: 7n });
  l = tradeLedger(l, -1n, 40n); // removes 33
  assert.deepEqual(l, { quantity: 1n, costBasisUsd: 34n, realizedPnlUsd: 14n });
  l = tradeLedger(l, -1n, 40n); // removes the last 34
  assert.deepEqual(l, { quantity: 0n, costBasisUsd: 0n, realizedPnlUsd: 20n });
});

Deno.test("tradeLedger splits a trade that crosses zero between closing and opening", () => {
  // long 2 at cost 200, sell 5 for 500: close 2 (cash 200, P&L 0), open short 3 (cash 300)
  const l = tradeLedger(tradeLedger(EMPTY_LEDGER, 2n, 200n), -5n, 500n);
  assert.deepEqual(l, { quantity: -3n, costBasisUsd: -300n, realizedPnlUsd: 0n });
  // cover the short for 240: gain 60
  assert.deepEqual(tradeLedger(l, 3n, 240n), {
    quantity: 0n,
    costBasisUsd: 0n,
    realizedPnlUsd: 60n,
  });
});

Deno.test("tradeLedger refuses negative cash and cash without tokens", () => {
  for (const [delta, cash] of [[1n, -1n], [0n, 5n]] as const) {
    const err = caught(() => tradeLedger(EMPTY_LEDGER, delta, cash));
    assert(err instanceof PortfolioError && err.code === "BAD_AMOUNT");
  }
  assert.equal(tradeLedger(EMPTY_LEDGER, 0n, 0n), EMPTY_LEDGER);
});
