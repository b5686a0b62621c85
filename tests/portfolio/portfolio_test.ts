import assert from "node:assert/strict";
import fc from "fast-check";
import { evmToken, instrumentToBytes } from "../../lib/instrument/mod.ts";
import {
  Portfolio,
  PortfolioError,
  type PortfolioErrorCode,
  StaticPriceSource,
  tokenKey,
  usd,
  usdValue,
} from "../../lib/portfolio/mod.ts";
import { bytesToHex } from "../../lib/protocol/mod.ts";
import { caught, ETH, fill, ONE_ETH, ONE_USDC, setup, USDC, WBTC, WETH } from "./_fixtures.ts";

function rejects(f: () => unknown, code: PortfolioErrorCode): PortfolioError {
  const err = caught(f);
  assert(err instanceof PortfolioError, `expected a PortfolioError, got ${err}`);
  assert.equal(err.code, code, err.message);
  return err;
}

Deno.test("deposit books the quantity at its market value and counts it as contributed", () => {
  const { portfolio } = setup();
  const [update] = portfolio.deposit(USDC, 10_000n * ONE_USDC);
  assert.deepEqual(update, {
    token: tokenKey(USDC),
    venue: 0,
    quantity: 10_000n * ONE_USDC,
    decimals: 6,
    avgCostUsd: usd("1"),
    realizedPnlUsd: 0n,
    unrealizedPnlUsd: 0n,
  });
  assert.equal(portfolio.navUsd(), usd("10000"));
  assert.equal(portfolio.contributedUsd, usd("10000"));
});

Deno.test("applyFill moves both tokens, books the paid value as cost and emits one update per position", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 10_000n * ONE_USDC);
  const result = portfolio.applyFill(fill(USDC, 3_000n * ONE_USDC, WETH, ONE_ETH));
  assert.equal(result.tradeValueUsd, usd("3000"));
  assert.equal(result.realizedPnlUsd, 0n);
  assert.deepEqual(result.updates, [
    {
      token: tokenKey(USDC),
      venue: 0,
      quantity: 7_000n * ONE_USDC,
      decimals: 6,
      avgCostUsd: usd("1"),
      realizedPnlUsd: 0n,
      unrealizedPnlUsd: 0n,
    },
    {
      token: tokenKey(WETH),
      venue: 0,
      quantity: ONE_ETH,
      decimals: 18,
      avgCostUsd: usd("3000"),
      realizedPnlUsd: 0n,
      unrealizedPnlUsd: 0n,
    },
  ]);
});

Deno.test("P&L follows average cost exactly through a price move and a partial sale", () => {
  const { portfolio, prices } = setup();
  portfolio.deposit(USDC, 10_000n * ONE_USDC);
  portfolio.applyFill(fill(USDC, 3_000n * ONE_USDC, WETH, ONE_ETH));
  portfolio.applyFill(fill(USDC, 3_300n * ONE_USDC, WETH, ONE_ETH)); // paid 3300 for the 2nd
  prices.set(WETH, { num: 3_600n, den: 1n });
  const weth = portfolio.positionUpdates().find((u) => u.token === tokenKey(WETH))!;
  assert.equal(weth.avgCostUsd, usd("3150"));
  assert.equal(weth.unrealizedPnlUsd, usd("900")); // 7200 − 6300
  const sale = portfolio.applyFill(fill(WETH, ONE_ETH / 2n, USDC, 1_800n * ONE_USDC));
  assert.equal(sale.tradeValueUsd, usd("1800"));
  assert.equal(sale.realizedPnlUsd, usd("225")); // 1800 − 1575
  const after = sale.updates.find((u) => u.token === tokenKey(WETH))!;
  assert.equal(after.avgCostUsd, usd("3150"));
  assert.equal(after.unrealizedPnlUsd, usd("675")); // 1.5 × (3600 − 3150)
  assert.equal(portfolio.pnl().totalUsd, usd("900"));
});

