import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { passwordMatches } from "../../src/domain/users/credentials.ts";
import {
  expectCognitoError,
  lastCode,
  outbox,
  type PoolWithClients,
  poolWithClients,
  putUser,
  settle,
  storedUser,
  uniq,
} from "../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/** ForgotPassword / ConfirmForgotPassword / AdminResetUserPassword beyond the table (docs/operations.md#forgotpassword, docs/operations.md#confirmforgotpassword, docs/existence.md#simulated-answers, docs/authentication.md#lockout-and-throttling). */

let s: TestServer;
let main: PoolWithClients;
before(async () => {
  s = await startTestServer();
  main = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
});
after(() => s.stop());

const forgot = (ClientId: string, Username: string) =>
  s.client.send(new ForgotPasswordCommand({ ClientId, Username }));
const confirmForgot = (
  ClientId: string,
  Username: string,
  ConfirmationCode: string,
  Password = "N3w-Passw0rd!",
) => s.client.send(new ConfirmForgotPasswordCommand({ ClientId, Username, ConfirmationCode, Password }));
const LIMIT = ["LimitExceededException", "Attempt limit exceeded, please try after some time."] as const;
const MISMATCH = ["CodeMismatchException", "Invalid verification code provided, please try again."] as const;
const EXPIRED = ["ExpiredCodeException", "Invalid code provided, please request a code again."] as const;

test("a new user signs up, confirms, forgets and resets the password", async () => {
  const id = main.clients.ENABLED;
  const name = uniq("flow");
  await s.client.send(
    new SignUpCommand({
      ClientId: id,
      Username: name,
      Password: "Passw0rd!",
      UserAttributes: [{ Name: "email", Value: `${name}@example.com` }],
    }),
  );
  await s.client.send(
    new ConfirmSignUpCommand({
      ClientId: id,
      Username: name,
      ConfirmationCode: await lastCode(s, main.poolId, name, "SIGN_UP"),
    }),
  );
  const out = await forgot(id, name);
  assert.deepEqual(out.CodeDeliveryDetails, {
    AttributeName: "email",
    DeliveryMedium: "EMAIL",
    Destination: "f***@e***",
  });
  await confirmForgot(id, name, await lastCode(s, main.poolId, name, "FORGOT_PASSWORD"));
  const user = await storedUser(s, main.poolId, name);
  assert.ok(user && passwordMatches(s.app.services.box, user, "N3w-Passw0rd!"));
  assert.ok(!passwordMatches(s.app.services.box, user, "Passw0rd!"));
});

