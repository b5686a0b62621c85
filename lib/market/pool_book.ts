// lib/market/pool_book.ts — one job: the exact state of every pool of one chain, rebuilt from
// market values (PoolState, PoolTick, PoolSync, PoolSwap, PoolMint, PoolBurn, PoolInvalidate,
// GasPrice), with the tokens the pools reveal.
import {
  type AnyPoolState,
  createV2PoolState,
  createV3PoolState,
  v2ApplySync,
  type V2PoolState,
  v3ApplyBurn,
  v3ApplyMint,
  v3ApplySwap,
  type V3PoolState,
} from "../amm/mod.ts";
import { chainByName, dexVenueByName, instrumentFromBytes } from "../instrument/mod.ts";
import {
  hexToBytes,
  type PoolBurn,
  type PoolInvalidate,
  type PoolMint,
  type PoolState,
  type PoolSwap,
  type PoolSync,
  type PoolTick,
  TlvType,
} from "../protocol/mod.ts";
import { MarketError } from "./errors.ts";
import type { PoolUpdate } from "./pool_update.ts";

// pair keys: the lower token index times this, plus the higher
const PAIR_KEY = 2 ** 26;
const NO_POOLS: readonly number[] = Object.freeze([]);

/**
 * The exact pools of one chain, numbered from 0 in arrival order (a PoolState registers a pool;
 * updates of unknown pools are ignored), and their tokens, numbered likewise. The per-pool
 * arrays are public for the hot paths that read them; only the book writes them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dexPool, instrumentToBytes } from "../instrument/mod.ts";
 * import { bytesToHex, type Hex, TlvType } from "../protocol/mod.ts";
 * import { PoolBook } from "./pool_book.ts";
 * const weth: Hex = `0x${"0a".repeat(20)}`, usdc: Hex = `0x${"0b".repeat(20)}`;
 * const pool = bytesToHex(instrumentToBytes(dexPool("anvil", "sushiswap", "0x" + "11".repeat(20))));
 * const book = new PoolBook(31337);
 * const p = book.apply({ type: TlvType.PoolState, value: {
 *   pool, protocol: 1, token0: weth, token1: usdc, decimals0: 18, decimals1: 6, fee: 3000,
 *   tickSpacing: 0, reserve0: 10n ** 21n, reserve1: 3_000_000n * 10n ** 6n, sqrtPriceX96: 0n,
 *   liquidity: 0n, tick: 0, blockNumber: 7n,
 * } });
 * book.apply({ type: TlvType.PoolSync, value: {
 *   pool, reserve0: 2n * 10n ** 21n, reserve1: 3_000_000n * 10n ** 6n, blockNumber: 8n, logIndex: 0,
 *   txHash: `0x${"00".repeat(32)}`,
 * } });
 * assert.equal(p, 0);
 * assert.equal(book.v2[p]!.reserve0, 2n * 10n ** 21n);
 * assert(book.tradable[p] && book.blockNumber === 8n);
 * assert.deepEqual(book.pairPools(book.tokenIndex(usdc), book.tokenIndex(weth)), [p]);
 * ```
 */
export class PoolBook {
  /** EIP-155 chain id: pools of other chains are refused, gas prices of other chains ignored. */
  readonly chainId: number;
  /** Each pool's InstrumentId hex, lower-case. */
  readonly ids: string[] = [];
  /** Each pool's protocol: 1 V2, 2 V3. */
  readonly protocol: number[] = [];
  /** V2 pool states (undefined for a V3 pool); replaced, never mutated, on each update. */
  readonly v2: (V2PoolState | undefined)[] = [];
  /** V3 pool states (undefined for a V2 pool); mutated in place on each update. */
  readonly v3: (V3PoolState | undefined)[] = [];
  /** Block of the last update applied to each pool. */
  readonly block: bigint[] = [];
  /** Whether each pool can be quoted exactly: non-empty, not voided by a PoolInvalidate since
   * its last PoolState, and (V3) knowing the initialized ticks on both sides of its price. */
  readonly tradable: boolean[] = [];
  readonly #void: boolean[] = [];
  readonly #index = new Map<string, number>();
  readonly #token0: number[] = [];
  readonly #token1: number[] = [];
  readonly #tokenByAddress = new Map<string, number>();
  readonly #tokenAddress: string[] = [];
  readonly #tokenDecimals: number[] = [];
  readonly #pairPools = new Map<number, number[]>();
  #blockNumber = 0n;
  #gasPriceWei: bigint | undefined;

