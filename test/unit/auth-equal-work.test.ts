/**
 * docs/existence.md#unit-tests-count-work: the masked path does the same work as the real one, counted, not timed. A
 * counting proxy records every store call in order; a counting probe (modexps) and counting hooks do
 * the rest. Compared, in both profiles (a pool tagged hushpool:existence-profile each): unknown user
 * vs wrong password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH), SRP step 1 unknown vs real, SRP
 * step 2 simulated vs wrong proof, RESET_REQUIRED vs unknown; in the strict profile also UNCONFIRMED
 * with a wrong password, and an SRP sign-in by alias (which strict masks) against an unknown email.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  type AuthContext,
  type AuthFlow,
  type AuthHooks,
  lockoutKey,
  noHooks,
  renderOutcome,
  startAuth,
} from "../../src/domain/auth-flows/index.ts";
import { LOCKOUT_RULE } from "../../src/domain/auth-flows/lockout.ts";
import {
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
} from "../../src/domain/existence/index.ts";
import { canonicalName } from "../../src/domain/users/username.ts";
import {
  countingProbe,
  type SignInBase,
  type SignInWork,
  signInWork,
  wrongProofStep,
} from "../helpers/counting.ts";
import { srpStart } from "../helpers/srp-client.ts";

let work: SignInWork;
const bases = {} as Record<ExistenceProfile | "strict-alias", SignInBase>;
const modExpCounter = countingProbe();

before(async () => {
  work = await signInWork("hushpool-equal-work-");
  for (const profile of EXISTENCE_PROFILES) bases[profile] = await setup(profile);
  bases["strict-alias"] = await setup("strict", { AliasAttributes: ["email"] });
});

/** A pool of this profile with one ENABLED client, a CONFIRMED, a RESET_REQUIRED and an UNCONFIRMED user. */
async function setup(profile: ExistenceProfile, settings: Record<string, unknown> = {}): Promise<SignInBase> {
  return work.base({
    pool: { PoolName: "w", UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile }, ...settings },
    flows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
    users: (
      [
        ["realuser", "CONFIRMED"],
        ["resetuser", "RESET_REQUIRED"],
        ["unconfirmed", "UNCONFIRMED"],
      ] as const
    ).map(([username, status]) => ({
      username,
      status,
      attributes: { email: `${username}@example.com`, email_verified: "true" },
    })),
    services: { probe: modExpCounter.probe },
  });
}

after(() => work.close());

interface Work {
  calls: string[];
  modExps: number;
  hooks: string[];
  answer: string;
}

function countingHooks(log: string[]): AuthHooks {
  return {
    userMigration: async (e) => {
      log.push("userMigration");
      return noHooks.userMigration(e);
    },
    preAuthentication: async () => {
      log.push("preAuthentication");
    },
    preTokenGeneration: async () => {
      log.push("preTokenGeneration");
      return undefined;
    },
    postAuthentication: async () => {
      log.push("postAuthentication");
    },
    customMessage: async () => {
      log.push("customMessage");
      return undefined;
    },
  };
}

async function measure(
  base: SignInBase,
  run: (ctx: AuthContext) => Promise<unknown>,
  api: AuthContext["api"] = "InitiateAuth",
): Promise<Work> {
  const hooks: string[] = [];
  const ctx: AuthContext = { ...base, api, now: Date.now(), hooks: countingHooks(hooks) };
  const before = modExpCounter.modExps();
  const { calls, answer } = await work.measure(() => run(ctx));
  return { calls, modExps: modExpCounter.modExps() - before, hooks, answer };
}

const password = (flow: AuthFlow, USERNAME: string, PASSWORD: string) => (ctx: AuthContext) =>
  startAuth(ctx, flow, { USERNAME, PASSWORD });

const srp1 = (USERNAME: string) => async (ctx: AuthContext) =>
  renderOutcome(await startAuth(ctx, "USER_SRP_AUTH", { USERNAME, SRP_A: srpStart().srpA }));

