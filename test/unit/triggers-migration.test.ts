import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { CognitoError } from "../../src/domain/errors/index.ts";
import type { UserMigrationEvent } from "../../src/triggers/events/index.ts";
import { userMigrationEvent } from "../../src/triggers/events/index.ts";
import { LambdaApiInvoker } from "../../src/triggers/invokers/lambda-api-invoker.ts";
import { LocalModuleInvoker } from "../../src/triggers/invokers/local-module-invoker.ts";
import { TriggerRunner } from "../../src/triggers/runner.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import { rawOutput, startLambdaStub } from "../helpers/lambda-stub.ts";

const CLIENT = "4i2oaatugssocd44d40kb55kni";
const ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const input = { region: "us-east-1", userPoolId: "us-east-1_abcdefghi", userName: "ghost", clientId: CLIENT };
const signIn = () =>
  userMigrationEvent(input, "UserMigration_Authentication", { password: "Passw0rd!", validationData: null });
const forgot = () => userMigrationEvent(input, "UserMigration_ForgotPassword", {});

/** What a Go `events.CognitoEventUserPoolsMigrateUser` with an untouched Response serializes to. */
const goEmptyResponse = {
  userAttributes: null,
  finalUserStatus: "",
  messageAction: "",
  desiredDeliveryMediums: null,
  forceAliasCreation: false,
};

let stub: LambdaStub;
let dir: string;
before(async () => {
  stub = await startLambdaStub();
  stub
    .on<UserMigrationEvent>("event-unchanged", (e) => e)
    .on<UserMigrationEvent>("response-empty-object", (e) => ({ ...e, response: {} }))
    .on<UserMigrationEvent>("response-null", (e) => ({ ...e, response: null }))
    .on<UserMigrationEvent>("go-empty-response", (e) => ({ ...e, response: goEmptyResponse }))
    .on("only-response", () => ({ response: {} }))
    .on("go-nil", () => rawOutput("null"))
    .on("go-empty-string", () => rawOutput('""'))
    .on("go-empty-struct", () => rawOutput("{}"))
    .on("array", () => [])
    .on("throws", () => {
      throw new Error("User does not exist");
    })
    .on<UserMigrationEvent>("migrates", (e) => ({
      ...e,
      response: {
        userAttributes: { email: "ghost@example.com", email_verified: "true" },
        messageAction: "SUPPRESS",
      },
    }))
    .on<UserMigrationEvent>("bad-status", (e) => ({
      ...e,
      response: { userAttributes: { a: "b" }, finalUserStatus: "ACTIVE" },
    }));
  dir = await mkdtemp(join(tmpdir(), "hushpool-migrate-"));
  await writeFile(join(dir, "returns-null.mjs"), "export const handler = async () => null;");
  await writeFile(
    join(dir, "forgets-return.mjs"),
    "export const handler = async (event) => { event.response = {}; };",
  );
  await writeFile(join(dir, "declines.mjs"), "export const handler = async (event) => event;");
  await writeFile(
    join(dir, "migrates.cjs"),
    "exports.handler = (event, context, cb) => { event.response.userAttributes = { email: 'x@y.z' }; event.response.finalUserStatus = 'RESET_REQUIRED'; cb(null, event); };",
  );
});
after(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

function runner(name: string, where: "api" | "local" = "api") {
  const lines: string[] = [];
  const invoker = where === "api" ? new LambdaApiInvoker(stub.url) : new LocalModuleInvoker(dir);
  const r = new TriggerRunner({ UserMigration: ARN(name) }, invoker, {
    warn: (_o, msg) => void lines.push(msg),
  });
  return { r, lines };
}

test("the event returned with an empty response is 'empty' (the caller simulates under ENABLED)", async () => {
  for (const name of [
    "event-unchanged",
    "response-empty-object",
    "response-null",
    "go-empty-response",
    "only-response",
  ]) {
    const { r, lines } = runner(name);
    assert.deepEqual(await r.runMigration(signIn()), { kind: "empty" }, name);
    assert.deepEqual(await r.runMigration(forgot()), { kind: "empty" }, name);
    assert.deepEqual(lines, [], name);
  }
  assert.deepEqual(await runner("declines", "local").r.runMigration(signIn()), { kind: "empty" });
});

test('null, "", {} (the Go seed) and other non-events give UserNotFoundException with the client id', async () => {
  for (const name of ["go-nil", "go-empty-string", "go-empty-struct", "array"]) {
    const { r, lines } = runner(name);
    const result = await r.runMigration(signIn());
    assert.equal(result.kind, "notAnEvent", name);
    if (result.kind !== "notAnEvent") continue;
    assert.ok(result.error instanceof CognitoError);
    assert.equal(result.error.type, "UserNotFoundException");
    assert.equal(result.error.message, `Exception migrating user in app client ${CLIENT}`);
    assert.equal(lines.length, 1, name);
  }
  for (const name of ["returns-null", "forgets-return"]) {
    assert.equal((await runner(name, "local").r.runMigration(signIn())).kind, "notAnEvent", name);
  }
});

test("the log line says what was returned, what Cognito answers and what to return instead", async () => {
  const { r, lines } = runner("go-nil");
  await r.runMigration(signIn());
  assert.equal(lines.length, 1);
  const line = lines[0] ?? "";
  assert.match(line, /^UserMigration function returned null;/);
  assert.match(line, new RegExp(`Exception migrating user in app client ${CLIENT}`));
  assert.match(line, /return the event you received with its response left empty/);
  assert.doesNotMatch(line, /\n/);
});

test("a throwing function gives UserLambdaValidationException and a hint that it reveals the user", async () => {
  const { r, lines } = runner("throws");
  await assert.rejects(r.runMigration(signIn()), {
    name: "Error",
    type: "UserLambdaValidationException",
    message: "UserMigration failed with error User does not exist.",
  });
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? "", /response left empty/);
});

test("attributes mean a migrated user, with Cognito's defaults filled in", async () => {
  const viaApi = await runner("migrates").r.runMigration(signIn());
  assert.deepEqual(viaApi, {
    kind: "migrated",
    user: {
      userAttributes: { email: "ghost@example.com", email_verified: "true" },
      finalUserStatus: "CONFIRMED",
      messageAction: "SUPPRESS",
      desiredDeliveryMediums: ["SMS"],
      forceAliasCreation: false,
      enableSMSMFA: false,
    },
  });
  const forgotten = await runner("migrates").r.runMigration(forgot());
  assert.equal(forgotten.kind === "migrated" && forgotten.user.finalUserStatus, "RESET_REQUIRED");
  const local = await runner("migrates", "local").r.runMigration(signIn());
  assert.equal(local.kind === "migrated" && local.user.finalUserStatus, "RESET_REQUIRED");
  assert.deepEqual(local.kind === "migrated" && local.user.userAttributes, { email: "x@y.z" });
});

test("a response Cognito cannot read is Unrecognizable lambda output", async () => {
  await assert.rejects(runner("bad-status").r.runMigration(signIn()), {
    type: "InvalidLambdaResponseException",
    message: "Unrecognizable lambda output",
  });
});

test("the function receives the documented event", async () => {
  stub.clear();
  await runner("event-unchanged").r.runMigration(signIn());
  const [event] = stub.eventsFor("event-unchanged") as UserMigrationEvent[];
  assert.equal(event?.version, "1");
  assert.equal(event?.triggerSource, "UserMigration_Authentication");
  assert.equal(event?.userName, "ghost");
  assert.deepEqual(event?.callerContext, { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: CLIENT });
  assert.equal(event?.request.password, "Passw0rd!");
  assert.equal(event?.response.userAttributes, null);
});
