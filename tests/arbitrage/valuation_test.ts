import assert from "node:assert/strict";
import fc from "fast-check";
import { createV2PoolState, createV3PoolState } from "../../lib/amm/mod.ts";
import {
  ArbitrageError,
  convertAmount,
  DEFAULT_GAS_MODEL,
  DEFAULT_PROFIT_GUARD,
  guardAllows,
  netProfit,
  pathUsdValue,
  profitGuard,
  routeGasUnits,
  USD_ONE,
  v2SpotRate,
  v3SpotRate,
} from "../../lib/arbitrage/mod.ts";

const rate = fc.record({
  numerator: fc.bigInt({ min: 0n, max: 1n << 160n }),
  denominator: fc.bigInt({ min: 1n, max: 1n << 160n }),
});

Deno.test("convertAmount multiplies the rates exactly and rounds once, down or up", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(1n << 128n), max: 1n << 128n }),
      fc.array(rate, { maxLength: 3 }),
      (
        amount,
        rates,
      ) => {
        const num = rates.reduce((n, r) => n * r.numerator, amount);
        const den = rates.reduce((d, r) => d * r.denominator, 1n);
        const lo = convertAmount(amount, rates, "floor");
        const hi = convertAmount(amount, rates, "ceil");
        // lo = ⌊num/den⌋ and hi = ⌈num/den⌉
        assert.ok(lo * den <= num && (lo + 1n) * den > num);
        assert.ok(hi * den >= num && (hi - 1n) * den < num);
      },
    ),
  );
});

Deno.test("convertAmount rejects a rate over a zero denominator", () => {
  assert.throws(
    () => convertAmount(1n, [{ numerator: 1n, denominator: 0n }], "floor"),
    (e) => e instanceof ArbitrageError && e.code === "INVALID_AMOUNT",
  );
});

Deno.test("spot rates are the reserve ratio (V2) and the squared sqrt price (V3), both ways", () => {
  const v2 = createV2PoolState(2n * 10n ** 18n, 6000n * 10n ** 6n); // 2 WETH, 6000 USDC
  assert.equal(convertAmount(10n ** 18n, [v2SpotRate(v2, true)], "floor"), 3000n * 10n ** 6n);
  assert.equal(convertAmount(3000n * 10n ** 6n, [v2SpotRate(v2, false)], "floor"), 10n ** 18n);
  const v3 = createV3PoolState({ sqrtPriceX96: 3n << 96n, fee: 500, tickSpacing: 10 }); // price 9
  assert.equal(convertAmount(10n, [v3SpotRate(v3, true)], "floor"), 90n);
  assert.equal(convertAmount(90n, [v3SpotRate(v3, false)], "floor"), 10n);
});

Deno.test("pathUsdValue scales a stablecoin amount to 8 decimals through the given rates", () => {
  assert.equal(pathUsdValue(1_234_567n, { rates: [], stableDecimals: 6 }, "floor"), 123_456_700n);
  assert.equal(pathUsdValue(10n ** 18n, { rates: [], stableDecimals: 18 }, "floor"), USD_ONE);
  // 1 WETH at 3000 USDC: 3000 USD; one wei: 0.000000000000003 USD, which floors to 0
  const wethUsdc = { numerator: 3000n * 10n ** 6n, denominator: 10n ** 18n };
  const path = { rates: [wethUsdc], stableDecimals: 6 };
  assert.equal(pathUsdValue(10n ** 18n, path, "floor"), 3000n * USD_ONE);
  assert.equal(pathUsdValue(1n, path, "floor"), 0n);
  assert.equal(pathUsdValue(1n, path, "ceil"), 1n);
});

