import assert from "node:assert/strict";
import fc from "fast-check";
import { createV2PoolState, createV3PoolState } from "../../lib/amm/mod.ts";
import {
  ArbitrageError,
  assertRoute,
  MAX_ROUTE_HOPS,
  routeAmounts,
  routeProfit,
  v2Hop,
  v3Hop,
} from "../../lib/arbitrage/mod.ts";
import { referenceOut, v3PoolAt } from "./_fixtures.ts";

Deno.test("routeAmounts chains each hop's exact output into the next hop", () => {
  const v3 = v3PoolAt(0, 500, 10, [{ lower: -1000, upper: 1000, liquidity: 10n ** 22n }]);
  const route = [v2Hop(createV2PoolState(10n ** 21n, 2n * 10n ** 21n), true), v3Hop(v3, false)];
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 19n }), (x) => {
      const amounts = routeAmounts(route, x)!;
      assert.equal(amounts[0], x);
      assert.equal(amounts[1], referenceOut(route[0]!, x));
      assert.equal(amounts[2], referenceOut(route[1]!, amounts[1]!));
      assert.equal(routeProfit(route, x), amounts[2]! - x);
    }),
  );
});

Deno.test("routeAmounts is undefined when a V3 pool cannot take the whole input", () => {
  const thin = v3PoolAt(0, 500, 10, [{ lower: -10, upper: 10, liquidity: 1000n }]);
  assert.equal(routeAmounts([v3Hop(thin, true)], 10n ** 12n), undefined);
  assert.equal(routeProfit([v3Hop(thin, true)], 10n ** 12n), undefined);
});

Deno.test("assertRoute rejects an empty or too long route and a bad hop", () => {
  const hop = v2Hop(createV2PoolState(10n, 10n), true);
  const invalid = (e: unknown) => e instanceof ArbitrageError && e.code === "INVALID_ROUTE";
  assert.throws(() => assertRoute([]), invalid);
  assert.throws(() => assertRoute(Array(MAX_ROUTE_HOPS + 1).fill(hop)), invalid);
  assert.throws(() => assertRoute([{ ...hop, state: { ...hop.state, reserve0: -1n } }]), invalid);
  assertRoute([
    hop,
    v3Hop(createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 500, tickSpacing: 10 }), true),
  ]);
});

Deno.test("routeAmounts rejects a negative input with an ArbitrageError naming it", () => {
  const hop = v2Hop(createV2PoolState(10n, 10n), true);
  assert.throws(
    () => routeAmounts([hop], -3n),
    (e) => e instanceof ArbitrageError && e.code === "INVALID_AMOUNT" && e.message.includes("-3"),
  );
});
