/**
 * docs/existence.md#unit-tests-count-work: the masked path does the same work as the real one, counted, not timed. A
 * counting proxy records every store call in order; a counting probe (modexps) and counting hooks do
 * the rest. Compared, in both profiles (a pool tagged hushpool:existence-profile each): unknown user
 * vs wrong password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH), SRP step 1 unknown vs real, SRP
 * step 2 simulated vs wrong proof, RESET_REQUIRED vs unknown; in the strict profile also UNCONFIRMED
 * with a wrong password, and an SRP sign-in by alias (which strict masks) against an unknown email.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type App, startApp } from "../../src/app.ts";
import {
  type AuthContext,
  type AuthFlow,
  type AuthHooks,
  noHooks,
  renderOutcome,
  respondToChallenge,
  startAuth,
} from "../../src/domain/auth-flows/index.ts";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { ensureDecoy } from "../../src/domain/existence/decoy.ts";
import {
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
} from "../../src/domain/existence/index.ts";
import { sealCredential } from "../../src/domain/users/credentials.ts";
import { newUserRecord } from "../../src/domain/users/new-user.ts";
import { createUserPool } from "../../src/operations/create-user-pool.ts";
import { createUserPoolClient } from "../../src/operations/create-user-pool-client.ts";
import { signInContext } from "../../src/operations/sign-in-context.ts";
import type { Store, UserRecord } from "../../src/storage/ports.ts";
import { countingProbe } from "../helpers/counting.ts";
import { srpRespond, srpStart } from "../helpers/srp-client.ts";
import { testConfig } from "../helpers/test-config.ts";

let app: App;
let dir: string;
let calls: string[] = [];
let store: Store;
type Base = Omit<AuthContext, "hooks" | "api" | "now">;
const bases = {} as Record<ExistenceProfile | "strict-alias", Base>;
const modExpCounter = countingProbe();

/** Wraps every method of every sub-store so each call is recorded as "users.findByUsername", … */
function counting(real: Store): Store {
  const wrap = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        const v = Reflect.get(t, prop, recv) as unknown;
        if (typeof v !== "function") return v;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(prop)}`);
          return (v as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const out: Record<string, unknown> = { ...real };
  for (const [k, v] of Object.entries(real)) if (v && typeof v === "object") out[k] = wrap(k, v);
  return out as unknown as Store;
}

const ctx0 = { requestId: "t", log: undefined as never, remoteAddress: "127.0.0.1" };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "hushpool-equal-work-"));
  app = await startApp(testConfig({ data: dir }));
  store = counting(app.services.store);
  await ensureDecoy(store, app.services.box); // created once per store, before anything is counted
  for (const profile of EXISTENCE_PROFILES) bases[profile] = await setup(profile);
  bases["strict-alias"] = await setup("strict", { AliasAttributes: ["email"] });
});

/** A pool of this profile with one ENABLED client, a CONFIRMED, a RESET_REQUIRED and an UNCONFIRMED user. */
async function setup(profile: ExistenceProfile, settings: Record<string, unknown> = {}): Promise<Base> {
  const s = app.services;
  const { UserPool } = (await createUserPool.handle(
    { PoolName: "w", UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile }, ...settings },
    s,
    ctx0,
  )) as { UserPool: { Id: string } };
  const { UserPoolClient } = (await createUserPoolClient.handle(
    {
      UserPoolId: UserPool.Id,
      ClientName: "c",
      PreventUserExistenceErrors: "ENABLED",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
      ],
    },
    s,
    ctx0,
  )) as { UserPoolClient: { ClientId: string } };
  const pool = await s.store.pools.get(UserPool.Id);
  const client = await s.store.clients.get(UserPool.Id, UserPoolClient.ClientId);
  if (!pool || !client) throw new Error("setup");
  for (const [name, status] of [
    ["realuser", "CONFIRMED"],
    ["resetuser", "RESET_REQUIRED"],
    ["unconfirmed", "UNCONFIRMED"],
  ] as const) {
    const attributes = { email: `${name}@example.com`, email_verified: "true" };
    const u: UserRecord = newUserRecord({ pool, username: name, attributes, status, now: Date.now() });
    await s.store.users.create({
      ...u,
      credential: sealCredential(s.box, u, "Passw0rd!"),
      credentialSetAt: Date.now(),
    });
  }
  const services = { ...s, store, probe: modExpCounter.probe };
  const { hooks: _h, ...base } = signInContext(services, "InitiateAuth", { pool, client }, undefined);
  return base;
}

after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

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
  base: Base,
  run: (ctx: AuthContext) => Promise<unknown>,
  api: AuthContext["api"] = "InitiateAuth",
): Promise<Work> {
  const hooks: string[] = [];
  const ctx: AuthContext = { ...base, api, now: Date.now(), hooks: countingHooks(hooks) };
  calls = [];
  const before = modExpCounter.modExps();
  let answer: string;
  try {
    answer = JSON.stringify(await run(ctx));
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    answer = `${e.type}: ${e.message}`;
  }
  return { calls: [...calls], modExps: modExpCounter.modExps() - before, hooks, answer };
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
        "counters.get",
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
    const step2 = async (name: string): Promise<Work> => {
      const start = srpStart();
      const hooks: string[] = [];
      const ctx1: AuthContext = {
        ...bases[profile],
        api: "InitiateAuth",
        now: Date.now(),
        hooks: countingHooks(hooks),
      };
      const challenge = renderOutcome(
        await startAuth(ctx1, "USER_SRP_AUTH", { USERNAME: name, SRP_A: start.srpA }),
      );
      const params = challenge.ChallengeParameters as Record<string, string>;
      const responses = srpRespond(bases[profile].pool.id, start, params, "Wrong-passw0rd");
      return measure(
        bases[profile],
        (ctx) => respondToChallenge(ctx, "PASSWORD_VERIFIER", responses, undefined),
        "RespondToAuthChallenge",
      );
    };
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
