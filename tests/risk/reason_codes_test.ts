import assert from "node:assert/strict";
import { Reason, reasonName, REASONS } from "../../lib/risk/mod.ts";

Deno.test("every reason code has one name and meaning, in code order, matching Reason", () => {
  const codes = REASONS.map((r) => r.code);
  assert.deepEqual(codes, [...codes].sort((a, b) => a - b));
  assert.equal(new Set(codes).size, codes.length);
  assert.deepEqual(
    Object.entries(Reason).sort((a, b) => a[1] - b[1]),
    REASONS.map((r) => [r.name, r.code]),
  );
  for (const r of REASONS) assert.equal(reasonName(r.code), r.name);
});

Deno.test("docs/RISK.md lists every reason code with its name", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/RISK.md", import.meta.url));
  for (const r of REASONS) {
    assert.match(doc, new RegExp(`^\\| *${r.code} *\\| *\`${r.name}\` *\\|`, "m"), r.name);
  }
});
