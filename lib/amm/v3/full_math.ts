// lib/amm/v3/full_math.ts — one job: FullMath's 512-bit mulDiv with its uint256 semantics.
import { checkRange, MAX_UINT256 } from "../_uint.ts";
import { AmmError } from "../errors.ts";
import { mulDivCeil, mulDivFloor } from "./_full_math.ts";

function checkArgs(a: bigint, b: bigint, denominator: bigint): void {
  checkRange("a", a, 0n, MAX_UINT256);
  checkRange("b", b, 0n, MAX_UINT256);
  checkRange("denominator", denominator, 0n, MAX_UINT256);
  if (denominator === 0n) {
    throw new AmmError("DIVISION_BY_ZERO", "Denominator must be positive, got 0", { a, b });
  }
}

/**
 * `floor(a·b/denominator)` with the full 512-bit product, as Uniswap's `FullMath.mulDiv`:
 * inputs are uint256, and it throws where the contract reverts (zero denominator, result ≥ 2^256).
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `DIVISION_BY_ZERO`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulDiv } from "./full_math.ts";
 * const Q128 = 1n << 128n;
 * assert(mulDiv(Q128, Q128 / 2n, Q128 * 3n / 2n) === Q128 / 3n);
 * ```
 */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  checkArgs(a, b, denominator);
  return mulDivFloor(a, b, denominator);
}

/**
 * `ceil(a·b/denominator)` as `FullMath.mulDivRoundingUp`: throws where the contract reverts,
 * including when the floor is `2^256 − 1` and a remainder would round it past uint256.
 *
 * @throws {AmmError} `VALUE_OUT_OF_RANGE`, `DIVISION_BY_ZERO`, `MATH_OVERFLOW`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulDivRoundingUp } from "./full_math.ts";
 * assert(mulDivRoundingUp(10n, 10n, 3n) === 34n);
 * ```
 */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  checkArgs(a, b, denominator);
  return mulDivCeil(a, b, denominator);
}
