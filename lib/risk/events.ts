// lib/risk/events.ts — one job: the TLV values the risk engine emits besides decisions.
import type { CircuitBreaker, RiskAlert } from "../protocol/mod.ts";

/** CircuitBreaker and RiskAlert values produced by one call, in the order they happened. */
export interface RiskEvents {
  readonly circuitBreakers: readonly CircuitBreaker[];
  readonly alerts: readonly RiskAlert[];
}

/** No events (shared, frozen). */
export const NO_EVENTS: RiskEvents = Object.freeze({
  circuitBreakers: Object.freeze([]) as readonly CircuitBreaker[],
  alerts: Object.freeze([]) as readonly RiskAlert[],
});

/**
 * The events of `a` followed by those of `b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeEvents, NO_EVENTS } from "./events.ts";
 * assert.equal(mergeEvents(NO_EVENTS, NO_EVENTS), NO_EVENTS);
 * ```
 */
export function mergeEvents(a: RiskEvents, b: RiskEvents): RiskEvents {
  if (b.circuitBreakers.length === 0 && b.alerts.length === 0) return a;
  if (a.circuitBreakers.length === 0 && a.alerts.length === 0) return b;
  return {
    circuitBreakers: [...a.circuitBreakers, ...b.circuitBreakers],
    alerts: [...a.alerts, ...b.alerts],
  };
}
