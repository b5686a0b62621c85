// tests/protocol/tlv_types_test.ts — the registry of type numbers, ranges and domains, and the
// generated docs/PROTOCOL.md staying in step with the layout table.
import assert from "node:assert/strict";
import { protocolMarkdown } from "../../lib/protocol/layout_doc.ts";
import {
  codecOf,
  domainOfTlv,
  FIELD_SIZES,
  LAYOUTS,
  RelayDomain,
  tlvName,
  tlvRange,
  TlvType,
  tlvTypeByName,
} from "../../lib/protocol/mod.ts";

Deno.test("tlvRange follows the spec's range table at every boundary", () => {
  const cases: Array<[number, string]> = [
    [0, "invalid"],
    [1, "market_data"],
    [19, "market_data"],
    [20, "signal"],
    [39, "signal"],
    [40, "execution"],
    [59, "execution"],
    [60, "portfolio_risk"],
    [79, "portfolio_risk"],
    [80, "compliance"],
    [99, "compliance"],
    [100, "system"],
    [119, "system"],
    [120, "unallocated"],
    [199, "unallocated"],
    [200, "vendor"],
    [254, "vendor"],
    [255, "invalid"],
    [-1, "invalid"],
  ];
  for (const [type, range] of cases) assert.equal(tlvRange(type), range, String(type));
});

Deno.test("domainOfTlv puts portfolio and risk on the signal domain and leaves vendor types out", () => {
  assert.equal(domainOfTlv(TlvType.PoolSwap), RelayDomain.MarketData);
  assert.equal(domainOfTlv(TlvType.ArbitrageSignal), RelayDomain.Signal);
  assert.equal(domainOfTlv(TlvType.Fill), RelayDomain.Execution);
  assert.equal(domainOfTlv(TlvType.RiskMetrics), RelayDomain.Signal);
  assert.equal(domainOfTlv(85), RelayDomain.System);
  assert.equal(domainOfTlv(TlvType.Heartbeat), RelayDomain.System);
  for (const t of [0, 150, 230, 255]) assert.equal(domainOfTlv(t), undefined);
});

Deno.test("every layout is registered under its number and name", () => {
  for (const l of LAYOUTS) {
    assert.equal(TlvType[l.name as keyof typeof TlvType], l.type);
    assert.equal(tlvTypeByName(l.name), l.type);
    assert.equal(tlvName(l.type), l.name);
    assert.equal(codecOf(l.type)?.layout, l);
    assert.ok(domainOfTlv(l.type) !== undefined, `${l.name} has a domain`);
  }
  assert.equal(tlvTypeByName("toString"), undefined);
  assert.equal(tlvName(230), undefined);
  assert.equal(codecOf(0), undefined);
});

Deno.test("each fixed layout's size is the sum of its field sizes", () => {
  for (const l of LAYOUTS) {
    const sum = l.fields.reduce((n, f) => n + FIELD_SIZES[f.kind], 0);
    const c = codecOf(l.type)!;
    if ("tail" in l) {
      assert.equal(c.fixedSize, -1);
      assert.equal(c.headSize, sum + (l.tail.kind === "list" ? 1 : 0));
    } else {
      assert.equal(c.fixedSize, sum, l.name);
      assert.ok(sum <= 255, `${l.name} fits a standard TLV`);
    }
  }
});

Deno.test("docs/PROTOCOL.md is exactly what the layout table generates", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/PROTOCOL.md", import.meta.url));
  assert.ok(doc === protocolMarkdown(), "docs/PROTOCOL.md is stale: run deno task protocol-doc");
});
