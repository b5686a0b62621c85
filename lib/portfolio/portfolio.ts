// lib/portfolio/portfolio.ts — one job: positions per token and venue, built from deposits and
// fills, valued in exact USD fixed point (NAV, P&L, peak and drawdown).
import { type ChainName, type EvmTokenId, instrumentToText } from "../instrument/mod.ts";
import type { Fill, PositionUpdate } from "../protocol/mod.ts";
import { type CostLedger, EMPTY_LEDGER, tradeLedger } from "./cost_ledger.ts";
import { drawdownBps } from "./drawdown.ts";
import { PortfolioError } from "./errors.ts";
import { fillTokens } from "./_fill_tokens.ts";
import type { PriceSource, UsdPrice } from "../market/mod.ts";
import { reconcileBalances, type ReconcileReport } from "./reconcile.ts";
import { nativeToken, type TokenKey, tokenKey } from "./token_key.ts";
import { fitsI64, pow10, USD_MAX, USD_MIN, usdValue } from "../market/mod.ts";

/** The wallet: venue code 0, where on-chain fills settle. */
export const WALLET_VENUE = 0;

/** How a portfolio is priced and which token pays gas on each chain. */
export interface PortfolioOptions {
  readonly prices: PriceSource;
  /** Gas token per chain; default the chain's native token (`nativeToken(chain)`). */
  readonly gasTokens?: Readonly<Partial<Record<ChainName, EvmTokenId>>>;
}

/** One position as booked (no valuation). */
export interface PositionSnapshot {
  readonly token: EvmTokenId;
  readonly key: TokenKey;
  /** Where the tokens are held: 0 the wallet, else a venue code. */
  readonly venue: number;
  readonly decimals: number;
  /** Signed native units. */
  readonly quantity: bigint;
  /** Cash paid for the quantity held (negative for a short), USD fixed point. */
  readonly costBasisUsd: bigint;
  /** Cumulative realised P&L, USD fixed point. */
  readonly realizedPnlUsd: bigint;
}

/** What applying a fill did. */
export interface FillResult {
  /** One PositionUpdate per position that changed. */
  readonly updates: readonly PositionUpdate[];
  /** Value of what was paid, floored: the cost booked for what was received. */
  readonly tradeValueUsd: bigint;
  /** Market value of the gas burnt, floored. */
  readonly gasCostUsd: bigint;
  /** Change of realised P&L over the positions touched. */
  readonly realizedPnlUsd: bigint;
}

/** NAV against its peak. */
export interface NavMark {
  readonly navUsd: bigint;
  readonly peakNavUsd: bigint;
  readonly drawdownBps: number;
}

/** A token's position summed over venues, valued. */
export interface TokenExposure {
  readonly token: EvmTokenId;
  readonly key: TokenKey;
  readonly decimals: number;
  readonly quantity: bigint;
  readonly valueUsd: bigint;
}

/** The figures the risk engine reads from the portfolio. */
export interface PortfolioRiskView {
  readonly navUsd: bigint;
  /** Sum of absolute position values. */
  readonly grossExposureUsd: bigint;
  /** Signed value per token, summed over venues. */
  readonly tokenPositionsUsd: ReadonlyMap<TokenKey, bigint>;
  /** Gross (absolute) value held per venue. */
  readonly venueHoldingsUsd: ReadonlyMap<number, bigint>;
}

/** Realised, unrealised and total P&L. */
export interface PnlSummary {
  readonly realizedUsd: bigint;
  readonly unrealizedUsd: bigint;
  readonly totalUsd: bigint;
}

interface Slot {
  readonly token: EvmTokenId;
  readonly key: TokenKey;
  readonly venue: number;
  readonly decimals: number;
  ledger: CostLedger;
}

interface TokenInfo {
  readonly token: EvmTokenId;
  readonly key: TokenKey;
  readonly decimals: number;
}

const slotId = (key: TokenKey, venue: number) => `${key}|${venue}`;
const abs = (x: bigint) => (x < 0n ? -x : x);
const clampI64 = (x: bigint) => (x > USD_MAX ? USD_MAX : x < USD_MIN ? USD_MIN : x);

