import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { PreSignUpEvent } from "../../src/triggers/events/index.ts";
import {
  customMessageEvent,
  defineAuthChallengeEvent,
  preAuthenticationEvent,
  preSignUpEvent,
} from "../../src/triggers/events/index.ts";
import { createTriggerRunnerFactory } from "../../src/triggers/factory.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import { startLambdaStub } from "../helpers/lambda-stub.ts";

const ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const ctx = { region: "us-east-1", userPoolId: "us-east-1_pool", userName: "bob", clientId: "c1" };
const silent = { warn: () => {} };
let stub: LambdaStub;
let dir: string;

before(async () => {
  stub = await startLambdaStub();
  stub.on<PreSignUpEvent>("remote-signup", (e) => ({
    ...e,
    response: { ...e.response, autoVerifyEmail: true },
  }));
  dir = await mkdtemp(join(tmpdir(), "hushpool-factory-"));
  await writeFile(
    join(dir, "local-signup.mjs"),
    "export const handler = async (e) => ({ ...e, response: { ...e.response, autoConfirmUser: true } });",
  );
});
after(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

test("each pool gets its own triggers from its LambdaConfig", async () => {
  const forPool = createTriggerRunnerFactory(
    { lambdaEndpoint: "", functions: dir, region: "us-east-1" },
    silent,
  );
  const poolA = forPool({ PreSignUp: ARN("local-signup") });
  const poolB = forPool({ PostConfirmation: ARN("local-signup") });
  const none = forPool(undefined);
  assert.equal(poolA.has("PreSignUp"), true);
  assert.equal(poolB.has("PreSignUp"), false);
  assert.equal(none.has("PreSignUp"), false);
  const event = preSignUpEvent(ctx, "PreSignUp_SignUp", { userAttributes: {} });
  assert.equal((await poolA.run("PreSignUp", event)).response.autoConfirmUser, true);
});

test("with both options, local modules run in-process and the rest go to the endpoint", async () => {
  const forPool = createTriggerRunnerFactory(
    { lambdaEndpoint: stub.url, functions: dir, region: "us-east-1" },
    silent,
  );
  const event = preSignUpEvent(ctx, "PreSignUp_SignUp", { userAttributes: {} });
  const local = await forPool({ PreSignUp: ARN("local-signup") }).run("PreSignUp", event);
  const remote = await forPool({ PreSignUp: ARN("remote-signup") }).run("PreSignUp", event);
  assert.deepEqual(local.response, { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
  assert.deepEqual(remote.response, {
    autoConfirmUser: false,
    autoVerifyEmail: true,
    autoVerifyPhone: false,
  });
});

test("with neither option a configured trigger fails like an unknown function", async () => {
  const forPool = createTriggerRunnerFactory(
    { lambdaEndpoint: "", functions: "", region: "us-east-1" },
    silent,
  );
  const event = preSignUpEvent(ctx, "PreSignUp_SignUp", { userAttributes: {} });
  await assert.rejects(forPool({ PreSignUp: ARN("x") }).run("PreSignUp", event), {
    type: "UnexpectedLambdaException",
    message: "PreSignUp invocation failed due to error ResourceNotFoundException.",
  });
});

test("event builders produce Cognito's envelope and documented request/response defaults", () => {
  const pre = preAuthenticationEvent(
    { ...ctx, clientId: undefined },
    { userAttributes: {}, userNotFound: true },
  );
  assert.deepEqual(pre, {
    version: "1",
    triggerSource: "PreAuthentication_Authentication",
    region: "us-east-1",
    userPoolId: "us-east-1_pool",
    userName: "bob",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "CLIENT_ID_NOT_APPLICABLE" },
    request: { userAttributes: {}, userNotFound: true },
    response: {},
  });
  const msg = customMessageEvent(ctx, "CustomMessage_AdminCreateUser", {
    userAttributes: { email: "b@c.d" },
  });
  assert.equal(msg.request.codeParameter, "{####}");
  assert.equal(msg.request.usernameParameter, "{username}");
  assert.deepEqual(msg.response, { smsMessage: null, emailMessage: null, emailSubject: null });
  assert.equal(
    customMessageEvent(ctx, "CustomMessage_SignUp", { userAttributes: {} }).request.usernameParameter,
    null,
  );
  const define = defineAuthChallengeEvent(ctx, {
    userAttributes: {},
    session: [{ challengeName: "SRP_A", challengeResult: true }],
  });
  assert.deepEqual(define.response, { challengeName: null, issueTokens: null, failAuthentication: null });
});
