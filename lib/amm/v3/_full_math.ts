// lib/amm/v3/_full_math.ts — one job: FullMath/UnsafeMath cores for trusted (in-range) inputs.
import { MAX_UINT256 } from "../_uint.ts";
import { AmmError } from "../errors.ts";

// 2^96, the Q64.96 unit: defined once in fixed_point.ts, re-exported for the V3 cores.
export { Q96 } from "../fixed_point.ts";

/**
 * `floor(a·b/d)` as `FullMath.mulDiv`, inputs trusted to be uint256 and `d > 0`; reverts (throws)
 * where the contract does, when the result does not fit in 256 bits.
 *
 * @throws {AmmError} `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulDivFloor } from "./_full_math.ts";
 * assert(mulDivFloor(7n, 5n, 3n) === 11n);
 * ```
 */
export function mulDivFloor(a: bigint, b: bigint, d: bigint): bigint {
  const r = (a * b) / d;
  if (r > MAX_UINT256) throw mulDivOverflow(a, b, d);
  return r;
}

/**
 * `ceil(a·b/d)` as `FullMath.mulDivRoundingUp`, inputs trusted to be uint256 and `d > 0`.
 *
 * @throws {AmmError} `MATH_OVERFLOW` when the rounded result exceeds uint256
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulDivCeil } from "./_full_math.ts";
 * assert(mulDivCeil(7n, 5n, 3n) === 12n);
 * ```
 */
export function mulDivCeil(a: bigint, b: bigint, d: bigint): bigint {
  // (p + d - 1) / d is ceil(p / d) for p >= 0 and avoids a second division for the remainder
  const r = (a * b + d - 1n) / d;
  if (r > MAX_UINT256) throw mulDivOverflow(a, b, d);
  return r;
}

/**
 * `UnsafeMath.divRoundingUp`: `ceil(x/y)`, and 0 when `y = 0` (EVM division by zero yields 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { divCeil } from "./_full_math.ts";
 * assert(divCeil(7n, 2n) === 4n && divCeil(7n, 0n) === 0n);
 * ```
 */
export function divCeil(x: bigint, y: bigint): bigint {
  if (y === 0n) return 0n;
  return (x + y - 1n) / y;
}

/**
 * The error `FullMath` reverts with when a result does not fit in 256 bits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulDivOverflow } from "./_full_math.ts";
 * assert(mulDivOverflow(1n, 2n, 3n).code === "MATH_OVERFLOW");
 * ```
 */
export function mulDivOverflow(a: bigint, b: bigint, d: bigint): AmmError {
  return new AmmError("MATH_OVERFLOW", `mulDiv(${a}, ${b}, ${d}) overflows uint256`, {
    a,
    b,
    denominator: d,
  });
}
