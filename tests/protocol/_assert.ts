// tests/protocol/_assert.ts — assertions on typed protocol errors.
import assert from "node:assert/strict";
import { ProtocolError, type ProtocolErrorCode } from "../../lib/protocol/mod.ts";

/** Check that `e` is a ProtocolError with `code` at byte `offset` (also in its details). */
export function assertProtocolError(e: unknown, code: ProtocolErrorCode, offset?: number): void {
  assert.ok(e instanceof ProtocolError, `expected a ProtocolError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  if (offset !== undefined) {
    assert.equal(e.offset, offset, `${e.code} offset: ${e.message}`);
    assert.equal(e.details.offset, offset);
  }
}

/** Check that `fn` throws a ProtocolError with `code` at byte `offset`. */
export function assertThrowsCode(
  fn: () => unknown,
  code: ProtocolErrorCode,
  offset?: number,
): ProtocolError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected ${code}, nothing was thrown`);
  assertProtocolError(caught, code, offset);
  return caught as ProtocolError;
}
