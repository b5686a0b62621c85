// lib/devnet/anvil.ts — one job: run an Anvil node as a child process, and stop it.
import { type Address, getAddress, type Hex } from "viem";
import { locateAnvil } from "./_anvil_binary.ts";
import { readLines } from "./_output.ts";
import { DevnetError } from "./errors.ts";

/** How to start Anvil. Every field is optional: the default is a fresh auto-mining chain 31337. */
export interface AnvilOptions {
  /** Path of an Anvil executable; default: the one in npm:@foundry-rs/anvil-linux-amd64. */
  readonly binary?: string;
  /** JSON-RPC URL of a chain to fork; its state is fetched lazily. */
  readonly forkUrl?: string;
  /** Block of `forkUrl` to fork at; default: its latest. */
  readonly forkBlockNumber?: bigint;
  /** Seconds between mined blocks (fractions allowed); default: mine each transaction at once. */
  readonly blockTime?: number;
  /** Chain id; default 31337, or the forked chain's id when forking. */
  readonly chainId?: number;
  /** Number of funded dev accounts; default 10. */
  readonly accounts?: number;
  /** EVM hardfork name passed to Anvil, e.g. `"cancun"`; default: Anvil's latest. */
  readonly hardfork?: string;
  /** How long to wait for the RPC to answer, in milliseconds; default 10 s (60 s when forking). */
  readonly startTimeoutMs?: number;
  /** Receives every line Anvil prints (stdout and stderr); default: output is dropped. */
  readonly onLog?: (line: string) => void;
  /** Further command-line arguments, passed as they are. */
  readonly extraArgs?: readonly string[];
}

/** A funded development account: Anvil derives these from its mnemonic. */
export interface DevAccount {
  readonly address: Address;
  readonly privateKey: Hex;
}

/** A running Anvil node. `stop()` (or `await using`) ends it and waits for its exit. */
export interface AnvilHandle extends AsyncDisposable {
  /** HTTP JSON-RPC endpoint on the loopback, e.g. `http://127.0.0.1:40123`. */
  readonly rpcUrl: string;
  /** WebSocket JSON-RPC endpoint on the same port. */
  readonly wsUrl: string;
  readonly port: number;
  /** The chain id the node reports over RPC. */
  readonly chainId: number;
  readonly pid: number;
  /** The funded dev accounts, in Anvil's order. */
  readonly accounts: readonly DevAccount[];
  /** Terminates the node (SIGTERM, then SIGKILL after 3 s) and waits for it; idempotent. */
  stop(): Promise<void>;
}

const LISTENING = /Listening on (\S+):(\d+)/;
const PDEATHSIG_WRAPPER = "/usr/bin/setpriv";

