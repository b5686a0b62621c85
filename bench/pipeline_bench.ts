// bench/pipeline_bench.ts — frames between processes: a stage behind a real OS pipe, a relay
// fanning out to three subscriber processes, and the one-hop latency through a relay.
import { FrameBuilder, RelayDomain, SourceType, TlvType } from "../lib/protocol/mod.ts";
import { connectPublisher, subscribe } from "../lib/transport/mod.ts";
import { iterations, SHORT } from "./_short.ts";

const REPO = new URL("../", import.meta.url);
const FRAME = 86; // one GasPrice frame, market domain, no CRC
const children: Deno.ChildProcess[] = [];
globalThis.addEventListener("unload", () => {
  for (const c of children) {
    try {
      c.kill("SIGKILL");
    } catch { /* gone */ }
  }
});

function spawn(
  args: string[],
  stdin: "piped" | "null" = "null",
  shell = false,
): Deno.ChildProcess {
  const c = new Deno.Command(shell ? "sh" : Deno.execPath(), {
    args: shell ? ["-c", args.join(" ")] : ["run", "-A", ...args],
    cwd: REPO,
    stdin,
    stdout: "piped",
    stderr: "null",
  }).spawn();
  children.push(c);
  return c;
}

/** `count` frames of one source; `renumber` rewrites their sequences from `first` in place. */
function frames(count: number) {
  const b = new FrameBuilder({ source: SourceType.Collector, initialSize: count * FRAME });
  for (let i = 0; i < count; i++) {
    b.begin(RelayDomain.MarketData, { timestampNs: 1_700_000_000_000_000_000n }).add(
      TlvType.GasPrice,
      {
        chainId: 1,
        blockNumber: BigInt(i),
        blockTimestamp: 1_700_000_000n,
        baseFeeWei: 12_000_000_000n,
        priorityFeeWei: 1_000_000_000n,
      },
    ).end();
  }
  const bytes = b.take().slice();
  const view = new DataView(bytes.buffer);
  return {
    bytes,
    renumber(first: number) {
      for (let i = 0; i < count; i++) {
        const s = first + i;
        view.setUint32(i * FRAME + 8, s >>> 0, true);
        view.setUint32(i * FRAME + 12, Math.floor(s / 4294967296), true);
      }
    },
  };
}

/** Reads a child's stdout and counts bytes; `until(n)` resolves once `n` bytes came in total. */
function counter(child: Deno.ChildProcess) {
  let total = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  (async () => {
    for await (const c of child.stdout) {
      total += c.length;
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (total >= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
      }
    }
  })();
  return {
    get total() {
      return total;
    },
    until(n: number): Promise<void> {
      if (total >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}

// 1. A stage behind real OS pipes: this process → stdin of `torq cat` → its stdout → here.
const PIPE_N = SHORT ? 10_000 : 200_000;
const pipeFrames = frames(PIPE_N).bytes;
const cat = spawn(["cli/main.ts", "cat", "--quiet"], "piped");
const catIn = cat.stdin.getWriter();
const catOut = counter(cat);
let piped = 0;

Deno.bench({
  name: `pipe through torq cat (stdin → stdout) [${PIPE_N}]`,
  group: "pipe",
  ...iterations,
}, async () => {
  piped += pipeFrames.length;
  await catIn.write(pipeFrames);
  await catOut.until(piped);
});

// 1b. Two stages behind real OS pipes: here → `torq cat | torq cat` (an OS pipe between the
// two processes, made by sh) → here.
const deno = Deno.execPath();
const cat2 = spawn(
  [
    `${deno} run -A cli/main.ts cat --quiet | ${deno} run -A cli/main.ts cat --quiet`,
  ],
  "piped",
  true,
);
const cat2In = cat2.stdin.getWriter();
const cat2Out = counter(cat2);
let piped2 = 0;

Deno.bench({
  name: `pipe through torq cat | torq cat [${PIPE_N}]`,
  group: "pipe",
  ...iterations,
}, async () => {
  piped2 += pipeFrames.length;
  await cat2In.write(pipeFrames);
  await cat2Out.until(piped2);
});

// 1c. A runStage stage forwarding every frame (FrameProcessor → FrameSink), behind pipes.
const stage = spawn(["bench/_forward_stage.ts"], "piped");
const stageIn = stage.stdin.getWriter();
const stageOut = counter(stage);
let staged = 0;

Deno.bench({
  name: `pipe through a runStage forwarding stage [${PIPE_N}]`,
  group: "pipe",
  ...iterations,
}, async () => {
  staged += pipeFrames.length;
  await stageIn.write(pipeFrames);
  await stageOut.until(staged);
});

// 2. A relay process fanning out to three subscriber processes (library client each).
const dir = await Deno.makeTempDir({ prefix: "torq-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const sock = `${dir}/market.sock`;
spawn(["cli/main.ts", "relay", "--domain", "market", "--socket", sock, "--quiet"]);
for (let i = 0; i < 100; i++) {
  try {
    (await Deno.connect({ transport: "unix", path: sock })).close();
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 50));
  }
}
const FAN_N = SHORT ? 10_000 : 200_000;
const fan = frames(FAN_N);
const subs = [0, 1, 2].map(() => counter(spawn(["bench/_fanout_subscriber.ts", sock, `${FAN_N}`])));
await Promise.all(subs.map((s) => s.until(1)));
const pub = await connectPublisher(sock, { name: "bench publisher" });
let published = 0;
let rounds = 0;

Deno.bench({
  name: `relay fan-out to 3 subscriber processes, frames each [${FAN_N}]`,
  group: "relay",
  ...iterations,
}, async () => {
  fan.renumber(published + 1);
  published += FAN_N;
  rounds++;
  for (let o = 0; o < fan.bytes.length; o += 65536) {
    await pub.write(fan.bytes.subarray(o, o + 65536));
  }
  await pub.flush();
  await Promise.all(subs.map((s) => s.until(1 + rounds)));
});

// 3. One frame from a publisher to a subscriber through the relay process, one at a time.
const latency = await subscribe(sock, {
  name: "bench latency",
  topics: { sources: [SourceType.Simulator] },
});
const latencyReader = latency.frames.getReader();
const ping = new FrameBuilder({ source: SourceType.Simulator });

Deno.bench({
  name: "relay one hop: publisher → relay → subscriber, one frame",
  group: "latency",
  ...iterations,
}, async () => {
  ping.begin(RelayDomain.MarketData, { timestampNs: 1n }).add(TlvType.GasPrice, {
    chainId: 1,
    blockNumber: 1n,
    blockTimestamp: 1n,
    baseFeeWei: 1n,
    priorityFeeWei: 1n,
  }).end();
  await pub.write(ping.take());
  const r = await latencyReader.read();
  if (r.done) throw new Error("latency subscription ended");
});