  /** @throws {MarketError} `BAD_CONFIG` for a chain id that is not a positive u32 */
  constructor(chainId: number) {
    if (!Number.isInteger(chainId) || chainId <= 0 || chainId > 0xffff_ffff) {
      throw new MarketError("BAD_CONFIG", `Chain id must be a positive u32, got ${chainId}`, {
        chainId,
      });
    }
    this.chainId = chainId;
  }

  /** Number of pools registered. */
  get poolCount(): number {
    return this.ids.length;
  }

  /** Number of tokens seen in pools. */
  get tokenCount(): number {
    return this.#tokenAddress.length;
  }

  /** Highest block number of a value applied through {@linkcode apply}. */
  get blockNumber(): bigint {
    return this.#blockNumber;
  }

  /** The last gas price of this chain (base + priority fee), wei. */
  get gasPriceWei(): bigint | undefined {
    return this.#gasPriceWei;
  }

  /** The pool index of an InstrumentId hex, or −1. */
  indexOf(pool: string): number {
    return this.#index.get(pool) ?? this.#index.get(pool.toLowerCase()) ?? -1;
  }

  /** The index of the token at `address` (case-insensitive), or −1. */
  tokenIndex(address: string): number {
    return this.#tokenByAddress.get(address) ?? this.#tokenByAddress.get(address.toLowerCase()) ??
      -1;
  }

  /** The address (lower case) of token `t`. */
  tokenAddress(t: number): string {
    return this.#tokenAddress[t]!;
  }

  /** The decimals of token `t`. */
  tokenDecimals(t: number): number {
    return this.#tokenDecimals[t]!;
  }

  /** Token index of pool `p`'s token0. */
  token0(p: number): number {
    return this.#token0[p]!;
  }

  /** Token index of pool `p`'s token1. */
  token1(p: number): number {
    return this.#token1[p]!;
  }

  /** The pools between tokens `a` and `b`, either order. */
  pairPools(a: number, b: number): readonly number[] {
    return this.#pairPools.get(a < b ? a * PAIR_KEY + b : b * PAIR_KEY + a) ?? NO_POOLS;
  }

  /** Pool `p`'s state tagged with its protocol (shared: do not mutate). */
  state(p: number): AnyPoolState {
    return this.protocol[p] === 1
      ? { protocol: "v2", state: this.v2[p]! }
      : { protocol: "v3", state: this.v3[p]! };
  }

