import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { EXISTENCE_PROFILE_TAG } from "../../src/domain/existence/index.ts";
import { type AwsCli, awsCliSkip, hasAwsCli, openAwsCli } from "../helpers/aws-cli.ts";
import {
  createClient,
  createPool,
  expectCognitoError,
  outbox,
  putUser,
  rejectionOf,
  uniq,
} from "../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Choosing a profile (docs/existence.md#choosing-a-profile): the pool tag, the server default, what an
 * invalid tag and an update without tags do; the strict SignUp answer on the wire; lower-case masks in
 * both profiles; and the tag through the AWS CLI.
 */
let s: TestServer;
let strictServer: TestServer;
let cli: AwsCli | undefined;
const TAG = EXISTENCE_PROFILE_TAG;
const BAD_TAG = "The value of the user pool tag hushpool:existence-profile must be cognito or strict.";

before(async () => {
  s = await startTestServer();
  strictServer = await startTestServer({ existenceProfile: "strict" });
  if (hasAwsCli) cli = openAwsCli(s.url);
});
after(async () => {
  await cli?.close();
  await s.stop();
  await strictServer.stop();
});

/** SignUp of a taken username: UsernameExistsException in the cognito profile, success in strict. */
async function takenSignUp(server: TestServer, poolId: string): Promise<string> {
  const clientId = await createClient(server, poolId, "ENABLED");
  const name = uniq("taken");
  await putUser(server, poolId, { username: name });
  try {
    await server.client.send(
      new SignUpCommand({ ClientId: clientId, Username: name, Password: "Passw0rd!" }),
    );
    return "success";
  } catch (e) {
    return (e as Error).name;
  }
}

test("the tag chooses the profile; untagged pools take --existence-profile (cognito unless given)", async () => {
  assert.equal(await takenSignUp(s, await createPool(s)), "UsernameExistsException");
  assert.equal(await takenSignUp(s, await createPool(s, { UserPoolTags: { [TAG]: "strict" } })), "success");
  assert.equal(await takenSignUp(strictServer, await createPool(strictServer)), "success");
  const cognito = await createPool(strictServer, { UserPoolTags: { [TAG]: "cognito" } });
  assert.equal(await takenSignUp(strictServer, cognito), "UsernameExistsException");
});

test("a tag naming no profile is refused by CreateUserPool and UpdateUserPool; other tags are free", async () => {
  for (const value of ["Strict", "", "none"]) {
    await expectCognitoError(
      s.client.send(new CreateUserPoolCommand({ PoolName: "p", UserPoolTags: { [TAG]: value } })),
      "InvalidParameterException",
      BAD_TAG,
    );
  }
  const poolId = await createPool(s, { UserPoolTags: { [TAG]: "strict", team: "auth" } });
  const bad = await rejectionOf(
    s.client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolTags: { [TAG]: "STRICT" } })),
  );
  assert.deepEqual(bad, { name: "InvalidParameterException", message: BAD_TAG });
  const d = await s.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  assert.deepEqual(
    d.UserPool?.UserPoolTags,
    { [TAG]: "strict", team: "auth" },
    "the refused update changed nothing",
  );
});

test("UpdateUserPool replaces the tags: without the profile tag the pool returns to the server default", async () => {
  const poolId = await createPool(s, { UserPoolTags: { [TAG]: "strict" } });
  assert.equal(await takenSignUp(s, poolId), "success");
  await s.client.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
  assert.equal(await takenSignUp(s, poolId), "UsernameExistsException");
  await s.client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolTags: { [TAG]: "strict" } }));
  assert.equal(await takenSignUp(s, poolId), "success");
});

test("strict SignUp on the wire: a taken name answers a new name's bytes (members, order, length)", async () => {
  const poolId = await createPool(s, {
    UserPoolTags: { [TAG]: "strict" },
    AutoVerifiedAttributes: ["email"],
  });
  const clientId = await createClient(s, poolId, "ENABLED");
  const holder = await putUser(s, poolId, { username: "holder01", attributes: { email: "h@example.com" } });
  const signUp = (Username: string, email: string) =>
    rawCall(
      s.url,
      "SignUp",
      JSON.stringify({
        ClientId: clientId,
        Username,
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
  const fresh = await signUp("newbie01", "ann@example.com");
  const taken = await signUp("holder01", "bob@example.com");
  assert.equal(taken.status, fresh.status);
  assert.deepEqual(Object.keys(taken.json), Object.keys(fresh.json));
  assert.equal(taken.headers.get("content-length"), fresh.headers.get("content-length"));
  assert.equal(taken.headers.get("content-type"), fresh.headers.get("content-type"));
  assert.deepEqual(taken.json.CodeDeliveryDetails, {
    AttributeName: "email",
    DeliveryMedium: "EMAIL",
    Destination: "b***@e***",
  });
  const notices = (await outbox(s, poolId, holder.username)).map((m) => [m.purpose, m.destination, m.code]);
  assert.deepEqual(notices, [["SIGN_UP_NOTICE", "h@example.com", null]]);
  // The notice carries no code, and ConfirmSignUp for the taken name is a mismatch like a wrong code.
  const confirm = await rawCall(
    s.url,
    "ConfirmSignUp",
    JSON.stringify({ ClientId: clientId, Username: "holder01", ConfirmationCode: "123456" }),
  );
  assert.equal(confirm.json.__type, "CodeMismatchException");
});

test("(d) masks are lower case in both profiles: a stored capital does not mark a real user", async () => {
  for (const profile of ["cognito", "strict"] as const) {
    const poolId = await createPool(s, {
      UserPoolTags: { [TAG]: profile },
      AutoVerifiedAttributes: ["email"],
    });
    const clientId = await createClient(s, poolId, "ENABLED");
    const name = "Carol@Example.COM";
    await putUser(s, poolId, { username: "carol", attributes: { email: name, email_verified: "true" } });
    const r = await rawCall(
      s.url,
      "ForgotPassword",
      JSON.stringify({ ClientId: clientId, Username: "carol" }),
    );
    const d = r.json.CodeDeliveryDetails as { Destination: string };
    assert.equal(d.Destination, d.Destination.toLowerCase(), profile);
    if (profile === "cognito") assert.equal(d.Destination, "c***@e***");
  }
});

test("the tag through the AWS CLI: create-user-pool --user-pool-tags", { skip: awsCliSkip }, async () => {
  assert.ok(cli);
  const made = await cli.run(
    "create-user-pool",
    "--pool-name",
    "cli-strict",
    "--user-pool-tags",
    JSON.stringify({ [TAG]: "strict" }),
  );
  assert.equal(made.code, 0, made.stderr);
  const poolId = (JSON.parse(made.stdout) as { UserPool: { Id: string } }).UserPool.Id;
  assert.equal(await takenSignUp(s, poolId), "success");
  const refused = await cli.run(
    "create-user-pool",
    "--pool-name",
    "cli-bad",
    "--user-pool-tags",
    JSON.stringify({ [TAG]: "paranoid" }),
  );
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /InvalidParameterException.*must be cognito or strict/);
});
