// scripts/test.ts — the README's test command: make sure what the tests need is installed,
// run every test (and the JSDoc examples), and print one plain closing line.
//
//   deno task test [--no-coverage] [--filter TEXT] [paths…]
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    "no-coverage": { type: "boolean" },
    filter: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: true,
});
if (values.help) {
  console.log(`deno task test [--no-coverage] [--filter TEXT] [paths…]

Installs what the tests need when it is missing (npm packages through Deno; apt packages
when running as root on Debian, else the exact install line), runs the tests under tests/
and the JSDoc examples under lib/, cli/ and strategies/, and ends with "N passed, N failed".
It also checks that lib/protocol and lib/instrument stay at or above 90% line coverage
(--no-coverage skips that, for quick runs of a few paths).`);
  Deno.exit(0);
}

const root = new URL("../", import.meta.url).pathname;
const deno = Deno.execPath();

/** Run a command in the repo, streaming its output; resolves to its exit code. */
async function run(
  args: string[],
  opts: { capture?: boolean; quiet?: boolean } = {},
): Promise<[number, string]> {
  const cmd = new Deno.Command(args[0]!, {
    args: args.slice(1),
    cwd: root,
    stdout: opts.capture ? "piped" : opts.quiet ? "null" : "inherit",
    stderr: opts.quiet ? "null" : "inherit",
  });
  if (!opts.capture) {
    const { code } = await cmd.output();
    return [code, ""];
  }
  // Stream through while keeping a copy for the summary.
  const child = cmd.spawn();
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    text += decoder.decode(chunk, { stream: true });
  }
  const { code } = await child.status;
  return [code, text];
}

/** Remove terminal colour codes (the test runner colours its summary). */
function stripAnsi(text: string): string {
  return text.replace(new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m", "g"), "");
}

// 1. npm packages the tests use (fast-check, viem, Anvil's binary, Uniswap artifacts, solc).
console.error("test: installing npm dependencies (deno install)…");
const [installCode] = await run([deno, "install", "--quiet"]);
if (installCode !== 0) {
  console.error("test: `deno install` failed; check that the npm registry is reachable");
  Deno.exit(1);
}

// 2. System packages. Each entry: a binary the tests run and the Debian package that has it.
const SYSTEM: Array<{ binary: string; apt: string }> = [
  { binary: "jupyter-nbconvert", apt: "jupyter-nbconvert jupyter-client" }, // notebooks/
  { binary: "nats-server", apt: "nats-server" }, // tests/transport/nats_*: NATS JetStream
  { binary: "influxd", apt: "influxdb" }, // tests/store: InfluxDB
];
const missing = [];
for (const need of SYSTEM) {
  // Debian puts nats-server in /usr/sbin, outside a normal user's PATH.
  const which = await new Deno.Command("sh", {
    args: ["-c", `command -v ${need.binary} || test -x /usr/sbin/${need.binary}`],
  }).output();
  if (!which.success) missing.push(need);
}
if (missing.length > 0) {
  const pkgs = missing.map((m) => m.apt).join(" ");
  const line = `apt-get update && apt-get install -y --no-install-recommends ${pkgs}`;
  const isRoot = Deno.uid?.() === 0;
  const hasApt = (await new Deno.Command("sh", { args: ["-c", "command -v apt-get"] }).output())
    .success;
  if (!isRoot || !hasApt) {
    console.error(`test: the tests need ${pkgs}; install them with:\n  sudo ${line}`);
    Deno.exit(1);
  }
  console.error(`test: installing ${pkgs}…`);
  const [code] = await run(["sh", "-c", `DEBIAN_FRONTEND=noninteractive ${line}`]);
  if (code !== 0) {
    console.error(`test: apt-get failed; run by hand: ${line}`);
    Deno.exit(1);
  }
}

// The notebooks run on the Deno kernel of this very Deno.
const [kernelCode] = await run([deno, "jupyter", "--install", "--force"], { quiet: true });
if (kernelCode !== 0) {
  console.error("test: `deno jupyter --install --force` failed");
  Deno.exit(1);
}

// 3. The tests, and the JSDoc examples of every module (`--doc`).
const coverageDir = `${root}.coverage`;
const targets = positionals.length > 0
  ? positionals
  : ["tests/", "lib/", "cli/", "strategies/", "mod.ts"];
const testArgs = [deno, "test", "--allow-all", "--doc", "--parallel"];
const coverage = values["no-coverage"] !== true;
if (coverage) {
  await Deno.remove(coverageDir, { recursive: true }).catch(() => {});
  testArgs.push(`--coverage=${coverageDir}`);
}
if (values.filter) testArgs.push("--filter", values.filter);
const [testCode, output] = await run([...testArgs, ...targets], { capture: true });

// Deno prints "ok | 12 passed (3 steps) | 0 failed (2s)"; restate it as the plain line.
const clean = stripAnsi(output);
const summary = clean.match(/\|\s*(\d+) passed(?: \(\d+ steps?\))?\s*\|\s*(\d+) failed/);
let failed = testCode === 0 ? 0 : 1;
if (summary) {
  const [, passed, failedCount] = summary;
  failed = Number(failedCount);
  if (testCode !== 0 && failed === 0) failed = 1; // a module failed to load or type-check
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
} else {
  console.log(`\ntests: 0 passed, 1 failed (the test run printed no summary; exit ${testCode})`);
  failed = 1;
}

// 4. Coverage floor of the foundation layers.
if (coverage && testCode === 0) {
  const cov = await new Deno.Command(deno, {
    args: ["coverage", coverageDir, "--include=lib/protocol/", "--include=lib/instrument/"],
    cwd: root,
    stdout: "piped",
  }).output();
  const report = stripAnsi(new TextDecoder().decode(cov.stdout));
  console.log(report);
  const low = [
    ...report.matchAll(
      /^\|\s*(lib\/(?:protocol|instrument)\/\S+)\s*\|\s*[\d.]+\s*\|\s*([\d.]+)\s*\|/gm,
    ),
  ];
  const all = report.match(/All files\s*\|\s*[\d.]+\s*\|\s*([\d.]+)/);
  const total = all ? Number(all[1]) : NaN;
  if (!(total >= 90)) {
    console.error(`test: line coverage of lib/protocol + lib/instrument is ${total}%, below 90%`);
    for (const [, file, pct] of low) if (Number(pct) < 90) console.error(`  ${file}: ${pct}%`);
    Deno.exit(1);
  }
}
Deno.exit(testCode === 0 && failed === 0 ? 0 : 1);