test("AdminResetUserPassword: RESET_REQUIRED, a code like ForgotPassword's, CONFIRMED after the reset", async () => {
  const name = uniq("admin");
  await putUser(s, main.poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  await s.client.send(new AdminResetUserPasswordCommand({ UserPoolId: main.poolId, Username: name }));
  assert.equal((await storedUser(s, main.poolId, name))?.status, "RESET_REQUIRED");
  await confirmForgot(main.clients.LEGACY, name, await lastCode(s, main.poolId, name, "FORGOT_PASSWORD"));
  assert.equal((await storedUser(s, main.poolId, name))?.status, "CONFIRMED");
  // Without a verified contact the status changes and nothing is sent (API doc).
  const quiet = uniq("quiet");
  await putUser(s, main.poolId, { username: quiet, attributes: { email: `${quiet}@example.com` } });
  await s.client.send(new AdminResetUserPasswordCommand({ UserPoolId: main.poolId, Username: quiet }));
  assert.equal((await storedUser(s, main.poolId, quiet))?.status, "RESET_REQUIRED");
  assert.equal((await outbox(s, main.poolId, quiet)).length, 0);
});

test("ConfirmForgotPassword: policy wording, no code requested, wrong code, single use, 1-hour expiry", async () => {
  const id = main.clients.ENABLED;
  const name = uniq("cfp");
  const user = await putUser(s, main.poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  await expectCognitoError(
    confirmForgot(id, name, "123456", "short"),
    "InvalidPasswordException",
    "Password does not conform to policy: Password not long enough",
  );
  await expectCognitoError(confirmForgot(id, name, "123456"), ...EXPIRED);
  await forgot(id, name);
  const code = await lastCode(s, main.poolId, name, "FORGOT_PASSWORD");
  await expectCognitoError(confirmForgot(id, name, code === "000000" ? "111111" : "000000"), ...MISMATCH);
  const rec = await s.app.services.store.codes.get(main.poolId, user.sub, "FORGOT_PASSWORD");
  assert.equal((rec?.expiresAt ?? 0) - (rec?.createdAt ?? 0), 3600 * 1000);
  await confirmForgot(id, name, code);
  await expectCognitoError(confirmForgot(id, name, code), ...EXPIRED);

  await forgot(id, name);
  const again = await s.app.services.store.codes.get(main.poolId, user.sub, "FORGOT_PASSWORD");
  assert.ok(again);
  await s.app.services.store.codes.put({ ...again, expiresAt: Date.now() - 1 });
  await expectCognitoError(
    confirmForgot(id, name, await lastCode(s, main.poolId, name, "FORGOT_PASSWORD")),
    ...EXPIRED,
  );
});

test("AccountRecoverySetting picks the medium; the simulated medium follows the input's shape and the setting", async () => {
  const p = await poolWithClients(s, {
    AccountRecoverySetting: {
      RecoveryMechanisms: [
        { Name: "verified_phone_number", Priority: 1 },
        { Name: "verified_email", Priority: 2 },
      ],
    },
  });
  const id = p.clients.ENABLED;
  const name = uniq("both");
  await putUser(s, p.poolId, {
    username: name,
    attributes: {
      email: `${name}@example.com`,
      email_verified: "true",
      phone_number: "+12065550100",
      phone_number_verified: "true",
    },
  });
  assert.deepEqual((await forgot(id, name)).CodeDeliveryDetails, {
    AttributeName: "phone_number",
    DeliveryMedium: "SMS",
    Destination: "+*******0100",
  });
  const plain = (await forgot(id, uniq("ghost"))).CodeDeliveryDetails;
  assert.equal(plain?.DeliveryMedium, "SMS");
  assert.match(plain?.Destination ?? "", /^\+\*{7}\d{4}$/);
  assert.deepEqual((await forgot(id, "someone@example.org")).CodeDeliveryDetails, {
    AttributeName: "email",
    DeliveryMedium: "EMAIL",
    Destination: "s***@e***",
  });
  assert.deepEqual((await forgot(id, "+447700900123")).CodeDeliveryDetails, {
    AttributeName: "phone_number",
    DeliveryMedium: "SMS",
    Destination: "+********0123",
  });
});

test("admin_only recovery refuses ForgotPassword for every name", async () => {
  const p = await poolWithClients(s, {
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
  });
  const name = uniq("adm");
  await putUser(s, p.poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  for (const who of [name, uniq("ghost")]) {
    await expectCognitoError(
      forgot(p.clients.ENABLED, who),
      "NotAuthorizedException",
      "Contact administrator to reset password.",
    );
  }
});

test("a simulated answer is stable and the same from ForgotPassword and ResendConfirmationCode", async () => {
  const ghost = uniq("ghost");
  const a = (await forgot(main.clients.ENABLED, ghost)).CodeDeliveryDetails;
  const b = (await forgot(main.clients.ENABLED, ghost)).CodeDeliveryDetails;
  const c = (
    await s.client.send(
      new ResendConfirmationCodeCommand({ ClientId: main.clients.ENABLED, Username: ghost }),
    )
  ).CodeDeliveryDetails;
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  // The masked path's decoy messages go through the outbox like real ones (the drainer marks them
  // sent without handing them to a sender), carry no code, and are never listed.
  await s.app.services.messenger.drain();
  const res = await fetch(`${s.url}/_hushpool/messages?poolId=${main.poolId}`);
  const all = ((await res.json()) as { Messages: { purpose: string }[] }).Messages;
  assert.equal(all.filter((m) => m.purpose === "DECOY").length, 0);
  const rows = await s.app.services.store.outbox.list(main.poolId);
  const decoys = rows.filter((m) => m.purpose === "DECOY");
  assert.ok(decoys.length >= 3);
  assert.ok(decoys.every((m) => m.sentAt !== null && m.code === null));
});

test("real and simulated ForgotPassword answers have the same header names and body length", async () => {
  const name = "jdoe0001";
  await putUser(s, main.poolId, {
    username: name,
    attributes: { email: "jane@example.com", email_verified: "true" },
  });
  const body = (u: string) => JSON.stringify({ ClientId: main.clients.ENABLED, Username: u });
  const real = await rawCall(s.url, "ForgotPassword", body(name));
  const fake = await rawCall(s.url, "ForgotPassword", body("jdoe0002"));
  assert.equal(real.status, 200);
  assert.equal(fake.status, 200);
  const names = (h: Headers) => [...h.keys()].filter((k) => k !== "date").sort();
  assert.deepEqual(names(real.headers), names(fake.headers));
  assert.equal(real.headers.get("content-length"), fake.headers.get("content-length"));
  assert.deepEqual(
    Object.keys(real.json.CodeDeliveryDetails as object),
    Object.keys(fake.json.CodeDeliveryDetails as object),
  );
});

test("code requests are limited per name, for real and unknown names alike", async () => {
  const name = uniq("lim");
  await putUser(s, main.poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  const ghost = uniq("ghost");
  for (const who of [name, ghost]) {
    for (let i = 0; i < 10; i++) await forgot(main.clients.ENABLED, who);
    await expectCognitoError(forgot(main.clients.ENABLED, who), ...LIMIT);
  }
  // The limit is per name: another name is unaffected.
  await forgot(main.clients.ENABLED, uniq("other"));
});

test("100 concurrent wrong codes: exactly 10 are checked, the rest are refused", async () => {
  const name = uniq("race");
  await putUser(s, main.poolId, {
    username: name,
    attributes: { email: `${name}@example.com`, email_verified: "true" },
  });
  await forgot(main.clients.LEGACY, name);
  const code = await lastCode(s, main.poolId, name, "FORGOT_PASSWORD");
  const wrong = code === "000000" ? "111111" : "000000";
  const results = await Promise.all(
    Array.from({ length: 100 }, () => settle(confirmForgot(main.clients.LEGACY, name, wrong))),
  );
  const by = (n: string) => results.filter((r) => !r.ok && r.name === n).length;
  assert.equal(by("CodeMismatchException"), 10);
  assert.equal(by("LimitExceededException"), 90);
  // Past the limit even the right code is refused until the window passes.
  await expectCognitoError(confirmForgot(main.clients.LEGACY, name, code), ...LIMIT);
});
