// lib/execution/live/revert.ts — one job: turn a failed call or transaction into the executor's
// decoded custom error (or a pool's revert string) and its reason code.
import { BaseError, decodeErrorResult, type Hex } from "viem";
import { arbitrageExecutorAbi } from "./executor_abi.ts";
import { LiveReason } from "../../protocol/mod.ts";

/** A decoded revert. */
export interface DecodedRevert {
  /** The executor's custom error, e.g. `InsufficientProfit`; undefined for a plain revert. */
  readonly errorName: string | undefined;
  /** The error's arguments (bigints and addresses). */
  readonly args: readonly unknown[];
  /** A revert string (`UniswapV2: K`), when there was one. */
  readonly reason: string | undefined;
  /** The reason code for OrderStatus / ExecutionReport. */
  readonly reasonCode: LiveReason;
  /** One line: `InsufficientProfit(-1520, 1)`, `UniswapV2: K` or `reverted without a reason`. */
  readonly text: string;
  /** The raw revert data, when the node returned it. */
  readonly data: Hex | undefined;
}

/**
 * Decodes the revert data of the executor (its custom errors, `Error(string)`, `Panic`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeErrorResult } from "viem";
 * import { arbitrageExecutorAbi } from "./executor_abi.ts";
 * import { decodeRevertData } from "./revert.ts";
 * const data = encodeErrorResult({
 *   abi: arbitrageExecutorAbi, errorName: "InsufficientProfit", args: [-5n, 1n],
 * });
 * const r = decodeRevertData(data);
 * assert.equal(r.text, "InsufficientProfit(-5, 1)");
 * assert.equal(r.reasonCode, 101);
 * ```
 */
export function decodeRevertData(data: Hex | undefined): DecodedRevert {
  if (data === undefined || data === "0x") return plain(undefined, data);
  try {
    const decoded = decodeErrorResult({ abi: arbitrageExecutorAbi, data });
    const args = (decoded.args ?? []) as readonly unknown[];
    const name: string = decoded.errorName; // viem also decodes Error(string) and Panic(uint256)
    if (name === "Error") return plain(String(args[0]), data);
    if (name === "Panic") return plain(`panic 0x${Number(args[0]).toString(16)}`, data);
    return {
      errorName: decoded.errorName,
      args,
      reason: undefined,
      reasonCode: revertReasonCode(decoded.errorName),
      text: `${decoded.errorName}(${args.map(String).join(", ")})`,
      data,
    };
  } catch {
    return plain(`unknown error data ${data.slice(0, 10)}`, data);
  }
}

/**
 * The decoded revert inside a viem error (from `simulateContract`, `call`, `estimateGas`), or
 * undefined when the error is not a revert (a network failure).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeRevertError } from "./revert.ts";
 * assert.equal(decodeRevertError(new Error("socket closed")), undefined);
 * ```
 */
export function decodeRevertError(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  let data: Hex | undefined;
  let reason: string | undefined;
  let reverted = false;
  error.walk((e) => {
    const x = e as { data?: unknown; raw?: unknown; reason?: unknown; name?: unknown };
    if (typeof x.name === "string" && /Revert/i.test(x.name)) reverted = true;
    if (typeof x.raw === "string" && x.raw.startsWith("0x")) data ??= x.raw as Hex;
    if (typeof x.data === "string" && x.data.startsWith("0x")) data ??= x.data as Hex;
    const nested = (x.data as { data?: unknown } | undefined)?.data;
    if (typeof nested === "string" && nested.startsWith("0x")) data ??= nested as Hex;
    if (typeof x.reason === "string") reason ??= x.reason;
    return false;
  });
  if (data !== undefined && data !== "0x") return decodeRevertData(data);
  if (!reverted && reason === undefined && !/revert/i.test(error.shortMessage)) return undefined;
  return plain(reason, data);
}

function plain(reason: string | undefined, data: Hex | undefined): DecodedRevert {
  return {
    errorName: undefined,
    args: [],
    reason,
    reasonCode: revertReasonCode(undefined, reason),
    text: reason === undefined || reason === "" ? "reverted without a reason" : reason,
    data,
  };
}

const BY_ERROR: Readonly<Record<string, LiveReason>> = {
  InsufficientProfit: LiveReason.InsufficientProfit,
  DeadlineExpired: LiveReason.DeadlineExpired,
  PartialFill: LiveReason.PartialFill,
  ZeroOutput: LiveReason.ZeroOutput,
  TransferFailed: LiveReason.TransferFailed,
  BadHop: LiveReason.BadRoute,
  BadRouteLength: LiveReason.BadRoute,
  BadAmount: LiveReason.BadRoute,
  NotOwner: LiveReason.NotOwner,
  UnexpectedCallback: LiveReason.CallbackRejected,
  UnexpectedInitiator: LiveReason.CallbackRejected,
  CallbackMissing: LiveReason.CallbackRejected,
};

/**
 * The reason code of a decoded revert: the executor's custom error by name, a pool's revert
 * string, or nothing at all.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { revertReasonCode } from "./revert.ts";
 * assert.equal(revertReasonCode("DeadlineExpired"), 102);
 * assert.equal(revertReasonCode(undefined, "UniswapV2: K"), 109);
 * assert.equal(revertReasonCode(undefined), 110);
 * ```
 */
export function revertReasonCode(errorName: string | undefined, reason?: string): LiveReason {
  if (errorName !== undefined) return BY_ERROR[errorName] ?? LiveReason.PoolReverted;
  return reason !== undefined && reason !== "" ? LiveReason.PoolReverted : LiveReason.UnknownRevert;
}