Deno.test("gas leaves the wallet in the native token and is lost at its cost basis", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 10_000n * ONE_USDC);
  portfolio.deposit(ETH, ONE_ETH);
  const gas = { gasUsed: 150_000n, gasPriceWei: 20_000_000_000n }; // 0.003 ETH
  const result = portfolio.applyFill(fill(USDC, 3_000n * ONE_USDC, WETH, ONE_ETH, gas));
  assert.equal(result.gasCostUsd, usd("9"));
  assert.equal(result.realizedPnlUsd, -usd("9"));
  const eth = result.updates.find((u) => u.token === tokenKey(ETH))!;
  assert.equal(eth.quantity, ONE_ETH - 3_000_000_000_000_000n);
  assert.equal(eth.realizedPnlUsd, -usd("9"));
  assert.equal(portfolio.pnl().totalUsd, -usd("9"));
});

Deno.test("buying and selling back at the same price gives zero P&L, minus gas, to the unit", () => {
  // prices and sizes kept within the wire's i64 USD range (about 9.2e10 USD)
  const price = fc.record({
    num: fc.bigInt({ min: 1n, max: 10n ** 6n }),
    den: fc.bigInt({ min: 1n, max: 10n ** 9n }),
  });
  fc.assert(
    fc.property(
      price,
      price,
      fc.bigInt({ min: 1n, max: 10n ** 12n }),
      fc.bigInt({ min: 1n, max: 10n ** 22n }),
      fc.bigInt({ min: 0n, max: 10n ** 16n }),
      fc.bigInt({ min: 0n, max: 10n ** 16n }),
      (pw, pe, paid, got, gas1, gas2) => {
        const { portfolio } = setup({ weth: pw, eth: pe, usdc: { num: 1n, den: 1n } });
        const usdc0 = 10n ** 13n;
        const eth0 = 10n ** 18n;
        portfolio.deposit(USDC, usdc0);
        portfolio.deposit(ETH, eth0);
        portfolio.applyFill(fill(USDC, paid, WETH, got, { gasUsed: gas1, gasPriceWei: 1n }));
        portfolio.applyFill(fill(WETH, got, USDC, paid, { gasUsed: gas2, gasPriceWei: 1n }));
        const byToken = new Map(portfolio.positionUpdates().map((u) => [u.token, u]));
        const total = (t: typeof USDC) => {
          const u = byToken.get(tokenKey(t))!;
          return u.realizedPnlUsd + u.unrealizedPnlUsd;
        };
        // the swap legs cancel exactly, whatever the rounding of each valuation
        assert.equal(total(USDC) + total(WETH), 0n);
        // the loss is the fall in value of the ETH held: the floored value of the gas, ±1 unit
        const fee = usdValue(eth0, 18, pe) - usdValue(eth0 - gas1 - gas2, 18, pe);
        assert.equal(total(ETH), -fee);
        assert.equal(portfolio.pnl().totalUsd, -fee);
        const gasValue = usdValue(gas1 + gas2, 18, pe);
        assert(fee - gasValue === 0n || fee - gasValue === 1n);
        if (gas1 + gas2 === 0n) assert.equal(portfolio.pnl().totalUsd, 0n);
      },
    ),
  );
});

Deno.test("total P&L always equals NAV minus net contributions, exactly", () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("buy" as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 10n }),
      out: fc.bigInt({ min: 0n, max: 10n ** 19n }),
      gas: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    }),
    fc.record({
      kind: fc.constant("sell" as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 19n }),
      out: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      gas: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    }),
    fc.record({
      kind: fc.constant("price" as const),
      num: fc.bigInt({ min: 1n, max: 10n ** 7n }),
      den: fc.bigInt({ min: 1n, max: 1000n }),
    }),
    fc.record({
      kind: fc.constant("deposit" as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 10n }),
    }),
    fc.record({
      kind: fc.constant("withdraw" as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const { portfolio, prices } = setup();
      portfolio.deposit(USDC, 10n ** 11n);
      portfolio.deposit(ETH, 10n ** 18n);
      for (const o of ops) {
        if (o.kind === "buy") {
          portfolio.applyFill(
            fill(USDC, o.amount, WETH, o.out, { gasUsed: o.gas, gasPriceWei: 1n }),
          );
        } else if (o.kind === "sell") {
          portfolio.applyFill(
            fill(WETH, o.amount, USDC, o.out, { gasUsed: o.gas, gasPriceWei: 1n }),
          );
        } else if (o.kind === "price") prices.set(WETH, { num: o.num, den: o.den });
        else if (o.kind === "deposit") portfolio.deposit(USDC, o.amount);
        else if ((portfolio.position(USDC)?.quantity ?? 0n) >= o.amount) {
          portfolio.withdraw(USDC, o.amount);
        }
        assert.equal(portfolio.pnl().totalUsd, portfolio.navUsd() - portfolio.contributedUsd);
      }
    }),
  );
});

