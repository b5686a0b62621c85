import assert from "node:assert/strict";
import {
  decodeTlvs,
  FrameBuilder,
  parseFrame,
  RelayDomain,
  SourceType,
  TlvType,
} from "../../lib/protocol/mod.ts";
import { ETH, fill, ONE_ETH, ONE_USDC, setup, USDC, WETH } from "./_fixtures.ts";

Deno.test("PositionUpdate values of a fill encode as TLVs and decode unchanged", () => {
  const { portfolio, prices } = setup();
  portfolio.deposit(USDC, 5_000n * ONE_USDC);
  portfolio.deposit(ETH, ONE_ETH);
  prices.set(WETH, { num: 2_999_999n, den: 1_000n });
  const gas = { gasUsed: 120_000n, gasPriceWei: 3_000_000_000n };
  const { updates } = portfolio.applyFill(fill(USDC, 3_000n * ONE_USDC, WETH, ONE_ETH, gas));
  const b = new FrameBuilder({ source: SourceType.Portfolio }).begin(RelayDomain.Signal);
  for (const u of updates) b.add(TlvType.PositionUpdate, u);
  b.end();
  const values = decodeTlvs(parseFrame(b.take())).map((t) => ("value" in t ? t.value : t.raw));
  assert.deepEqual(values, updates);
  assert.equal(updates.length, 3);
  assert(updates.some((u) => u.unrealizedPnlUsd < 0n)); // WETH marked below its cost
});
