// tests/chain/_market.ts — a deployed devnet scenario for collector tests, frame capture, and a
// consumer that rebuilds pool state from frames alone (with lib/amm) to compare with the chain.
import assert from "node:assert/strict";
import { type Hex, numberToHex, toEventSelector } from "viem";
import {
  createV2PoolState,
  createV3PoolState,
  v2ApplySync,
  type V2PoolState,
  v3ApplyBurn,
  v3ApplyMint,
  v3ApplySwap,
  type V3PoolState,
  V3TickTable,
} from "../../lib/amm/mod.ts";
import {
  type AnvilHandle,
  deployScenario,
  type ScenarioDeployment,
  startAnvil,
} from "../../lib/devnet/mod.ts";
import type { FrameSink } from "../../lib/transport/mod.ts";
import { poolInstrumentHex } from "../../lib/chain/watched_pool.ts";
import { readPool } from "../../lib/chain/pool_reader.ts";
import { V2_EVENT_TOPICS, V3_EVENT_TOPICS } from "../../lib/chain/pool_log.ts";
import { createReadClient } from "../../lib/chain/rpc_client.ts";
import {
  decodeTlvs,
  type Frame,
  parseFrame,
  ProtocolError,
  TlvType,
} from "../../lib/protocol/mod.ts";

const INITIALIZE = toEventSelector("event Initialize(uint160 sqrtPriceX96, int24 tick)");

/** Runs `fn` on a fresh Anvil with the default scenario deployed, then stops Anvil. */
export async function withScenario<T>(
  fn: (anvil: AnvilHandle, scenario: ScenarioDeployment) => Promise<T>,
  seed = 11,
): Promise<T> {
  const anvil = await startAnvil();
  try {
    return await fn(anvil, await deployScenario(anvil, { seed }));
  } finally {
    await anvil.stop();
  }
}

/** A frame sink keeping every chunk in memory. */
export class MemorySink implements Pick<FrameSink, "write" | "flush"> {
  readonly chunks: Uint8Array[] = [];
  flushes = 0;
  write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk.slice());
    return Promise.resolve();
  }
  flush(): Promise<void> {
    this.flushes++;
    return Promise.resolve();
  }
}

/** Every whole frame in `bytes`; a cut-off frame at the end (a killed writer) is left out. */
export function framesOf(bytes: Uint8Array): Frame[] {
  const out: Frame[] = [];
  for (let off = 0; off < bytes.length;) {
    let frame: Frame;
    try {
      frame = parseFrame(bytes, off);
    } catch (e) {
      if (e instanceof ProtocolError && e.code === "TRUNCATED_FRAME") break;
      throw e;
    }
    out.push(frame);
    off += frame.size;
  }
  return out;
}

/** Concatenates chunks. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** An event frame's identity on the chain. */
export type EventKey = string;

/** What a consumer rebuilt from frames. */
export interface Rebuilt {
  readonly v2: Map<Hex, V2PoolState>;
  readonly v3: Map<Hex, V3PoolState>;
  /** `blockNumber:logIndex:txHash` of every event frame, in stream order (repeats kept). */
  readonly events: EventKey[];
  readonly gasBlocks: bigint[];
  readonly invalidations: { pool: Hex; fromBlock: bigint; reason: number; atEvent: number }[];
  /** PoolLiquidity frames checked against the rebuilt active liquidity. */
  liquidityChecks: number;
}

/**
 * Applies frames as a consumer would: PoolState (and PoolTick) set a pool's state, PoolSync and
 * PoolSwap move it, V3 PoolMint/PoolBurn change ticks and liquidity (their amounts must equal
 * what lib/amm computes), PoolInvalidate drops the pool until its fresh PoolState.
 */
