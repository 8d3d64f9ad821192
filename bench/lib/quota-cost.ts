/**
 * What the quota check costs (docs/performance.md#unknown-names-at-the-quota-rate), measured on the
 * store a bench runs on with a gate of its own: sequential admitted requests (one store statement
 * each, the pool id cached after the first), then a flood of a budget that is full (refused without
 * a statement). Uses categories the bench itself leaves unlimited, on the real clock.
 */
import { parseQuotaSetting, QuotaGate } from "../../src/domain/quotas/index.ts";
import type { Store } from "../../src/storage/ports.ts";

export async function measureGate(
  store: Store,
  poolId: string,
  opts: { admits?: number; floodMs?: number } = {},
): Promise<{ admitUs: number; refusedPerSec: number }> {
  const clock = { now: () => Date.now() };
  const open = new QuotaGate(parseQuotaSetting("off,UserRead=1000000"), { store, clock });
  const input = { UserPoolId: poolId, Username: "cost" };
  await open.admit("AdminGetUser", input); // the pool id is read once, then remembered
  const n = opts.admits ?? 2000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await open.admit("AdminGetUser", input);
  const admitUs = Number(process.hrtime.bigint() - t0) / 1000 / n;

  const full = new QuotaGate(parseQuotaSetting("off,UserList=1"), { store, clock });
  const end = Date.now() + (opts.floodMs ?? 1000);
  let refused = 0;
  const t1 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (Date.now() < end) await full.admit("ListUsers", { UserPoolId: poolId }).catch(() => refused++);
    }),
  );
  return { admitUs, refusedPerSec: refused / (Number(process.hrtime.bigint() - t1) / 1e9) };
}
