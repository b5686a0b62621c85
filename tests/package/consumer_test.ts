// tests/package/consumer_test.ts — torq used the way another project uses it: a separate Deno
// project in a temp directory imports torq by layer (as a workspace member, and through an import
// map) and runs real code in its own `deno` process.
import assert from "node:assert/strict";
import { buildFrame, RelayDomain, TlvType } from "../../lib/protocol/mod.ts";
import { createV3PoolState, v3ApplyMint, v3QuoteExactInput } from "../../lib/amm/mod.ts";

const ROOT = new URL("../../", import.meta.url);
const DENO = Deno.execPath();

/**
 * The layers the package exports as `./<layer>` → `./lib/<layer>/mod.ts`. A new layer is one line
 * here and one in deno.json's `exports` (lib/market and lib/devnet land that way).
 */
const LAYERS = [
  "protocol",
  "instrument",
  "amm",
  "market",
  "arbitrage",
  "risk",
  "portfolio",
  "execution",
  "chain",
  "devnet",
  "transport",
  "store",
  "pipeline",
] as const;

/** Exports that are not a lib/ layer. */
const OTHER_EXPORTS: Record<string, string> = {
  ".": "./mod.ts",
  "./strategies": "./strategies/mod.ts",
};

interface PackageConfig {
  name?: string;
  version?: string;
  license?: string;
  exports?: Record<string, string>;
  imports?: Record<string, string>;
}

async function packageConfig(): Promise<PackageConfig> {
  return JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))) as PackageConfig;
}

function expectedExports(): Record<string, string> {
  const layers = Object.fromEntries(LAYERS.map((l) => [`./${l}`, `./lib/${l}/mod.ts`]));
  return { ...OTHER_EXPORTS, ...layers };
}

// The scenario both the consumer and this process compute: a V3 pool with two positions and a
// swap that crosses out of the narrow one, and a PoolSwap frame carrying the quote's result.
const POOL = { sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 } as const;
const MINTS = [[-887220, 887220, 2n * 10n ** 18n], [-600, 600, 50n * 10n ** 18n]] as const;
const AMOUNT_IN = 3n * 10n ** 18n;
const POOL_ID = `0x${"ab".repeat(32)}` as const;
const SENDER = `0x${"11".repeat(20)}` as const;
const TX_HASH = `0x${"cd".repeat(32)}` as const;
const FRAME = { source: 7, sequence: 42n, timestampNs: 1_700_000_000_000_000_000n } as const;

function lit(value: unknown): string {
  return JSON.stringify(value, (_, v) => typeof v === "bigint" ? `${v}n` : v)
    .replace(/"(-?\d+n)"/g, "$1");
}

/** The consumer's program: only the protocol and amm layers, run without any permission. */
const MAIN_TS =
  `import { buildFrame, decodeTlvs, parseFrame, RelayDomain, TlvType } from "@torq/torq/protocol";
import { createV3PoolState, v3ApplyMint, v3QuoteExactInput } from "@torq/torq/amm";

const pool = createV3PoolState(${lit(POOL)});
${MINTS.map((m) => `v3ApplyMint(pool, ${m.map(lit).join(", ")});`).join("\n")}
const quote = v3QuoteExactInput(pool, true, ${lit(AMOUNT_IN)});

const swap = {
  pool: "${POOL_ID}", sender: "${SENDER}", recipient: "${SENDER}",
  amount0In: quote.amountIn, amount1In: 0n, amount0Out: 0n, amount1Out: quote.amountOut,
  sqrtPriceX96: quote.sqrtPriceX96After, liquidity: quote.liquidityAfter, tick: quote.tickAfter,
  decimals0: 18, decimals1: 18, blockNumber: 19000000n, logIndex: 3, txHash: "${TX_HASH}",
} as const;
const bytes = buildFrame(RelayDomain.MarketData, ${FRAME.source}, ${lit(FRAME.sequence)},
  [[TlvType.PoolSwap, swap]], { timestampNs: ${lit(FRAME.timestampNs)} });
const frame = parseFrame(bytes);
const [tlv] = decodeTlvs(frame);
if (tlv?.name !== "PoolSwap") throw new Error("the frame did not decode to a PoolSwap");
const roundTrip = Object.entries(swap).every(([k, v]) => (tlv.value as Record<string, unknown>)[k] === v);

const show = (v: unknown) => JSON.stringify(v, (_, x) => typeof x === "bigint" ? x.toString() : x);
console.log(show({
  quote: { amountIn: quote.amountIn, amountOut: quote.amountOut,
    sqrtPriceX96After: quote.sqrtPriceX96After, tickAfter: quote.tickAfter,
    initializedTicksCrossed: quote.initializedTicksCrossed },
  frameHex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""),
  header: { sequence: frame.sequence, source: frame.source, timestampNs: frame.timestampNs },
  roundTrip,
}));
`;

/** Imports only the protocol layer, for its module graph. */
const PROTOCOL_ONLY_TS = `import { parseFrame } from "@torq/torq/protocol";
console.log(typeof parseFrame);
`;

