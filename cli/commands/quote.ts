// cli/commands/quote.ts — parse flags, wire the library, print. Nothing else.
import { formatAmount, parseAmount } from "../../lib/market/mod.ts";
import { UsageError } from "../../lib/error.ts";
import { quoteOnChain } from "../../lib/chain/pool_quote_report.ts";
import { readPool } from "../../lib/chain/pool_reader.ts";
import { checkRpc, createReadClient } from "../../lib/chain/rpc_client.ts";
import { type Command, parseFlags } from "../_command.ts";

export const quote: Command = {
  summary: "exact swap quote on a V2 pair or V3 pool, computed locally",
  help: `torq quote — exact swap quote on a Uniswap V2 pair or V3 pool

Usage:
  torq quote --rpc URL --pool ADDRESS --token-in ADDRESS (--amount-in N | --amount-out N)
             [--human] [--block N] [--v2-fee-bps BPS] [--json]

Reads the pool's state once (V2 reserves; V3 slot0, liquidity, fee, tick spacing and every
initialized tick, through the tick bitmap, in batched calls), then computes the swap locally
with exact integer math: the result equals Router02 / QuoterV2 to the last unit.

Options:
  --rpc URL            JSON-RPC endpoint, http:// or ws:// (e.g. an Anvil devnet)
  --pool ADDRESS       the pair or pool; its kind is detected
  --token-in ADDRESS   the token you pay (token0 or token1 of the pool)
  --amount-in N        exact input, in the token's native units (e.g. wei)
  --amount-out N       exact output, in the output token's native units
  --human              amounts in whole tokens with decimals ("1.5"), printed the same way
  --block N            read the pool at block N (default: latest)
  --v2-fee-bps BPS     fee of a V2 venue in basis points (default 30)
  --json               one JSON object (big integers as decimal strings)
  -h, --help           this help

Examples:
  torq quote --rpc http://127.0.0.1:8545 --pool 0x… --token-in 0x… --amount-in 1000000000000000000
  torq quote --rpc http://127.0.0.1:8545 --pool 0x… --token-in 0x… --amount-out 2500 --human --json
`,
  async run(args) {
    const { values } = parseFlags("quote", args, {
      rpc: { type: "string" },
      pool: { type: "string" },
      "token-in": { type: "string" },
      "amount-in": { type: "string" },
      "amount-out": { type: "string" },
      human: { type: "boolean" },
      block: { type: "string" },
      "v2-fee-bps": { type: "string" },
      json: { type: "boolean" },
    });
    const rpc = required(values.rpc, "--rpc URL");
    const pool = required(values.pool, "--pool ADDRESS");
    const tokenIn = required(values["token-in"], "--token-in ADDRESS");
    if ((values["amount-in"] === undefined) === (values["amount-out"] === undefined)) {
      throw new UsageError("BAD_FLAGS", "Give exactly one of --amount-in N or --amount-out N");
    }
    const exactInput = values["amount-in"] !== undefined;
    const amountText = (values["amount-in"] ?? values["amount-out"])!;
    const flag = exactInput ? "--amount-in" : "--amount-out";
    const blockNumber = values.block === undefined ? undefined : integer(values.block, "--block");
    const v2FeeBps = values["v2-fee-bps"] === undefined
      ? undefined
      : integer(values["v2-fee-bps"], "--v2-fee-bps");
    const human = values.human === true;

    const client = createReadClient(rpc);
    await checkRpc(client, rpc);
    let amount: bigint;
    if (human) {
      // Decimals of the amount's token: the input token, or the pool's other token.
      const snap = await readPool(client, pool, {
        rpcUrl: rpc,
        ...(blockNumber !== undefined ? { blockNumber } : {}),
      });
      const inIs0 = snap.token0.address.toLowerCase() === tokenIn.toLowerCase();
      const token = exactInput === inIs0 ? snap.token0 : snap.token1;
      amount = parseAmount(amountText, token.decimals, flag);
    } else {
      amount = integer(amountText, flag);
    }
    const r = await quoteOnChain(client, {
      pool,
      tokenIn,
      amount,
      exactInput,
      rpcUrl: rpc,
      ...(blockNumber !== undefined ? { blockNumber } : {}),
      ...(v2FeeBps !== undefined ? { v2FeeBps } : {}),
    });
    const show = (v: bigint, decimals: number) => human ? formatAmount(v, decimals) : v.toString();
    const q = r.quote;
    if (values.json) {
      console.log(JSON.stringify({
        pool: r.pool.address,
        protocol: r.pool.protocol,
        blockNumber: r.pool.blockNumber.toString(),
        tokenIn: { ...r.tokenIn },
        tokenOut: { ...r.tokenOut },
        exactInput,
        amountIn: show(q.amountIn, r.tokenIn.decimals),
        amountOut: show(q.amountOut, r.tokenOut.decimals),
        priceAfter: r.priceAfter,
        ...(q.sqrtPriceX96After !== undefined
          ? { sqrtPriceX96After: q.sqrtPriceX96After.toString(), tickAfter: q.tickAfter }
          : {}),
        ...(q.reservesAfter !== undefined
          ? { reservesAfter: q.reservesAfter.map((x) => x.toString()) }
          : {}),
        ticksCrossed: q.ticksCrossed,
      }));
      return 0;
    }
    const name = (t: { symbol: string | undefined; address: string }) => t.symbol ?? t.address;
    const kind = r.pool.protocol === "v3"
      ? `V3, fee ${r.pool.state.fee / 10_000}%, ${r.pool.state.ticks.size} initialized ticks`
      : `V2, fee ${Number(r.pool.state.feeBps) / 100}%`;
    console.log(`pool      ${r.pool.address} (${kind}) at block ${r.pool.blockNumber}`);
    console.log(`pay       ${show(q.amountIn, r.tokenIn.decimals)} ${name(r.tokenIn)}`);
    console.log(`receive   ${show(q.amountOut, r.tokenOut.decimals)} ${name(r.tokenOut)}`);
    console.log(
      `price     1 ${name(r.tokenIn)} = ${r.priceAfter} ${name(r.tokenOut)} after the swap`,
    );
    if (q.sqrtPriceX96After !== undefined) {
      console.log(
        `sqrtPrice ${q.sqrtPriceX96After} (tick ${q.tickAfter}), ${q.ticksCrossed} initialized ticks crossed`,
      );
    }
    return 0;
  },
};

function required(value: string | undefined, flag: string): string {
  if (value === undefined) {
    throw new UsageError("MISSING_FLAG", `${flag} is required; see torq quote --help`);
  }
  return value;
}

function integer(text: string, flag: string): bigint {
  if (!/^[0-9]+$/.test(text)) {
    throw new UsageError(
      "BAD_FLAG_VALUE",
      `${flag} takes a non-negative integer in native units, got "${text}" (use --human for decimals)`,
    );
  }
  return BigInt(text);
}