function checkVenue(venue: number): void {
  if (!Number.isInteger(venue) || venue < 0 || venue > 0xffff) {
    throw new PortfolioError("BAD_VENUE", `Venue must be a u16 code, got ${venue}`, { venue });
  }
}

/**
 * Positions per token and per venue in native units, with average-cost P&L, NAV, peak NAV and
 * drawdown in exact USD fixed point. Every valuation rounds toward −∞ (`usdValue`); cost is
 * removed pro rata and truncated, with the remainder removed on close (`tradeLedger`), so
 * `realised + unrealised = NAV − net contributions` holds exactly at all times.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evmToken } from "../instrument/mod.ts";
 * import { Portfolio } from "./portfolio.ts";
 * import { StaticPriceSource } from "./static_prices.ts";
 * const usdc = evmToken("anvil", "0x" + "cc".repeat(20));
 * const prices = new StaticPriceSource().set(usdc, { num: 1n, den: 1n });
 * const p = new Portfolio({ prices });
 * p.registerToken(usdc, 6);
 * p.deposit(usdc, 1_000_000000n);
 * assert.equal(p.navUsd(), 1000_00000000n);
 * ```
 */
export class Portfolio {
  readonly #prices: PriceSource;
  readonly #gasTokens: Readonly<Partial<Record<ChainName, EvmTokenId>>>;
  readonly #tokens = new Map<string, TokenInfo>();
  readonly #slots = new Map<string, Slot>();
  #contributed = 0n;
  #peak: bigint | undefined;

  constructor(options: PortfolioOptions) {
    this.#prices = options.prices;
    this.#gasTokens = options.gasTokens ?? {};
  }

