import assert from "node:assert/strict";
import fc from "fast-check";
import { reconcileBalances, tokenKey } from "../../lib/portfolio/mod.ts";
import { ETH, fill, ONE_ETH, ONE_USDC, setup, USDC, WBTC, WETH } from "./_fixtures.ts";

Deno.test("reconcile matches when every booked balance is observed exactly", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 10_000n * ONE_USDC);
  portfolio.deposit(ETH, ONE_ETH);
  portfolio.applyFill(
    fill(USDC, 3_000n * ONE_USDC, WETH, ONE_ETH, { gasUsed: 10n, gasPriceWei: 7n }),
  );
  const report = portfolio.reconcile(
    new Map([
      [tokenKey(USDC), 7_000n * ONE_USDC],
      [tokenKey(WETH), ONE_ETH],
      [tokenKey(ETH), ONE_ETH - 70n],
    ]),
  );
  assert.deepEqual(report, { matched: true, differences: [], unchecked: [] });
});

Deno.test("reconcile reports the exact difference of each token, booked or not", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 100n * ONE_USDC);
  portfolio.deposit(WETH, ONE_ETH);
  const report = portfolio.reconcile(
    new Map([
      [tokenKey(USDC), 100n * ONE_USDC - 1n],
      [tokenKey(WETH), ONE_ETH],
      [tokenKey(WBTC), 5n],
    ]),
  );
  assert.equal(report.matched, false);
  const byKey = new Map(report.differences.map((d) => [d.key, d]));
  assert.deepEqual(byKey.get(tokenKey(USDC)), {
    key: tokenKey(USDC),
    token: USDC,
    decimals: 6,
    expected: 100n * ONE_USDC,
    actual: 100n * ONE_USDC - 1n,
    difference: -1n,
  });
  assert.deepEqual(byKey.get(tokenKey(WBTC)), {
    key: tokenKey(WBTC),
    expected: 0n,
    actual: 5n,
    difference: 5n,
  });
  assert.equal(report.differences.length, 2);
});

Deno.test("reconcile lists a held token with no observed balance as unchecked, never as zero", () => {
  const { portfolio } = setup();
  portfolio.deposit(WETH, ONE_ETH);
  portfolio.deposit(WBTC, 3n, 2); // another venue: not part of the wallet check
  const report = portfolio.reconcile(new Map());
  assert.deepEqual(report, { matched: false, differences: [], unchecked: [tokenKey(WETH)] });
  assert.deepEqual(portfolio.reconcile(new Map([[tokenKey(WBTC), 3n]]), 2).matched, true);
});

Deno.test("reconcileBalances: observed minus expected is exactly each difference", () => {
  const keys = [USDC, WETH, WBTC, ETH].map((t) => ({ token: t, key: tokenKey(t) }));
  const amount = fc.option(fc.bigInt({ min: 0n, max: 10n ** 30n }), { nil: undefined });
  fc.assert(
    fc.property(
      fc.tuple(amount, amount, amount, amount),
      fc.tuple(amount, amount, amount, amount),
      (booked, seen) => {
        const expected = keys.flatMap((k, i) =>
          booked[i] === undefined ? [] : [{ ...k, decimals: 18, quantity: booked[i]! }]
        );
        const actual = new Map(
          keys.flatMap((k, i) => seen[i] === undefined ? [] : [[k.key, seen[i]!] as const]),
        );
        const report = reconcileBalances(expected, actual);
        for (const [i, k] of keys.entries()) {
          const b = booked[i] ?? 0n;
          const d = report.differences.find((x) => x.key === k.key);
          if (seen[i] === undefined) {
            assert.equal(d, undefined);
            assert.equal(report.unchecked.includes(k.key), b !== 0n);
          } else {
            assert.equal(d?.difference ?? 0n, seen[i]! - b);
          }
        }
        assert.equal(
          report.matched,
          report.differences.length === 0 && report.unchecked.length === 0,
        );
      },
    ),
  );
});