for (const profile of EXISTENCE_PROFILES) {
  for (const [flow, api] of [
    ["USER_PASSWORD_AUTH", "InitiateAuth"],
    ["ADMIN_USER_PASSWORD_AUTH", "AdminInitiateAuth"],
  ] as const) {
    test(`${flow}: unknown user and wrong password do the same work and answer the same · ${profile}`, async () => {
      const wrong = await measure(bases[profile], password(flow, "realuser", "Wrong-passw0rd"), api);
      const unknown = await measure(bases[profile], password(flow, "nobody-at-all", "Wrong-passw0rd"), api);
      const reset = await measure(bases[profile], password(flow, "resetuser", "Passw0rd!"), api);
      assert.equal(wrong.answer, "NotAuthorizedException: Incorrect username or password.");
      for (const masked of [unknown, reset]) {
        assert.deepEqual(masked.calls, wrong.calls);
        assert.equal(masked.modExps, wrong.modExps);
        assert.equal(masked.answer, wrong.answer);
      }
      // PreAuthentication runs on every path; UserMigration is asked only about unknown names, as in
      // Cognito — a no-op unless the pool configures that trigger (docs/authentication.md).
      assert.deepEqual(wrong.hooks, ["preAuthentication"]);
      assert.deepEqual(reset.hooks, ["preAuthentication"]);
      assert.deepEqual(unknown.hooks, ["userMigration", "preAuthentication"]);
      assert.equal(wrong.modExps, 1);
      assert.deepEqual(wrong.calls, [
        "users.findByUsername",
        "users.findBySub",
        // no lockout read: the claim itself refuses a locked name (src/domain/auth-flows/screen.ts)
        "counters.claim",
        // strict: the name's claim and the user's silent budget (docs/authentication.md#lockout-in-the-strict-profile)
        ...(profile === "strict" ? ["counters.claim"] : []),
      ]);
    });
  }

  test(`USER_SRP_AUTH step 1: unknown and real user do the same work and answer the same shape · ${profile}`, async () => {
    const real = await measure(bases[profile], srp1("realuser"));
    const unknown = await measure(bases[profile], srp1("nobody-at-all"));
    assert.deepEqual(unknown.calls, real.calls);
    assert.deepEqual(real.calls, ["users.findByUsername", "users.findBySub", "counters.get", "sessions.put"]);
    assert.equal(unknown.modExps, real.modExps);
    assert.equal(real.modExps, 1);
    assert.deepEqual(unknown.hooks, real.hooks);
    const shape = (w: Work) => {
      const p = (JSON.parse(w.answer) as { ChallengeParameters: Record<string, string> }).ChallengeParameters;
      return { keys: Object.keys(p), block: p.SECRET_BLOCK?.length, B: (p.SRP_B?.length ?? 0) > 700 };
    };
    assert.deepEqual(shape(unknown), shape(real));
  });

  test(`PASSWORD_VERIFIER: a simulated session and a wrong proof do the same work and answer the same · ${profile}`, async () => {
    const step2 = async (name: string): Promise<Work> =>
      measure(
        bases[profile],
        await wrongProofStep(bases[profile], countingHooks([]), name),
        "RespondToAuthChallenge",
      );
    const real = await step2("realuser");
    const simulated = await step2("nobody-at-all");
    assert.equal(real.answer, "NotAuthorizedException: Incorrect username or password.");
    assert.equal(simulated.answer, real.answer);
    assert.deepEqual(simulated.calls, real.calls);
    const claims = profile === "strict" ? ["counters.claim", "counters.claim"] : ["counters.claim"];
    assert.deepEqual(real.calls, ["sessions.consume", ...claims, "users.findBySub"]);
    assert.equal(simulated.modExps, real.modExps);
    assert.equal(real.modExps, 2);
  });
}