  /**
   * Applies one market value; returns the index of the pool it changed, or −1 when it changed
   * none (a gas price; an unknown pool; a V2 pair's Swap, Mint or Burn, whose Sync carries the
   * reserves).
   *
   * @throws {MarketError} `INVALID_POOL_UPDATE`, `WRONG_CHAIN`, `PROTOCOL_MISMATCH` for a value
   *   that contradicts the pool's state or the book's chain
   */
  apply(update: PoolUpdate): number {
    let p: number;
    switch (update.type) {
      case TlvType.PoolState:
        p = this.applyState(update.value);
        break;
      case TlvType.PoolSync:
        p = this.applySync(update.value);
        break;
      case TlvType.PoolSwap:
        p = this.applySwap(update.value);
        break;
      case TlvType.PoolMint:
        p = this.applyPosition(update.value, false);
        break;
      case TlvType.PoolBurn:
        p = this.applyPosition(update.value, true);
        break;
      case TlvType.PoolTick:
        p = this.applyTick(update.value);
        break;
      case TlvType.PoolInvalidate:
        p = this.applyInvalidate(update.value);
        break;
      case TlvType.GasPrice: {
        const g = update.value;
        if (g.chainId === this.chainId) this.#gasPriceWei = g.baseFeeWei + g.priorityFeeWei;
        p = -1;
        break;
      }
      default:
        throw new MarketError(
          "INVALID_POOL_UPDATE",
          `Update type ${(update as { type: unknown }).type} is not a pool or gas value`,
          { type: (update as { type: unknown }).type },
        );
    }
    const block = "blockNumber" in update.value ? update.value.blockNumber : undefined;
    if (block !== undefined && block > this.#blockNumber) this.#blockNumber = block;
    return p;
  }

  /** Applies a PoolState, registering the pool (and its tokens) when new; returns its index. */
  applyState(v: PoolState): number {
    let p = this.indexOf(v.pool);
    if (p < 0) p = this.#register(v);
    this.#void[p] = false;
    try {
      if (this.protocol[p] === 1) {
        if (v.protocol !== 1) throw mismatch(v.pool, 1, v.protocol);
        this.v2[p] = v2ApplySync(this.v2[p]!, v.reserve0, v.reserve1);
      } else {
        if (v.protocol !== 2) throw mismatch(v.pool, 2, v.protocol);
        const s = this.v3[p]!;
        if (s.fee !== v.fee || s.tickSpacing !== v.tickSpacing) {
          throw new MarketError(
            "INVALID_POOL_UPDATE",
            `Pool ${v.pool} changed fee or tick spacing to ${v.fee}/${v.tickSpacing}`,
            { pool: v.pool, fee: v.fee, tickSpacing: v.tickSpacing },
          );
        }
        v3ApplySwap(s, { sqrtPriceX96: v.sqrtPriceX96, tick: v.tick, liquidity: v.liquidity });
      }
    } catch (e) {
      throw wrap("PoolState", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /**
   * Voids a pool (a reorganisation or a resynchronisation): it is not tradable until its fresh
   * PoolState arrives, and a V3 pool drops its ticks (fresh PoolTicks follow). Returns −1 for an
   * unknown pool.
   */
  applyInvalidate(v: PoolInvalidate): number {
    const p = this.indexOf(v.pool);
    if (p < 0) return -1;
    this.#void[p] = true;
    const s = this.v3[p];
    if (s !== undefined) {
      this.v3[p] = createV3PoolState({
        sqrtPriceX96: s.sqrtPriceX96,
        tick: s.tick,
        fee: s.fee,
        tickSpacing: s.tickSpacing,
      });
    }
    this.#touch(p, this.block[p]!);
    return p;
  }

  /** Applies a V2 Sync; −1 for an unknown pool. */
  applySync(v: PoolSync): number {
    const p = this.indexOf(v.pool);
    if (p < 0) return -1;
    if (this.protocol[p] !== 1) throw mismatch(v.pool, 2, 1);
    try {
      this.v2[p] = v2ApplySync(this.v2[p]!, v.reserve0, v.reserve1);
    } catch (e) {
      throw wrap("PoolSync", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /** Applies a V3 Swap (price, tick, liquidity after it); −1 for an unknown or V2 pool (a V2
   * pair's Sync, emitted with every swap, carries its reserves). */
  applySwap(v: PoolSwap): number {
    const p = this.indexOf(v.pool);
    if (p < 0 || this.protocol[p] !== 2) return -1;
    try {
      v3ApplySwap(this.v3[p]!, {
        sqrtPriceX96: v.sqrtPriceX96,
        tick: v.tick,
        liquidity: v.liquidity,
      });
    } catch (e) {
      throw wrap("PoolSwap", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /** Applies a V3 Mint (`burn` false) or Burn; −1 for an unknown or V2 pool (its Sync follows). */
  applyPosition(v: PoolMint | PoolBurn, burn: boolean): number {
    const p = this.indexOf(v.pool);
    if (p < 0 || this.protocol[p] !== 2) return -1;
    if (v.liquidity === 0n) return -1; // a zero burn only collects fees
    try {
      if (burn) v3ApplyBurn(this.v3[p]!, v.tickLower, v.tickUpper, v.liquidity);
      else v3ApplyMint(this.v3[p]!, v.tickLower, v.tickUpper, v.liquidity);
    } catch (e) {
      throw wrap(burn ? "PoolBurn" : "PoolMint", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  /** Sets one initialized tick of a V3 pool (liquidityGross 0 clears it); −1 when unknown. */
  applyTick(v: PoolTick): number {
    const p = this.indexOf(v.pool);
    if (p < 0) return -1;
    if (this.protocol[p] !== 2) throw mismatch(v.pool, 1, 2);
    try {
      this.v3[p]!.ticks.set(v.tick, {
        liquidityGross: v.liquidityGross,
        liquidityNet: v.liquidityNet,
      });
    } catch (e) {
      throw wrap("PoolTick", v.pool, e);
    }
    this.#touch(p, v.blockNumber);
    return p;
  }

  // Everything is checked before anything is registered, so a refused PoolState leaves no trace.
  #register(v: PoolState): number {
    let chain: number;
    let venueProtocol: string;
    let venueFeeBps = 0n;
    try {
      const id = instrumentFromBytes(hexToBytes(v.pool, "pool"));
      if (id.kind !== "dex_pool") throw new Error(`${id.kind} is not a DEX pool`);
      chain = chainByName(id.chain).id;
      const venue = dexVenueByName(id.venue);
      venueProtocol = venue.protocol;
      if (venue.protocol === "uniswap_v2") venueFeeBps = venue.feeBps;
    } catch (e) {
      throw new MarketError(
        "INVALID_POOL_UPDATE",
        `PoolState pool ${v.pool} is not a DEX pool id: ${(e as Error).message}`,
        { pool: v.pool },
        { cause: e },
      );
    }
    if (chain !== this.chainId) {
      throw new MarketError(
        "WRONG_CHAIN",
        `Pool ${v.pool} is on chain ${chain}, the book on ${this.chainId}`,
        { pool: v.pool, chainId: chain, expected: this.chainId },
      );
    }
    const protocol = venueProtocol === "uniswap_v2" ? 1 : 2;
    if (v.protocol !== protocol) throw mismatch(v.pool, protocol, v.protocol);
    let v2: V2PoolState | undefined;
    let v3: V3PoolState | undefined;
    try {
      if (protocol === 1) {
        if (v.fee % 100 !== 0) throw new Error(`V2 fee ${v.fee} is not whole basis points`);
        const feeBps = v.fee === 0 ? venueFeeBps : BigInt(v.fee / 100);
        v2 = createV2PoolState(v.reserve0, v.reserve1, feeBps);
      } else {
        v3 = createV3PoolState({
          sqrtPriceX96: v.sqrtPriceX96,
          tick: v.tick,
          liquidity: v.liquidity,
          fee: v.fee,
          tickSpacing: v.tickSpacing,
        });
      }
    } catch (e) {
      throw wrap("PoolState", v.pool, e);
    }
    const key0 = this.#checkToken(v.pool, v.token0, v.decimals0);
    const key1 = this.#checkToken(v.pool, v.token1, v.decimals1);
    if (key0 === key1) {
      throw new MarketError("INVALID_POOL_UPDATE", `Pool ${v.pool} has token ${key0} twice`, {
        pool: v.pool,
        token: key0,
      });
    }
    const t0 = this.#addToken(key0, v.decimals0);
    const t1 = this.#addToken(key1, v.decimals1);
    const key = v.pool.toLowerCase();
    const p = this.ids.length;
    this.#index.set(key, p);
    this.ids.push(key);
    this.protocol.push(protocol);
    this.v2.push(v2);
    this.v3.push(v3);
    this.block.push(v.blockNumber);
    this.tradable.push(false);
    this.#void.push(false);
    this.#token0.push(t0);
    this.#token1.push(t1);
    const pair = t0 < t1 ? t0 * PAIR_KEY + t1 : t1 * PAIR_KEY + t0;
    const list = this.#pairPools.get(pair);
    if (list === undefined) this.#pairPools.set(pair, [p]);
    else list.push(p);
    return p;
  }

  // The token's lower-case address, once its decimals are valid and agree with what is known.
  #checkToken(pool: string, address: string, decimals: number): string {
    const key = address.toLowerCase();
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
      throw new MarketError(
        "INVALID_POOL_UPDATE",
        `Token ${key} of pool ${pool} has decimals ${decimals}, not 0 to 255`,
        { pool, address: key, decimals },
      );
    }
    const known = this.#tokenByAddress.get(key);
    if (known !== undefined && this.#tokenDecimals[known] !== decimals) {
      throw new MarketError(
        "INVALID_POOL_UPDATE",
        `Token ${key} has ${this.#tokenDecimals[known]} decimals, pool ${pool} says ${decimals}`,
        { pool, address: key, decimals, known: this.#tokenDecimals[known] },
      );
    }
    return key;
  }

  #addToken(key: string, decimals: number): number {
    const known = this.#tokenByAddress.get(key);
    if (known !== undefined) return known;
    const t = this.#tokenAddress.length;
    this.#tokenByAddress.set(key, t);
    this.#tokenAddress.push(key);
    this.#tokenDecimals.push(decimals);
    return t;
  }

  #touch(p: number, block: bigint): void {
    if (block > this.block[p]!) this.block[p] = block;
    this.tradable[p] = this.protocol[p] === 1
      ? !this.#void[p] && this.v2[p]!.reserve0 > 0n && this.v2[p]!.reserve1 > 0n
      : !this.#void[p] && v3Tradable(this.v3[p]!);
  }
}

// A V3 pool with active liquidity must have initialized ticks on both sides of its price; until
// they have arrived (PoolTick), a swap simulation would run past them.
function v3Tradable(s: V3PoolState): boolean {
  const n = s.ticks.size;
  if (n === 0) return false;
  if (s.liquidity === 0n) return true;
  const i = s.ticks.indexAtOrBelow(s.tick);
  return i >= 0 && i < n - 1;
}

function mismatch(pool: string, expected: number, got: number): MarketError {
  return new MarketError(
    "PROTOCOL_MISMATCH",
    `Pool ${pool} is protocol ${expected}, the update says ${got}`,
    { pool, expected, got },
  );
}

function wrap(what: string, pool: string, e: unknown): MarketError {
  if (e instanceof MarketError) return e;
  return new MarketError(
    "INVALID_POOL_UPDATE",
    `${what} for pool ${pool} is invalid: ${(e as Error).message}`,
    { pool, update: what },
    { cause: e },
  );
}
