// tests/chain/_cache_writer.ts — a subprocess that rewrites a pool cache forever, each
// generation marking every pool with the generation number, so a reader can tell a torn file.
import { PoolCache } from "../../lib/chain/pool_cache.ts";

const [path, countText] = Deno.args;
const count = Number(countText ?? "2000");
const hex = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;
for (let generation = 1;; generation++) {
  const cache = await PoolCache.load(path!);
  for (let i = 0; i < count; i++) {
    cache.set(31337, {
      address: hex(0x1000 + i),
      venue: "sushiswap",
      protocol: "v2",
      token0: hex(1),
      token1: hex(2),
      decimals0: 18,
      decimals1: 6,
      fee: generation, // the generation marker
      tickSpacing: 0,
    });
  }
  await cache.save();
  await Deno.stdout.write(new TextEncoder().encode(`${generation}\n`));
}
