// bench/_short.ts — one job: the short mode CI uses so every benchmark runs, quickly.

/** True when TORQ_BENCH_SHORT=1: CI only proves each benchmark runs. */
export const SHORT: boolean = Deno.env.get("TORQ_BENCH_SHORT") === "1";

/** Iteration options to spread into `Deno.bench` definitions (few iterations in short mode). */
export const iterations: { n?: number; warmup?: number } = SHORT ? { n: 50, warmup: 5 } : {};