/** Imports every export of the package and prints how many names each one has. */
function allExportsTs(keys: readonly string[]): string {
  const lines = keys.map((k, i) => `import * as m${i} from "@torq/torq${k.slice(1)}";`);
  const counts = keys.map((k, i) => `${JSON.stringify(k)}: Object.keys(m${i}).length`);
  return `${lines.join("\n")}\nconsole.log(JSON.stringify({ ${counts.join(", ")} }));\n`;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function deno(cwd: string, args: string[]): Promise<Run> {
  const out = await new Deno.Command(DENO, { args, cwd, stdin: "null", env: { NO_COLOR: "1" } })
    .output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

async function denoOk(cwd: string, args: string[]): Promise<string> {
  const run = await deno(cwd, args);
  assert.equal(run.code, 0, `deno ${args.join(" ")} in ${cwd} failed:\n${run.stderr}`);
  return run.stdout;
}

type Form = "workspace" | "import map";

/**
 * A consumer project in a temp directory, laid out as the README shows: `torq/` is the
 * repository (a symlink standing in for a clone or submodule), `app/` the consumer's code.
 */
async function withConsumer(form: Form, body: (app: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "torq_consumer_" });
  const torq = `${dir}/torq`;
  const app = `${dir}/app`;
  try {
    await Deno.symlink(decodeURIComponent(ROOT.pathname).replace(/\/$/, ""), torq);
    await Deno.mkdir(app);
    if (form === "workspace") {
      await Deno.writeTextFile(`${dir}/deno.json`, `{ "workspace": ["./app", "./torq"] }\n`);
      await Deno.writeTextFile(`${app}/deno.json`, `{}\n`);
    } else {
      // the import-map form: the README's map, completed with every export and torq's imports
      await Deno.writeTextFile(
        `${app}/deno.json`,
        JSON.stringify(await importMapConfig(), null, 2),
      );
    }
    await Deno.writeTextFile(`${app}/main.ts`, MAIN_TS);
    await Deno.writeTextFile(`${app}/protocol_only.ts`, PROTOCOL_ONLY_TS);
    await Deno.writeTextFile(`${app}/readme_example.ts`, (await readmeLibrarySection()).example);
    await body(app);
  } finally {
    await Deno.remove(torq).catch(() => {}); // the link only, never what it points at
    await Deno.remove(dir, { recursive: true });
  }
}

/** The README's library section: its import map and its `app/main.ts` example. */
async function readmeLibrarySection(): Promise<
  { importMap: Record<string, string>; example: string }
> {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const section = readme.slice(readme.indexOf("## The library"));
  const json = section.match(/```json\n([\s\S]*?)```/)?.[1];
  const example = section.match(/```ts\n([\s\S]*?)```/)?.[1];
  assert(json && example, "README's library section has a json import map and a ts example");
  const importMap = (JSON.parse(json.replace(/^ {2}/gm, "")) as { imports: Record<string, string> })
    .imports;
  return { importMap, example };
}

/** The import-map form: the README's entries, then one per export and torq's own imports. */
async function importMapConfig(): Promise<{ imports: Record<string, string> }> {
  const config = await packageConfig();
  const generated: Record<string, string> = {};
  for (const [key, path] of Object.entries(config.exports ?? {})) {
    generated[`@torq/torq${key.slice(1)}`] = `../torq/${path.slice(2)}`;
  }
  const { importMap } = await readmeLibrarySection();
  for (const [specifier, target] of Object.entries(importMap)) {
    assert.equal(target, generated[specifier], `README maps ${specifier} as deno.json exports it`);
  }
  return { imports: { ...importMap, ...generated, ...config.imports } };
}

interface ConsumerResult {
  quote: Record<string, string | number>;
  frameHex: string;
  header: Record<string, string | number>;
  roundTrip: boolean;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** What the consumer must print, computed here with torq's own functions. */
function expectedResult(): ConsumerResult {
  const pool = createV3PoolState(POOL);
  for (const [lower, upper, liquidity] of MINTS) v3ApplyMint(pool, lower, upper, liquidity);
  const q = v3QuoteExactInput(pool, true, AMOUNT_IN);
  const bytes = buildFrame(RelayDomain.MarketData, FRAME.source, FRAME.sequence, [[
    TlvType.PoolSwap,
    {
      pool: POOL_ID,
      sender: SENDER,
      recipient: SENDER,
      amount0In: q.amountIn,
      amount1In: 0n,
      amount0Out: 0n,
      amount1Out: q.amountOut,
      sqrtPriceX96: q.sqrtPriceX96After,
      liquidity: q.liquidityAfter,
      tick: q.tickAfter,
      decimals0: 18,
      decimals1: 18,
      blockNumber: 19000000n,
      logIndex: 3,
      txHash: TX_HASH,
    },
  ]], { timestampNs: FRAME.timestampNs });
  return {
    quote: {
      amountIn: q.amountIn.toString(),
      amountOut: q.amountOut.toString(),
      sqrtPriceX96After: q.sqrtPriceX96After.toString(),
      tickAfter: q.tickAfter,
      initializedTicksCrossed: q.initializedTicksCrossed,
    },
    frameHex: hex(bytes),
    header: {
      sequence: FRAME.sequence.toString(),
      source: FRAME.source,
      timestampNs: FRAME.timestampNs.toString(),
    },
    roundTrip: true,
  };
}

async function assertRunsByLayer(app: string): Promise<void> {
  const expected = expectedResult();
  // the scenario must leave the narrow position, or the quote would not test tick crossing
  assert(Number(expected.quote.initializedTicksCrossed) > 0);
  const printed = await denoOk(app, ["run", "--quiet", "main.ts"]);
  assert.deepEqual(JSON.parse(printed) as ConsumerResult, expected);
  await denoOk(app, ["check", "--quiet", "main.ts"]);
  // the README's example prints what its comment says, and that is torq's own quote
  const { example } = await readmeLibrarySection();
  const claimed = example.match(/console\.log\(.*\); \/\/ (.*)\n/)?.[1];
  const pool = createV3PoolState({ sqrtPriceX96: 1n << 96n, fee: 3000, tickSpacing: 60 });
  v3ApplyMint(pool, -887220, 887220, 2n * 10n ** 18n);
  assert.equal(claimed, `${v3QuoteExactInput(pool, true, 10n ** 18n).amountOut}n OrderCancel`);
  assert.equal(await denoOk(app, ["run", "--quiet", "readme_example.ts"]), `${claimed}\n`);
}

/** The modules `deno info` lists for a file of the consumer. */
async function moduleGraph(app: string, file: string): Promise<string[]> {
  const info = JSON.parse(await denoOk(app, ["info", "--json", file])) as {
    modules: { specifier: string }[];
  };
  return info.modules.map((m) => m.specifier);
}

async function assertProtocolGraphIsLight(app: string): Promise<void> {
  const modules = await moduleGraph(app, "protocol_only.ts");
  const heavy = modules.filter((s) => /npm:|viem|nats|solc|node_modules/i.test(s));
  assert.deepEqual(heavy, [], `the protocol subpath loads ${heavy.join(", ")}`);
  const outside = modules.filter((s) =>
    s.startsWith("file:") && !/\/lib\/protocol\/[a-z_0-9]+\.ts$|\/lib\/error\.ts$/.test(s) &&
    !s.endsWith("/app/protocol_only.ts")
  );
  assert.deepEqual(outside, [], "the protocol subpath loads only lib/protocol and lib/error.ts");
  assert(modules.some((s) => s.endsWith("/lib/protocol/frame.ts")));
}

async function assertEveryExportLoads(app: string): Promise<void> {
  const keys = Object.keys(expectedExports()).sort();
  await Deno.writeTextFile(`${app}/all_exports.ts`, allExportsTs(keys));
  const printed = await denoOk(app, [
    "run",
    "--quiet",
    "--allow-env",
    "--allow-read",
    "all_exports.ts",
  ]);
  const counts = JSON.parse(printed) as Record<string, number>;
  for (const key of keys) {
    const here = await import(new URL(expectedExports()[key]!, ROOT).href) as object;
    assert.equal(counts[key], Object.keys(here).length, `export ${key} as the consumer sees it`);
    assert(counts[key]! > 0, `export ${key} has names`);
  }
}

Deno.test("deno.json names the package, its license and one export per layer", async () => {
  const config = await packageConfig();
  assert.equal(config.name, "@torq/torq");
  assert.match(config.version ?? "", /^\d+\.\d+\.\d+$/);
  assert.equal(config.license, "MIT");
  assert.deepEqual(config.exports, expectedExports());
  const license = await Deno.readTextFile(new URL("LICENSE", ROOT));
  assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} the torq authors\n/);
  // the README's library section names every entry point
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const library = readme.slice(readme.indexOf("## The library"), readme.indexOf("## Development"));
  for (const key of Object.keys(expectedExports())) {
    const named = key === "." ? "`@torq/torq`" : `\`${key.slice(1)}\``;
    assert(library.includes(named), `README's library section names ${named}`);
  }
  // every layer folder with a mod.ts is exported (a new layer cannot be forgotten)
  for await (const entry of Deno.readDir(new URL("lib/", ROOT))) {
    if (!entry.isDirectory) continue;
    const mod = await Deno.stat(new URL(`lib/${entry.name}/mod.ts`, ROOT)).catch(() => null);
    if (mod) assert(config.exports?.[`./${entry.name}`], `lib/${entry.name} is not exported`);
  }
});

for (const form of ["workspace", "import map"] as const) {
  Deno.test(`a project using torq as ${form === "workspace" ? "a workspace member" : "an import map"} quotes V3 exactly and round-trips a frame by layer`, async () => {
    await withConsumer(form, assertRunsByLayer);
  });

  Deno.test(`the protocol subpath loads no viem, NATS or solc (${form})`, async () => {
    await withConsumer(form, assertProtocolGraphIsLight);
  });

  Deno.test(`every export of the package loads in a consumer (${form})`, async () => {
    await withConsumer(form, assertEveryExportLoads);
  });
}
