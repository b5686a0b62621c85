import { startAnvil } from "./devnet/anvil.ts";
import { createDevnetClient } from "./devnet/client.ts";
import { deployDevnet } from "./devnet/deploy.ts";
const t0 = performance.now();
await using anvil = await startAnvil();
const t1 = performance.now();
const client = createDevnetClient(anvil);
const me = client.account.address;
const dep = await deployDevnet(client, { tokens: [
  { symbol: "USDC", decimals: 6, mints: [{ to: me, amount: 10n ** 15n }] },
  { symbol: "WBTC", decimals: 8, mints: [{ to: me, amount: 10n ** 12n }] },
  { symbol: "DAI", decimals: 18, mints: [{ to: me, amount: 10n ** 27n }] },
]});
const t2 = performance.now();
console.log(JSON.stringify(dep, null, 1));
console.log("start", t1 - t0, "deploy", t2 - t1);
