// lib/market/token_roles_file.ts — one job: token roles for a stage started from the command
// line: the chain id and roles from flags, or from the JSON `torq devnet` printed.
import { MarketError } from "./errors.ts";
import { resolveTokenRoles, type TokenRoles } from "./token_roles.ts";

/**
 * The devnet description in `path` (the JSON `torq devnet` prints, recognised by its `weth`),
 * or undefined when the file is something else (e.g. a plain list of pools) and not `required`.
 *
 * @throws {MarketError} `BAD_TOKENS_FILE` when the file cannot be read, or is `required` and
 *   is not a devnet description.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDevnetDescription } from "./token_roles_file.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "0x" + "11".repeat(20) + "\n");
 * assert.equal(await readDevnetDescription(path, false), undefined);
 * await assert.rejects(readDevnetDescription(path, true), /not the JSON torq devnet prints/);
 * await Deno.remove(path);
 * ```
 */
export async function readDevnetDescription(
  path: string,
  required: boolean,
): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new MarketError("BAD_TOKENS_FILE", `Cannot read ${path}: ${(e as Error).message}`, {
      path,
    });
  }
  try {
    const json = JSON.parse(text);
    if (typeof json === "object" && json !== null && "weth" in json) return json;
  } catch {
    // not JSON: a list of pools, with no tokens in it
  }
  if (!required) return undefined;
  throw new MarketError(
    "BAD_TOKENS_FILE",
    `Tokens file ${path} is not the JSON torq devnet prints (no "weth")`,
    { path },
  );
}

/** What {@linkcode loadTokenRoles} is given. */
export interface LoadTokenRolesInput {
  /** The chain; taken from the tokens file when absent. */
  readonly chainId?: number | undefined;
  /** The devnet JSON. */
  readonly tokensFile?: string | undefined;
  readonly native?: string | undefined;
  readonly stables?: readonly string[] | undefined;
}

/**
 * Token roles from a stage's flags: `tokensFile` (the devnet JSON) and explicit addresses, over
 * the table of public chains; the chain id comes from the flags or from the file.
 *
 * @throws {MarketError} `BAD_OPTION` when no chain id is known, `BAD_TOKENS_FILE`,
 *   `UNKNOWN_TOKENS`, `BAD_ADDRESS`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadTokenRoles } from "./token_roles_file.ts";
 * const roles = await loadTokenRoles({ chainId: 137 });
 * assert.equal(roles.symbols.get(roles.nativeToken), "WPOL");
 * ```
 */
export async function loadTokenRoles(input: LoadTokenRolesInput): Promise<TokenRoles> {
  const devnet = input.tokensFile === undefined
    ? undefined
    : await readDevnetDescription(input.tokensFile, true);
  const chainId = input.chainId ??
    (typeof devnet?.chainId === "number" ? devnet.chainId : undefined);
  if (chainId === undefined) {
    throw new MarketError(
      "BAD_OPTION",
      "No chain id: give --chain-id ID (or --tokens with the devnet JSON)",
      {},
    );
  }
  return resolveTokenRoles({
    chainId,
    devnet,
    native: input.native,
    stables: input.stables,
  });
}
