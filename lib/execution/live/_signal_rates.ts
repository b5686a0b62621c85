// lib/execution/live/_signal_rates.ts — one job: value amounts with the rates a signal implies
// (its gas figures give USD per wei, USD per unit of the start token and units per wei), so
// the executor needs no price feed of its own. All exact rationals, rounded as stated.
import { ceilDiv, floorDiv } from "../../market/mod.ts";
import type { ArbitrageSignal } from "../../protocol/mod.ts";

type Rates = Pick<
  ArbitrageSignal,
  "gasUnits" | "gasPriceWei" | "gasCostIn" | "gasCostUsd" | "netProfit" | "netProfitUsd"
>;

/** USD (8 decimals) of `amount` start-token units, floored; undefined without a rate. */
export function tokenUsd(s: Rates, amount: bigint, round: "floor" | "ceil"): bigint | undefined {
  const div = round === "floor" ? floorDiv : ceilDiv;
  if (s.gasCostIn > 0n && s.gasCostUsd > 0n) return div(amount * s.gasCostUsd, s.gasCostIn);
  if (s.netProfit > 0n && s.netProfitUsd > 0n) return div(amount * s.netProfitUsd, s.netProfit);
  return undefined;
}

/** USD (8 decimals) of `wei` of gas, rounded up (a cost); 0 without a rate. */
export function gasUsd(s: Rates, wei: bigint): bigint {
  const w = s.gasUnits * s.gasPriceWei;
  return w > 0n && s.gasCostUsd > 0n ? ceilDiv(wei * s.gasCostUsd, w) : 0n;
}

/** Start-token units of `wei` of gas, rounded up (a cost); 0 without a rate. */
export function gasInToken(s: Rates, wei: bigint): bigint {
  const w = s.gasUnits * s.gasPriceWei;
  return w > 0n ? ceilDiv(wei * s.gasCostIn, w) : 0n;
}
