// lib/protocol/codes_doc.ts — one job: render the table of wire codes as Markdown for
// docs/PROTOCOL.md, so the codes listed there are the ones the code uses.
import { WIRE_CODES, type WireCodeKindName, wireCodes } from "./codes.ts";

/**
 * The "Codes" section of docs/PROTOCOL.md: one table per kind of code, with the fields that
 * carry it, each code's name and meaning.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codesMarkdown } from "./codes_doc.ts";
 * assert(codesMarkdown().includes("| 101 | `InsufficientProfit` |"));
 * ```
 */
export function codesMarkdown(): string {
  const out = [
    "## Codes",
    "",
    "The numbers fields carry that name something, from the one table in",
    "`lib/protocol/codes.ts`. A reason marked *market miss* means the market moved before",
    "anything was sent: a missed opportunity, not an execution error.",
  ];
  for (const kind of Object.keys(WIRE_CODES) as WireCodeKindName[]) {
    out.push(
      "",
      `### ${kind}`,
      "",
      `Carried by ${WIRE_CODES[kind].fields}.`,
      "",
      "| code | name | meaning |",
      "|---|---|---|",
      ...wireCodes(kind).map((r) =>
        `| ${r.code} | \`${r.name}\` | ${r.meaning}${
          r.marketMiss === true ? " (market miss)" : ""
        }${r.outcome === undefined ? "" : ` (${r.outcome})`} |`
      ),
    );
  }
  return out.join("\n") + "\n";
}
