// lib/transport/topics_text.ts — one job: read topics as a user types them on a command line.
import { venueByName } from "../instrument/mod.ts";
import { tlvTypeByName } from "../protocol/mod.ts";
import { EndpointError } from "./errors.ts";
import type { Topics } from "./topic_filter.ts";

/** Comma-separated lists, as flags give them. */
export interface TopicsText {
  /** TLV type names or numbers: `PoolSwap,PoolSync,230`. */
  readonly types?: string | undefined;
  /** Source numbers: `1,2`. */
  readonly sources?: string | undefined;
  /** Venue names or codes: `uniswap_v3,quickswap_v2`. */
  readonly venues?: string | undefined;
  /** Strategy ids: `1,7`. */
  readonly strategies?: string | undefined;
}

function items(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

function num(flag: string, item: string, max: number): number {
  const n = Number(item);
  if (!/^[0-9]+$/.test(item) || n > max) {
    throw new EndpointError(
      "BAD_TOPICS",
      `${flag} takes numbers 0 to ${max}${
        flag === "--types" || flag === "--venues" ? " or names" : ""
      }, got "${item}"`,
      { [flag]: item },
    );
  }
  return n;
}

/**
 * Parse topic lists; an unknown name or an out-of-range number is an EndpointError naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTopics } from "./topics_text.ts";
 * const t = parseTopics({ types: "PoolSwap, 230", sources: "1" });
 * assert.deepEqual(t, { types: [11, 230], sources: [1] });
 * assert.throws(() => parseTopics({ types: "NoSuchType" }), /NoSuchType/);
 * ```
 */
export function parseTopics(text: TopicsText): Topics {
  const types = items(text.types).map((t) => {
    if (/^[0-9]+$/.test(t)) {
      const n = num("--types", t, 254);
      if (n === 0) throw new EndpointError("BAD_TOPICS", "--types: TLV type 0 is invalid");
      return n;
    }
    const n = tlvTypeByName(t);
    if (n === undefined) {
      throw new EndpointError(
        "BAD_TOPICS",
        `--types: unknown TLV type "${t}"; use a name such as PoolSwap or a number`,
        { type: t },
      );
    }
    return n;
  });
  const sources = items(text.sources).map((s) => num("--sources", s, 255));
  const venues = items(text.venues).map((v) => {
    if (/^[0-9]+$/.test(v)) return num("--venues", v, 65535);
    try {
      return venueByName(v).code;
    } catch {
      throw new EndpointError("BAD_TOPICS", `--venues: unknown venue "${v}"`, { venue: v });
    }
  });
  const strategies = items(text.strategies).map((s) => num("--strategies", s, 65535));
  return {
    ...(types.length > 0 ? { types } : {}),
    ...(sources.length > 0 ? { sources } : {}),
    ...(venues.length > 0 ? { venues } : {}),
    ...(strategies.length > 0 ? { strategies } : {}),
  };
}
