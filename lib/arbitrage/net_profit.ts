// lib/arbitrage/net_profit.ts — one job: a sized route's profit after gas, in the input token and
// in USD, exact or fixed point.
import type { Rational } from "../amm/mod.ts";
import { ArbitrageError } from "./errors.ts";
import { convertAmount, pathUsdValue, type UsdPath } from "./valuation.ts";

/** What {@linkcode netProfit} needs. */
export interface NetProfitInput {
  /** `expectedOut − amountIn`, native units of the input token. */
  readonly grossProfit: bigint;
  /** Estimated gas of the route. */
  readonly gasUnits: bigint;
  /** Gas price, wei of the chain's native token. */
  readonly gasPriceWei: bigint;
  /** Rates from the (wrapped) native token to the input token; empty when they are the same. */
  readonly nativeToInput: readonly Rational[];
  /** How to value the input token in USD, when known. */
  readonly inputUsd?: UsdPath | undefined;
  /** How to value the native token in USD, when known. */
  readonly nativeUsd?: UsdPath | undefined;
}

/** A route's economics after gas. */
export interface NetProfit {
  /** `gasUnits × gasPriceWei`. */
  readonly gasCostWei: bigint;
  /** The gas cost converted into the input token, rounded up. */
  readonly gasCostIn: bigint;
  /** `grossProfit − gasCostIn`. */
  readonly netProfit: bigint;
  /** USD of `netProfit`, 8 decimals, rounded down; undefined without a USD path. */
  readonly netProfitUsd: bigint | undefined;
  /** USD of the gas cost, 8 decimals, rounded up; undefined without a USD path. */
  readonly gasCostUsd: bigint | undefined;
}

/**
 * Net profit: `grossProfit − gasUnits·gasPrice` with the gas cost converted exactly into the
 * input token through pool prices and rounded up, and both figures in USD (profit rounded down,
 * cost up), so every rounding errs against the trade.
 *
 * @throws {ArbitrageError} `INVALID_AMOUNT` for negative gas units or price
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { netProfit } from "./net_profit.ts";
 * // gas: 200k at 10 gwei = 0.002 WETH; the input token is USDC at 3000 USDC per WETH
 * const weth2usdc = { numerator: 3000n * 10n ** 6n, denominator: 10n ** 18n };
 * const n = netProfit({
 *   grossProfit: 50n * 10n ** 6n, gasUnits: 200_000n, gasPriceWei: 10n ** 10n,
 *   nativeToInput: [weth2usdc], inputUsd: { rates: [], stableDecimals: 6 },
 *   nativeUsd: { rates: [weth2usdc], stableDecimals: 6 },
 * });
 * assert(n.gasCostIn === 6n * 10n ** 6n && n.netProfit === 44n * 10n ** 6n);
 * assert(n.netProfitUsd === 44n * 10n ** 8n && n.gasCostUsd === 6n * 10n ** 8n);
 * ```
 */
export function netProfit(input: NetProfitInput): NetProfit {
  const { grossProfit, gasUnits, gasPriceWei } = input;
  for (const [name, v] of [["gasUnits", gasUnits], ["gasPriceWei", gasPriceWei]] as const) {
    if (typeof v !== "bigint" || v < 0n) {
      throw new ArbitrageError("INVALID_AMOUNT", `${name} must be a bigint ≥ 0, got ${v}`, {
        [name]: v,
      });
    }
  }
  const gasCostWei = gasUnits * gasPriceWei;
  const gasCostIn = convertAmount(gasCostWei, input.nativeToInput, "ceil");
  const net = grossProfit - gasCostIn;
  return {
    gasCostWei,
    gasCostIn,
    netProfit: net,
    netProfitUsd: input.inputUsd === undefined
      ? undefined
      : pathUsdValue(net, input.inputUsd, "floor"),
    gasCostUsd: input.nativeUsd === undefined
      ? undefined
      : pathUsdValue(gasCostWei, input.nativeUsd, "ceil"),
  };
}
