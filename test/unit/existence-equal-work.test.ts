import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ATTEMPT_LIMITS } from "../../src/domain/codes/attempts.ts";
import { ensureSignUpDecoys } from "../../src/domain/codes/decoy-rows.ts";
import { CognitoError } from "../../src/domain/errors/index.ts";
import {
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
} from "../../src/domain/existence/index.ts";
import { confirmForgotPassword } from "../../src/operations/confirm-forgot-password.ts";
import { confirmSignUp } from "../../src/operations/confirm-sign-up.ts";
import { forgotPassword } from "../../src/operations/forgot-password.ts";
import type { Operation, RequestContext } from "../../src/operations/operation.ts";
import { resendConfirmationCode } from "../../src/operations/resend-confirmation-code.ts";
import { signUp } from "../../src/operations/sign-up.ts";
import type { Services } from "../../src/services.ts";
import type { Store } from "../../src/storage/ports.ts";
import { type CountingServices, countingServices } from "../helpers/counting.ts";
import { lastCode, type PoolWithClients, poolWithClients, putUser } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * docs/existence.md#unit-tests-count-work: the real path and the masked path of every ENABLED answer do the same work —
 * the same store calls in the same order, the same MACs — and answer with the same number of bytes,
 * in both profiles (a pool tagged hushpool:existence-profile each); the strict profile's further
 * masked paths (states Cognito tells, a taken name at SignUp) are counted too.
 * Counted, not timed (bench/oracle-recovery.ts does the timing).
 */

let s: TestServer;
const pools = {} as Record<ExistenceProfile, PoolWithClients>;
let counting: CountingServices;
const ctx = (): RequestContext => ({
  requestId: "test",
  log: s.app.services.log,
  remoteAddress: "127.0.0.1",
});

before(async () => {
  s = await startTestServer();
  for (const profile of EXISTENCE_PROFILES) {
    pools[profile] = await poolWithClients(s, {
      AutoVerifiedAttributes: ["email"],
      UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile },
    });
  }
  counting = countingServices(s.app.services);
  // The pools' shared sign-up decoy rows are written once per pool and store, on first use: outside the measurements.
  for (const profile of EXISTENCE_PROFILES)
    await ensureSignUpDecoys(counting.services, pools[profile].poolId);
  // The balancing decoy row is ensured once per store, on first use: do that outside the measurements.
  await measure(forgotPassword, { ClientId: pools.cognito.clients.ENABLED, Username: "warmup00" });
});
after(() => s.stop());

interface Measured {
  calls: string[];
  /** The JSON body length of the answer, or the error's type and message. */
  answer: number | string;
}

async function measure(op: Operation, input: Record<string, unknown>): Promise<Measured> {
  counting.calls.length = 0;
  let answer: number | string;
  try {
    answer = Buffer.byteLength(JSON.stringify(await op.handle(input, counting.services, ctx())));
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    answer = `${e.type}: ${e.message}`;
  }
  const calls = [...counting.calls];
  await counting.settle();
  return { calls, answer };
}

const email = (name: string, verified: boolean) => ({
  email: `${name}@example.com`,
  email_verified: String(verified),
});

/** Real and masked paths: same calls (order included), same MAC purposes, same answer size. */
function assertEqualWork(real: Measured, masked: Measured): void {
  assert.deepEqual(masked.calls, real.calls);
  assert.deepEqual(masked.answer, real.answer);
}

