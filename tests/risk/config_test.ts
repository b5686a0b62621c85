import assert from "node:assert/strict";
import { usd } from "../../lib/portfolio/mod.ts";
import {
  DEFAULT_RISK_CONFIG,
  resolveRiskConfig,
  type RiskConfigInput,
  RiskError,
} from "../../lib/risk/mod.ts";
import { caught, WETH_KEY } from "./_fixtures.ts";

function badKey(input: unknown): string {
  const err = caught(() => resolveRiskConfig(input as RiskConfigInput));
  assert(err instanceof RiskError && err.code === "BAD_CONFIG", String(err));
  assert.match(err.message, new RegExp(String(err.details.key).replace(/[[\]."]/g, "\\$&")));
  return String(err.details.key);
}

Deno.test("resolveRiskConfig with nothing given is the conservative default", () => {
  const config = resolveRiskConfig();
  assert.deepEqual(config, DEFAULT_RISK_CONFIG);
  assert.equal(config.limits.maxNotionalUsd, usd("100"));
  assert.equal(config.limits.maxConcurrentExecutions, 1);
  assert.equal(config.breakers.dailyLossLimitUsd, usd("50"));
});

Deno.test("resolveRiskConfig overrides only the keys given", () => {
  const config = resolveRiskConfig({
    limits: { maxNotionalUsd: usd("250"), positionLimitsUsd: { [WETH_KEY]: usd("2000") } },
    breakers: { errorRateAction: "reducing" },
  });
  assert.equal(config.limits.maxNotionalUsd, usd("250"));
  assert.equal(config.limits.positionLimitsUsd[WETH_KEY], usd("2000"));
  assert.equal(config.limits.maxPositionUsd, DEFAULT_RISK_CONFIG.limits.maxPositionUsd);
  assert.equal(config.breakers.errorRateAction, "reducing");
});

Deno.test("resolveRiskConfig names the key of a value of the wrong type or range", () => {
  const cases: [unknown, string][] = [
    [{ limits: { maxNotionalUsd: 100 } }, "limits.maxNotionalUsd"],
    [{ limits: { maxNotionalUsd: -1n } }, "limits.maxNotionalUsd"],
    [{ limits: { maxNotionalUsd: 1n << 63n } }, "limits.maxNotionalUsd"],
    [{ limits: { maxConcurrentExecutions: 0 } }, "limits.maxConcurrentExecutions"],
    [{ limits: { maxConcurrentExecutions: 1.5 } }, "limits.maxConcurrentExecutions"],
    [{ limits: { maxNavExposureBps: 10_001 } }, "limits.maxNavExposureBps"],
    [{ limits: { maxSignalAgeNs: 0n } }, "limits.maxSignalAgeNs"],
    [{ limits: { minNetProfitUsd: -1n } }, "limits.minNetProfitUsd"],
    [{ limits: { baseTokens: ["0x1234"] } }, "limits.baseTokens[0]"],
    [
      { limits: { positionLimitsUsd: { [WETH_KEY]: 0n } } },
      `limits.positionLimitsUsd["${WETH_KEY}"]`,
    ],
    [{ limits: { positionLimitsUsd: { weth: 1n } } }, "limits.positionLimitsUsd key weth"],
    [{ limits: { venueLimitsUsd: { "70000": 1n } } }, "limits.venueLimitsUsd key 70000"],
    [{ limits: { venueLimitsUsd: { "102": 5 } } }, `limits.venueLimitsUsd["102"]`],
    [{ breakers: { consecutiveLossAction: "stop" } }, "breakers.consecutiveLossAction"],
    [{ breakers: { warnAtBps: 0 } }, "breakers.warnAtBps"],
    [{ breakers: { dailyLossLimitUsd: 0n } }, "breakers.dailyLossLimitUsd"],
    [{ breakers: { drawdownReduceBps: 600, drawdownHaltBps: 500 } }, "breakers.drawdownReduceBps"],
    [{ limits: 5 }, "limits"],
  ];
  for (const [input, key] of cases) assert.equal(badKey(input), key);
});

Deno.test("resolveRiskConfig refuses an unknown key instead of ignoring a typo", () => {
  assert.equal(badKey({ limits: { maxNotional: usd("1") } }), "limits.maxNotional");
  assert.equal(badKey({ limit: {} }), "limit");
});
