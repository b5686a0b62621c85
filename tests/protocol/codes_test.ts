import assert from "node:assert/strict";
import {
  codeName,
  codeRow,
  ExecutionReason,
  LiveReason,
  MARKET_MISS_REASONS,
  orderOutcome,
  orderReasonName,
  OrderState,
  RiskReason,
  WIRE_CODES,
  type WireCodeKindName,
  wireCodes,
} from "../../lib/protocol/mod.ts";
import * as protocol from "../../lib/protocol/mod.ts";

const KINDS = Object.keys(WIRE_CODES) as WireCodeKindName[];

Deno.test("every kind of wire code has unique codes, listed in code order", () => {
  for (const kind of KINDS) {
    const codes = wireCodes(kind).map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length, kind);
    assert.deepEqual(codes, [...codes].sort((a, b) => a - b), kind);
    for (const c of codes) assert(Number.isInteger(c) && c >= 0 && c <= 0xffff, `${kind} ${c}`);
  }
});

Deno.test("every code's name round-trips through codeName, codeRow and the named constants", () => {
  for (const kind of KINDS) {
    const named = (protocol as unknown as Record<string, Record<string, number>>)[kind];
    assert(named !== undefined, `${kind} is exported by name`);
    assert.deepEqual(
      Object.entries(named).sort((a, b) => a[1] - b[1]),
      wireCodes(kind).map((r) => [r.name, r.code]),
      kind,
    );
    for (const r of wireCodes(kind)) {
      assert.equal(codeName(kind, r.code), r.name);
      assert.equal(codeRow(kind, r.code), r);
      assert.equal(r.kind, kind);
      assert(r.meaning.length > 0, `${kind}.${r.name} has a meaning`);
    }
  }
  assert.equal(codeName("RiskReason", 999), "Unknown(999)");
  assert.equal(codeRow("RiskReason", 999), undefined);
});

Deno.test("the market-miss reasons are exactly stale, below guard, slippage and too little profit", () => {
  assert.deepEqual(
    [...MARKET_MISS_REASONS].sort((a, b) => a - b),
    [
      ExecutionReason.StaleSignal,
      ExecutionReason.BelowGuard,
      ExecutionReason.Slippage,
      LiveReason.InsufficientProfit,
    ],
  );
  for (const kind of KINDS) {
    if (kind === "ExecutionReason" || kind === "LiveReason") continue;
    assert(wireCodes(kind).every((r) => r.marketMiss === undefined), kind);
  }
});

Deno.test("paper reason codes stay below 100 and live ones in 100–149, sharing only None", () => {
  for (const r of wireCodes("ExecutionReason")) assert(r.code < 100, r.name);
  for (const r of wireCodes("LiveReason")) {
    assert(r.code === 0 || (r.code >= 100 && r.code <= 149), r.name);
  }
  assert.equal(ExecutionReason.None, LiveReason.None);
  assert.equal(orderReasonName(ExecutionReason.Slippage), "Slippage");
  assert.equal(orderReasonName(LiveReason.RpcFailed), "RpcFailed");
  assert.equal(orderReasonName(0), "None");
  assert.equal(orderReasonName(99), "Unknown(99)");
});

Deno.test("every order state has an outcome, and the open states number below every final one", () => {
  const rows = wireCodes("OrderState");
  for (const r of rows) assert.equal(orderOutcome(r.code), r.outcome, r.name);
  const open = rows.filter((r) => r.outcome === "open").map((r) => r.code);
  const final = rows.filter((r) => r.outcome !== "open").map((r) => r.code);
  assert.deepEqual(open, [OrderState.Pending, OrderState.Submitted]);
  assert(Math.max(...open) < Math.min(...final));
  assert.equal(Math.min(...final), OrderState.Filled);
  assert.deepEqual(
    rows.filter((r) => r.outcome === "error").map((r) => r.name),
    ["Rejected", "Reverted", "Expired"],
  );
  assert.deepEqual(
    rows.filter((r) => r.outcome === "success").map((r) => r.name),
    ["Filled", "PartiallyFilled"],
  );
  assert.equal(orderOutcome(0), undefined);
});

Deno.test("docs/RISK.md lists every risk reason code with its name", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/RISK.md", import.meta.url));
  for (const r of wireCodes("RiskReason")) {
    assert.match(doc, new RegExp(`^\\| *${r.code} *\\| *\`${r.name}\` *\\|`, "m"), r.name);
  }
  assert.equal(RiskReason.MaxNotional, 30);
});

Deno.test("docs/EXECUTION.md lists every paper and live reason code with its name", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/EXECUTION.md", import.meta.url));
  for (const r of [...wireCodes("ExecutionReason"), ...wireCodes("LiveReason")]) {
    assert.match(doc, new RegExp(`^\\| *${r.code} *\\| *\`${r.name}\` *\\|`, "m"), r.name);
  }
});