Deno.test("routeGasUnits adds the base, each hop and each V3 tick crossed", () => {
  const m = { baseGas: 1n, v2HopGas: 10n, v3HopGas: 100n, v3TickCrossGas: 1000n };
  const gas = routeGasUnits(m, [
    { protocol: "v2", ticksCrossed: 0 },
    { protocol: "v3", ticksCrossed: 3 },
    { protocol: "v3", ticksCrossed: 0 },
  ]);
  assert.equal(gas, 1n + 10n + 100n + 3000n + 100n);
  assert.throws(
    () => routeGasUnits({ ...DEFAULT_GAS_MODEL, baseGas: -1n }, []),
    (e) => e instanceof ArbitrageError && e.code === "INVALID_OPTION",
  );
});

Deno.test("netProfit converts gas into the input token rounding up, and USD conservatively", () => {
  const usdcPerWeth = { numerator: 3000n * 10n ** 6n, denominator: 10n ** 18n };
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: 21_000n, max: 2_000_000n }),
      fc.bigInt({ min: 1n, max: 500n * 10n ** 9n }),
      (gross, gasUnits, gasPriceWei) => {
        const n = netProfit({
          grossProfit: gross,
          gasUnits,
          gasPriceWei,
          nativeToInput: [usdcPerWeth],
          inputUsd: { rates: [], stableDecimals: 6 },
          nativeUsd: { rates: [usdcPerWeth], stableDecimals: 6 },
        });
        const wei = gasUnits * gasPriceWei;
        assert.equal(n.gasCostWei, wei);
        // gasCostIn = ⌈wei · 3000e6 / 1e18⌉
        assert.ok(n.gasCostIn * 10n ** 18n >= wei * 3000n * 10n ** 6n);
        assert.ok((n.gasCostIn - 1n) * 10n ** 18n < wei * 3000n * 10n ** 6n);
        assert.equal(n.netProfit, gross - n.gasCostIn);
        assert.equal(n.netProfitUsd, n.netProfit * 100n); // 6 → 8 decimals, exact
        assert.ok(n.gasCostUsd! * 10n ** 18n >= wei * 3000n * USD_ONE);
      },
    ),
  );
});

Deno.test("netProfit leaves USD figures undefined without a USD path", () => {
  const n = netProfit({ grossProfit: 5n, gasUnits: 1n, gasPriceWei: 1n, nativeToInput: [] });
  assert.equal(n.netProfit, 4n);
  assert.equal(n.netProfitUsd, undefined);
  assert.equal(n.gasCostUsd, undefined);
});

Deno.test("the default guard asks for 1 USD of net profit and a USD valuation", () => {
  const t = "0x" + "02".repeat(20);
  assert.equal(DEFAULT_PROFIT_GUARD.minNetProfitUsd, USD_ONE);
  assert.ok(guardAllows(DEFAULT_PROFIT_GUARD, t, 1n, USD_ONE));
  assert.ok(!guardAllows(DEFAULT_PROFIT_GUARD, t, 1n, USD_ONE - 1n));
  assert.ok(!guardAllows(DEFAULT_PROFIT_GUARD, t, 10n ** 6n, undefined));
  assert.ok(!guardAllows(DEFAULT_PROFIT_GUARD, t, 0n, 10n * USD_ONE), "net must be positive");
});

Deno.test("a per-token guard applies in native units and the USD guard can be turned off", () => {
  const weth = "0x" + "0A".repeat(20);
  const g = profitGuard({ minNetProfitUsd: null, minNetProfit: { [weth]: 10n ** 15n } });
  const key = weth.toLowerCase();
  assert.ok(guardAllows(g, key, 10n ** 15n, undefined));
  assert.ok(!guardAllows(g, key, 10n ** 15n - 1n, undefined));
  assert.ok(guardAllows(g, "0x" + "0b".repeat(20), 1n, undefined));
  assert.throws(
    () => profitGuard({ minNetProfitUsd: -1n }),
    (e) => e instanceof ArbitrageError && e.code === "INVALID_OPTION",
  );
});

Deno.test("the guard refuses USD figures outside i64", () => {
  const g = profitGuard({ minNetProfitUsd: 0n });
  assert.ok(!guardAllows(g, "0x00", 1n, 1n << 63n));
  assert.ok(guardAllows(g, "0x00", 1n, (1n << 63n) - 1n));
});