Deno.test("every valuation rounds toward minus infinity, short positions included", () => {
  const third = { num: 1n, den: 3n };
  const { portfolio } = setup({ weth: third, usdc: third });
  portfolio.deposit(USDC, 1_000_000n); // 1 USDC at 1/3 USD: 33333333.33… units
  assert.equal(portfolio.navUsd(), 33_333_333n);
  // pay 2 USDC out of 1 held: short 1 USDC, valued −33333334 (floored)
  portfolio.applyFill(fill(USDC, 2_000_000n, WETH, ONE_ETH));
  assert.equal(portfolio.position(USDC)?.quantity, -1_000_000n);
  const usdcValue = portfolio.exposures().find((e) => e.key === tokenKey(USDC))!.valueUsd;
  assert.equal(usdcValue, -33_333_334n);
});

Deno.test("a fill paying tokens for nothing is a realised loss of their cost", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 100n * ONE_USDC);
  const r = portfolio.applyFill(fill(USDC, 40n * ONE_USDC, WETH, 0n));
  assert.equal(r.tradeValueUsd, 0n);
  assert.equal(r.realizedPnlUsd, -usd("40"));
  assert.equal(r.updates.length, 1);
  assert.equal(portfolio.pnl().totalUsd, -usd("40"));
});

Deno.test("applyFill settles at the venue given and takes gas from the wallet", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 5_000n * ONE_USDC, 1);
  portfolio.deposit(ETH, ONE_ETH);
  const r = portfolio.applyFill(
    fill(USDC, 3_000n * ONE_USDC, WETH, ONE_ETH, { gasUsed: 1n, gasPriceWei: 1n }),
    { venue: 1 },
  );
  assert.deepEqual(r.updates.map((u) => [u.token, u.venue]), [
    [tokenKey(USDC), 1],
    [tokenKey(WETH), 1],
    [tokenKey(ETH), 0],
  ]);
  const view = portfolio.riskView();
  assert.equal(view.venueHoldingsUsd.get(1), usd("5000"));
  assert.equal(view.venueHoldingsUsd.get(0), usdValue(ONE_ETH - 1n, 18, { num: 3000n, den: 1n }));
  assert.equal(view.tokenPositionsUsd.get(tokenKey(WETH)), usd("3000"));
});

Deno.test("exposures sum a token over venues and riskView reports gross exposure", () => {
  const { portfolio } = setup();
  portfolio.deposit(WBTC, 10n ** 8n, 0);
  portfolio.deposit(WBTC, 5n * 10n ** 7n, 2);
  portfolio.deposit(USDC, 1_000n * ONE_USDC);
  portfolio.applyFill(fill(USDC, 4_000n * ONE_USDC, WETH, ONE_ETH)); // USDC short 3000
  const wbtc = portfolio.exposures().find((e) => e.key === tokenKey(WBTC))!;
  assert.equal(wbtc.quantity, 15n * 10n ** 7n);
  assert.equal(wbtc.valueUsd, usd("90000"));
  const view = portfolio.riskView();
  assert.equal(view.navUsd, usd("90000") - usd("3000") + usd("3000"));
  assert.equal(view.grossExposureUsd, usd("90000") + usd("3000") + usd("3000"));
});

Deno.test("mark tracks the peak NAV and the drawdown from it; deposits move the peak", () => {
  const { portfolio, prices } = setup();
  portfolio.deposit(WETH, 10n * ONE_ETH);
  assert.deepEqual(portfolio.mark(), {
    navUsd: usd("30000"),
    peakNavUsd: usd("30000"),
    drawdownBps: 0,
  });
  prices.set(WETH, { num: 2_850n, den: 1n });
  assert.deepEqual(portfolio.mark(), {
    navUsd: usd("28500"),
    peakNavUsd: usd("30000"),
    drawdownBps: 500,
  });
  portfolio.deposit(WETH, ONE_ETH); // +2850 of capital is no recovery
  assert.deepEqual(portfolio.mark(), {
    navUsd: usd("31350"),
    peakNavUsd: usd("32850"),
    drawdownBps: 456,
  });
  prices.set(WETH, { num: 3_100n, den: 1n });
  assert.deepEqual(portfolio.mark(), {
    navUsd: usd("34100"),
    peakNavUsd: usd("34100"),
    drawdownBps: 0,
  });
});

