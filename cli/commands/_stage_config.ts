// cli/commands/_stage_config.ts — one job: read the --config file of `torq risk` and
// `torq execute`.
import { UsageError } from "../../lib/error.ts";
import { loadTokenRoles } from "../../lib/market/mod.ts";
import { paperStageConfig } from "../../lib/pipeline/mod.ts";
import { parseStageConfig, type StageConfig } from "../../lib/risk/mod.ts";

/**
 * The parsed config file; or, with `--tokens FILE` (the JSON torq devnet prints) instead, the
 * main job's paper config for those tokens; or a UsageError naming the flag, the file and the
 * bad key.
 */
export async function readStageConfig(
  command: string,
  path: string | undefined,
  tokensFile?: string | undefined,
): Promise<StageConfig> {
  if (path !== undefined && tokensFile !== undefined) {
    throw new UsageError("BAD_FLAGS", "Give --config FILE or --tokens FILE, not both");
  }
  if (tokensFile !== undefined) {
    return paperStageConfig(await loadTokenRoles({ tokensFile }));
  }
  if (path === undefined) {
    throw new UsageError(
      "MISSING_FLAG",
      `Give --config FILE (chainId, nativeToken, stablecoins, limits) or --tokens FILE (the JSON torq devnet prints); see torq ${command} --help`,
    );
  }
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new UsageError("BAD_CONFIG", `--config ${path} cannot be read: ${(e as Error).message}`);
  }
  return parseStageConfig(text, `--config ${path}`);
}

/** Help text describing the config file, shared by both commands. */
export const CONFIG_HELP = `Config file (JSON):
  {
    "chainId": 31337,
    "nativeToken": "0x…WETH",
    "stablecoins": ["0x…USDC", "0x…USDT"],      taken at exactly 1 USD; other tokens are priced
                                                 through their deepest pool to one of them
    "capital": { "0x…USDC": "1000000000000" },   starting wallet, native units
    "limits":   { "maxNotionalUsd": "100", "maxSignalAgeNs": "2000000000", … },
    "breakers": { "maxConsecutiveLosses": 3, … }
  }
  …Usd keys are dollar strings, …Ns keys nanoseconds; see docs/RISK.md for every key.
  Instead of --config, --tokens FILE (the JSON torq devnet prints) takes the chain and token roles
  from it, with the paper wallet and limits of the main job (deno task arb-scan).`;
