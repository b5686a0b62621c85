// bench/_forward_stage.ts — a stage process for pipeline_bench.ts: runStage with a processor
// that forwards every frame, stdin to stdout.
//   deno run -A bench/_forward_stage.ts
import { openFrameSink, openFrameSource, runStage } from "../lib/transport/mod.ts";

const source = await openFrameSource("-");
const sink = await openFrameSink("-");
await runStage("forward", source, sink, { process: (frame, out) => out.forward(frame) }, {
  quiet: true,
});
await sink.close();
