/**
 * Auth events and equal work (docs/admin-users.md#auth-events, docs/existence.md#equal-work): a
 * sign-in records its event with one in-memory note on every path, so a wrong password for a real
 * user and any password for an unknown name make the same store calls and the same notes, in the
 * same order; the write happens later, in a batch, off the request path, and keeps only the real
 * user's event. Counted, not timed, as in auth-equal-work.test.ts.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type App, startApp } from "../../src/app.ts";
import { AuthEventRecorder, type SignInNote } from "../../src/domain/auth-events/recorder.ts";
import {
  type AuthContext,
  noHooks,
  renderOutcome,
  respondToChallenge,
  startAuth,
} from "../../src/domain/auth-flows/index.ts";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { ensureDecoy } from "../../src/domain/existence/decoy.ts";
import { sealCredential } from "../../src/domain/users/credentials.ts";
import { newUserRecord } from "../../src/domain/users/new-user.ts";
import { createUserPool } from "../../src/operations/create-user-pool.ts";
import { createUserPoolClient } from "../../src/operations/create-user-pool-client.ts";
import { signInContext } from "../../src/operations/sign-in-context.ts";
import type { Store } from "../../src/storage/ports.ts";
import { srpRespond, srpStart } from "../helpers/srp-client.ts";
import { testConfig } from "../helpers/test-config.ts";

let app: App;
let dir: string;
let calls: string[] = [];
let written: string[] = [];
let base: Omit<AuthContext, "hooks" | "api" | "now">;
let recorder: CountingRecorder;

class CountingRecorder extends AuthEventRecorder {
  override note(n: SignInNote): void {
    calls.push("authEvents.note");
    super.note(n);
  }
}

function counting(real: Store): Store {
  const out: Record<string, unknown> = { ...real };
  for (const [k, v] of Object.entries(real)) {
    if (!v || typeof v !== "object") continue;
    out[k] = new Proxy(v, {
      get(t, prop, recv) {
        const f = Reflect.get(t, prop, recv) as unknown;
        if (typeof f !== "function") return f;
        return (...args: unknown[]) => {
          calls.push(`${k}.${String(prop)}`);
          return (f as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  }
  return out as unknown as Store;
}

const ctx0 = { requestId: "t", log: undefined as never, remoteAddress: "127.0.0.1" };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "hushpool-auth-events-"));
  app = await startApp(testConfig({ data: dir }));
  const s = app.services;
  const store = counting(s.store);
  await ensureDecoy(store, s.box);
  const { UserPool } = (await createUserPool.handle(
    { PoolName: "ev", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } },
    s,
    ctx0,
  )) as { UserPool: { Id: string } };
  const { UserPoolClient } = (await createUserPoolClient.handle(
    {
      UserPoolId: UserPool.Id,
      ClientName: "c",
      PreventUserExistenceErrors: "ENABLED",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
    },
    s,
    ctx0,
  )) as { UserPoolClient: { ClientId: string } };
  const pool = await s.store.pools.get(UserPool.Id);
  const client = await s.store.clients.get(UserPool.Id, UserPoolClient.ClientId);
  if (!pool || !client) throw new Error("setup");
  const u = newUserRecord({
    pool,
    username: "realuser",
    attributes: {},
    status: "CONFIRMED",
    now: Date.now(),
  });
  await s.store.users.create({
    ...u,
    credential: sealCredential(s.box, u, "Passw0rd!"),
    credentialSetAt: Date.now(),
  });
  // Written events are observed at the store the recorder writes to, not counted as request work.
  const sink = {
    authEvents: {
      ...s.store.authEvents,
      add: async (events: Parameters<Store["authEvents"]["add"]>[0]) => {
        written.push(...events.map((e) => e.sub));
        await s.store.authEvents.add(events);
      },
    },
  };
  recorder = new CountingRecorder(sink, s.log, { batchMs: 60_000, maxBatch: 1_000 });
  const services = { ...s, store, authEvents: recorder };
  const { hooks: _h, ...rest } = signInContext(services, "InitiateAuth", { pool, client }, undefined);
  base = rest;
});

after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function measure(
  run: (ctx: AuthContext) => Promise<unknown>,
  api: AuthContext["api"] = "InitiateAuth",
) {
  const ctx: AuthContext = { ...base, api, now: Date.now(), hooks: noHooks };
  calls = [];
  let answer: string;
  try {
    answer = JSON.stringify(await run(ctx));
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    answer = `${e.type}: ${e.message}`;
  }
  return { calls: [...calls], answer };
}

test("USER_PASSWORD_AUTH: wrong password and unknown name make the same calls and notes; only the real event is written", async () => {
  const run = (USERNAME: string, PASSWORD: string) => (ctx: AuthContext) =>
    startAuth(ctx, "USER_PASSWORD_AUTH", { USERNAME, PASSWORD });
  await recorder.flush();
  written = [];
  const wrong = await measure(run("realuser", "Wrong-passw0rd"));
  const unknown = await measure(run("nobody-at-all", "Wrong-passw0rd"));
  assert.equal(wrong.answer, "NotAuthorizedException: Incorrect username or password.");
  assert.equal(unknown.answer, wrong.answer);
  assert.deepEqual(unknown.calls, wrong.calls);
  assert.equal(wrong.calls.filter((c) => c === "authEvents.note").length, 1);
  assert.ok(
    !wrong.calls.some((c) => c.startsWith("authEvents.") && c !== "authEvents.note"),
    "no store write in the request",
  );
  assert.deepEqual(written, [], "nothing written before the batch");
  await recorder.flush();
  assert.equal(written.length, 1, "the real user's event only");
  const ok = await measure(run("realuser", "Passw0rd!"));
  assert.ok(ok.calls.includes("authEvents.note"));
});

test("PASSWORD_VERIFIER: a wrong proof and a simulated session make the same calls and notes", async () => {
  const step2 = async (name: string) => {
    const start = srpStart();
    const ctx1: AuthContext = { ...base, api: "InitiateAuth", now: Date.now(), hooks: noHooks };
    const challenge = renderOutcome(
      await startAuth(ctx1, "USER_SRP_AUTH", { USERNAME: name, SRP_A: start.srpA }),
    );
    const responses = srpRespond(
      base.pool.id,
      start,
      challenge.ChallengeParameters as Record<string, string>,
      "Wrong-passw0rd",
    );
    return measure(
      (ctx) => respondToChallenge(ctx, "PASSWORD_VERIFIER", responses, undefined),
      "RespondToAuthChallenge",
    );
  };
  const real = await step2("realuser");
  const simulated = await step2("nobody-at-all");
  assert.equal(real.answer, "NotAuthorizedException: Incorrect username or password.");
  assert.equal(simulated.answer, real.answer);
  assert.deepEqual(simulated.calls, real.calls);
  assert.ok(real.calls.includes("authEvents.note"));
});
