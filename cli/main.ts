// cli/main.ts — the torq command: find the subcommand, run it, turn errors into exit codes.
import { TorqError } from "../lib/error.ts";
import type { Command } from "./_command.ts";
import { collect } from "./commands/collect.ts";
import { cat } from "./commands/cat.ts";
import { decode } from "./commands/decode.ts";
import { devnet } from "./commands/devnet.ts";
import { encode } from "./commands/encode.ts";
import { quote } from "./commands/quote.ts";
import { relay } from "./commands/relay.ts";
import { persist } from "./commands/persist.ts";
import { record } from "./commands/record.ts";
import { replay } from "./commands/replay.ts";
import { arbScan } from "./commands/arb_scan.ts";
import { pipeline } from "./commands/pipeline.ts";
import { risk } from "./commands/risk.ts";
import { execute } from "./commands/execute.ts";

/** Every subcommand, in the order `torq --help` lists them. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  encode,
  decode,
  cat,
  relay,
  quote,
  devnet,
  collect,
  record,
  replay,
  persist,
  "arb-scan": arbScan,
  risk,
  execute,
  pipeline,
};

const HELP = `torq — on-chain arbitrage research and trading toolkit

Usage:
  torq <command> [options]
  torq <command> --help

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join("\n")}

Stages read and write Protocol V2 frames on stdin/stdout, so they compose with pipes:
  torq decode --in recording.bin | head
  torq decode --in a.bin | torq encode > b.bin

Run from a checkout with: deno task torq <command> [options]
`;

/**
 * Run torq with command-line arguments; resolves to the process exit code: 0 success,
 * 2 user error (one line on stderr), 1 internal error (with the stack).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./main.ts";
 * assert(await main(["no-such-command"]) === 2);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(
      `torq: unknown command "${name}"; commands: ${
        Object.keys(COMMANDS).join(", ")
      }; see torq --help`,
    );
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    // The reader went away (e.g. \`| head\`): not an error of ours.
    if (e instanceof Deno.errors.BrokenPipe) return 0;
    if (e instanceof TorqError) {
      console.error(`torq ${name}: ${e.code}: ${e.message}`);
      // What the user gave is wrong (a flag, a value, a file): theirs to fix. Otherwise the run
      // failed (a node went away, a frame was bad): exit 1.
      return e.userInput ? 2 : 1;
    }
    console.error(`torq ${name}: internal error (a bug; please report it with this trace):`);
    console.error(e);
    return 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
