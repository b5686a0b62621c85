// lib/amm/fixed_point.ts — one job: the binary fixed-point units of Uniswap V3 prices, defined once.

/**
 * 2^96, the unit of a Q64.96 square-root price (`sqrtPriceX96`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Q96 } from "./fixed_point.ts";
 * assert.equal(Q96, 2n ** 96n);
 * ```
 */
export const Q96: bigint = 1n << 96n;

/**
 * 2^128, the unit of a Q128.128 value (the tick math's ratios, fee growth).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Q128 } from "./fixed_point.ts";
 * assert.equal(Q128, 2n ** 128n);
 * ```
 */
export const Q128: bigint = 1n << 128n;

/**
 * 2^192 = Q96², the unit of a price squared out of `sqrtPriceX96`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Q96, Q192 } from "./fixed_point.ts";
 * assert.equal(Q192, Q96 * Q96);
 * ```
 */
export const Q192: bigint = 1n << 192n;
