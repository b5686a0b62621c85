// lib/risk/stage_config.ts — one job: read the JSON config file of `torq risk` and
// `torq execute` (market, capital, limits, breakers) into typed options, exactly.
import type { MarketBookOptions } from "../market/mod.ts";
import { resolveRiskConfig, type RiskConfigInput } from "./config.ts";
import { RiskError } from "./errors.ts";
import { usd } from "../portfolio/mod.ts";

/** What a stage config file holds. */
export interface StageConfig {
  readonly market: MarketBookOptions;
  /** Starting wallet balances, token address → native units. */
  readonly capital: Readonly<Record<string, bigint>>;
  /** Risk limits and breakers, checked by `resolveRiskConfig`. */
  readonly risk: RiskConfigInput;
}

/**
 * Parse a stage config: `chainId`, `nativeToken`, `stablecoins`, `capital` (address → native
 * units as a decimal string), `limits` and `breakers` as in docs/RISK.md, where every `…Usd`
 * key (and each entry of `positionLimitsUsd` / `venueLimitsUsd`) is a dollar string such as
 * `"100"` or `"0.5"`, every `…Ns` key an integer string of nanoseconds, and the rest numbers,
 * strings or lists as the engine takes them.
 *
 * @throws {RiskError} `BAD_CONFIG` naming the key (after `source`, e.g. `--config FILE`, when
 * given), marked `userInput`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseStageConfig } from "./stage_config.ts";
 * const c = parseStageConfig(JSON.stringify({
 *   chainId: 31337, nativeToken: "0x" + "0a".repeat(20), stablecoins: [],
 *   capital: { ["0x" + "0a".repeat(20)]: "1000" },
 *   limits: { maxNotionalUsd: "250.5", maxSignalAgeNs: "5000000000", maxConcurrentExecutions: 2 },
 * }));
 * assert.equal(c.risk.limits?.maxNotionalUsd, 25_050_000_000n);
 * assert.equal(c.risk.limits?.maxSignalAgeNs, 5_000_000_000n);
 * ```
 */
export function parseStageConfig(text: string, source?: string): StageConfig {
  try {
    return parse(text);
  } catch (e) {
    // say where the text came from (`--config FILE`), when the caller knows
    if (source === undefined || !(e instanceof RiskError)) throw e;
    throw new RiskError(e.code, `${source}: ${e.message}`, { ...e.details }, { cause: e });
  }
}

function parse(text: string): StageConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw bad("(file)", `is not JSON: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw bad("(file)", "must be a JSON object");
  const known = ["chainId", "nativeToken", "stablecoins", "capital", "limits", "breakers"];
  for (const k of Object.keys(raw)) if (!known.includes(k)) throw bad(k, "is not a known key");
  const chainId = raw.chainId;
  if (typeof chainId !== "number" || !Number.isInteger(chainId)) {
    throw bad("chainId", `must be an integer chain id, got ${JSON.stringify(chainId)}`);
  }
  if (typeof raw.nativeToken !== "string") throw bad("nativeToken", "must be an address");
  const stables = raw.stablecoins ?? [];
  if (!Array.isArray(stables) || !stables.every((s) => typeof s === "string")) {
    throw bad("stablecoins", "must be a list of addresses");
  }
  const capital: Record<string, bigint> = {};
  for (const [address, amount] of Object.entries(objectAt(raw, "capital"))) {
    capital[address] = integer(`capital.${address}`, amount);
  }
  const risk: RiskConfigInput = {
    limits: section("limits", objectAt(raw, "limits")),
    breakers: section("breakers", objectAt(raw, "breakers")),
  };
  resolveRiskConfig(risk); // a bad limit is reported here, with the file it is in
  return {
    market: { chainId, nativeToken: raw.nativeToken, stablecoins: stables },
    capital,
    risk,
  };
}

function section(name: string, o: Record<string, unknown>): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const key = `${name}.${k}`;
    if (k === "positionLimitsUsd" || k === "venueLimitsUsd") {
      if (!isObject(v)) throw bad(key, "must be an object of dollar strings");
      out[k] = Object.fromEntries(
        Object.entries(v).map(([t, x]) => [t, dollars(`${key}.${t}`, x)]),
      );
    } else if (k.endsWith("Usd")) out[k] = dollars(key, v);
    else if (k.endsWith("Ns")) out[k] = integer(key, v);
    else out[k] = v;
  }
  return out as Record<string, never>;
}

function dollars(key: string, v: unknown): bigint {
  if (typeof v !== "string" && typeof v !== "number") {
    throw bad(key, `must be dollars as a string such as "100", got ${JSON.stringify(v)}`);
  }
  try {
    return usd(String(v));
  } catch {
    throw bad(key, `must be dollars with at most 8 decimals, got ${JSON.stringify(v)}`);
  }
}

function integer(key: string, v: unknown): bigint {
  if (
    (typeof v === "string" && /^[0-9]+$/.test(v)) ||
    (typeof v === "number" && Number.isSafeInteger(v))
  ) {
    return BigInt(v);
  }
  throw bad(key, `must be a whole number as a decimal string, got ${JSON.stringify(v)}`);
}

function objectAt(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = o[key] ?? {};
  if (!isObject(v)) throw bad(key, "must be an object");
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function bad(key: string, what: string): RiskError {
  return new RiskError("BAD_CONFIG", `Config key ${key} ${what}`, { key });
}
