/**
 * Auth events and equal work (docs/admin-users.md#auth-events, docs/existence.md#equal-work): a
 * sign-in records its event with one in-memory note on every path, so a wrong password for a real
 * user and any password for an unknown name make the same store calls and the same notes, in the
 * same order; the write happens later, in a batch, off the request path, and keeps only the real
 * user's event. Counted, not timed, as in auth-equal-work.test.ts.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AuthEventRecorder, type SignInNote } from "../../src/domain/auth-events/recorder.ts";
import { type AuthContext, noHooks, startAuth } from "../../src/domain/auth-flows/index.ts";
import type { Store } from "../../src/storage/ports.ts";
import { type SignInBase, type SignInWork, signInWork, wrongProofStep } from "../helpers/counting.ts";

let work: SignInWork;
let written: string[] = [];
let base: SignInBase;
let recorder: CountingRecorder;

class CountingRecorder extends AuthEventRecorder {
  override note(n: SignInNote): void {
    work.calls.push("authEvents.note");
    super.note(n);
  }
}

before(async () => {
  work = await signInWork("hushpool-auth-events-");
  const s = work.app.services;
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
  base = await work.base({
    pool: { PoolName: "ev", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } },
    flows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
    users: [{ username: "realuser", status: "CONFIRMED", attributes: {} }],
    services: { authEvents: recorder },
  });
});

after(() => work.close());

async function measure(
  run: (ctx: AuthContext) => Promise<unknown>,
  api: AuthContext["api"] = "InitiateAuth",
) {
  const ctx: AuthContext = { ...base, api, now: Date.now(), hooks: noHooks };
  return work.measure(() => run(ctx));
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
  const step2 = async (name: string) =>
    measure(await wrongProofStep(base, noHooks, name), "RespondToAuthChallenge");
  const real = await step2("realuser");
  const simulated = await step2("nobody-at-all");
  assert.equal(real.answer, "NotAuthorizedException: Incorrect username or password.");
  assert.equal(simulated.answer, real.answer);
  assert.deepEqual(simulated.calls, real.calls);
  assert.ok(real.calls.includes("authEvents.note"));
});