test("strict: UNCONFIRMED with a wrong password does a wrong password's work and answers its bytes", async () => {
  for (const flow of ["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH"] as const) {
    const api = flow === "USER_PASSWORD_AUTH" ? "InitiateAuth" : "AdminInitiateAuth";
    const wrong = await measure(bases.strict, password(flow, "realuser", "Wrong-passw0rd-2"), api);
    const unconfirmed = await measure(bases.strict, password(flow, "unconfirmed", "Wrong-passw0rd"), api);
    assert.equal(wrong.answer, "NotAuthorizedException: Incorrect username or password.");
    assert.deepEqual(unconfirmed.calls, wrong.calls);
    assert.equal(unconfirmed.modExps, wrong.modExps);
    assert.equal(unconfirmed.answer, wrong.answer);
  }
});

test("strict: SRP step 1 by an alias (masked) and for an unknown email do the same work and show the same shape", async () => {
  const alias = await measure(bases["strict-alias"], srp1("realuser@example.com"));
  const unknown = await measure(bases["strict-alias"], srp1("nobody@example.com"));
  assert.deepEqual(alias.calls, unknown.calls);
  assert.equal(alias.modExps, unknown.modExps);
  const params = (w: Work) =>
    (JSON.parse(w.answer) as { ChallengeParameters: Record<string, string> }).ChallengeParameters;
  assert.equal(params(alias).USER_ID_FOR_SRP, "realuser@example.com");
  assert.equal(params(unknown).USER_ID_FOR_SRP, "nobody@example.com");
  assert.deepEqual(Object.keys(params(alias)), Object.keys(params(unknown)));
});

/**
 * Locks `name` in `base`'s pool for about a minute: claims spaced past each lock, as failures over the
 * last 100 s would have left the counter (src/domain/auth-flows/lockout.ts).
 */
async function lockName(base: SignInBase, name: string): Promise<void> {
  const key = lockoutKey(base.services.secrets, base.pool.id, canonicalName(base.pool, name));
  const now = Date.now();
  for (const ago of [100, 100, 100, 100, 100, 98, 95, 90, 80, 60, 20]) {
    assert.ok(await base.services.store.counters.claim(key, now - ago * 1000, LOCKOUT_RULE));
  }
}

for (const profile of EXISTENCE_PROFILES) {
  test(`a locked name: the claim answers it, for a real user as for an unknown name, with no lockout read first · ${profile}`, async () => {
    const base = await setup(profile);
    await lockName(base, "realuser");
    await lockName(base, "nobody-at-all");
    const real = await measure(base, password("USER_PASSWORD_AUTH", "realuser", "Passw0rd!"));
    const unknown = await measure(base, password("USER_PASSWORD_AUTH", "nobody-at-all", "Passw0rd!"));
    assert.equal(real.answer, "NotAuthorizedException: Password attempts exceeded");
    assert.equal(unknown.answer, real.answer);
    assert.deepEqual(unknown.calls, real.calls);
    assert.deepEqual(real.calls, ["users.findByUsername", "users.findBySub", "counters.claim"]);
    assert.equal(real.modExps, 0, "a locked name's password is not evaluated, even the right one");
    assert.equal(unknown.modExps, 0);
  });
}

test("cognito: a lock outranks UNCONFIRMED, so that refusal still reads the lockout counter first", async () => {
  const base = await setup("cognito");
  const open = await measure(base, password("USER_PASSWORD_AUTH", "unconfirmed", "Passw0rd!"));
  assert.equal(open.answer, "UserNotConfirmedException: User is not confirmed.");
  await lockName(base, "unconfirmed");
  const locked = await measure(base, password("USER_PASSWORD_AUTH", "unconfirmed", "Passw0rd!"));
  assert.equal(locked.answer, "NotAuthorizedException: Password attempts exceeded");
  assert.deepEqual(locked.calls, ["users.findByUsername", "users.findBySub", "counters.get"]);
});
