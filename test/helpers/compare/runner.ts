import type { ExistenceProfile } from "../../../src/domain/existence/profile.ts";
import type { TestServer } from "../server.ts";
import { compareAnswers, compareStability, type Difference } from "./compare.ts";
import { LOCKOUT_SCENARIOS } from "./lockout.ts";
import { OPERATIONS } from "./operations.ts";
import { POOL_KINDS, type PoolKindId, type Target } from "./pools.ts";
import type { RawClient } from "./raw-http.ts";
import { STATES, type StateId, state } from "./states.ts";

/**
 * The comparison table and its runner: every (operation, account state, pool kind) in a profile,
 * plus the lockout sequences on their subset. Each case makes a fresh pair of names, prepares the
 * known one, sends the same request for both and keeps the differences.
 */
export interface CaseKey {
  profile: ExistenceProfile;
  operation: string;
  state: StateId;
  pool: PoolKindId;
}

export interface CaseResult extends CaseKey {
  differences: Difference[];
}

export interface Env {
  s: TestServer;
  raw: RawClient;
  targets: Map<string, Target>;
}

export const targetKey = (pool: PoolKindId, profile: ExistenceProfile): string => `${pool}|${profile}`;

let counter = 0;
/** A fresh number per case: no two cases share a name, an attempt counter or a lockout counter. */
const next = (): number => ++counter;

interface Job {
  key: CaseKey;
  run(): Promise<Difference[]>;
}

function target(env: Env, pool: PoolKindId, profile: ExistenceProfile): Target {
  const t = env.targets.get(targetKey(pool, profile));
  if (!t) throw new Error(`no pool ${pool} in profile ${profile}`);
  return t;
}

export function operationJobs(env: Env, profile: ExistenceProfile, operationId: string): Job[] {
  const op = OPERATIONS.find((o) => o.id === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return STATES.flatMap((st) =>
    POOL_KINDS.map((kind) => ({
      key: { profile, operation: op.id, state: st.id, pool: kind.id },
      async run() {
        const t = target(env, kind.id, profile);
        const n = next();
        const [known, unknown] = [kind.slot("known", n), kind.slot("unknown", n)];
        await st.prepare(env.s, t, known);
        const k = await op.send(env.raw, t, known);
        const u = await op.send(env.raw, t, unknown);
        const out = compareAnswers({ answer: k, typed: known.typed }, { answer: u, typed: unknown.typed });
        if (op.repeatable) {
          const [k2, u2] = [await op.send(env.raw, t, known), await op.send(env.raw, t, unknown)];
          out.push(...compareStability([k, k2], [u, u2]));
        }
        return out;
      },
    })),
  );
}

export function lockoutJobs(env: Env, profile: ExistenceProfile): Job[] {
  return LOCKOUT_SCENARIOS.flatMap((sc) =>
    sc.pools.flatMap((pool) =>
      sc.states.map((stateId) => ({
        key: { profile, operation: `lockout: ${sc.id}`, state: stateId, pool },
        async run() {
          const t = target(env, pool, profile);
          const n = next();
          const [known, unknown] = [t.kind.slot("known", n), t.kind.slot("unknown", n)];
          await state(stateId).prepare(env.s, t, known);
          return sc.run(env.raw, t, known, unknown);
        },
      })),
    ),
  );
}

/** Runs jobs `concurrency` at a time (requests of one case stay in order). */
export async function runJobs(jobs: Job[], concurrency = 4): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(jobs.length);
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < jobs.length) {
      const at = i++;
      const job = jobs[at] as Job;
      results[at] = { ...job.key, differences: await job.run() };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}
