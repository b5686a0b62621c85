// lib/arbitrage/gas.ts — one job: the gas a route is estimated to burn.
import { ArbitrageError } from "./errors.ts";

/** Gas per part of an arbitrage transaction (the executor's contract overhead included). */
export interface GasModel {
  /** Fixed cost: the 21000 intrinsic gas plus the executing contract's own work. */
  readonly baseGas: bigint;
  /** Per Uniswap V2 style hop. */
  readonly v2HopGas: bigint;
  /** Per Uniswap V3 style hop that crosses no initialized tick. */
  readonly v3HopGas: bigint;
  /** Per initialized tick a V3 hop crosses. */
  readonly v3TickCrossGas: bigint;
}

/** Typical mainnet figures: 60k per V2 swap, 100k per V3 swap, 25k per tick crossed. */
export const DEFAULT_GAS_MODEL: GasModel = Object.freeze({
  baseGas: 50_000n,
  v2HopGas: 60_000n,
  v3HopGas: 100_000n,
  v3TickCrossGas: 25_000n,
});

/** What the gas estimate needs of a hop. */
export interface GasHop {
  readonly protocol: "v2" | "v3";
  /** Initialized ticks the V3 swap crosses (0 for V2). */
  readonly ticksCrossed: number;
}

/**
 * Gas units of a route: the base plus each hop's cost.
 *
 * @throws {ArbitrageError} `INVALID_OPTION` for a negative figure in the model or a bad tick count
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_GAS_MODEL, routeGasUnits } from "./gas.ts";
 * const gas = routeGasUnits(DEFAULT_GAS_MODEL, [
 *   { protocol: "v2", ticksCrossed: 0 },
 *   { protocol: "v3", ticksCrossed: 2 },
 * ]);
 * assert(gas === 50_000n + 60_000n + 100_000n + 2n * 25_000n);
 * ```
 */
export function routeGasUnits(model: GasModel, hops: readonly GasHop[]): bigint {
  assertGasModel(model);
  let gas = model.baseGas;
  for (const hop of hops) {
    if (!Number.isInteger(hop.ticksCrossed) || hop.ticksCrossed < 0) {
      throw new ArbitrageError(
        "INVALID_OPTION",
        `Ticks crossed must be a non-negative integer, got ${hop.ticksCrossed}`,
        { ticksCrossed: hop.ticksCrossed },
      );
    }
    gas += hop.protocol === "v2"
      ? model.v2HopGas
      : model.v3HopGas + BigInt(hop.ticksCrossed) * model.v3TickCrossGas;
  }
  return gas;
}

/**
 * Throws unless every figure of `model` is a non-negative bigint.
 *
 * @throws {ArbitrageError} `INVALID_OPTION`, naming the figure
 * @example
 * ```ts
 * import { assertGasModel, DEFAULT_GAS_MODEL } from "./gas.ts";
 * assertGasModel(DEFAULT_GAS_MODEL);
 * ```
 */
export function assertGasModel(model: GasModel): void {
  for (const key of ["baseGas", "v2HopGas", "v3HopGas", "v3TickCrossGas"] as const) {
    const v = model[key];
    if (typeof v !== "bigint" || v < 0n) {
      throw new ArbitrageError(
        "INVALID_OPTION",
        `Gas model ${key} must be a bigint ≥ 0, got ${v}`,
        {
          [key]: v,
        },
      );
    }
  }
}
