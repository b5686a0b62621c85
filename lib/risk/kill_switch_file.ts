// lib/risk/kill_switch_file.ts — one job: the kill-switch file `torq risk halt` writes and the
// risk stage polls. Its presence is the signal; its content only says who and why.
import { RiskError } from "./errors.ts";

/** What a kill-switch file says. */
export interface KillSwitchRecord {
  readonly reason: string;
  /** When it was engaged, ns since the Unix epoch (0 when the file could not be read). */
  readonly atNs: bigint;
}

/**
 * Engage the kill switch by writing `path` (atomically: a temporary file renamed over it).
 *
 * @throws {RiskError} `KILL_SWITCH_FILE` when the file cannot be written
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { engageKillSwitch, readKillSwitch, releaseKillSwitch } from "./kill_switch_file.ts";
 * const path = await Deno.makeTempFile();
 * await engageKillSwitch(path, "manual halt", 5n);
 * assert.deepEqual(await readKillSwitch(path), { reason: "manual halt", atNs: 5n });
 * assert(await releaseKillSwitch(path));
 * assert.equal(await readKillSwitch(path), undefined);
 * ```
 */
export async function engageKillSwitch(
  path: string,
  reason: string,
  atNs: bigint = BigInt(Date.now()) * 1_000_000n,
): Promise<void> {
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(tmp, JSON.stringify({ reason, atNs: atNs.toString() }) + "\n");
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw new RiskError("KILL_SWITCH_FILE", `Cannot write the kill-switch file ${path}`, {
      path,
    }, { cause: e });
  }
}

/**
 * Whether the kill switch is engaged: the record when `path` exists, else undefined. A file
 * that exists but does not parse still means engaged (its reason says so): a halt is never
 * missed because of its content.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readKillSwitch } from "./kill_switch_file.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "not json");
 * assert.equal((await readKillSwitch(path))?.atNs, 0n);
 * await Deno.remove(path);
 * ```
 */
export async function readKillSwitch(path: string): Promise<KillSwitchRecord | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    return { reason: `kill-switch file present but unreadable: ${String(e)}`, atNs: 0n };
  }
  try {
    const v = JSON.parse(text) as { reason?: unknown; atNs?: unknown };
    if (typeof v.reason === "string" && typeof v.atNs === "string" && /^[0-9]+$/.test(v.atNs)) {
      return { reason: v.reason, atNs: BigInt(v.atNs) };
    }
  } catch { /* falls through: present, so engaged */ }
  return { reason: "kill-switch file present but malformed", atNs: 0n };
}

/**
 * Release the kill switch by removing `path`; true when it was there.
 *
 * @throws {RiskError} `KILL_SWITCH_FILE` when it exists but cannot be removed
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { releaseKillSwitch } from "./kill_switch_file.ts";
 * const dir = await Deno.makeTempDir();
 * assert.equal(await releaseKillSwitch(`${dir}/halt`), false);
 * await Deno.remove(dir);
 * ```
 */
export async function releaseKillSwitch(path: string): Promise<boolean> {
  try {
    await Deno.remove(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw new RiskError("KILL_SWITCH_FILE", `Cannot remove the kill-switch file ${path}`, {
      path,
    }, { cause: e });
  }
}
