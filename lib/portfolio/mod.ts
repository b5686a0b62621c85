/**
 * The portfolio: positions per token and venue in native units, average-cost P&L, NAV, peak
 * and drawdown in exact USD fixed point (8 decimals), PositionUpdate values on every change,
 * and reconciliation against observed balances. Pure: no I/O.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evmToken } from "../instrument/mod.ts";
 * import { Portfolio, StaticPriceSource, usd } from "./mod.ts";
 * const weth = evmToken("anvil", "0x" + "ee".repeat(20));
 * const p = new Portfolio({ prices: new StaticPriceSource().set(weth, { num: 3000n, den: 1n }) });
 * p.registerToken(weth, 18);
 * p.deposit(weth, 10n ** 18n);
 * assert.equal(p.mark().navUsd, usd("3000"));
 * ```
 *
 * @module
 */
export { PortfolioError, type PortfolioErrorCode } from "./errors.ts";
// Money (USD fixed point, prices) is the market layer's; re-exported for portfolio users.
export {
  amountForUsd,
  ceilDiv,
  fitsI64,
  floorDiv,
  formatUsd,
  parseUsdPrice,
  pow10,
  type PriceSource,
  type Rounding,
  samePrice,
  usd,
  USD_DECIMALS,
  USD_MAX,
  USD_MIN,
  USD_ONE,
  type UsdPrice,
  usdPrice,
  usdValue,
} from "../market/mod.ts";
export { PortfolioFeed } from "./portfolio_feed.ts";
export { StaticPriceSource } from "./static_prices.ts";
export {
  NATIVE_TOKEN_ADDRESS,
  nativeToken,
  type TokenKey,
  tokenKey,
  tokenOnChain,
} from "./token_key.ts";
export { type CostLedger, EMPTY_LEDGER, tradeLedger } from "./cost_ledger.ts";
export { drawdownBps, drawdownReaches } from "./drawdown.ts";
export {
  type BalanceDifference,
  type ExpectedBalance,
  reconcileBalances,
  type ReconcileReport,
} from "./reconcile.ts";
export {
  type FillResult,
  type NavMark,
  type PnlSummary,
  Portfolio,
  type PortfolioOptions,
  type PortfolioRiskView,
  type PositionSnapshot,
  type TokenExposure,
  WALLET_VENUE,
} from "./portfolio.ts";
