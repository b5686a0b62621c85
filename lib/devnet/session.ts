// lib/devnet/session.ts — one job: a whole devnet session as `torq devnet` runs it:
// Anvil up, the scenario deployed (or a fork), its description handed out, the market simulated
// until told to stop, and Anvil stopped.
import { startAnvil } from "./anvil.ts";
import type { DevnetSessionDescription } from "./description.ts";
import { deployScenario, scenarioJson } from "./scenario.ts";
import { type SimulatorStats, startSimulator } from "./simulator.ts";

/** How to run the devnet. */
export interface DevnetSessionOptions {
  /** Seeds prices and the trade sequence (default 1). */
  readonly seed?: number;
  /** Simulated steps per second (default 5; 0 runs no simulator). */
  readonly rate?: number;
  /** Typical relative price move per trade (default 0.002). */
  readonly volatility?: number;
  /** Share of steps that change liquidity (default 0.05). */
  readonly liquidityShare?: number;
  /** Fork this chain instead of deploying (no scenario, no simulator). */
  readonly forkUrl?: string | undefined;
  /** Trader accounts (default 3). */
  readonly traders?: number;
  /** Progress and health lines. */
  readonly log: (line: string) => void;
  /** Receives the description (RPC URLs, addresses) once the devnet is ready. */
  readonly onReady: (description: DevnetSessionDescription) => void | Promise<void>;
  /** Ends the session. */
  readonly signal: AbortSignal;
  /** Seconds between simulator progress lines (default 10). */
  readonly reportEverySeconds?: number;
}

/**
 * Runs a devnet until `signal` aborts, then stops the simulator (waiting for the transactions
 * in flight) and Anvil. Resolves with the simulator's totals (undefined for a fork or rate 0).
 *
 * @throws {DevnetError} when Anvil cannot start or fork, or the deployment fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDevnetSession } from "./session.ts";
 * const ctrl = new AbortController();
 * let pools = 0;
 * await runDevnetSession({ rate: 0, log: () => {}, signal: ctrl.signal, onReady: (d) => {
 *   pools = "pools" in d ? d.pools.length : 0;
 *   ctrl.abort();
 * } });
 * assert(pools > 0);
 * ```
 */
export async function runDevnetSession(
  o: DevnetSessionOptions,
): Promise<SimulatorStats | undefined> {
  const started = performance.now();
  o.log(o.forkUrl === undefined ? "starting Anvil" : `starting Anvil forking ${o.forkUrl}`);
  const anvil = await startAnvil(o.forkUrl === undefined ? {} : { forkUrl: o.forkUrl });
  try {
    if (o.forkUrl !== undefined) {
      await o.onReady({
        chainId: anvil.chainId,
        rpcUrl: anvil.rpcUrl,
        wsUrl: anvil.wsUrl,
        fork: o.forkUrl,
        anvilPid: anvil.pid,
        accounts: anvil.accounts.map((a) => a.address),
      });
      await aborted(o.signal);
      return undefined;
    }
    const seed = o.seed ?? 1;
    const scenario = await deployScenario(anvil, {
      seed,
      log: o.log,
      ...(o.traders !== undefined ? { traders: o.traders } : {}),
    });
    await o.onReady({ ...scenarioJson(scenario), anvilPid: anvil.pid });
    o.log(
      `ready in ${Math.round(performance.now() - started)} ms: ${anvil.rpcUrl} ${anvil.wsUrl}`,
    );
    const rate = o.rate ?? 5;
    if (rate === 0 || o.signal.aborted) {
      await aborted(o.signal);
      return undefined;
    }
    const sim = startSimulator(anvil, scenario, {
      seed,
      rate,
      ...(o.volatility !== undefined ? { volatility: o.volatility } : {}),
      ...(o.liquidityShare !== undefined ? { liquidityShare: o.liquidityShare } : {}),
      log: o.log,
    });
    o.log(`simulating ${rate} step(s)/s from ${scenario.accounts.traders.length} traders`);
    const report = setInterval(() => {
      const s = sim.stats;
      o.log(`simulator: ${s.swaps} swaps, ${s.mints} mints, ${s.burns} burns, ${s.failed} failed`);
    }, (o.reportEverySeconds ?? 10) * 1000);
    try {
      await aborted(o.signal);
      return await sim.stop();
    } finally {
      clearInterval(report);
    }
  } finally {
    await anvil.stop();
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener("abort", () => resolve(), { once: true })
  );
}