for (const profile of EXISTENCE_PROFILES) {
  const n = profile === "strict" ? "s" : "c"; // names unique per profile
  test(`ForgotPassword: a real delivery and every masked answer do the same work · ${profile}`, async () => {
    const p = pools[profile];
    await putUser(s, p.poolId, { username: `real${n}001`, attributes: email("jane", true) });
    await putUser(s, p.poolId, { username: `dsbl${n}001`, enabled: false, attributes: email("dave", true) });
    await putUser(s, p.poolId, { username: `unvf${n}001`, attributes: email("uma", false) });
    const run = (Username: string) => measure(forgotPassword, { ClientId: p.clients.ENABLED, Username });
    const real = await run(`real${n}001`);
    assert.deepEqual(real.calls.filter((c) => c.startsWith("mac:")).sort(), [
      "mac:code",
      "mac:counter",
      "mac:counter-user",
      "mac:delivery",
    ]);
    assert.ok(real.calls.includes("codes.put") && real.calls.includes("outbox.add"));
    for (const masked of [`nobody01${n}`, `dsbl${n}001`, `unvf${n}001`])
      assertEqualWork(real, await run(masked));
  });

  test(`ResendConfirmationCode: real and masked paths do the same work · ${profile}`, async () => {
    const p = pools[profile];
    await putUser(s, p.poolId, {
      username: `unco${n}001`,
      status: "UNCONFIRMED",
      attributes: email("una", false),
    });
    await putUser(s, p.poolId, {
      username: `undi${n}001`,
      status: "UNCONFIRMED",
      enabled: false,
      attributes: email("ulf", false),
    });
    const run = (Username: string) =>
      measure(resendConfirmationCode, { ClientId: p.clients.ENABLED, Username });
    const real = await run(`unco${n}001`);
    for (const masked of [`nobody02${n}`, `undi${n}001`]) assertEqualWork(real, await run(masked));
  });

  test(`ConfirmForgotPassword: a wrong code for a real user and any code for an unknown user do the same work · ${profile}`, async () => {
    const p = pools[profile];
    await putUser(s, p.poolId, { username: `cfpr${n}001`, attributes: email("carl", true) });
    await forgotPassword.handle(
      { ClientId: p.clients.ENABLED, Username: `cfpr${n}001` },
      s.app.services,
      ctx(),
    );
    const code = await lastCode(s, p.poolId, `cfpr${n}001`, "FORGOT_PASSWORD");
    const wrong = code === "000000" ? "111111" : "000000";
    const run = (Username: string) =>
      measure(confirmForgotPassword, {
        ClientId: p.clients.ENABLED,
        Username,
        ConfirmationCode: wrong,
        Password: "N3w-Passw0rd!",
      });
    const real = await run(`cfpr${n}001`);
    assert.equal(real.answer, "CodeMismatchException: Invalid verification code provided, please try again.");
    assertEqualWork(real, await run(`nobody03${n}`));
  });

  test(`ConfirmSignUp: a wrong code for a real user and any code for an unknown user do the same work · ${profile}`, async () => {
    const p = pools[profile];
    await putUser(s, p.poolId, {
      username: `csur${n}001`,
      status: "UNCONFIRMED",
      attributes: email("cora", false),
    });
    await resendConfirmationCode.handle(
      { ClientId: p.clients.ENABLED, Username: `csur${n}001` },
      s.app.services,
      ctx(),
    );
    const code = await lastCode(s, p.poolId, `csur${n}001`, "SIGN_UP");
    const wrong = code === "000000" ? "111111" : "000000";
    const run = (Username: string) =>
      measure(confirmSignUp, { ClientId: p.clients.ENABLED, Username, ConfirmationCode: wrong });
    const real = await run(`csur${n}001`);
    assert.equal(real.answer, "CodeMismatchException: Invalid verification code provided, please try again.");
    assertEqualWork(real, await run(`nobody04${n}`));
  });
}

/** The store's answers to `codes.get` during one call: "hit" when a row was read, "miss" when none. */
const seen: string[] = [];
let reading: Services | undefined;
async function codeReads(op: Operation, input: Record<string, unknown>): Promise<string[]> {
  if (!reading) {
    const store = s.app.services.store;
    const codes = { ...store.codes };
    codes.get = async (...args) => {
      const r = await store.codes.get(...args);
      seen.push(r ? "hit" : "miss");
      return r;
    };
    reading = { ...s.app.services, store: Object.assign(Object.create(store) as Store, { codes }) };
  }
  const services = reading;
  seen.length = 0;
  try {
    await op.handle(input, services, ctx());
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
  }
  return [...seen];
}

test("ConfirmSignUp reads a code row on both paths, in a pool where no unknown name was ever sent a code", async () => {
  for (const profile of EXISTENCE_PROFILES) {
    const p = await poolWithClients(s, {
      AutoVerifiedAttributes: ["email"],
      UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile },
    });
    const ClientId = p.clients.ENABLED;
    await signUp.handle(
      {
        ClientId,
        Username: "fresh001",
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "email", Value: "fresh001@example.com" }],
      },
      s.app.services,
      ctx(),
    );
    const code = await lastCode(s, p.poolId, "fresh001", "SIGN_UP");
    const wrong = code === "000000" ? "111111" : "000000";
    const confirm = (Username: string) =>
      codeReads(confirmSignUp, { ClientId, Username, ConfirmationCode: wrong });
    // The real user asks for a code again (no decoy is sent); the pool's decoy rows are written on first use.
    await codeReads(resendConfirmationCode, { ClientId, Username: "fresh001" });
    assert.deepEqual(await confirm("fresh001"), ["hit"], profile);
    assert.deepEqual(await confirm("nobody10"), ["hit"], profile);
  }
});

