import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ATTEMPT_LIMITS } from "../../src/domain/codes/attempts.ts";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { confirmForgotPassword } from "../../src/operations/confirm-forgot-password.ts";
import { confirmSignUp } from "../../src/operations/confirm-sign-up.ts";
import { forgotPassword } from "../../src/operations/forgot-password.ts";
import type { Operation, RequestContext } from "../../src/operations/operation.ts";
import { resendConfirmationCode } from "../../src/operations/resend-confirmation-code.ts";
import { type CountingServices, countingServices } from "../helpers/counting.ts";
import { lastCode, type PoolWithClients, poolWithClients, putUser } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * docs/existence.md#unit-tests-count-work: the real path and the masked path of every ENABLED answer do the same work —
 * the same store calls in the same order, the same MACs — and answer with the same number of bytes.
 * Counted, not timed (bench/oracle-recovery.ts does the timing).
 */

let s: TestServer;
let p: PoolWithClients;
let counting: CountingServices;
const ctx = (): RequestContext => ({
  requestId: "test",
  log: s.app.services.log,
  remoteAddress: "127.0.0.1",
});

before(async () => {
  s = await startTestServer();
  p = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
  counting = countingServices(s.app.services);
  // The balancing decoy row is ensured once per store, on first use: do that outside the measurements.
  await measure(forgotPassword, { ClientId: p.clients.ENABLED, Username: "warmup00" });
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

test("ForgotPassword: a real delivery and every masked answer do the same work", async () => {
  await putUser(s, p.poolId, { username: "real0001", attributes: email("jane", true) });
  await putUser(s, p.poolId, { username: "dsbl0001", enabled: false, attributes: email("dave", true) });
  await putUser(s, p.poolId, { username: "unvf0001", attributes: email("uma", false) });
  const run = (Username: string) => measure(forgotPassword, { ClientId: p.clients.ENABLED, Username });
  const real = await run("real0001");
  assert.deepEqual(real.calls.filter((c) => c.startsWith("mac:")).sort(), [
    "mac:code",
    "mac:counter",
    "mac:counter-user",
    "mac:delivery",
  ]);
  assert.ok(real.calls.includes("codes.put") && real.calls.includes("outbox.add"));
  for (const masked of ["nobody01", "dsbl0001", "unvf0001"]) assertEqualWork(real, await run(masked));
});

test("ResendConfirmationCode: real and masked paths do the same work", async () => {
  await putUser(s, p.poolId, {
    username: "unco0001",
    status: "UNCONFIRMED",
    attributes: email("una", false),
  });
  await putUser(s, p.poolId, {
    username: "undi0001",
    status: "UNCONFIRMED",
    enabled: false,
    attributes: email("ulf", false),
  });
  const run = (Username: string) =>
    measure(resendConfirmationCode, { ClientId: p.clients.ENABLED, Username });
  const real = await run("unco0001");
  for (const masked of ["nobody02", "undi0001"]) assertEqualWork(real, await run(masked));
});

test("ConfirmForgotPassword: a wrong code for a real user and any code for an unknown user do the same work", async () => {
  await putUser(s, p.poolId, { username: "cfpr0001", attributes: email("carl", true) });
  await forgotPassword.handle({ ClientId: p.clients.ENABLED, Username: "cfpr0001" }, s.app.services, ctx());
  const code = await lastCode(s, p.poolId, "cfpr0001", "FORGOT_PASSWORD");
  const wrong = code === "000000" ? "111111" : "000000";
  const run = (Username: string) =>
    measure(confirmForgotPassword, {
      ClientId: p.clients.ENABLED,
      Username,
      ConfirmationCode: wrong,
      Password: "N3w-Passw0rd!",
    });
  const real = await run("cfpr0001");
  assert.equal(real.answer, "CodeMismatchException: Invalid verification code provided, please try again.");
  assertEqualWork(real, await run("nobody03"));
});

test("ConfirmSignUp: a wrong code for a real user and any code for an unknown user do the same work", async () => {
  await putUser(s, p.poolId, {
    username: "csur0001",
    status: "UNCONFIRMED",
    attributes: email("cora", false),
  });
  await resendConfirmationCode.handle(
    { ClientId: p.clients.ENABLED, Username: "csur0001" },
    s.app.services,
    ctx(),
  );
  const code = await lastCode(s, p.poolId, "csur0001", "SIGN_UP");
  const wrong = code === "000000" ? "111111" : "000000";
  const run = (Username: string) =>
    measure(confirmSignUp, { ClientId: p.clients.ENABLED, Username, ConfirmationCode: wrong });
  const real = await run("csur0001");
  assert.equal(real.answer, "CodeMismatchException: Invalid verification code provided, please try again.");
  assertEqualWork(real, await run("nobody04"));
});

test("simulated answers are deterministic", async () => {
  const run = () =>
    forgotPassword.handle({ ClientId: p.clients.ENABLED, Username: "nobody05" }, s.app.services, ctx());
  assert.deepEqual(await run(), await run());
});

test("100 concurrent wrong ConfirmForgotPassword guesses never get past the limit, for real and unknown names", async () => {
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