Deno.test("applyFill refuses an unregistered token and changes nothing", () => {
  const { portfolio } = setup();
  portfolio.deposit(USDC, 100n * ONE_USDC);
  const dai = evmToken("anvil", "0x" + "da".repeat(20));
  const err = rejects(
    () => portfolio.applyFill(fill(USDC, ONE_USDC, dai, 10n ** 18n)),
    "UNKNOWN_TOKEN",
  );
  assert.match(err.message, /anvil:token:0xdada/);
  assert.equal(portfolio.position(USDC)?.quantity, 100n * ONE_USDC);
});

Deno.test("applyFill is all or nothing when the gas token has no price", () => {
  const { portfolio, prices } = setup();
  portfolio.deposit(USDC, 100n * ONE_USDC);
  prices.delete(ETH);
  rejects(
    () =>
      portfolio.applyFill(fill(USDC, ONE_USDC, WETH, 10n ** 15n, { gasUsed: 1n, gasPriceWei: 1n })),
    "PRICE_UNAVAILABLE",
  );
  assert.equal(portfolio.position(USDC)?.quantity, 100n * ONE_USDC);
  assert.equal(portfolio.position(WETH), undefined);
});

Deno.test("applyFill refuses a fill that is not on a DEX pool or swaps a token for itself", () => {
  const { portfolio } = setup();
  const onToken = { ...fill(USDC, 1n, WETH, 1n), instrument: bytesToHex(instrumentToBytes(WETH)) };
  assert.match(rejects(() => portfolio.applyFill(onToken), "BAD_FILL").message, /evm_token/);
  rejects(
    () => portfolio.applyFill({ ...fill(USDC, 1n, WETH, 1n), instrument: "0x1234" }),
    "BAD_FILL",
  );
  rejects(() => portfolio.applyFill(fill(USDC, 1n, USDC, 1n)), "BAD_FILL");
  rejects(() => portfolio.applyFill(fill(USDC, 1n, WETH, 1n), { venue: 70_000 }), "BAD_VENUE");
});

Deno.test("withdraw realises P&L, reduces contributions, and refuses more than held", () => {
  const { portfolio, prices } = setup();
  portfolio.deposit(WETH, 2n * ONE_ETH);
  prices.set(WETH, { num: 3_300n, den: 1n });
  const [u] = portfolio.withdraw(WETH, ONE_ETH);
  assert.equal(u?.realizedPnlUsd, usd("300"));
  assert.equal(portfolio.contributedUsd, usd("6000") - usd("3300"));
  rejects(() => portfolio.withdraw(WETH, 2n * ONE_ETH), "BAD_AMOUNT");
  rejects(() => portfolio.deposit(WETH, 0n), "BAD_AMOUNT");
});

Deno.test("registerToken refuses bad or conflicting decimals", () => {
  const p = new Portfolio({ prices: new StaticPriceSource() });
  p.registerToken(WETH, 18);
  p.registerToken(WETH, 18);
  assert.equal(p.decimalsOf(WETH), 18);
  rejects(() => p.registerToken(WETH, 6), "DECIMALS_CONFLICT");
  rejects(() => p.registerToken(USDC, 256), "BAD_DECIMALS");
  rejects(() => p.registerToken(USDC, 1.5), "BAD_DECIMALS");
});

Deno.test("a P&L outside the wire's i64 range is refused, an absurd average cost saturates", () => {
  const { portfolio, prices } = setup();
  prices.set(WETH, { num: 10n ** 12n, den: 1n });
  const [u] = portfolio.deposit(WETH, 10n ** 18n); // 1e12 USD per token: 1e20 units
  assert.equal(u?.avgCostUsd, (1n << 63n) - 1n);
  assert.equal(u?.unrealizedPnlUsd, 0n);
  prices.set(WETH, { num: 10n ** 13n, den: 1n });
  const err = rejects(() => portfolio.positionUpdates(), "VALUE_OUT_OF_RANGE");
  assert.equal(err.details.field, "unrealizedPnlUsd");
});
