// lib/devnet/contracts.ts — one job: compile torq's own Solidity (contracts/) with solc.
import { type Artifact, toArtifact } from "./artifacts.ts";
import { DevnetError } from "./errors.ts";
import { cacheKey, readCached, writeCached } from "./_solc_cache.ts";

/** Contracts torq writes itself, each in `contracts/<name>.sol` at the repository root. */
export type OwnContractName = "TestToken" | "ArbitrageExecutor";

/** The EVM version our contracts target: one every supported Anvil hardfork runs. */
const EVM_VERSION = "cancun";

const SETTINGS = {
  optimizer: { enabled: false },
  evmVersion: EVM_VERSION,
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
};

interface SolcOutput {
  errors?: { severity: string; formattedMessage?: string; message: string }[];
  contracts?: Record<string, Record<string, unknown>>;
}

interface Solc {
  compile(input: string): string;
  version(): string;
}

let solcModule: Promise<Solc> | undefined;
const cache = new Map<OwnContractName, Promise<Artifact>>();

/**
 * Compiles Solidity sources (file name → text) with npm:solc and returns every contract by
 * name. The optimizer is off: test contracts favour a fast compile over cheap gas.
 *
 * @throws {DevnetError} `COMPILE_FAILED` with solc's messages in `details.errors`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileSolidity } from "./contracts.ts";
 * const out = await compileSolidity({
 *   "One.sol": "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n" +
 *     "contract One { function one() external pure returns (uint256) { return 1; } }",
 * });
 * assert(out.get("One")?.bytecode.startsWith("0x"));
 * ```
 */
export async function compileSolidity(
  sources: Readonly<Record<string, string>>,
): Promise<Map<string, Artifact>> {
  const solc = await loadSolc();
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(
      Object.entries(sources).map(([file, content]) => [file, { content }]),
    ),
    settings: SETTINGS,
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    const messages = errors.map((e) => e.formattedMessage ?? e.message);
    throw new DevnetError(
      "COMPILE_FAILED",
      `Solidity compile of ${Object.keys(sources).join(", ")} failed: ${errors[0]?.message}`,
      { files: Object.keys(sources), errors: messages, solc: solc.version() },
    );
  }
  const result = new Map<string, Artifact>();
  for (const [file, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, json] of Object.entries(contracts)) {
      // Interfaces and abstract contracts have no bytecode: nothing to deploy.
      if ((json as { evm?: { bytecode?: { object?: unknown } } }).evm?.bytecode?.object === "") {
        continue;
      }
      result.set(name, toArtifact(name, `${file} (solc ${solc.version()})`, json));
    }
  }
  return result;
}

/**
 * One of torq's own contracts, compiled from `contracts/<name>.sol` on first use in a process
 * (about a second, most of it loading solc). The output is kept in `$TORQ_CACHE_DIR/solc`
 * (default `~/.cache/torq/solc`; set TORQ_CACHE_DIR to an empty string to disable), keyed by
 * the SHA-256 of the source, the settings and the solc package, so an edit recompiles.
 *
 * @throws {DevnetError} `COMPILE_FAILED` when the source is missing or does not compile.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadOwnContract } from "./contracts.ts";
 * const token = await loadOwnContract("TestToken");
 * assert(token.abi.some((item) => item.type === "function" && item.name === "mint"));
 * ```
 */
export function loadOwnContract(name: OwnContractName): Promise<Artifact> {
  let hit = cache.get(name);
  if (hit === undefined) {
    hit = compileOwn(name);
    cache.set(name, hit);
    hit.catch(() => cache.delete(name)); // a failed compile may be retried after a fix
  }
  return hit;
}

async function compileOwn(name: OwnContractName): Promise<Artifact> {
  const url = new URL(`../../contracts/${name}.sol`, import.meta.url);
  let source: string;
  try {
    source = await (url.protocol === "file:" ? Deno.readTextFile(url) : fetchText(url));
  } catch (cause) {
    throw new DevnetError("COMPILE_FAILED", `Cannot read Solidity source ${url.href}`, {
      contract: name,
      url: url.href,
    }, { cause });
  }
  const key = await cacheKey({ source, settings: SETTINGS, solc: import.meta.resolve("solc") });
  const cached = await readCached(key);
  if (cached !== undefined) {
    try {
      const label = (cached as { source?: unknown }).source;
      return toArtifact(name, typeof label === "string" ? label : `${name}.sol`, cached);
    } catch {
      // A damaged cache entry: compile again and overwrite it.
    }
  }
  const artifact = (await compileSolidity({ [`${name}.sol`]: source })).get(name);
  if (artifact !== undefined) await writeCached(key, artifact);
  if (artifact === undefined) {
    throw new DevnetError("COMPILE_FAILED", `Source ${url.href} defines no contract ${name}`, {
      contract: name,
    });
  }
  return artifact;
}

async function fetchText(url: URL): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  return await res.text();
}

function loadSolc(): Promise<Solc> {
  solcModule ??= import("solc").then((m) => m.default as unknown as Solc);
  return solcModule;
}
