import assert from "node:assert/strict";
import { test } from "node:test";
import { CognitoError } from "../../src/domain/errors/index.ts";
import type { EnvelopeInput } from "../../src/triggers/events/index.ts";
import { preSignUpEvent, preTokenGenerationEvent } from "../../src/triggers/events/index.ts";
import type { InvokeOutcome, Invoker } from "../../src/triggers/invokers/invoker.ts";
import { NoInvoker, TIMEOUT_CODE } from "../../src/triggers/invokers/invoker.ts";
import { LambdaApiInvoker } from "../../src/triggers/invokers/lambda-api-invoker.ts";
import type { LambdaConfig } from "../../src/triggers/lambda-config.ts";
import { TriggerRunner } from "../../src/triggers/runner.ts";
import { waitFor } from "../helpers/fixtures.ts";
import { rawOutput, startLambdaStub } from "../helpers/lambda-stub.ts";

const ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const ctx: EnvelopeInput = {
  region: "us-east-1",
  userPoolId: "us-east-1_abcdefghi",
  userName: "alice",
  clientId: "client1",
};
const signUp = () => preSignUpEvent(ctx, "PreSignUp_SignUp", { userAttributes: { email: "a@b.c" } });

function scripted(...outcomes: InvokeOutcome[]) {
  const calls: Array<{ arn: string; payload: unknown; timeoutMs: number }> = [];
  const invoker: Invoker = {
    invoke: async (arn, payload, timeoutMs) => {
      calls.push({ arn, payload, timeoutMs });
      return outcomes[Math.min(calls.length, outcomes.length) - 1] ?? { kind: "returned", value: null };
    },
  };
  return { invoker, calls };
}

function logger() {
  const lines: Array<{ obj: object; msg: string }> = [];
  return { lines, log: { warn: (obj: object, msg: string) => void lines.push({ obj, msg }) } };
}

const runnerWith = (
  outcomes: InvokeOutcome[],
  config: LambdaConfig = { PreSignUp: ARN("pre") },
  attempts = 3,
) => {
  const s = scripted(...outcomes);
  const l = logger();
  return { runner: new TriggerRunner(config, s.invoker, l.log, { attempts }), ...s, ...l };
};

async function rejectsWith(p: Promise<unknown>, type: string, message: string) {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof CognitoError);
    assert.equal(err.type, type);
    assert.equal(err.message, message);
    assert.equal(err.status, 400);
    return true;
  });
}

test("has() follows the pool's LambdaConfig; PreTokenGenerationConfig.LambdaArn wins", () => {
  const runner = new TriggerRunner(
    {
      PreSignUp: ARN("a"),
      PostConfirmation: "",
      PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: ARN("t") },
    },
    new NoInvoker(),
    logger().log,
  );
  assert.equal(runner.has("PreSignUp"), true);
  assert.equal(runner.has("PostConfirmation"), false);
  assert.equal(runner.has("UserMigration"), false);
  assert.equal(runner.has("PreTokenGeneration"), true);
  assert.equal(runner.preTokenGenerationVersion(), "V2_0");
  assert.equal(
    new TriggerRunner(
      { PreTokenGeneration: ARN("t") },
      new NoInvoker(),
      logger().log,
    ).preTokenGenerationVersion(),
    "V1_0",
  );
});

test("returns the event with the function's response, nulls dropped, sent with Cognito's 5 s timeout", async () => {
  const event = signUp();
  const back = {
    ...event,
    response: { autoConfirmUser: true, autoVerifyEmail: null, autoVerifyPhone: false },
  };
  const { runner, calls } = runnerWith([{ kind: "returned", value: back }]);
  const out = await runner.run("PreSignUp", event);
  assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyPhone: false });
  assert.equal(out.userName, "alice");
  assert.deepEqual(calls, [{ arn: ARN("pre"), payload: event, timeoutMs: 5000 }]);
});

test("function error → UserLambdaValidationException, with the period appended even after one", async () => {
  const { runner, calls } = runnerWith([
    {
      kind: "functionError",
      errorMessage: "Registration from this domain is not allowed.",
      errorType: "Error",
    },
  ]);
  await rejectsWith(
    runner.run("PreSignUp", signUp()),
    "UserLambdaValidationException",
    "PreSignUp failed with error Registration from this domain is not allowed..",
  );
  assert.equal(calls.length, 1, "function errors are not retried");
});

test("invocation failure → UnexpectedLambdaException with the code, logged once with the detail", async () => {
  const { runner, lines } = runnerWith([
    { kind: "invocationFailed", code: "AccessDeniedException", detail: "denied by policy", retryable: false },
  ]);
  await rejectsWith(
    runner.run("PreSignUp", signUp()),
    "UnexpectedLambdaException",
    "PreSignUp invocation failed due to error AccessDeniedException.",
  );
  assert.equal(lines.length, 1);
  assert.match(lines[0]?.msg ?? "", /denied by policy/);
});

test("timeouts are retried up to three attempts, then reported as Cognito's socket timeout", async () => {
  const timeout: InvokeOutcome = {
    kind: "invocationFailed",
    code: TIMEOUT_CODE,
    detail: "slow",
    retryable: true,
  };
  const three = runnerWith([timeout]);
  await rejectsWith(
    three.runner.run("PreSignUp", signUp()),
    "UnexpectedLambdaException",
    "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
  );
  assert.equal(three.calls.length, 3);
  const recovers = runnerWith([timeout, { kind: "returned", value: signUp() }]);
  await recovers.runner.run("PreSignUp", signUp());
  assert.equal(recovers.calls.length, 2);
  const once = runnerWith([timeout], { PreSignUp: ARN("pre") }, 1);
  await assert.rejects(once.runner.run("PreSignUp", signUp()));
  assert.equal(once.calls.length, 1);
});

