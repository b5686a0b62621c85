// lib/devnet/_path.ts — one job: check a V2 swap path.
import type { Address } from "viem";
import { DevnetError } from "./errors.ts";

/** `path` itself when it has at least two tokens. */
export function checkPath(path: readonly Address[]): readonly [Address, Address, ...Address[]] {
  if (path.length < 2) {
    throw new DevnetError("BAD_OPTION", `Swap path needs at least two tokens, got ${path.length}`, {
      path,
    });
  }
  return path as readonly [Address, Address, ...Address[]];
}