export function rebuild(frames: readonly Frame[], into?: Rebuilt): Rebuilt {
  const r: Rebuilt = into ??
    {
      v2: new Map(),
      v3: new Map(),
      events: [],
      gasBlocks: [],
      invalidations: [],
      liquidityChecks: 0,
    };
  for (const frame of frames) {
    for (const tlv of decodeTlvs(frame)) {
      if (tlv.name === undefined) continue;
      switch (tlv.type) {
        case TlvType.PoolState: {
          const s = tlv.value;
          if (s.protocol === 1) {
            r.v2.set(s.pool, createV2PoolState(s.reserve0, s.reserve1, BigInt(s.fee / 100)));
          } else {
            r.v3.set(
              s.pool,
              createV3PoolState({
                sqrtPriceX96: s.sqrtPriceX96,
                tick: s.tick,
                liquidity: s.liquidity,
                fee: s.fee,
                tickSpacing: s.tickSpacing,
                ticks: new V3TickTable(s.tickSpacing),
              }),
            );
          }
          break;
        }
        case TlvType.PoolTick: {
          const s = r.v3.get(tlv.value.pool);
          assert.ok(s !== undefined, "PoolTick before its PoolState");
          s.ticks.set(tlv.value.tick, {
            liquidityGross: tlv.value.liquidityGross,
            liquidityNet: tlv.value.liquidityNet,
          });
          break;
        }
        case TlvType.PoolSync: {
          const v = tlv.value;
          r.events.push(`${v.blockNumber}:${v.logIndex}:${v.txHash}`);
          const s = r.v2.get(v.pool);
          assert.ok(s !== undefined, "PoolSync before its PoolState");
          r.v2.set(v.pool, v2ApplySync(s, v.reserve0, v.reserve1));
          break;
        }
        case TlvType.PoolSwap: {
          const v = tlv.value;
          r.events.push(`${v.blockNumber}:${v.logIndex}:${v.txHash}`);
          const s = r.v3.get(v.pool);
          if (s !== undefined) v3ApplySwap(s, v);
          else assert.ok(r.v2.has(v.pool), "PoolSwap before its PoolState");
          break;
        }
        case TlvType.PoolMint:
        case TlvType.PoolBurn: {
          const v = tlv.value;
          r.events.push(`${v.blockNumber}:${v.logIndex}:${v.txHash}`);
          const s = r.v3.get(v.pool);
          if (s === undefined) break; // V2: the Sync that follows carries the reserves
          const owed = tlv.type === TlvType.PoolMint
            ? v3ApplyMint(s, v.tickLower, v.tickUpper, v.liquidity)
            : v3ApplyBurn(s, v.tickLower, v.tickUpper, v.liquidity);
          assert.equal(owed.amount0, v.amount0, `${tlv.name} amount0 at ${v.blockNumber}`);
          assert.equal(owed.amount1, v.amount1, `${tlv.name} amount1 at ${v.blockNumber}`);
          break;
        }
        case TlvType.PoolLiquidity: {
          const s = r.v3.get(tlv.value.pool);
          assert.equal(s?.liquidity, tlv.value.liquidity);
          assert.equal(s?.tick, tlv.value.tick);
          r.liquidityChecks++;
          break;
        }
        case TlvType.PoolInvalidate:
          r.invalidations.push({ ...tlv.value, atEvent: r.events.length });
          r.v2.delete(tlv.value.pool);
          r.v3.delete(tlv.value.pool);
          break;
        case TlvType.GasPrice:
          r.gasBlocks.push(tlv.value.blockNumber);
          break;
      }
    }
  }
  return r;
}

/** Asserts that the rebuilt state of every scenario pool equals the chain's at `blockNumber`. */
export async function assertMatchesChain(
  anvil: AnvilHandle,
  scenario: ScenarioDeployment,
  r: Rebuilt,
  blockNumber: bigint,
): Promise<void> {
  const client = createReadClient(anvil.rpcUrl);
  for (const pool of scenario.pools) {
    const id = poolInstrumentHex("anvil", pool);
    const chain = await readPool(client, pool.address, { blockNumber });
    if (chain.protocol === "v2") {
      const mine = r.v2.get(id);
      assert.ok(mine !== undefined, `no rebuilt state for ${pool.pair} on ${pool.venue}`);
      assert.equal(mine.reserve0, chain.state.reserve0, `${pool.pair} ${pool.venue} reserve0`);
      assert.equal(mine.reserve1, chain.state.reserve1, `${pool.pair} ${pool.venue} reserve1`);
    } else {
      const mine = r.v3.get(id);
      assert.ok(mine !== undefined, `no rebuilt state for V3 ${pool.pair} ${pool.fee}`);
      const what = `V3 ${pool.pair} ${pool.fee}`;
      assert.equal(mine.sqrtPriceX96, chain.state.sqrtPriceX96, `${what} sqrtPriceX96`);
      assert.equal(mine.tick, chain.state.tick, `${what} tick`);
      assert.equal(mine.liquidity, chain.state.liquidity, `${what} liquidity`);
      const ticks = (s: V3PoolState) =>
        s.ticks.ticks().map((
          t,
        ) => [t, s.ticks.get(t)!.liquidityNet, s.ticks.get(t)!.liquidityGross]);
      assert.deepEqual(ticks(mine), ticks(chain.state), `${what} ticks`);
    }
  }
}

/**
 * `blockNumber:logIndex:txHash` of every pool event on chain in a block range, fetched directly
 * (V3 Initialize excluded: it reaches a consumer as a PoolState, which has no log position).
 */
export async function chainEventKeys(
  rpcUrl: string,
  scenario: ScenarioDeployment,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<EventKey[]> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getLogs",
      params: [{
        address: scenario.pools.map((p) => p.address),
        topics: [[...V2_EVENT_TOPICS, ...V3_EVENT_TOPICS.filter((t) => t !== INITIALIZE)]],
        fromBlock: numberToHex(fromBlock),
        toBlock: numberToHex(toBlock),
      }],
    }),
  });
  const body = await res.json() as {
    result: { blockNumber: Hex; logIndex: Hex; transactionHash: Hex }[];
  };
  return body.result.map((l) =>
    `${BigInt(l.blockNumber)}:${Number(BigInt(l.logIndex))}:${l.transactionHash}`
  );
}

/** The chain's latest block number. */
export async function headOf(rpcUrl: string): Promise<bigint> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  return BigInt((await res.json() as { result: Hex }).result);
}

/** Sends one JSON-RPC call and returns its result. */
export async function rpc(
  rpcUrl: string,
  method: string,
  params: unknown[] = [],
): Promise<unknown> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await res.json() as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Waits until `check` holds, polling every 20 ms, or fails after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
