// lib/execution/live/signer.ts — one job: load the signing key from an env var or a private
// key file, and keep it out of every string torq prints.
import type { Address, Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { LiveExecutionError } from "./errors.ts";

/** The env var read by default. */
export const DEFAULT_KEY_ENV = "TORQ_PRIVATE_KEY";

/** Where the key comes from: an env var (default `TORQ_PRIVATE_KEY`) or a key file. */
export type KeySource =
  | { readonly env: string }
  | { readonly keyFile: string };

const KEY_HEX = /^(?:0x)?([0-9a-fA-F]{64})$/;

/**
 * A transaction signer. It holds the key only inside viem's local account (a closure); its
 * string, JSON and inspect forms show the address and the source alone, and `redact` removes
 * the key from any text (error messages of nodes that echo a request, for instance).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LiveSigner } from "./signer.ts";
 * const key = "0x" + "11".repeat(32);
 * const signer = LiveSigner.fromHex(key, "test");
 * assert(!JSON.stringify(signer).includes("11".repeat(32)));
 * assert(!Deno.inspect(signer).includes("11".repeat(32)));
 * assert.equal(signer.redact(`bad ${key}`), "bad [redacted key]");
 * ```
 */
export class LiveSigner {
  readonly address: Address;
  /** `env:NAME` or `file:PATH`: where the key came from (never the key). */
  readonly source: string;
  readonly #account: LocalAccount;
  readonly #needle: string;

  private constructor(account: LocalAccount, source: string, needle: string) {
    this.#account = account;
    this.address = account.address;
    this.source = source;
    this.#needle = needle;
  }

  /**
   * A signer from a 32-byte hex key (with or without `0x`).
   *
   * @throws {LiveExecutionError} `KEY_INVALID` naming `source`, never the value
   */
  static fromHex(key: string, source: string): LiveSigner {
    const m = KEY_HEX.exec(key.trim());
    if (m === null || m[1] === undefined) {
      throw new LiveExecutionError(
        "KEY_INVALID",
        `Private key from ${source} is not 32 bytes of hex`,
        { source, length: key.trim().length },
      );
    }
    let account: LocalAccount;
    try {
      account = privateKeyToAccount(`0x${m[1]}` as Hex);
    } catch {
      // viem's message may quote the key: give none of it.
      throw new LiveExecutionError("KEY_INVALID", `Private key from ${source} is not a valid key`, {
        source,
      });
    }
    return new LiveSigner(account, source, m[1].toLowerCase());
  }

  /** The viem account that signs (a closure over the key; it has no key property). */
  get account(): LocalAccount {
    return this.#account;
  }

  /** `text` with every occurrence of the key (any case, with or without `0x`) replaced. */
  redact(text: string): string {
    const lower = text.toLowerCase();
    if (!lower.includes(this.#needle)) return text;
    let out = "";
    let at = 0;
    for (;;) {
      const hit = lower.indexOf(this.#needle, at);
      if (hit < 0) break;
      const start = hit >= 2 && lower.slice(hit - 2, hit) === "0x" ? hit - 2 : hit;
      out += text.slice(at, start) + "[redacted key]";
      at = hit + this.#needle.length;
    }
    return out + text.slice(at);
  }

  toString(): string {
    return `LiveSigner(${this.address} from ${this.source})`;
  }

  toJSON(): { address: Address; source: string } {
    return { address: this.address, source: this.source };
  }

  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }
}

/**
 * Loads the signer: from the env var named by `source.env` (default `TORQ_PRIVATE_KEY`), or
 * from `source.keyFile`, a file holding the hex key alone that must be readable by its owner
 * only (mode 0600 or stricter: the same rule ssh applies to private keys).
 *
 * @throws {LiveExecutionError} `KEY_MISSING` (unset or empty var, missing file),
 * `KEYSTORE_INSECURE` (group or others may read or write the file), `KEYSTORE_UNREADABLE`,
 * `KEY_INVALID`; none of them holds the key
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSigner } from "./signer.ts";
 * Deno.env.set("DOC_KEY", "0x" + "22".repeat(32));
 * const signer = await loadSigner({ env: "DOC_KEY" });
 * assert(signer.source === "env:DOC_KEY" && signer.address.startsWith("0x"));
 * Deno.env.delete("DOC_KEY");
 * ```
 */
export async function loadSigner(
  source: KeySource = { env: DEFAULT_KEY_ENV },
): Promise<LiveSigner> {
  if ("env" in source) {
    const value = Deno.env.get(source.env);
    if (value === undefined || value.trim() === "") {
      throw new LiveExecutionError(
        "KEY_MISSING",
        `Env var ${source.env} holds no private key; set it or use --key-file PATH`,
        { env: source.env },
      );
    }
    return LiveSigner.fromHex(value, `env:${source.env}`);
  }
  const path = source.keyFile;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (cause) {
    const missing = cause instanceof Deno.errors.NotFound;
    throw new LiveExecutionError(
      missing ? "KEY_MISSING" : "KEYSTORE_UNREADABLE",
      missing ? `Key file ${path} does not exist` : `Key file ${path} cannot be read`,
      { path },
    );
  }
  const mode = info.mode ?? 0;
  if (!info.isFile || (mode & 0o077) !== 0) {
    throw new LiveExecutionError(
      "KEYSTORE_INSECURE",
      `Key file ${path} has mode ${(mode & 0o777).toString(8)}; run chmod 600 ${path}`,
      { path, mode: (mode & 0o777).toString(8) },
    );
  }
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    throw new LiveExecutionError("KEYSTORE_UNREADABLE", `Key file ${path} cannot be read`, {
      path,
    });
  }
  return LiveSigner.fromHex(text, `file:${path}`);
}
