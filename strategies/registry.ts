// strategies/registry.ts — one job: the strategy plug-ins by name, for `torq arb-scan --strategy`.
import { StrategyError } from "./errors.ts";
import { NATIVE_CYCLES_ID, nativeCycles } from "./native_cycles.ts";
import { STABLE_TRIANGLES_ID, stableTriangles } from "./stable_triangles.ts";
import type { StrategyPlugin } from "./strategy.ts";

/**
 * Every strategy plug-in, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STRATEGIES } from "./registry.ts";
 * assert.deepEqual(STRATEGIES.map((s) => s.name), ["stable-triangles", "native-cycles"]);
 * ```
 */
export const STRATEGIES: readonly StrategyPlugin[] = Object.freeze([
  {
    name: "stable-triangles",
    strategyId: STABLE_TRIANGLES_ID,
    summary: "cycles of 2–3 hops from a stablecoin back to it, at least 5 USD net (--min-net-usd)",
    create: (stage, params = {}) =>
      stableTriangles({
        ...stage,
        ...(params.maxHops !== undefined ? { maxHops: params.maxHops } : {}),
        ...(params.minNetProfitUsd !== undefined
          ? { minNetProfitUsd: params.minNetProfitUsd }
          : {}),
        ...(params.chosenBy !== undefined ? { chosenBy: params.chosenBy } : {}),
      }),
  },
  {
    name: "native-cycles",
    strategyId: NATIVE_CYCLES_ID,
    summary: "cycles of 2–4 hops from the wrapped native token back to it, at least 0.001 of it " +
      "net (--min-net-usd adds a USD floor)",
    create: (stage, params = {}) =>
      nativeCycles({
        ...stage,
        ...(params.maxHops !== undefined ? { maxHops: params.maxHops } : {}),
        ...(params.minNetProfitUsd !== undefined
          ? { minNetProfitUsd: params.minNetProfitUsd }
          : {}),
        ...(params.chosenBy !== undefined ? { chosenBy: params.chosenBy } : {}),
      }),
  },
]);

/**
 * The plug-in called `name`.
 *
 * @throws {StrategyError} `UNKNOWN_STRATEGY` naming the known ones
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strategyByName } from "./registry.ts";
 * assert.equal(strategyByName("native-cycles").strategyId, 3);
 * assert.throws(() => strategyByName("martingale"), { code: "UNKNOWN_STRATEGY" });
 * ```
 */
export function strategyByName(name: string): StrategyPlugin {
  const found = STRATEGIES.find((s) => s.name === name);
  if (found !== undefined) return found;
  const known = STRATEGIES.map((s) => s.name).join(", ");
  throw new StrategyError("UNKNOWN_STRATEGY", `No strategy named "${name}"; known: ${known}`, {
    name,
    known: STRATEGIES.map((s) => s.name),
  });
}
