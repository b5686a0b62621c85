// lib/devnet/artifacts.ts — one job: load the real, mainnet-identical Uniswap bytecode.
import type { Abi, Hex } from "viem";
import { DevnetError } from "./errors.ts";

/** The contracts whose published build this module serves; none is ever recompiled. */
export type UniswapArtifactName =
  | "WETH9"
  | "UniswapV2Factory"
  | "UniswapV2Pair"
  | "UniswapV2Router02"
  | "UniswapV3Factory"
  | "UniswapV3Pool"
  | "NonfungiblePositionManager"
  | "SwapRouter"
  | "QuoterV2";

/** A contract's ABI and creation bytecode (always `0x`-prefixed), and where it came from. */
export interface Artifact {
  readonly contractName: string;
  /** The npm package, with version, that shipped the build. */
  readonly source: string;
  readonly abi: Abi;
  readonly bytecode: Hex;
}

/**
 * Keccak-256 of UniswapV2Pair's creation code on Ethereum mainnet: routers hard-code it to
 * derive pair addresses, so a devnet pair must hash to the same value.
 */
export const V2_PAIR_INIT_CODE_HASH: Hex =
  "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";

/** Keccak-256 of UniswapV3Pool's creation code on mainnet, hard-coded in the V3 periphery. */
export const V3_POOL_INIT_CODE_HASH: Hex =
  "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54";

const V2_CORE = "@uniswap/v2-core@1.0.1";
const V2_PERIPHERY = "@uniswap/v2-periphery@1.1.0-beta.0";
const V3_CORE = "@uniswap/v3-core@1.0.1";
const V3_PERIPHERY = "@uniswap/v3-periphery@1.4.4";

type JsonModule = Promise<{ default: unknown }>;

// Literal specifiers, so Deno installs each package with the module graph; loaded on first use.
const SOURCES: Readonly<Record<UniswapArtifactName, { pkg: string; load: () => JsonModule }>> = {
  WETH9: {
    pkg: V2_PERIPHERY,
    load: () => import("@uniswap/v2-periphery/build/WETH9.json", { with: { type: "json" } }),
  },
  UniswapV2Factory: {
    pkg: V2_CORE,
    load: () => import("@uniswap/v2-core/build/UniswapV2Factory.json", { with: { type: "json" } }),
  },
  UniswapV2Pair: {
    pkg: V2_CORE,
    load: () => import("@uniswap/v2-core/build/UniswapV2Pair.json", { with: { type: "json" } }),
  },
  UniswapV2Router02: {
    pkg: V2_PERIPHERY,
    load: () =>
      import("@uniswap/v2-periphery/build/UniswapV2Router02.json", { with: { type: "json" } }),
  },
  UniswapV3Factory: {
    pkg: V3_CORE,
    load: () =>
      import("@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json", {
        with: { type: "json" },
      }),
  },
  UniswapV3Pool: {
    pkg: V3_CORE,
    load: () =>
      import("@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json", {
        with: { type: "json" },
      }),
  },
  NonfungiblePositionManager: {
    pkg: V3_PERIPHERY,
    load: () =>
      import(
        "@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json",
        { with: { type: "json" } }
      ),
  },
  SwapRouter: {
    pkg: V3_PERIPHERY,
    load: () =>
      import("@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json", {
        with: { type: "json" },
      }),
  },
  QuoterV2: {
    pkg: V3_PERIPHERY,
    load: () =>
      import("@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json", {
        with: { type: "json" },
      }),
  },
};

const cache = new Map<UniswapArtifactName, Promise<Artifact>>();

/**
 * The published build of one Uniswap contract (or WETH9), read from its npm package once per
 * process. V2 builds store bytecode without `0x`; the result always has it.
 *
 * @throws {DevnetError} `ARTIFACT_INVALID` when the package's JSON lacks an ABI or bytecode.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keccak256 } from "viem";
 * import { loadArtifact, V2_PAIR_INIT_CODE_HASH } from "./artifacts.ts";
 * const pair = await loadArtifact("UniswapV2Pair");
 * assert(keccak256(pair.bytecode) === V2_PAIR_INIT_CODE_HASH);
 * ```
 */
export function loadArtifact(name: UniswapArtifactName): Promise<Artifact> {
  let hit = cache.get(name);
  if (hit === undefined) {
    const { pkg, load } = SOURCES[name];
    hit = load().then((mod) => toArtifact(name, pkg, mod.default));
    cache.set(name, hit);
  }
  return hit;
}

/**
 * Checks a build JSON (Hardhat, Waffle or solc shape) and returns its ABI and `0x` bytecode.
 *
 * @throws {DevnetError} `ARTIFACT_INVALID` when either is missing or the bytecode is not plain
 * hex (for example, unlinked library placeholders).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toArtifact } from "./artifacts.ts";
 * const a = toArtifact("Empty", "inline", { abi: [], bytecode: "6080" });
 * assert(a.bytecode === "0x6080");
 * ```
 */
export function toArtifact(contractName: string, source: string, json: unknown): Artifact {
  const j = (json ?? {}) as { abi?: unknown; bytecode?: unknown; evm?: { bytecode?: unknown } };
  const evmCode = (j.evm?.bytecode as { object?: unknown } | undefined)?.object;
  const raw = typeof j.bytecode === "string" ? j.bytecode : evmCode;
  if (!Array.isArray(j.abi) || typeof raw !== "string") {
    throw new DevnetError("ARTIFACT_INVALID", `Artifact ${contractName} has no ABI or bytecode`, {
      contractName,
      source,
    });
  }
  const bytecode = (raw.startsWith("0x") ? raw : `0x${raw}`) as Hex;
  if (!/^0x(?:[0-9a-fA-F]{2})+$/.test(bytecode)) {
    throw new DevnetError(
      "ARTIFACT_INVALID",
      `Artifact ${contractName} bytecode is not plain hex`,
      { contractName, source, prefix: bytecode.slice(0, 20) },
    );
  }
  return Object.freeze({ contractName, source, abi: j.abi as Abi, bytecode });
}
