// bench/_fanout_subscriber.ts — a subscriber process for pipeline_bench.ts: subscribes to a
// relay through the library client and prints one line each time it has `every` frames.
//   deno run -A bench/_fanout_subscriber.ts SOCKET EVERY
import { subscribe } from "../lib/transport/mod.ts";

const [path, every] = [Deno.args[0]!, Number(Deno.args[1])];
const sub = await subscribe(path, { name: "bench subscriber" });
const tick = new TextEncoder().encode("\n");
await Deno.stdout.write(tick); // subscribed
let n = 0;
for await (const _ of sub.frames) {
  if (++n % every === 0) await Deno.stdout.write(tick);
}
