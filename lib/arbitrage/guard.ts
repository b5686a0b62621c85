// lib/arbitrage/guard.ts — one job: the minimum-profit guard no emitted signal may fall below.
import { ArbitrageError } from "./errors.ts";
import { I64_MAX, I64_MIN, USD_ONE } from "./valuation.ts";

/** The least net profit a signal must show to be emitted. */
export interface ProfitGuard {
  /**
   * Least net profit in USD, 8 decimals; `null` turns the USD check off. When set, a route whose
   * input token has no USD valuation is never emitted.
   */
  readonly minNetProfitUsd: bigint | null;
  /** Least net profit per input token (lower-case address), native units. */
  readonly minNetProfit: ReadonlyMap<string, bigint>;
}

/** The default guard: at least 1 USD of net profit. */
export const DEFAULT_PROFIT_GUARD: ProfitGuard = Object.freeze({
  minNetProfitUsd: USD_ONE,
  minNetProfit: new Map<string, bigint>(),
});

/**
 * Whether a net profit clears the guard: always strictly positive in the input token, at least
 * the token's minimum when one is set, at least the USD minimum when that is on (which needs a USD
 * figure), and USD figures within i64.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_PROFIT_GUARD, guardAllows } from "./guard.ts";
 * const usdc = "0x" + "02".repeat(20);
 * assert(guardAllows(DEFAULT_PROFIT_GUARD, usdc, 2_000_000n, 200_000_000n));
 * assert(!guardAllows(DEFAULT_PROFIT_GUARD, usdc, 500_000n, 50_000_000n)); // 0.50 USD
 * assert(!guardAllows(DEFAULT_PROFIT_GUARD, usdc, 2_000_000n, undefined)); // no USD figure
 * ```
 */
export function guardAllows(
  guard: ProfitGuard,
  tokenIn: string,
  netProfit: bigint,
  netProfitUsd: bigint | undefined,
): boolean {
  if (netProfit <= 0n) return false;
  const min = guard.minNetProfit.get(tokenIn);
  if (min !== undefined && netProfit < min) return false;
  if (netProfitUsd !== undefined && (netProfitUsd < I64_MIN || netProfitUsd > I64_MAX)) {
    return false;
  }
  if (guard.minNetProfitUsd !== null) {
    if (netProfitUsd === undefined || netProfitUsd < guard.minNetProfitUsd) return false;
  }
  return true;
}

/**
 * A validated guard from options: lower-cases the token keys and checks the amounts.
 *
 * @throws {ArbitrageError} `INVALID_OPTION`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { profitGuard } from "./guard.ts";
 * const g = profitGuard({ minNetProfitUsd: 5n * 10n ** 8n, minNetProfit: { "0xAB": 10n } });
 * assert(g.minNetProfit.get("0xab") === 10n);
 * ```
 */
export function profitGuard(options: {
  readonly minNetProfitUsd?: bigint | null;
  readonly minNetProfit?: Readonly<Record<string, bigint>>;
}): ProfitGuard {
  const usd = options.minNetProfitUsd === undefined ? USD_ONE : options.minNetProfitUsd;
  if (usd !== null && (typeof usd !== "bigint" || usd < 0n || usd > I64_MAX)) {
    throw new ArbitrageError(
      "INVALID_OPTION",
      `minNetProfitUsd must be null or a bigint in [0, 2^63), got ${usd}`,
      { minNetProfitUsd: usd },
    );
  }
  const perToken = new Map<string, bigint>();
  for (const [token, min] of Object.entries(options.minNetProfit ?? {})) {
    if (typeof min !== "bigint" || min < 0n) {
      throw new ArbitrageError(
        "INVALID_OPTION",
        `minNetProfit for ${token} must be a bigint ≥ 0, got ${min}`,
        { token, min },
      );
    }
    perToken.set(token.toLowerCase(), min);
  }
  return Object.freeze({ minNetProfitUsd: usd, minNetProfit: perToken });
}
