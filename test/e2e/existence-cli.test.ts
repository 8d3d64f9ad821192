import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type AwsCli, awsCliSkip, hasAwsCli, openAwsCli } from "../helpers/aws-cli.ts";
import { lastCode, type PoolWithClients, poolWithClients } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * The seed's sample sentences (docs/existence.md#reading-the-source-column: "What are the effects of turning on the Prevent User
 * Existence Errors setting"), through the real AWS CLI, plus the quick-start flow of
 * docs/quickstart-signup.md. The CLI runs asynchronously so the in-process server keeps serving.
 */
const hasCli = hasAwsCli;
const skip = awsCliSkip;

let s: TestServer;
let cli: AwsCli;
let plain: PoolWithClients; // email verification, legacy recovery order
let phone: PoolWithClients; // recovery by verified phone number

before(async () => {
  if (!hasCli) return;
  s = await startTestServer();
  cli = openAwsCli(s.url);
  plain = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
  phone = await poolWithClients(s, {
    AutoVerifiedAttributes: ["phone_number"],
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_phone_number", Priority: 1 }] },
  });
});
after(async () => {
  await cli?.close();
  await s?.stop();
});

/** Runs `aws cognito-idp <args>` against the server; resolves with stdout or the stderr of a failure. */
async function aws(...args: string[]): Promise<{ ok: boolean; out: string }> {
  const r = await cli.run(...args);
  return r.code === 0 ? { ok: true, out: r.stdout } : { ok: false, out: r.stderr.trim() };
}

test("LEGACY: resend-confirmation-code for an unknown user", { skip }, async () => {
  const r = await aws(
    "resend-confirmation-code",
    "--client-id",
    plain.clients.LEGACY,
    "--username",
    "myuser",
  );
  assert.equal(r.ok, false);
  assert.equal(
    r.out,
    "An error occurred (UserNotFoundException) when calling the ResendConfirmationCode operation: Username/client id combination not found.",
  );
});

test("LEGACY: forgot-password for an unknown user", { skip }, async () => {
  const r = await aws("forgot-password", "--client-id", plain.clients.LEGACY, "--username", "myuser");
  assert.equal(r.ok, false);
  assert.equal(
    r.out,
    "An error occurred (UserNotFoundException) when calling the ForgotPassword operation: Username/client id combination not found.",
  );
});

test("ENABLED: resend-confirmation-code answers a simulated email delivery", { skip }, async () => {
  const r = await aws(
    "resend-confirmation-code",
    "--client-id",
    plain.clients.ENABLED,
    "--username",
    "myuser",
  );
  assert.ok(r.ok, r.out);
  const d = (JSON.parse(r.out) as { CodeDeliveryDetails: Record<string, string> }).CodeDeliveryDetails;
  assert.equal(d.DeliveryMedium, "EMAIL");
  assert.equal(d.AttributeName, "email");
  assert.match(d.Destination ?? "", /^[a-z]\*\*\*@[a-z]\*\*\*$/);
});

test("ENABLED: forgot-password answers a simulated SMS delivery", { skip }, async () => {
  const r = await aws("forgot-password", "--client-id", phone.clients.ENABLED, "--username", "myuser");
  assert.ok(r.ok, r.out);
  const d = (JSON.parse(r.out) as { CodeDeliveryDetails: Record<string, string> }).CodeDeliveryDetails;
  assert.equal(d.DeliveryMedium, "SMS");
  assert.equal(d.AttributeName, "phone_number");
  assert.match(d.Destination ?? "", /^\+\*{7}\d{4}$/);
  const again = await aws("forgot-password", "--client-id", phone.clients.ENABLED, "--username", "myuser");
  assert.equal(again.out, r.out, "the same answer every time");
});

test("ENABLED: SignUp still reports a taken username", { skip }, async () => {
  const args = [
    "sign-up",
    "--client-id",
    plain.clients.ENABLED,
    "--username",
    "taken",
    "--password",
    "Passw0rd!",
  ];
  assert.ok((await aws(...args)).ok);
  const r = await aws(...args);
  assert.equal(
    r.out,
    "An error occurred (UsernameExistsException) when calling the SignUp operation: User already exists",
  );
});

test("quick start: sign up, read the code, confirm, forget and reset the password with the CLI alone", {
  skip,
}, async () => {
  const id = plain.clients.LEGACY;
  const up = await aws(
    "sign-up",
    "--client-id",
    id,
    "--username",
    "jane",
    "--password",
    "Passw0rd!",
    "--user-attributes",
    "Name=email,Value=jane@example.com",
  );
  assert.ok(up.ok, up.out);
  const sign = JSON.parse(up.out) as { UserConfirmed: boolean; CodeDeliveryDetails: { Destination: string } };
  assert.equal(sign.UserConfirmed, false);
  assert.equal(sign.CodeDeliveryDetails.Destination, "j***@e***");
  const code = await lastCode(s, plain.poolId, "jane", "SIGN_UP");
  assert.ok(
    (await aws("confirm-sign-up", "--client-id", id, "--username", "jane", "--confirmation-code", code)).ok,
  );
  const fp = await aws("forgot-password", "--client-id", id, "--username", "jane");
  assert.ok(fp.ok, fp.out);
  const reset = await lastCode(s, plain.poolId, "jane", "FORGOT_PASSWORD");
  const done = await aws(
    "confirm-forgot-password",
    "--client-id",
    id,
    "--username",
    "jane",
    "--confirmation-code",
    reset,
    "--password",
    "N3w-Passw0rd!",
  );
  assert.ok(done.ok, done.out);
});
