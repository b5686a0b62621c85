// lib/portfolio/static_prices.ts — one job: a price source holding prices set by hand (a
// config file, a test, a replay), the simplest implementation of PriceSource.
import type { EvmTokenId } from "../instrument/mod.ts";
import { type PriceSource, type UsdPrice, usdPrice } from "../market/mod.ts";

/**
 * Prices held in a map, set and replaced by the caller.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evmToken } from "../instrument/mod.ts";
 * import { StaticPriceSource } from "./static_prices.ts";
 * const weth = evmToken("anvil", "0x" + "aa".repeat(20));
 * const prices = new StaticPriceSource().set(weth, { num: 3000n, den: 1n });
 * assert.deepEqual(prices.usdPrice(weth), { num: 3000n, den: 1n });
 * ```
 */
export class StaticPriceSource implements PriceSource {
  readonly #prices = new Map<string, UsdPrice>();

  /**
   * Set (or replace) a token's price; validated as by `usdPrice`.
   *
   * @throws {PortfolioError} `BAD_PRICE`
   */
  set(token: EvmTokenId, price: UsdPrice): this {
    this.#prices.set(`${token.chain}:${token.address}`, usdPrice(price.num, price.den));
    return this;
  }

  /** Forget a token's price. */
  delete(token: EvmTokenId): this {
    this.#prices.delete(`${token.chain}:${token.address}`);
    return this;
  }

  /** The token's price, or undefined. */
  usdPrice(token: EvmTokenId): UsdPrice | undefined {
    return this.#prices.get(`${token.chain}:${token.address}`);
  }
}
