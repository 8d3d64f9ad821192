import assert from "node:assert/strict";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FallbackInvoker } from "../../src/triggers/invokers/fallback-invoker.ts";
import type { InvokeOutcome, Invoker } from "../../src/triggers/invokers/invoker.ts";
import { TIMEOUT_CODE } from "../../src/triggers/invokers/invoker.ts";
import { LocalModuleInvoker } from "../../src/triggers/invokers/local-module-invoker.ts";

const ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
let dir: string;
let invoker: LocalModuleInvoker;

const modules: Record<string, string> = {
  "async-echo.mjs":
    "export const handler = async (event) => ({ ...event, response: { autoConfirmUser: true } });",
  "callback.cjs":
    "exports.handler = (event, context, callback) => { setImmediate(() => callback(null, { ...event, response: { n: 1 } })); };",
  "typed.ts": [
    "interface Ev { request: { userAttributes: Record<string, string> }; response: Record<string, unknown> }",
    "export async function handler(event: Ev): Promise<Ev> { event.response = { email: event.request.userAttributes.email }; return event; }",
  ].join("\n"),
  "default-export.mjs": "export default { handler: async () => 'from default' };",
  "returns-nothing.mjs": "export const handler = async () => {};",
  "sync-value.mjs": "export const handler = (event) => ({ sync: true });",
  "throws.mjs":
    "export const handler = async () => { throw new RangeError('Registration from this domain is not allowed.'); };",
  "callback-error.cjs": "exports.handler = (e, c, cb) => cb('plain string error');",
  "context.mjs":
    "export const handler = async (event, context) => ({ name: context.functionName, id: context.awsRequestId, left: context.getRemainingTimeInMillis() });",
  "mutates.mjs": "export const handler = async (event) => { event.request.changed = true; return event; };",
  "legacy-succeed.cjs": "exports.handler = (event, context) => { context.succeed({ legacy: true }); };",
  "never.cjs": "exports.handler = (event, context, callback) => {};",
  "no-handler.mjs": "export const other = 1;",
  "broken.mjs": "export const handler = async (event) => { return event +;",
  "circular.mjs": "export const handler = async () => { const a = {}; a.self = a; return a; };",
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "hushpool-fns-"));
  for (const [file, text] of Object.entries(modules)) await writeFile(join(dir, file), text);
  invoker = new LocalModuleInvoker(dir);
});
after(() => rm(dir, { recursive: true, force: true }));

const returned = (value: unknown): InvokeOutcome => ({ kind: "returned", value });

test("async handlers in .mjs, .ts and default exports return their value", async () => {
  const event = { request: { userAttributes: { email: "a@b.c" } }, response: {} };
  assert.deepEqual(
    await invoker.invoke(ARN("async-echo"), event, 5000),
    returned({ ...event, response: { autoConfirmUser: true } }),
  );
  assert.deepEqual(
    await invoker.invoke(ARN("typed"), event, 5000),
    returned({ ...event, response: { email: "a@b.c" } }),
  );
  assert.deepEqual(await invoker.invoke(ARN("default-export"), event, 5000), returned("from default"));
});

test("callback-style handlers and the legacy context.succeed settle the call", async () => {
  assert.deepEqual(
    await invoker.invoke(ARN("callback"), { a: 1 }, 5000),
    returned({ a: 1, response: { n: 1 } }),
  );
  assert.deepEqual(await invoker.invoke(ARN("legacy-succeed"), {}, 5000), returned({ legacy: true }));
  assert.deepEqual(await invoker.invoke(ARN("sync-value"), {}, 5000), returned({ sync: true }));
});

test("undefined comes back as JSON null, like Lambda", async () => {
  assert.deepEqual(await invoker.invoke(ARN("returns-nothing"), {}, 5000), returned(null));
});

test("thrown errors and callback errors are function errors", async () => {
  assert.deepEqual(await invoker.invoke(ARN("throws"), {}, 5000), {
    kind: "functionError",
    errorMessage: "Registration from this domain is not allowed.",
    errorType: "RangeError",
  });
  assert.deepEqual(await invoker.invoke(ARN("callback-error"), {}, 5000), {
    kind: "functionError",
    errorMessage: "plain string error",
    errorType: "string",
  });
});

test("the context carries functionName, awsRequestId and the remaining time", async () => {
  const out = await invoker.invoke(`${ARN("context")}:prod`, {}, 4000);
  assert.equal(out.kind, "returned");
  const v = (out.kind === "returned" ? out.value : {}) as { name: string; id: string; left: number };
  assert.equal(v.name, "context");
  assert.match(v.id, /^[0-9a-f-]{36}$/);
  assert.ok(v.left > 0 && v.left <= 4000);
});

test("the handler gets a copy of the event", async () => {
  const event = { request: {} as Record<string, unknown> };
  await invoker.invoke(ARN("mutates"), event, 5000);
  assert.deepEqual(event.request, {});
});

test("a handler that never finishes times out with Cognito's socket timeout", async () => {
  const out = await invoker.invoke(ARN("never"), {}, 30);
  assert.deepEqual(out.kind === "invocationFailed" && [out.code, out.retryable], [TIMEOUT_CODE, true]);
});

test("missing modules, missing handlers, broken modules and unserializable output", async () => {
  const missing = await invoker.invoke(ARN("nope"), {}, 5000);
  assert.deepEqual(missing.kind === "invocationFailed" && [missing.code, missing.retryable], [
    "ResourceNotFoundException",
    false,
  ]);
  const traversal = await invoker.invoke("../etc/passwd", {}, 5000);
  assert.equal(traversal.kind === "invocationFailed" && traversal.code, "ResourceNotFoundException");
  const noHandler = await invoker.invoke(ARN("no-handler"), {}, 5000);
  assert.equal(noHandler.kind === "functionError" && noHandler.errorType, "Runtime.HandlerNotFound");
  const broken = await invoker.invoke(ARN("broken"), {}, 5000);
  assert.equal(broken.kind === "functionError" && broken.errorType, "Runtime.ImportModuleError");
  assert.equal((await invoker.invoke(ARN("circular"), {}, 5000)).kind, "nonJson");
});

test("an edited module is re-imported on the next call", async () => {
  const file = join(dir, "edited.mjs");
  await writeFile(file, "export const handler = async () => 'first';");
  await utimes(file, 1_000_000, 1_000_000);
  assert.deepEqual(await invoker.invoke(ARN("edited"), {}, 5000), returned("first"));
  await writeFile(file, "export const handler = async () => 'second';");
  await utimes(file, 2_000_000, 2_000_000);
  assert.deepEqual(await invoker.invoke(ARN("edited"), {}, 5000), returned("second"));
});

test("FallbackInvoker runs local modules first and sends other functions to the endpoint", async () => {
  const calls: string[] = [];
  const remote: Invoker = {
    invoke: async (arn) => {
      calls.push(arn);
      return returned("remote");
    },
  };
  const both = new FallbackInvoker(invoker, remote);
  assert.deepEqual(await both.invoke(ARN("default-export"), {}, 5000), returned("from default"));
  assert.deepEqual(await both.invoke(ARN("only-remote"), {}, 5000), returned("remote"));
  assert.deepEqual(calls, [ARN("only-remote")]);
});

test("a two-parameter handler may finish later through the legacy context.done", async () => {
  const file = join(dir, "legacy-done.cjs");
  await writeFile(
    file,
    "exports.handler = function (event, context) { setImmediate(() => context.done(null, { later: true })); };",
  );
  assert.deepEqual(await invoker.invoke(ARN("legacy-done"), {}, 5000), returned({ later: true }));
});
