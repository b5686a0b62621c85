// lib/portfolio/portfolio_feed.ts — one job: keep a stage's portfolio in step with its market
// book: register tokens as pools reveal them, and book the starting capital once it can be valued.
import { evmToken } from "../instrument/mod.ts";
import type { MarketBook } from "../market/mod.ts";
import { PortfolioError } from "./errors.ts";
import type { Portfolio } from "./portfolio.ts";
import { nativeToken } from "./token_key.ts";

/**
 * Registers every token of `market` in `portfolio` (decimals from the pools) and deposits each
 * starting balance in the wallet as soon as its token is known and priced. Call `sync()` after
 * market values were applied.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MarketBook } from "../market/mod.ts";
 * import { Portfolio } from "./portfolio.ts";
 * import { PortfolioFeed } from "./portfolio_feed.ts";
 * const usdc = "0x" + "0b".repeat(20);
 * const market = new MarketBook({ chainId: 31337, nativeToken: "0x" + "0a".repeat(20),
 *   stablecoins: [usdc] });
 * const portfolio = new Portfolio({ prices: market });
 * const feed = new PortfolioFeed(market, portfolio, { [usdc]: 5_000_000n });
 * feed.sync();
 * assert.equal(feed.pendingCapital, 1); // USDC not seen in a pool yet: decimals unknown
 * ```
 */
export class PortfolioFeed {
  readonly #market: MarketBook;
  readonly #portfolio: Portfolio;
  readonly #pending = new Map<string, bigint>();
  #registered = 0;

  /** @throws {PortfolioError} `BAD_CAPITAL` for a malformed address or a non-positive amount */
  constructor(
    market: MarketBook,
    portfolio: Portfolio,
    capital: Readonly<Record<string, bigint>> = {},
  ) {
    this.#market = market;
    this.#portfolio = portfolio;
    // Gas is paid in the chain's coin (18 decimals on every EVM chain torq knows), not a pool token.
    portfolio.registerToken(nativeToken(market.chain), 18);
    for (const [address, amount] of Object.entries(capital)) {
      let key: string;
      try {
        key = evmToken(market.chain, address).address;
      } catch (e) {
        throw new PortfolioError("BAD_CAPITAL", `Capital token ${address} is not an address`, {
          key: `capital.${address}`,
        }, { cause: e });
      }
      if (typeof amount !== "bigint" || amount <= 0n) {
        throw new PortfolioError(
          "BAD_CAPITAL",
          `Capital of ${address} must be a positive bigint of native units, got ${amount}`,
          { key: `capital.${address}` },
        );
      }
      this.#pending.set(key, amount);
    }
  }

  /** Starting balances not booked yet (token unseen or unpriced). */
  get pendingCapital(): number {
    return this.#pending.size;
  }

  /** Register new tokens and book what capital can now be valued. */
  sync(): void {
    const m = this.#market;
    while (this.#registered < m.tokenCount) {
      const t = m.token(this.#registered++);
      this.#portfolio.registerToken(evmToken(m.chain, t.address), t.decimals);
    }
    if (this.#pending.size === 0) return;
    for (const [address, amount] of this.#pending) {
      if (m.decimalsOf(address) === undefined || m.priceOf(address) === undefined) continue;
      this.#portfolio.deposit(evmToken(m.chain, address), amount);
      this.#pending.delete(address);
    }
  }
}