test("non-JSON output → InvalidLambdaResponseException: Invalid lambda function output : Invalid JSON", async () => {
  const { runner } = runnerWith([{ kind: "nonJson", body: "<html>" }]);
  await rejectsWith(
    runner.run("PreSignUp", signUp()),
    "InvalidLambdaResponseException",
    "Invalid lambda function output : Invalid JSON",
  );
});

test("not an event, or a response of the wrong shape → Unrecognizable lambda output, one log line", async () => {
  const wrong: unknown[] = [
    null,
    "",
    {},
    [],
    42,
    { response: "x" },
    { response: { autoConfirmUser: "yes" } },
  ];
  for (const value of wrong) {
    const { runner, lines } = runnerWith([{ kind: "returned", value }]);
    await rejectsWith(
      runner.run("PreSignUp", signUp()),
      "InvalidLambdaResponseException",
      "Unrecognizable lambda output",
    );
    assert.equal(lines.length, 1, JSON.stringify(value));
  }
  const { runner, lines } = runnerWith([{ kind: "returned", value: null }]);
  await assert.rejects(runner.run("PreSignUp", signUp()));
  assert.match(
    lines[0]?.msg ?? "",
    /returned null; Cognito answers InvalidLambdaResponseException.*return the event/,
  );
});

test("PreTokenGeneration: V1 rejects array claims, V2 accepts them", async () => {
  const input = { userAttributes: {}, groupConfiguration: {}, scopes: ["openid"] };
  const v1 = preTokenGenerationEvent(ctx, "TokenGeneration_Authentication", input, "V1_0");
  assert.equal(v1.version, "1");
  assert.equal("scopes" in v1.request, false);
  const bad = { ...v1, response: { claimsOverrideDetails: { claimsToAddOrOverride: { groups: ["a"] } } } };
  const r1 = runnerWith([{ kind: "returned", value: bad }], { PreTokenGeneration: ARN("t") });
  await rejectsWith(
    r1.runner.run("PreTokenGeneration", v1),
    "InvalidLambdaResponseException",
    "Unrecognizable lambda output",
  );

  const v2 = preTokenGenerationEvent(ctx, "TokenGeneration_Authentication", input, "V2_0");
  assert.equal(v2.version, "2");
  const ok = {
    ...v2,
    response: {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: { groups: ["a"] }, scopesToAdd: ["x"] },
      },
    },
  };
  const config = { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: ARN("t") } };
  const r2 = runnerWith([{ kind: "returned", value: ok }], config);
  const out = await r2.runner.run("PreTokenGeneration", v2);
  assert.deepEqual(out.response, ok.response);
});

test("no invoker configured → UnexpectedLambdaException ResourceNotFoundException", async () => {
  const runner = new TriggerRunner({ PreSignUp: ARN("pre") }, new NoInvoker(), logger().log);
  await rejectsWith(
    runner.run("PreSignUp", signUp()),
    "UnexpectedLambdaException",
    "PreSignUp invocation failed due to error ResourceNotFoundException.",
  );
});

test("running a trigger the pool does not configure is a programming error", async () => {
  const runner = new TriggerRunner({}, new NoInvoker(), logger().log);
  await assert.rejects(runner.run("PreSignUp", signUp()), (e: unknown) => !(e instanceof CognitoError));
});

test("through the Lambda stub: every error message, exactly", async () => {
  const stub = await startLambdaStub();
  try {
    stub
      .on("throws", () => {
        throw new Error("Not allowed.");
      })
      .on("text", () => rawOutput("OK"))
      .on("nothing", () => undefined)
      .on("slow", () => new Promise(() => {}));
    const invoker = new LambdaApiInvoker(stub.url);
    const run = (name: string, timeoutMs = 5000) =>
      new TriggerRunner({ PreSignUp: ARN(name) }, invoker, logger().log, { timeoutMs, attempts: 2 }).run(
        "PreSignUp",
        signUp(),
      );
    await rejectsWith(
      run("throws"),
      "UserLambdaValidationException",
      "PreSignUp failed with error Not allowed..",
    );
    await rejectsWith(
      run("text"),
      "InvalidLambdaResponseException",
      "Invalid lambda function output : Invalid JSON",
    );
    await rejectsWith(run("nothing"), "InvalidLambdaResponseException", "Unrecognizable lambda output");
    await rejectsWith(
      run("missing"),
      "UnexpectedLambdaException",
      "PreSignUp invocation failed due to error ResourceNotFoundException.",
    );
    stub.clear();
    await rejectsWith(
      run("slow", 40),
      "UnexpectedLambdaException",
      "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
    );
    // The retry's request may reach a loaded machine's stub after the runner gave up on it (40 ms).
    await waitFor(() => stub.eventsFor("slow").length >= 2, { timeoutMs: 2000 }).catch(() => undefined);
    assert.equal(stub.eventsFor("slow").length, 2, "retried once with attempts: 2");
  } finally {
    await stub.close();
  }
});