/**
 * Starts Anvil on a free loopback port and resolves once its RPC answers. The process is killed
 * by `stop()`, and on Linux also when this process dies (via `setpriv --pdeathsig`).
 *
 * @throws {DevnetError} `BAD_OPTION`, `UNSUPPORTED_PLATFORM`, `BINARY_NOT_FOUND`,
 * `START_FAILED`, `FORK_FAILED` (the fork URL did not answer), `START_TIMEOUT`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startAnvil } from "./anvil.ts";
 * await using anvil = await startAnvil();
 * const res = await fetch(anvil.rpcUrl, {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
 * });
 * assert((await res.json()).result === "0x0" && anvil.chainId === 31337);
 * ```
 */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilHandle> {
  checkOptions(options);
  const binary = await locateAnvil(options.binary);
  const dir = await Deno.makeTempDir({ prefix: "torq-anvil-" });
  const configPath = `${dir}/config.json`;
  const args = anvilArgs(options, configPath);
  const wrapped = await canWrapWithPdeathsig();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(wrapped ? PDEATHSIG_WRAPPER : binary, {
      args: wrapped ? ["--pdeathsig", "SIGKILL", "--", binary, ...args] : args,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (cause) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw new DevnetError("START_FAILED", `Cannot run Anvil at ${binary}: ${cause}`, {
      path: binary,
    }, { cause });
  }

  const log = options.onLog;
  let onListening: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => (onListening = resolve));
  const stdoutDone = readLines(child.stdout, (line) => {
    log?.(line);
    const m = LISTENING.exec(line);
    if (m?.[2] !== undefined) onListening(Number(m[2]));
  });
  const stderrDone = readLines(child.stderr, (line) => log?.(line));
  const proc = new AnvilProcess(child, dir, stdoutDone, stderrDone);

  const timeoutMs = options.startTimeoutMs ?? (options.forkUrl === undefined ? 10_000 : 60_000);
  const deadline = Date.now() + timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const first = await Promise.race([listening, child.status, timedOut]);
    if (first === "timeout") throw startTimeout(timeoutMs, options, child.pid);
    if (typeof first !== "number") throw await startFailure(proc, first, options);
    const port = first;
    const rpcUrl = `http://127.0.0.1:${port}`;
    const chainId = await waitForRpc(
      rpcUrl,
      deadline,
      () => startTimeout(timeoutMs, options, child.pid),
    );
    const accounts = await readAccounts(configPath);
    return proc.ready({ rpcUrl, wsUrl: `ws://127.0.0.1:${port}`, port, chainId, accounts });
  } catch (err) {
    await proc.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function checkOptions(o: AnvilOptions): void {
  const bad = (name: string, value: unknown, why: string) =>
    new DevnetError("BAD_OPTION", `Anvil option ${name} ${why}, got ${String(value)}`, {
      option: name,
      value,
    });
  if (o.blockTime !== undefined && !(Number.isFinite(o.blockTime) && o.blockTime > 0)) {
    throw bad("blockTime", o.blockTime, "must be a positive number of seconds");
  }
  if (o.chainId !== undefined && !(Number.isSafeInteger(o.chainId) && o.chainId > 0)) {
    throw bad("chainId", o.chainId, "must be a positive integer");
  }
  if (o.accounts !== undefined && !(Number.isSafeInteger(o.accounts) && o.accounts > 0)) {
    throw bad("accounts", o.accounts, "must be a positive integer");
  }
  if (o.forkBlockNumber !== undefined && o.forkBlockNumber < 0n) {
    throw bad("forkBlockNumber", o.forkBlockNumber, "must not be negative");
  }
  if (o.forkBlockNumber !== undefined && o.forkUrl === undefined) {
    throw bad("forkBlockNumber", o.forkBlockNumber, "needs forkUrl");
  }
  if (o.startTimeoutMs !== undefined && !(o.startTimeoutMs > 0)) {
    throw bad("startTimeoutMs", o.startTimeoutMs, "must be positive");
  }
}

function anvilArgs(o: AnvilOptions, configPath: string): string[] {
  const args = ["--host", "127.0.0.1", "--port", "0", "--config-out", configPath];
  // A fork keeps the forked chain's id unless one is asked for, as Anvil itself does.
  if (o.chainId !== undefined || o.forkUrl === undefined) {
    args.push("--chain-id", String(o.chainId ?? 31337));
  }
  if (o.forkUrl !== undefined) args.push("--fork-url", o.forkUrl);
  if (o.forkBlockNumber !== undefined) {
    args.push("--fork-block-number", o.forkBlockNumber.toString());
  }
  if (o.blockTime !== undefined) args.push("--block-time", String(o.blockTime));
  if (o.accounts !== undefined) args.push("--accounts", String(o.accounts));
  if (o.hardfork !== undefined) args.push("--hardfork", o.hardfork);
  if (o.extraArgs !== undefined) args.push(...o.extraArgs);
  return args;
}

async function canWrapWithPdeathsig(): Promise<boolean> {
  if (Deno.build.os !== "linux") return false;
  try {
    return (await Deno.stat(PDEATHSIG_WRAPPER)).isFile;
  } catch {
    return false;
  }
}

function startTimeout(timeoutMs: number, o: AnvilOptions, pid: number): DevnetError {
  return new DevnetError("START_TIMEOUT", `Anvil did not answer within ${timeoutMs} ms`, {
    timeoutMs,
    forkUrl: o.forkUrl,
    pid,
  });
}

async function startFailure(
  proc: AnvilProcess,
  status: Deno.CommandStatus,
  o: AnvilOptions,
): Promise<DevnetError> {
  const stderr = (await proc.output()).trim();
  const details = {
    exitCode: status.code,
    signal: status.signal,
    stderr,
    forkUrl: o.forkUrl,
    pid: proc.child.pid,
  };
  if (o.forkUrl !== undefined && /fork/i.test(stderr)) {
    return new DevnetError("FORK_FAILED", `Anvil could not fork ${o.forkUrl}`, details);
  }
  const firstLine = stderr.split("\n")[0] ?? "";
  return new DevnetError(
    "START_FAILED",
    `Anvil exited with code ${status.code} before listening: ${firstLine}`,
    details,
  );
}

async function waitForRpc(
  rpcUrl: string,
  deadline: number,
  timeout: () => DevnetError,
): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      const body = await res.json() as { result?: string };
      if (typeof body.result === "string") return Number(BigInt(body.result));
    } catch {
      // Not accepting connections yet: retry until the deadline.
    }
    if (Date.now() >= deadline) throw timeout();
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function readAccounts(configPath: string): Promise<DevAccount[]> {
  let config: { available_accounts?: unknown; private_keys?: unknown };
  try {
    config = JSON.parse(await Deno.readTextFile(configPath));
  } catch (cause) {
    throw new DevnetError("START_FAILED", `Anvil wrote no readable config at ${configPath}`, {
      path: configPath,
    }, { cause });
  }
  const addresses = config.available_accounts;
  const keys = config.private_keys;
  if (!Array.isArray(addresses) || !Array.isArray(keys) || addresses.length !== keys.length) {
    throw new DevnetError("START_FAILED", `Anvil config at ${configPath} lists no accounts`, {
      path: configPath,
    });
  }
  return addresses.map((address, i) => ({
    address: getAddress(String(address)),
    privateKey: keys[i] as Hex,
  }));
}

/** The child process and its output readers; one stop path for success and failure alike. */
class AnvilProcess {
  #stopping: Promise<void> | undefined;

  constructor(
    readonly child: Deno.ChildProcess,
    readonly dir: string,
    readonly stdoutDone: Promise<string>,
    readonly stderrDone: Promise<string>,
  ) {}

  /** The stderr tail, once the process has closed it. */
  output(): Promise<string> {
    return this.stderrDone.catch(() => "");
  }

  ready(
    info: Pick<AnvilHandle, "rpcUrl" | "wsUrl" | "port" | "chainId" | "accounts">,
  ): AnvilHandle {
    const stop = () => this.stop();
    return Object.freeze({
      ...info,
      accounts: Object.freeze(info.accounts.map((a) => Object.freeze(a))),
      pid: this.child.pid,
      stop,
      [Symbol.asyncDispose]: stop,
    });
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const killed = this.#signal("SIGTERM");
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (killed) {
      timer = setTimeout(() => this.#signal("SIGKILL"), 3_000);
    }
    try {
      await this.child.status;
    } finally {
      clearTimeout(timer);
    }
    await Promise.allSettled([this.stdoutDone, this.stderrDone]);
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }

  #signal(signal: Deno.Signal): boolean {
    try {
      this.child.kill(signal);
      return true;
    } catch {
      return false; // already exited
    }
  }
}
