import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { TIMEOUT_CODE } from "../../src/triggers/invokers/invoker.ts";
import { LambdaApiInvoker } from "../../src/triggers/invokers/lambda-api-invoker.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import { rawOutput, StubFunctionError, startLambdaStub } from "../helpers/lambda-stub.ts";

const ARN = (name: string) => `arn:aws:lambda:eu-west-1:000000000000:function:${name}`;
let stub: LambdaStub;
let invoker: LambdaApiInvoker;

before(async () => {
  stub = await startLambdaStub();
  invoker = new LambdaApiInvoker(`${stub.url}/`);
});
after(() => stub.close());

test('returns whatever JSON the function returned, including null, "" and {}', async () => {
  const values: unknown[] = [{ response: { ok: true } }, null, "", {}, 0, [1]];
  for (const [i, value] of values.entries()) {
    stub.on(`f${i}`, () => value);
    assert.deepEqual(await invoker.invoke(ARN(`f${i}`), { n: i }, 5000), { kind: "returned", value });
  }
});

test("posts the event to /2015-03-31/functions/<name>/invocations with the alias as Qualifier", async () => {
  stub.clear();
  stub.on("echo", (event) => event);
  const event = { version: "1", request: { userAttributes: { email: "a@b.c" } } };
  const out = await invoker.invoke(`${ARN("echo")}:live`, event, 5000);
  assert.deepEqual(out, { kind: "returned", value: event });
  const [call] = stub.invocations;
  assert.equal(call?.name, "echo");
  assert.equal(call?.qualifier, "live");
  assert.deepEqual(call?.event, event);
  assert.match(String(call?.headers.authorization), /\/eu-west-1\/lambda\/aws4_request/);
  assert.equal(call?.headers["x-amz-invocation-type"], "RequestResponse");
});

test("a bare function name is used as is", async () => {
  stub.on("plain-name", () => ({ response: {} }));
  assert.equal((await invoker.invoke("plain-name", {}, 5000)).kind, "returned");
});

test("X-Amz-Function-Error (Unhandled and Handled) is a function error with Lambda's message and type", async () => {
  stub.on("boom", () => {
    throw new TypeError("Registration from this domain is not allowed.");
  });
  assert.deepEqual(await invoker.invoke(ARN("boom"), {}, 5000), {
    kind: "functionError",
    errorMessage: "Registration from this domain is not allowed.",
    errorType: "TypeError",
  });
  stub.on("handled", () => {
    throw new StubFunctionError("nope", "Custom", "Handled");
  });
  assert.deepEqual(await invoker.invoke(ARN("handled"), {}, 5000), {
    kind: "functionError",
    errorMessage: "nope",
    errorType: "Custom",
  });
});

test("non-JSON output is reported as such", async () => {
  stub.on("text", () => rawOutput("hello there"));
  assert.deepEqual(await invoker.invoke(ARN("text"), {}, 5000), { kind: "nonJson", body: "hello there" });
  stub.on("empty", () => rawOutput(""));
  assert.equal((await invoker.invoke(ARN("empty"), {}, 5000)).kind, "nonJson");
});

test("an unknown function is ResourceNotFoundException and is not retried", async () => {
  const out = await invoker.invoke(ARN("missing"), {}, 5000);
  assert.equal(out.kind, "invocationFailed");
  assert.equal(out.kind === "invocationFailed" && out.code, "ResourceNotFoundException");
  assert.equal(out.kind === "invocationFailed" && out.retryable, false);
});

test("service errors take their code from x-amzn-ErrorType, SAM's short names get the Exception suffix", async () => {
  const cases: Array<[number, Record<string, string>, string, string, boolean]> = [
    [
      404,
      { "x-amzn-errortype": "ResourceNotFound" },
      '{"Type":"User","Message":"Function not found"}',
      "ResourceNotFoundException",
      false,
    ],
    [
      403,
      { "x-amzn-errortype": "AccessDeniedException:http://internal" },
      "{}",
      "AccessDeniedException",
      false,
    ],
    [429, {}, "{}", "TooManyRequestsException", true],
    [502, {}, "bad gateway", "ServiceException", true],
    [
      409,
      {},
      '{"__type":"com.amazon#ResourceConflictException","message":"pending"}',
      "ResourceConflictException",
      false,
    ],
  ];
  for (const [i, [status, headers, body, code, retryable]] of cases.entries()) {
    stub.on(`svc${i}`, () => rawOutput(body, { status, headers }));
    const out = await invoker.invoke(ARN(`svc${i}`), {}, 5000);
    assert.deepEqual(
      out.kind === "invocationFailed" && [out.code, out.retryable],
      [code, retryable],
      `case ${i}`,
    );
  }
});

test("no answer within the timeout is Cognito's socket timeout, retryable", async () => {
  stub.on("slow", () => new Promise(() => {}));
  const out = await invoker.invoke(ARN("slow"), {}, 50);
  assert.deepEqual(out.kind === "invocationFailed" && [out.code, out.retryable], [TIMEOUT_CODE, true]);
});

test("an unreachable endpoint is a retryable ServiceException with the reason in the detail", async () => {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  const out = await new LambdaApiInvoker(`http://127.0.0.1:${port}`).invoke(ARN("x"), {}, 5000);
  assert.equal(out.kind, "invocationFailed");
  if (out.kind !== "invocationFailed") return;
  assert.equal(out.code, "ServiceException");
  assert.equal(out.retryable, true);
  assert.match(out.detail, /ECONNREFUSED|connect/);
});
