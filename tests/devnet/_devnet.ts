// tests/devnet/_devnet.ts — starts Anvil for a test and always stops it, so leak checks stay on.
import {
  type AnvilHandle,
  type AnvilOptions,
  createDevnetClient,
  type DevnetClient,
  startAnvil,
} from "../../lib/devnet/mod.ts";

/** Runs `fn` against a fresh Anvil and a client signing with account 0, then stops Anvil. */
export async function withAnvil<T>(
  fn: (anvil: AnvilHandle, client: DevnetClient) => Promise<T>,
  options: AnvilOptions = {},
): Promise<T> {
  const anvil = await startAnvil(options);
  try {
    return await fn(anvil, createDevnetClient(anvil));
  } finally {
    await anvil.stop();
  }
}

/** True while a process with this pid exists (Linux). */
export async function processAlive(pid: number): Promise<boolean> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    // A zombie has exited; only its parent's bookkeeping remains.
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}
