// tests/transport/domain_sink_test.ts — domainSink: only the relay's domain is passed on.
import assert from "node:assert/strict";
import { buildFrame, RelayDomain, TlvType } from "../../lib/protocol/mod.ts";
import { domainSink, openFrameSink, openFrameSource } from "../../lib/transport/mod.ts";

const frame = (domain: RelayDomain, sequence: bigint) =>
  buildFrame(domain, 3, sequence, [[TlvType.OrderCancel, { orderId: sequence, reasonCode: 0 }]]);

Deno.test("domainSink splits a run of mixed frames and passes on only its domain's, counting the rest", async () => {
  const path = await Deno.makeTempFile();
  try {
    const sink = domainSink(await openFrameSink(path), RelayDomain.Execution);
    const run = [
      frame(RelayDomain.MarketData, 1n),
      frame(RelayDomain.Execution, 1n),
      frame(RelayDomain.Execution, 2n),
      frame(RelayDomain.Signal, 1n),
      frame(RelayDomain.Execution, 3n),
      frame(RelayDomain.Signal, 2n),
    ];
    await sink.write(new Uint8Array(run.flatMap((f) => [...f])));
    await sink.close();
    const source = await openFrameSource(path);
    const kept = (await Array.fromAsync(source.frames)).map((f) => [f.domain, f.sequence]);
    await source.close();
    assert.deepEqual(kept, [[3, 1n], [3, 2n], [3, 3n]]);
    assert.deepEqual([...sink.skipped], [[RelayDomain.MarketData, 1], [RelayDomain.Signal, 2]]);
  } finally {
    await Deno.remove(path);
  }
});
