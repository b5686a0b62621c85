// tests/package/self_contained_test.ts — the repository stands on its own: no tracked file points
// at a path outside it, and every relative link in its Markdown lands on a tracked file.
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const ROOT_PATH = decodeURIComponent(ROOT.pathname);

// Spelled in pieces so this file does not match itself.
const OUTSIDE = [
  ["..", "shared"].join("/"),
  ["shared", "spec"].join("/"),
  ["shared", "design"].join("/"),
  ["", "work", ""].join("/"),
];

async function trackedFiles(): Promise<string[]> {
  const out = await new Deno.Command("git", { args: ["ls-files", "-z"], cwd: ROOT_PATH }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split("\0").filter((f) => f !== "");
}

async function textOf(file: string): Promise<string | undefined> {
  const bytes = await Deno.readFile(`${ROOT_PATH}${file}`).catch(() => undefined);
  if (bytes === undefined || bytes.includes(0)) return undefined; // deleted, or binary
  return new TextDecoder().decode(bytes);
}

Deno.test("no tracked file refers to a path outside the repository", async () => {
  const found: string[] = [];
  for (const file of await trackedFiles()) {
    const text = await textOf(file);
    if (text === undefined) continue;
    text.split("\n").forEach((line, i) => {
      for (const needle of OUTSIDE) {
        if (line.includes(needle)) found.push(`${file}:${i + 1}: ${needle}`);
      }
    });
  }
  assert.deepEqual(found, []);
});

Deno.test("every relative link in the Markdown files points at a file of the repository", async () => {
  const files = await trackedFiles();
  const tracked = new Set(files);
  const dirs = new Set(
    files.flatMap((f) =>
      f.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))
    ),
  );
  const broken: string[] = [];
  let links = 0;
  for (const file of files.filter((f) => f.endsWith(".md"))) {
    const text = await textOf(file);
    if (text === undefined) continue;
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:|^#/.test(target!)) continue; // a URL or an anchor in the same file
      links++;
      const url = new URL(target!.split("#")[0]!, new URL(file, ROOT));
      const path = decodeURIComponent(url.pathname);
      const inside = path.startsWith(ROOT_PATH)
        ? path.slice(ROOT_PATH.length).replace(/\/$/, "")
        : null;
      if (inside === null || !(tracked.has(inside) || dirs.has(inside))) {
        broken.push(`${file}: ${target}`);
      }
    }
  }
  assert(links > 10, `the Markdown files have relative links (found ${links})`);
  assert.deepEqual(broken, []);
});
