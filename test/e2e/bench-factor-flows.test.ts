/**
 * The factor classes of the timing oracle (bench/oracle/factor-flows.ts) against a real server, a few
 * samples each, in both profiles: every first step opens the challenge under test, and every answer,
 * real user or unknown name, is refused exactly as the flow expects (the classes throw otherwise).
 * So the bench keeps measuring what it means to when an answer or a message changes.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createClient } from "../../bench/lib/http-client.ts";
import {
  FACTOR_FLOWS,
  type FactorPools,
  factorClasses,
  seedFactors,
} from "../../bench/oracle/factor-flows.ts";
import { EXISTENCE_PROFILES, type ExistenceProfile } from "../../bench/oracle/profile.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const USERS = 4;
const dir = mkdtempSync(join(tmpdir(), "hushpool-factor-flows-"));
const pools = new Map<ExistenceProfile, FactorPools>();
let s: TestServer;

before(async () => {
  for (const p of EXISTENCE_PROFILES) pools.set(p, await seedFactors(dir, USERS, p, FACTOR_FLOWS));
  // No time floor: the answers are what is checked here, not their timing.
  s = await startTestServer({ data: dir, codeFlowFloorMs: 0 });
});
after(async () => {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

for (const profile of EXISTENCE_PROFILES) {
  test(`every factor's answer is refused alike for a real user and an unknown name (${profile})`, async () => {
    const client = createClient({ maxSockets: 1 });
    const target = pools.get(profile);
    assert.ok(target);
    try {
      for (const flow of FACTOR_FLOWS) {
        for (const c of factorClasses(client, s.url, target, flow)) {
          for (let i = 0; i < USERS; i++) {
            await c.prepare?.();
            await c.send();
          }
          // A real class has exactly its seeded users.
          if (c.label === "real user") await assert.rejects(async () => c.prepare?.(), /out of names/);
        }
      }
      assert.equal(target.chanceMatches, 0);
    } finally {
      client.close();
    }
  });
}
