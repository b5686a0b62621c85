// scripts/protocol_doc.ts — write docs/PROTOCOL.md from the layout tables.
import { protocolMarkdown } from "../lib/protocol/layout_doc.ts";

const path = new URL("../docs/PROTOCOL.md", import.meta.url);
await Deno.writeTextFile(path, protocolMarkdown());
console.error(`wrote ${path.pathname}`);
