import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { operations } from "../../src/operations/registry.ts";
import { MODEL_OPERATIONS } from "../../src/protocol/model-operations.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * docs/wire-protocol.md#requests: an operation of the model that hushpool lacks is named in its
 * UnknownOperationException, so the SDK shows it; a target outside the model gets AWS's wording.
 */
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.stop());

const missing = (auth: "iam" | "public"): string | undefined =>
  Object.entries(MODEL_OPERATIONS).find(([name, a]) => a === auth && !operations.has(name))?.[0];

test("the AWS SDK v3 shows the missing operation's name, not UnknownError", async (t) => {
  for (const auth of ["iam", "public"] as const) {
    const name = missing(auth);
    if (!name) {
      t.diagnostic(`every ${auth} operation is implemented`);
      continue;
    }
    type AnyCommand = Parameters<sdk.CognitoIdentityProviderClient["send"]>[0];
    const Command = (sdk as unknown as Record<string, new (input: object) => AnyCommand>)[`${name}Command`];
    assert.ok(Command, name);
    const err = await s.client.send(new Command({})).then(
      () => assert.fail(`${name} answered`),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
    );
    assert.equal(err.name, "UnknownOperationException");
    assert.equal(err.message, `hushpool does not implement the cognito-idp operation ${name}.`);
    assert.equal(err.$metadata?.httpStatusCode, 400);
  }
});

test("a public operation's refusal is readable by a browser; an IAM one's is not", async () => {
  for (const auth of ["iam", "public"] as const) {
    const name = missing(auth);
    if (!name) continue;
    const r = await rawCall(s.url, name, "{}");
    assert.equal(r.headers.get("x-amzn-errortype"), "UnknownOperationException:");
    assert.equal(r.headers.get("access-control-allow-origin"), auth === "public" ? "*" : null);
  }
});

test("a target outside the model is not echoed", async () => {
  const r = await rawCall(s.url, "<script>NoSuchOperation", "{}");
  assert.equal(r.status, 400);
  assert.deepEqual(r.json, {
    __type: "UnknownOperationException",
    message: "The requested operation is not recognized by the service.",
  });
  const proto = await rawCall(s.url, "constructor", "{}");
  assert.equal(proto.json.message, "The requested operation is not recognized by the service.");
});