  /**
   * Declare a token and its decimals; needed before the token is deposited or traded.
   * Registering again with the same decimals is a no-op.
   *
   * @throws {PortfolioError} `BAD_DECIMALS` outside 0–255, `DECIMALS_CONFLICT` when
   * registered before with other decimals
   */
  registerToken(token: EvmTokenId, decimals: number): void {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
      throw new PortfolioError(
        "BAD_DECIMALS",
        `Decimals of ${instrumentToText(token)} must be an integer 0 to 255, got ${decimals}`,
        { token: instrumentToText(token), decimals },
      );
    }
    const id = `${token.chain}:${token.address}`;
    const known = this.#tokens.get(id);
    if (known !== undefined) {
      if (known.decimals === decimals) return;
      throw new PortfolioError(
        "DECIMALS_CONFLICT",
        `${instrumentToText(token)} is registered with ${known.decimals} decimals, not ${decimals}`,
        { token: instrumentToText(token), registered: known.decimals, decimals },
      );
    }
    this.#tokens.set(id, { token, key: tokenKey(token), decimals });
  }

  /** Decimals of a registered token, or undefined. */
  decimalsOf(token: EvmTokenId): number | undefined {
    return this.#tokens.get(`${token.chain}:${token.address}`)?.decimals;
  }

  /**
   * Book tokens brought in from outside (capital), at their market value (floored), which is
   * also added to the net contributions and to the peak NAV (a deposit is not a gain).
   *
   * @throws {PortfolioError} `UNKNOWN_TOKEN`, `BAD_AMOUNT` (not positive), `BAD_VENUE`,
   * `PRICE_UNAVAILABLE`, `VALUE_OUT_OF_RANGE`
   */
  deposit(token: EvmTokenId, amount: bigint, venue: number = WALLET_VENUE): PositionUpdate[] {
    return this.#transfer(token, amount, venue, 1n);
  }

  /**
   * Book tokens taken out, at their market value (floored), which realises their P&L and is
   * taken off the net contributions and the peak NAV.
   *
   * @throws {PortfolioError} `UNKNOWN_TOKEN`, `BAD_AMOUNT` (not positive, or more than held
   * at the venue), `BAD_VENUE`, `PRICE_UNAVAILABLE`, `VALUE_OUT_OF_RANGE`
   */
  withdraw(token: EvmTokenId, amount: bigint, venue: number = WALLET_VENUE): PositionUpdate[] {
    return this.#transfer(token, amount, venue, -1n);
  }

  #transfer(token: EvmTokenId, amount: bigint, venue: number, sign: 1n | -1n): PositionUpdate[] {
    checkVenue(venue);
    const info = this.#info(token);
    if (amount <= 0n) {
      throw new PortfolioError("BAD_AMOUNT", `Transfer amount must be positive, got ${amount}`, {
        amount,
      });
    }
    const slot = this.#slot(info, venue, new Map());
    if (sign < 0n && amount > slot.ledger.quantity) {
      throw new PortfolioError(
        "BAD_AMOUNT",
        `Cannot withdraw ${amount} of ${
          instrumentToText(token)
        }: ${slot.ledger.quantity} held at venue ${venue}`,
        { token: instrumentToText(token), amount, held: slot.ledger.quantity, venue },
      );
    }
    const cash = usdValue(amount, info.decimals, this.#price(token), "floor");
    slot.ledger = tradeLedger(slot.ledger, sign * amount, cash);
    const updates = [this.#update(slot)];
    this.#slots.set(slotId(slot.key, venue), slot);
    this.#contributed += sign * cash;
    if (this.#peak !== undefined) this.#peak += sign * cash;
    return updates;
  }

  /**
   * Apply an executed swap: `amountIn` of `tokenIn` leaves and `amountOut` of `tokenOut`
   * arrives at `venue` (default the wallet), and the gas (`gasUsed · gasPriceWei` wei of the
   * chain's gas token) leaves the wallet. The value of what was paid (floored) is both the
   * proceeds of the disposal and the cost of what was received, so a swap moves no P&L by
   * itself; gas is a disposal for nothing. All or nothing: on error no position changes.
   *
   * @throws {PortfolioError} `BAD_FILL` (not a DEX pool, malformed token, same token twice),
   * `UNKNOWN_TOKEN`, `PRICE_UNAVAILABLE`, `BAD_VENUE`, `VALUE_OUT_OF_RANGE`
   */
  applyFill(fill: Fill, options: { readonly venue?: number } = {}): FillResult {
    const venue = options.venue ?? WALLET_VENUE;
    checkVenue(venue);
    const { chain, tokenIn, tokenOut, gasWei } = fillTokens(fill);
    const infoIn = this.#info(tokenIn);
    const infoOut = this.#info(tokenOut);
    // Nothing received means nothing was paid for it: the whole input is a loss, not a cost.
    const tradeValue = fill.amountOut === 0n
      ? 0n
      : usdValue(fill.amountIn, infoIn.decimals, this.#price(tokenIn), "floor");
    const staged = new Map<string, Slot>();
    const touched: Slot[] = [];
    const touch = (info: TokenInfo, v: number, delta: bigint, cash: bigint) => {
      const slot = this.#slot(info, v, staged);
      slot.ledger = tradeLedger(slot.ledger, delta, cash);
      if (!touched.includes(slot)) touched.push(slot);
    };
    if (fill.amountIn !== 0n) touch(infoIn, venue, -fill.amountIn, tradeValue);
    if (fill.amountOut !== 0n) touch(infoOut, venue, fill.amountOut, tradeValue);
    let gasCost = 0n;
    if (gasWei !== 0n) {
      const gasToken = this.#gasTokens[chain] ?? nativeToken(chain);
      const infoGas = this.#info(gasToken);
      gasCost = usdValue(gasWei, infoGas.decimals, this.#price(gasToken), "floor");
      touch(infoGas, WALLET_VENUE, -gasWei, 0n);
    }
    let realized = 0n;
    for (const slot of touched) {
      realized += slot.ledger.realizedPnlUsd -
        (this.#slots.get(slotId(slot.key, slot.venue))?.ledger.realizedPnlUsd ?? 0n);
    }
    const updates = touched.map((s) => this.#update(s));
    for (const [id, slot] of staged) this.#slots.set(id, slot);
    return { updates, tradeValueUsd: tradeValue, gasCostUsd: gasCost, realizedPnlUsd: realized };
  }

  /** The booked position in a token at a venue (default the wallet), or undefined. */
  position(token: EvmTokenId, venue: number = WALLET_VENUE): PositionSnapshot | undefined {
    const info = this.#tokens.get(`${token.chain}:${token.address}`);
    if (info === undefined) return undefined;
    const slot = this.#slots.get(slotId(info.key, venue));
    return slot === undefined ? undefined : snapshot(slot);
  }

  /** Every booked position (including closed ones with realised P&L), in booking order. */
  positions(): PositionSnapshot[] {
    return [...this.#slots.values()].map(snapshot);
  }

  /**
   * A PositionUpdate for every booked position, valued now (e.g. after prices moved).
   *
   * @throws {PortfolioError} `PRICE_UNAVAILABLE`, `VALUE_OUT_OF_RANGE`
   */
  positionUpdates(): PositionUpdate[] {
    return [...this.#slots.values()].map((s) => this.#update(s));
  }

  /**
   * Net asset value: the sum of every position's value, each floored.
   *
   * @throws {PortfolioError} `PRICE_UNAVAILABLE` for a non-zero position without a price
   */
  navUsd(): bigint {
    let nav = 0n;
    for (const s of this.#slots.values()) nav += this.#value(s);
    return nav;
  }

  /**
   * Value the portfolio now and move the peak up if NAV is above it (the first mark sets it).
   *
   * @throws {PortfolioError} `PRICE_UNAVAILABLE`
   */
  mark(): NavMark {
    const nav = this.navUsd();
    if (this.#peak === undefined || nav > this.#peak) this.#peak = nav;
    return { navUsd: nav, peakNavUsd: this.#peak, drawdownBps: drawdownBps(nav, this.#peak) };
  }

  /** The highest NAV marked (adjusted by deposits and withdrawals since), or undefined. */
  get peakNavUsd(): bigint | undefined {
    return this.#peak;
  }

  /** Net value brought in: deposits minus withdrawals, each at its value when booked. */
  get contributedUsd(): bigint {
    return this.#contributed;
  }

  /**
   * Realised, unrealised (value − cost basis) and total P&L over every position.
   *
   * @throws {PortfolioError} `PRICE_UNAVAILABLE`
   */
  pnl(): PnlSummary {
    let realized = 0n;
    let unrealized = 0n;
    for (const s of this.#slots.values()) {
      realized += s.ledger.realizedPnlUsd;
      unrealized += this.#value(s) - s.ledger.costBasisUsd;
    }
    return { realizedUsd: realized, unrealizedUsd: unrealized, totalUsd: realized + unrealized };
  }

  /**
   * Each token's position summed over venues and valued (floored per position), in
   * registration order; tokens with no position are left out.
   *
   * @throws {PortfolioError} `PRICE_UNAVAILABLE`
   */
  exposures(): TokenExposure[] {
    const byKey = new Map<TokenKey, { info: Slot; quantity: bigint; valueUsd: bigint }>();
    for (const s of this.#slots.values()) {
      if (s.ledger.quantity === 0n) continue;
      const e = byKey.get(s.key);
      const v = this.#value(s);
      if (e === undefined) byKey.set(s.key, { info: s, quantity: s.ledger.quantity, valueUsd: v });
      else {
        e.quantity += s.ledger.quantity;
        e.valueUsd += v;
      }
    }
    return [...byKey.values()].map(({ info, quantity, valueUsd }) => ({
      token: info.token,
      key: info.key,
      decimals: info.decimals,
      quantity,
      valueUsd,
    }));
  }

  /**
   * NAV, gross exposure, value per token and gross value per venue: what the risk engine's
   * pre-trade checks read.
   *
   * @throws {PortfolioError} `PRICE_UNAVAILABLE`
   */
  riskView(): PortfolioRiskView {
    const tokens = new Map<TokenKey, bigint>();
    const venues = new Map<number, bigint>();
    let nav = 0n;
    let gross = 0n;
    for (const s of this.#slots.values()) {
      const v = this.#value(s);
      nav += v;
      gross += abs(v);
      tokens.set(s.key, (tokens.get(s.key) ?? 0n) + v);
      venues.set(s.venue, (venues.get(s.venue) ?? 0n) + abs(v));
    }
    return {
      navUsd: nav,
      grossExposureUsd: gross,
      tokenPositionsUsd: tokens,
      venueHoldingsUsd: venues,
    };
  }

  /**
   * Compare the positions booked at `venue` (default the wallet) with observed balances
   * (`tokenKey → native units`); see `reconcileBalances`.
   */
  reconcile(
    balances: ReadonlyMap<TokenKey, bigint>,
    venue: number = WALLET_VENUE,
  ): ReconcileReport {
    const expected = [...this.#slots.values()]
      .filter((s) => s.venue === venue)
      .map((s) => ({
        key: s.key,
        token: s.token,
        decimals: s.decimals,
        quantity: s.ledger.quantity,
      }));
    return reconcileBalances(expected, balances);
  }

  #info(token: EvmTokenId): TokenInfo {
    const info = this.#tokens.get(`${token.chain}:${token.address}`);
    if (info === undefined) {
      throw new PortfolioError(
        "UNKNOWN_TOKEN",
        `Token ${instrumentToText(token)} is not registered (decimals unknown)`,
        { token: instrumentToText(token) },
      );
    }
    return info;
  }

  #price(token: EvmTokenId): UsdPrice {
    const price = this.#prices.usdPrice(token);
    if (price === undefined) {
      throw new PortfolioError("PRICE_UNAVAILABLE", `No USD price for ${instrumentToText(token)}`, {
        token: instrumentToText(token),
      });
    }
    return price;
  }

  /** A working copy of a slot: from `staged`, else a copy of the booked one, else empty. */
  #slot(info: TokenInfo, venue: number, staged: Map<string, Slot>): Slot {
    const id = slotId(info.key, venue);
    let slot = staged.get(id);
    if (slot === undefined) {
      const booked = this.#slots.get(id);
      slot = { ...info, venue, ledger: booked?.ledger ?? EMPTY_LEDGER };
      staged.set(id, slot);
    }
    return slot;
  }

  #value(s: Slot): bigint {
    const q = s.ledger.quantity;
    return q === 0n ? 0n : usdValue(q, s.decimals, this.#price(s.token), "floor");
  }

  #update(s: Slot): PositionUpdate {
    const { quantity, costBasisUsd, realizedPnlUsd } = s.ledger;
    // a per-token display figure: dust bought at an absurd rate saturates instead of failing
    const avgCost = quantity === 0n ? 0n : clampI64((costBasisUsd * pow10(s.decimals)) / quantity);
    const unrealized = this.#value(s) - costBasisUsd;
    const checked = [["realizedPnlUsd", realizedPnlUsd], ["unrealizedPnlUsd", unrealized]] as const;
    for (const [field, value] of checked) {
      if (!fitsI64(value)) {
        throw new PortfolioError(
          "VALUE_OUT_OF_RANGE",
          `${field} of ${instrumentToText(s.token)} is ${value}, outside the i64 range`,
          { token: instrumentToText(s.token), field, value },
        );
      }
    }
    return {
      token: s.key,
      venue: s.venue,
      quantity,
      decimals: s.decimals,
      avgCostUsd: avgCost,
      realizedPnlUsd,
      unrealizedPnlUsd: unrealized,
    };
  }
}

function snapshot(s: Slot): PositionSnapshot {
  return {
    token: s.token,
    key: s.key,
    venue: s.venue,
    decimals: s.decimals,
    quantity: s.ledger.quantity,
    costBasisUsd: s.ledger.costBasisUsd,
    realizedPnlUsd: s.ledger.realizedPnlUsd,
  };
}
