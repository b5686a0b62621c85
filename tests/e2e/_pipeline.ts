// tests/e2e/_pipeline.ts — helpers of the end-to-end test: the devnet's description, the stage
// config file, quiet-file waits and the numbers in the stages' final stderr lines.
import { loadTokenRoles } from "../../lib/market/mod.ts";
import { paperCapital } from "../../lib/pipeline/mod.ts";
import { fileSize, type Torq } from "../transport/_procs.ts";

/** Read the devnet's one-line JSON description from its stdout. */
export async function devnetDescription(devnet: Torq, ms = 60_000): Promise<string> {
  const reader = devnet.stdoutReader();
  const decoder = new TextDecoder();
  let text = "";
  const timer = setTimeout(() => devnet.kill("SIGKILL"), ms);
  try {
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`torq devnet printed no description:\n${devnet.stderr}`);
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
    // the rest of stdout is not read: release it so the process can be reaped
    reader.releaseLock();
    devnet.child.stdout.cancel().catch(() => {});
  }
  return text.slice(0, text.indexOf("\n"));
}

/** The `--config` file of `torq risk` and `torq execute` for the devnet in `devnetJson`. */
export async function stageConfigFor(devnetJson: string): Promise<string> {
  const roles = await loadTokenRoles({ tokensFile: devnetJson });
  const capital = Object.fromEntries(
    Object.entries(paperCapital(roles)).map(([k, v]) => [k, String(v)]),
  );
  return JSON.stringify({
    chainId: roles.chainId,
    nativeToken: roles.nativeToken,
    stablecoins: roles.stablecoins,
    capital,
    // the devnet's arbitrage is hundreds to thousands of USD a trade; one execution at a time
    limits: {
      maxNotionalUsd: "10000",
      maxPositionUsd: "100000",
      maxVenueExposureUsd: "50000",
      maxNavExposureBps: 5000,
      maxConcurrentExecutions: 1,
      maxSignalAgeNs: "10000000000",
    },
  });
}

/** Wait until every file in `paths` kept its size for `quietMs`; fails after `ms`. */
export async function quiet(paths: string[], quietMs: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  let sizes = await Promise.all(paths.map(fileSize));
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > end) throw new Error(`${paths.join(", ")} still growing after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
    const now = await Promise.all(paths.map(fileSize));
    if (now.some((s, i) => s !== sizes[i])) {
      sizes = now;
      since = Date.now();
    }
  }
}

/** The numbers of a stage's final health line (`torq NAME: done: read N … written N dropped N`). */
export function doneLine(stderr: string, name: string): {
  read: number;
  written: number;
  dropped: number;
} {
  const re = new RegExp(
    `torq ${name}: done: read ([\\d,]+) \\([^)]*\\) written ([\\d,]+) dropped ([\\d,]+)`,
  );
  const m = re.exec(stderr);
  if (m === null) throw new Error(`no final line of ${name} in:\n${stderr}`);
  const n = (s: string) => Number(s.replaceAll(",", ""));
  return { read: n(m[1]!), written: n(m[2]!), dropped: n(m[3]!) };
}

/** The first match of `re` in `text`, as numbers; fails naming what was looked for. */
export function numbers(text: string, re: RegExp): number[] {
  const m = re.exec(text);
  if (m === null) throw new Error(`no ${re} in:\n${text}`);
  return m.slice(1).map((s) => Number(s.replaceAll(",", "")));
}

/** Whether a process with this pid exists now (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}
