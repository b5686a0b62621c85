/**
 * The market every stage shares: the exact pool book rebuilt from market frames, USD prices and
 * pool liquidity read from it, token roles, the one table of per-chain facts, and money (token
 * amounts and USD fixed point, parsed and formatted exactly). Above protocol, instrument and amm;
 * below arbitrage, risk, portfolio and execution.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chainFacts, formatUsd, parseAmount, resolveTokenRoles } from "./mod.ts";
 * assert.equal(parseAmount("1.5", 6), 1_500_000n);
 * assert.equal(formatUsd(150_000_000n), "1.50000000");
 * assert.equal(chainFacts(137)?.nativeToken?.[0], "WPOL");
 * assert.equal(resolveTokenRoles({ chainId: 1 }).stablecoins.length, 3);
 * ```
 *
 * @module
 */
export { AmountError, type AmountErrorCode, MarketError, type MarketErrorCode } from "./errors.ts";
export { isPoolUpdate, type PoolUpdate } from "./pool_update.ts";
export { PoolBook } from "./pool_book.ts";
export { v2SpotRate, v3SpotRate } from "./spot_rate.ts";
export {
  MarketBook,
  type MarketBookOptions,
  type MarketBookStats,
  type MarketPool,
} from "./market_book.ts";
export {
  CHAIN_FACTS,
  type ChainFacts,
  chainFacts,
  type ListedToken,
  type LiveDefaults,
  NATIVE_TOKEN_ADDRESS,
} from "./chain_facts.ts";
export { resolveTokenRoles, type TokenRoles, type TokenRolesInput } from "./token_roles.ts";
export {
  loadTokenRoles,
  type LoadTokenRolesInput,
  readDevnetDescription,
} from "./token_roles_file.ts";
export {
  ceilDiv,
  floorDiv,
  formatAmount,
  formatRatio,
  I64_MAX,
  I64_MIN,
  parseAmount,
  type Rounding,
  USD_DECIMALS,
  USD_ONE,
} from "./amount.ts";
export { amountForUsd, fitsI64, formatUsd, pow10, usd, USD_MAX, USD_MIN, usdValue } from "./usd.ts";
export {
  parseUsdPrice,
  type PriceSource,
  samePrice,
  type UsdPrice,
  usdPrice,
} from "./usd_price.ts";