test("strict: states Cognito tells take the masked path with the same work and the same answer", async () => {
  const p = pools.strict;
  const ClientId = p.clients.LEGACY; // a strict pool answers every client alike
  const user = (
    username: string,
    status: "CONFIRMED" | "UNCONFIRMED" | "FORCE_CHANGE_PASSWORD",
    verified = true,
  ) => putUser(s, p.poolId, { username, status, attributes: email(username.slice(0, 4), verified) });
  await user("stfp0001", "CONFIRMED");
  await user("stfc0001", "FORCE_CHANGE_PASSWORD");
  await user("stun0001", "UNCONFIRMED", false);
  await user("stco0001", "CONFIRMED", false);
  await user("stnc0001", "UNCONFIRMED", false);

  const forgot = (Username: string) => measure(forgotPassword, { ClientId, Username });
  const realForgot = await forgot("stfp0001");
  for (const masked of ["stfc0001", "nobody07"]) assertEqualWork(realForgot, await forgot(masked));

  const resend = (Username: string) => measure(resendConfirmationCode, { ClientId, Username });
  const realResend = await resend("stun0001");
  for (const masked of ["stco0001", "nobody08"]) assertEqualWork(realResend, await resend(masked));

  // A wrong code, no live code (Cognito's ExpiredCodeException), a confirmed user, an unknown name.
  const code = await lastCode(s, p.poolId, "stun0001", "SIGN_UP");
  const wrong = code === "000000" ? "111111" : "000000";
  const confirm = (Username: string) =>
    measure(confirmSignUp, { ClientId, Username, ConfirmationCode: wrong });
  const realConfirm = await confirm("stun0001");
  assert.equal(
    realConfirm.answer,
    "CodeMismatchException: Invalid verification code provided, please try again.",
  );
  for (const masked of ["stnc0001", "stco0001", "nobody09"])
    assertEqualWork(realConfirm, await confirm(masked));

  const reset = (Username: string) =>
    measure(confirmForgotPassword, {
      ClientId,
      Username,
      ConfirmationCode: wrong,
      Password: "N3w-Passw0rd!",
    });
  const realReset = await reset("stfp0001"); // has a live code from the ForgotPassword above
  assert.equal(realReset.answer, realConfirm.answer);
  for (const masked of ["stco0001", "nobody10"]) assertEqualWork(realReset, await reset(masked));
});

test("strict SignUp: a taken name and a new one do the same work and answer the same size", async () => {
  const p = pools.strict;
  await putUser(s, p.poolId, { username: "sutk0001", attributes: email("holder", true) });
  const run = (Username: string, mail?: string) =>
    measure(signUp, {
      ClientId: p.clients.ENABLED,
      Username,
      Password: "Passw0rd!",
      ...(mail ? { UserAttributes: [{ Name: "email", Value: mail }] } : {}),
    });
  const fresh = await run("sunw0001", "ann@example.com");
  assert.ok(fresh.calls.includes("codes.put") && fresh.calls.includes("outbox.add"));
  assertEqualWork(fresh, await run("sutk0001", "bob@example.com"));
  // Without a code to send, one outbox write each: a decoy for the new name, the notice for the holder.
  const bare = await run("sunw0002");
  assert.deepEqual(
    bare.calls.filter((c) => c === "outbox.add"),
    ["outbox.add"],
  );
  assertEqualWork(bare, await run("sutk0001"));
});

test("simulated answers are deterministic", async () => {
  const run = () =>
    forgotPassword.handle(
      { ClientId: pools.cognito.clients.ENABLED, Username: "nobody05" },
      s.app.services,
      ctx(),
    );
  assert.deepEqual(await run(), await run());
});

test("100 concurrent wrong ConfirmForgotPassword guesses never get past the limit, for real and unknown names", async () => {
  const p = pools.cognito;
  await putUser(s, p.poolId, { username: "race0001", attributes: email("rita", true) });
  await forgotPassword.handle({ ClientId: p.clients.ENABLED, Username: "race0001" }, s.app.services, ctx());
  const code = await lastCode(s, p.poolId, "race0001", "FORGOT_PASSWORD");
  const wrong = code === "000000" ? "111111" : "000000";
  for (const Username of ["race0001", "nobody06"]) {
    const input = {
      ClientId: p.clients.ENABLED,
      Username,
      ConfirmationCode: wrong,
      Password: "N3w-Passw0rd!",
    };
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        confirmForgotPassword.handle(input, s.app.services, ctx()).then(
          () => "ok",
          (e: unknown) => (e instanceof CognitoError ? e.type : "other"),
        ),
      ),
    );
    assert.equal(
      outcomes.filter((o) => o === "CodeMismatchException").length,
      ATTEMPT_LIMITS["code-entry"].max,
      Username,
    );
    assert.equal(
      outcomes.filter((o) => o === "LimitExceededException").length,
      100 - ATTEMPT_LIMITS["code-entry"].max,
    );
  }
});
